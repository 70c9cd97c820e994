# Turns one captured `openssl s_client -tls1_2 -msg -keylogfile` session into
# vectors/tls12_handshake/openssl_ecdhe_ecdsa_aes128_gcm_sha256.txt, checking every derived
# value with an independent TLS 1.2 PRF (hmac/hashlib) against OpenSSL's own bytes.
import hashlib, hmac, re, sys

def prf(secret, label, seed, n):
    seed = label + seed
    out, a = b"", seed
    while len(out) < n:
        a = hmac.new(secret, a, hashlib.sha256).digest()
        out += hmac.new(secret, a + seed, hashlib.sha256).digest()
    return out[:n]

log = open("client.log").read().splitlines()
msgs = []  # (direction, name, bytes)
i = 0
while i < len(log):
    m = re.match(r"^(<<<|>>>) TLS 1\.2, Handshake \[length ([0-9a-f]+)\], (\w+)", log[i])
    if m:
        hexs = ""
        i += 1
        while i < len(log) and log[i].startswith("    "):
            hexs += log[i].strip().replace(" ", "")
            i += 1
        msgs.append(("client" if m.group(1) == ">>>" else "server", m.group(3), bytes.fromhex(hexs)))
        continue
    i += 1
kl = [l.split() for l in open("keylog.txt") if l.startswith("CLIENT_RANDOM")][0]
client_random, ms = bytes.fromhex(kl[1]), bytes.fromhex(kl[2])
ch = msgs[0][2]
sh = msgs[1][2]
assert ch[6:38] == client_random
server_random = sh[6:38]
names = [n for _, n, _ in msgs]
fin = [k for k, n in enumerate(names) if n == "Finished"]
cke = names.index("ClientKeyExchange")
session_hash = hashlib.sha256(b"".join(b for _, _, b in msgs[: cke + 1])).digest()
c_hash = hashlib.sha256(b"".join(b for _, _, b in msgs[: fin[0]])).digest()
s_hash = hashlib.sha256(b"".join(b for _, _, b in msgs[: fin[1]])).digest()
c_vd = msgs[fin[0]][2][4:]
s_vd = msgs[fin[1]][2][4:]
assert prf(ms, b"client finished", c_hash, 12) == c_vd, "client Finished"
assert prf(ms, b"server finished", s_hash, 12) == s_vd, "server Finished"
kb = prf(ms, b"key expansion", server_random + client_random, 40)
exp_label = b"EXPERIMENTAL tlsock test"
exporter = [l for l in log if "Keying material:" in l][0].split(":")[1].strip().lower()
assert prf(ms, exp_label, client_random + server_random, 32).hex() == exporter, "exporter"
spki = open("spki.hex").read().strip()
out = []
w = out.append
w("# TLS 1.2 TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 handshake of real OpenSSL peers (OpenSSL 3.0.19).")
w("# How it was made (once): a throwaway P-256 self-signed certificate;")
w("#   openssl s_server -accept 127.0.0.1:PORT -cert cert.pem -key key.pem -tls1_2 \\")
w("#     -cipher ECDHE-ECDSA-AES128-GCM-SHA256 -naccept 1")
w("#   openssl s_client -connect 127.0.0.1:PORT -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256 -msg \\")
w("#     -keylogfile keylog.txt -keymatexport \"EXPERIMENTAL tlsock test\" -keymatexportlen 32 \\")
w("#     -servername localhost")
w("# The handshake messages are s_client's -msg dump (plaintext, Finished included); master_secret")
w("# is the key log's CLIENT_RANDOM line; exporter_output is s_client's \"Keying material\". A")
w("# Python script (plain hmac/hashlib TLS 1.2 PRF, not tlsock) checked that the two Finished")
w("# verify_data and the exporter follow from master_secret, and derived key_block. OpenSSL")
w("# negotiated extended master secret, so session_hash = SHA-256(ClientHello..ClientKeyExchange).")
w("# The pre-master secret is not known (ephemeral keys), so EMS derivation itself is checked in")
w("# tests against a hand computation instead.")
w("client_random = " + client_random.hex())
w("server_random = " + server_random.hex())
w("master_secret = " + ms.hex())
w("session_hash = " + session_hash.hex())
w("client_finished_hash = " + c_hash.hex())
w("client_verify_data = " + c_vd.hex())
w("server_finished_hash = " + s_hash.hex())
w("server_verify_data = " + s_vd.hex())
w("# key_block = client_write_key(16) | server_write_key(16) | client_write_iv(4) | server_write_iv(4)")
w("key_block = " + kb.hex())
w("exporter_label = " + exp_label.hex())
w("exporter_output = " + exporter)
w("server_spki = " + spki)
for k, (d, n, b) in enumerate(msgs):
    w("msg%02d_%s_%s = %s" % (k, d, n, b.hex()))
open(sys.argv[1], "w").write("\n".join(out) + "\n")
print("ok", names)
