# One-off tool that produced vectors/tls12/*.txt and vectors/tls13/openssl_*_records.txt:
# runs openssl s_server/s_client on 127.0.0.1 through a recording relay, derives keys from
# the key log and decrypts every record with the 'cryptography' package. Writes
# /tmp/hrec/captures.json; then run write_vectors.py. Not part of the build or the tests.
# Captures a real openssl s_client <-> s_server session on 127.0.0.1 through a relay,
# and decrypts every protected record with keys derived from the client's key log.
import os, socket, subprocess, sys, threading, time, hmac, hashlib, json
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

W = '/tmp/hrec/cap'
os.makedirs(W, exist_ok=True)
if not os.path.exists(f'{W}/key.pem'):
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256',
                    '-nodes', '-keyout', f'{W}/key.pem', '-out', f'{W}/cert.pem', '-days', '30',
                    '-subj', '/CN=localhost'], check=True, capture_output=True)

def free_port():
    s = socket.socket(); s.bind(('127.0.0.1', 0)); p = s.getsockname()[1]; s.close(); return p

def run(version, cipher):
    sp, pp = free_port(), free_port()
    kl = f'{W}/keylog_{cipher}.txt'
    if os.path.exists(kl): os.remove(kl)
    cipher_opt = ['-ciphersuites', cipher] if version == '1.3' else ['-cipher', cipher]
    vopt = '-tls1_3' if version == '1.3' else '-tls1_2'
    srv = subprocess.Popen(['openssl', 's_server', '-accept', f'127.0.0.1:{sp}', '-cert', f'{W}/cert.pem',
                            '-key', f'{W}/key.pem', vopt, *cipher_opt, '-naccept', '1'],
                           stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.7)
    lst = socket.socket(); lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.bind(('127.0.0.1', pp)); lst.listen(1)
    flows = {'c2s': bytearray(), 's2c': bytearray()}
    def relay(a, b, key):
        while True:
            try: d = a.recv(65536)
            except OSError: d = b''
            if not d:
                try: b.shutdown(socket.SHUT_WR)
                except OSError: pass
                return
            flows[key] += d
            b.sendall(d)
    def proxy():
        c, _ = lst.accept()
        s = socket.create_connection(('127.0.0.1', sp))
        t1 = threading.Thread(target=relay, args=(c, s, 'c2s')); t2 = threading.Thread(target=relay, args=(s, c, 's2c'))
        t1.start(); t2.start(); t1.join(); t2.join()
    pt = threading.Thread(target=proxy); pt.start()
    cli = subprocess.Popen(['openssl', 's_client', '-connect', f'127.0.0.1:{pp}', vopt, *cipher_opt,
                            '-keylogfile', kl, '-no_ign_eof'],
                           stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    cli.stdin.write(b'hello from openssl s_client\n'); cli.stdin.flush(); time.sleep(0.5)
    srv.stdin.write(b'hello from openssl s_server\n'); srv.stdin.flush(); time.sleep(0.5)
    cli.stdin.close(); time.sleep(0.7)
    for p in (cli, srv):
        if p.poll() is None: p.terminate()
        p.wait()
    pt.join(timeout=3); lst.close()
    return flows, open(kl).read()

def records(b):
    out, i = [], 0
    while i + 5 <= len(b):
        n = int.from_bytes(b[i+3:i+5], 'big')
        out.append(bytes(b[i:i+5+n])); i += 5 + n
    assert i == len(b), 'trailing bytes'
    return out

def p_hash(h, secret, seed, n):
    out, a = b'', seed
    while len(out) < n:
        a = hmac.new(secret, a, h).digest()
        out += hmac.new(secret, a + seed, h).digest()
    return out[:n]

def hkdf_expand_label(h, secret, label, ctx, n):
    info = n.to_bytes(2, 'big') + bytes([len(b'tls13 ' + label)]) + b'tls13 ' + label + bytes([len(ctx)]) + ctx
    out, t, i = b'', b'', 1
    while len(out) < n:
        t = hmac.new(secret, t + info + bytes([i]), h).digest(); out += t; i += 1
    return out[:n]

def aead(alg, key):
    return ChaCha20Poly1305(key) if alg == 'chacha' else AESGCM(key)

def nonce_xor(iv, seq):
    return bytes(a ^ b for a, b in zip(iv, (0).to_bytes(4, 'big') + seq.to_bytes(8, 'big')))

SUITES12 = {
    'ECDHE-ECDSA-AES128-GCM-SHA256': ('TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'aes_128_gcm', 16, 4, hashlib.sha256),
    'ECDHE-ECDSA-AES256-GCM-SHA384': ('TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'aes_256_gcm', 32, 4, hashlib.sha384),
    'ECDHE-ECDSA-CHACHA20-POLY1305': ('TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'chacha', 32, 12, hashlib.sha256),
}
SUITES13 = {
    'TLS_CHACHA20_POLY1305_SHA256': ('chacha', 32, hashlib.sha256),
    'TLS_AES_256_GCM_SHA384': ('aes_256_gcm', 32, hashlib.sha384),
}

def capture12(cipher):
    iana, alg, klen, ivlen, h = SUITES12[cipher]
    flows, kl = run('1.2', cipher)
    c2s, s2c = records(flows['c2s']), records(flows['s2c'])
    crandom = c2s[0][5+6:5+6+32]; srandom = s2c[0][5+6:5+6+32]
    ms = None
    for line in kl.splitlines():
        f = line.split()
        if f and f[0] == 'CLIENT_RANDOM' and bytes.fromhex(f[1]) == crandom: ms = bytes.fromhex(f[2])
    assert ms
    kb = p_hash(h, ms, b'key expansion' + srandom + crandom, 2*klen + 2*ivlen)
    ck, sk = kb[:klen], kb[klen:2*klen]; civ, siv = kb[2*klen:2*klen+ivlen], kb[2*klen+ivlen:]
    cases = []
    for direction, recs, key, iv in (('client', c2s, ck, civ), ('server', s2c, sk, siv)):
        seq, on = 0, False
        for r in recs:
            if r[0] == 20: on = True; continue
            if not on: continue
            body = r[5:]
            if alg == 'chacha': nonce, ct = nonce_xor(iv, seq), body
            else: nonce, ct = iv + body[:8], body[8:]
            plen = len(ct) - 16
            ad = seq.to_bytes(8, 'big') + r[0:3] + plen.to_bytes(2, 'big')
            pt = aead(alg, key).decrypt(nonce, ct, ad)
            cases.append(dict(name=f'{direction} {dict([(21,"alert"),(22,"Finished"),(23,"application data")])[r[0]]}',
                              direction=direction, key=key.hex(), iv=iv.hex(), sequence=seq, type=r[0],
                              plaintext=pt.hex(), record=r.hex()))
            seq += 1
    hdr = dict(suite=iana, prf_hash=h().name, master_secret=ms.hex(), client_random=crandom.hex(), server_random=srandom.hex())
    return hdr, cases

def capture13(cipher):
    alg, klen, h = SUITES13[cipher]
    flows, kl = run('1.3', cipher)
    c2s, s2c = records(flows['c2s']), records(flows['s2c'])
    crandom = c2s[0][5+6:5+6+32]
    secrets = {}
    for line in kl.splitlines():
        f = line.split()
        if f and not f[0].startswith('#') and bytes.fromhex(f[1]) == crandom: secrets[f[0]] = bytes.fromhex(f[2])
    cases = []
    for direction, recs, labels in (('client', c2s, ['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0']),
                                    ('server', s2c, ['SERVER_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_TRAFFIC_SECRET_0'])):
        ki, seq = 0, 0
        for r in recs:
            if r[0] != 23: continue
            while True:
                sec = secrets[labels[ki]]
                key = hkdf_expand_label(h, sec, b'key', b'', klen); iv = hkdf_expand_label(h, sec, b'iv', b'', 12)
                try:
                    inner = aead(alg, key).decrypt(nonce_xor(iv, seq), r[5:], r[:5]); break
                except Exception:
                    assert ki == 0; ki, seq = 1, 0
            i = len(inner)
            while inner[i-1] == 0: i -= 1
            cases.append(dict(name=f'{direction} {"handshake" if ki == 0 else "application"}-key record {seq} (inner type {inner[i-1]})',
                              direction=direction, secret=sec.hex(), key=key.hex(), iv=iv.hex(), sequence=seq,
                              type=inner[i-1], plaintext=inner[:i-1].hex(), record=r.hex()))
            seq += 1
    return dict(suite=cipher, hash=h().name), cases

if __name__ == '__main__':
    out = {}
    for c in SUITES12: out[c] = capture12(c)
    for c in SUITES13: out[c] = capture13(c)
    json.dump(out, open('/tmp/hrec/captures.json', 'w'), indent=1)
    for c, (hdr, cases) in out.items():
        print(c, hdr.get('suite'), [(x['name'], len(x['plaintext'])//2) for x in cases])
