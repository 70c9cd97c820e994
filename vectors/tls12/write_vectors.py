# Turns /tmp/hrec/captures.json (from capture_openssl.py) into the vector files.
import json
d = json.load(open('/tmp/hrec/captures.json'))
HOW = """# How it was produced: `openssl s_server -tls1_2 -cipher {cipher}` and `openssl s_client
# -tls1_2 -cipher {cipher} -keylogfile ...` (OpenSSL 3.0.19, a throwaway P-256 self-signed
# certificate) talked on 127.0.0.1 through a small Python relay that recorded the raw TCP bytes
# of each direction. The client sent "hello from openssl s_client\\n", the server
# "hello from openssl s_server\\n", then the client closed (close_notify). The key block was
# derived by hand in Python with the TLS 1.2 PRF (RFC 5246 §5, {prf}) from the key log's
# CLIENT_RANDOM master secret: key_block = PRF(master_secret, "key expansion",
# server_random + client_random) = client_write_key | server_write_key | client_write_iv |
# server_write_iv (AEAD suites have no MAC keys). Every protected record was decrypted with
# Python's `cryptography` package (not tlsock) to get the plaintext.
#
# First case: the key derivation inputs and outputs. Then one case per protected record:
# direction, write key and fixed IV of that direction, sequence number, content type,
# plaintext, the record exactly as on the wire. explicit_nonce_start (AES-GCM) is OpenSSL's
# first explicit nonce: it starts at a random value and counts up with the sequence number.
"""
HOW13 = """# How it was produced: `openssl s_server -tls1_3 -ciphersuites {cipher}` and `openssl s_client
# -tls1_3 -ciphersuites {cipher} -keylogfile ...` (OpenSSL 3.0.19, a throwaway P-256 self-signed
# certificate) talked on 127.0.0.1 through a small Python relay that recorded the raw TCP bytes
# of each direction. The client sent "hello from openssl s_client\\n", the server
# "hello from openssl s_server\\n", then the client closed (close_notify). RFC 8448 has no
# ChaCha20 or AES-256 trace; this is the outside-tlsock vector for those TLS 1.3 suites.
# secret is the key log's traffic secret for that record ([CLIENT|SERVER]_HANDSHAKE_TRAFFIC_SECRET
# or [CLIENT|SERVER]_TRAFFIC_SECRET_0); key and iv were derived from it by hand in Python with
# HKDF-Expand-Label (RFC 8446 §7.3, {hash}) and every record was decrypted with Python's
# `cryptography` package (not tlsock). type is the inner content type, plaintext the content
# without the type byte (OpenSSL sends no padding).
"""
def emit(path, lines_header, cases):
    with open(path, 'w') as f:
        f.write(lines_header)
        for c in cases:
            f.write('\n')
            for k, v in c.items():
                f.write(f'{k} = {v}\n')

names12 = {'ECDHE-ECDSA-AES128-GCM-SHA256': 'ecdhe_ecdsa_aes128_gcm_sha256',
           'ECDHE-ECDSA-AES256-GCM-SHA384': 'ecdhe_ecdsa_aes256_gcm_sha384',
           'ECDHE-ECDSA-CHACHA20-POLY1305': 'ecdhe_ecdsa_chacha20_poly1305'}
for cipher, fname in names12.items():
    hdr, cases = d[cipher]
    header = f"# TLS 1.2 {hdr['suite']}: protected records of a real OpenSSL session.\n" + \
        HOW.format(cipher=cipher, prf=hdr['prf_hash'].upper().replace('SHA', 'SHA-'))
    client = [c for c in cases if c['direction'] == 'client'][0]
    server = [c for c in cases if c['direction'] == 'server'][0]
    deriv = dict(name='key block', suite=hdr['suite'], prf_hash=hdr['prf_hash'],
                 master_secret=hdr['master_secret'], client_random=hdr['client_random'],
                 server_random=hdr['server_random'], client_write_key=client['key'],
                 server_write_key=server['key'], client_write_iv=client['iv'], server_write_iv=server['iv'])
    out = [deriv]
    for c in cases:
        e = dict(name=c['name'], direction=c['direction'], key=c['key'], iv=c['iv'], sequence=c['sequence'])
        if 'GCM' in cipher:
            first = int(c['record'][10:26], 16) - c['sequence']
            e['explicit_nonce_start'] = f'{first:016x}'
        e.update(type=c['type'], plaintext=c['plaintext'], record=c['record'])
        out.append(e)
    emit(f'/work/main/vectors/tls12/{fname}.txt', header, out)

names13 = {'TLS_CHACHA20_POLY1305_SHA256': 'openssl_chacha20_poly1305_sha256_records',
           'TLS_AES_256_GCM_SHA384': 'openssl_aes_256_gcm_sha384_records'}
for cipher, fname in names13.items():
    hdr, cases = d[cipher]
    header = f"# TLS 1.3 {cipher}: protected records of a real OpenSSL session.\n" + \
        HOW13.format(cipher=cipher, hash=hdr['hash'].upper().replace('SHA', 'SHA-'))
    out = [dict(name=c['name'], direction=c['direction'], secret=c['secret'], key=c['key'], iv=c['iv'],
                sequence=c['sequence'], type=c['type'], plaintext=c['plaintext'], record=c['record']) for c in cases]
    emit(f'/work/main/vectors/tls13/{fname}.txt', header, out)
