#!/usr/bin/env bash
# Regenerates the certificates, keys and oracle files of tests/api/ssl_context*_test.cpp.
#
# The openssl CLI makes the certificates (a tool used once, offline; tlsock itself never uses
# OpenSSL). Python's ssl module, over the same OpenSSL, writes the expected answers, so the
# tests compare tlsock with the behaviour they port rather than with numbers typed by hand:
#   ca-rsa.get_ca_certs.repr   repr(ctx.get_ca_certs()) after load_verify_locations(ca-rsa.pem)
#   cipher_strings.txt         set_ciphers(s) for many s, restricted to tlsock's TLS 1.2 suites
#
# Files:
#   ca-rsa.pem, ca-ecdsa.pem          self-signed CAs (RSA 2048, P-256), basicConstraints CA
#   rsa.pem + rsa.key.pem             leaf (CN/SAN localhost) by ca-rsa, and its key (PKCS#8)
#   rsa-keycert.pem                   the two in one file (Python's keycert.pem)
#   rsa-chain.pem                     leaf then CA: a chain of two
#   rsa.key.encrypted.pem             the key as PBES2 (AES-256-CBC) PKCS#8, password somepass
#   rsa-keycert.encrypted.pem         leaf + encrypted key (Python's keycert.passwd.pem)
#   ecdsa.pem + ecdsa.key.pem         P-256 leaf by ca-ecdsa; ecdsa-keycert.pem both in one
#   bad.pem                           a key and a CERTIFICATE block of junk (Python's badcert.pem)
#   empty.pem                         nothing (Python's nullcert.pem)
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
days=36500

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/ca-rsa.key" -out ca-rsa.pem -days $days \
  -subj "/C=XY/O=tlsock tests/CN=tlsock context RSA CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/ca-ecdsa.key" \
  -out ca-ecdsa.pem -days $days -subj "/C=XY/O=tlsock tests/CN=tlsock context ECDSA CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"

leaf() {  # leaf <name> <keyalg options...>: key <name>.key.pem, certificate <name>.pem
  local name=$1 ca=$2
  shift 2
  openssl genpkey "$@" -out "$tmp/$name.key"
  openssl pkcs8 -topk8 -nocrypt -in "$tmp/$name.key" -out "$name.key.pem"
  openssl req -new -key "$name.key.pem" -subj "/C=XY/O=tlsock tests/CN=localhost" -out "$tmp/$name.csr"
  printf 'basicConstraints=critical,CA:FALSE\nsubjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n' \
    > "$tmp/$name.ext"
  openssl x509 -req -in "$tmp/$name.csr" -CA "$ca.pem" -CAkey "$tmp/$ca.key" -CAcreateserial \
    -CAserial "$tmp/$ca.srl" -days $days -extfile "$tmp/$name.ext" -out "$name.pem"
  cat "$name.pem" "$name.key.pem" > "$name-keycert.pem"
}
leaf rsa ca-rsa -algorithm RSA -pkeyopt rsa_keygen_bits:2048
leaf ecdsa ca-ecdsa -algorithm EC -pkeyopt ec_paramgen_curve:P-256
cat rsa.pem ca-rsa.pem > rsa-chain.pem

openssl pkcs8 -topk8 -v2 aes-256-cbc -in rsa.key.pem -passout pass:somepass \
  -out rsa.key.encrypted.pem
cat rsa.pem rsa.key.encrypted.pem > rsa-keycert.encrypted.pem

{ cat rsa.key.pem; printf -- '-----BEGIN CERTIFICATE-----\nJust bad cert data\n-----END CERTIFICATE-----\n'; } > bad.pem
: > empty.pem

python3 - <<'PY'
import ssl
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.load_verify_locations("ca-rsa.pem")
with open("ca-rsa.get_ca_certs.repr", "w") as f:
    f.write(repr(ctx.get_ca_certs()) + "\n")

# The TLS 1.2 suites tlsock has. OpenSSL's cipher-string operations act on each cipher on its
# own and keep relative order, so OpenSSL's answer restricted to these six is what tlsock's
# parser must give.
ours = ["ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256"]
aliases = ("ALL DEFAULT HIGH AESGCM AES128 AES256 AES CHACHA20 ECDHE EECDH ECDH kECDHE kEECDH "
           "ECDSA aECDSA aRSA RSA kRSA PSK aNULL eNULL NULL SHA256 SHA384 SHA SHA1 TLSv1.2 "
           "TLSv1.0 SSLv3 TLSv1 DHE EDH kDHE AECDH MEDIUM LOW AEAD ecdhe STRENGTH").split()
cases = aliases + ours + [
    "AESGCM:CHACHA20", "CHACHA20:AESGCM", "ALL:-AES128:AES128", "ALL:!AES128:AES128",
    "ALL:+AES128", "ALL:+aRSA", "ALL:-aRSA:+AES128:aRSA", "aRSA:ECDSA:@STRENGTH",
    "CHACHA20:AES128:AES256:@STRENGTH", "ECDHE+AESGCM+aRSA", "aRSA+ECDSA", "FOO:AESGCM",
    "ALL:^", "FOO^:AESGCM", "ALL,!ECDSA CHACHA20", "AES128;AES256", "ALL:-ALL:CHACHA20:ALL",
    "ALL:-CHACHA20:-AES256:ALL", "ALL:-AES256:-CHACHA20:ALL", "DEFAULT:!aRSA", "ALL:DEFAULT",
    "DEFAULT:@SECLEVEL=4", "@SECLEVEL=0:CHACHA20", "@SECLEVEL=5:AESGCM", "@SECLEVEL=6:ALL",
    "@SECLEVEL=10:ALL", "ALL:@SECLEVEL=x", "@STRENGTH", "@FOO:ALL", "ALL:@STRENGTH=1",
    "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305",
    "ECDHE-RSA-AES128-GCM-SHA256+aRSA", "ECDHE-RSA-AES128-GCM-SHA256+ECDSA",
    "!CHACHA20:ALL", "-CHACHA20:ALL", "+CHACHA20:ALL", "AES128+", "+", "ALL:!", "ALL::",
    "ALL: ", "", "ECDHE-ECDSA-AES128-GCM-SHA256-X", "AES128-GCM-SHA256", "ALL:-FOO+^",
    "HIGH:!aNULL:!eNULL:!MD5:!RC4", "ECDHE+CHACHA20:ECDHE+AES256:!ECDSA",
    "kECDHE+aECDSA+AES128:kECDHE+aRSA", "ALL:-ECDSA:-AES128:+CHACHA20:ECDSA:@STRENGTH",
    "ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM",
    "@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM",
    "^$:,;?*'dorothyx",
]
with open("cipher_strings.txt", "w") as f:
    f.write("# <cipher string> TAB <TLS 1.2 suites selected, in order> | ERROR\n")
    f.write("# Written by make_vectors.sh from Python's ssl over " + ssl.OPENSSL_VERSION + "\n")
    for s in cases:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        try:
            ctx.set_ciphers(s)
        except ssl.SSLError:
            f.write(f"{s}\tERROR\n")
            continue
        names = [d["name"] for d in ctx.get_ciphers() if d["name"] in ours]
        f.write(f"{s}\t{':'.join(names) if names else 'ERROR'}\n")
PY
