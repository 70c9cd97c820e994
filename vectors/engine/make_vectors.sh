#!/usr/bin/env bash
# Regenerates the certificates of the engine and interop tests (tests/unit/engine,
# tests/interop) with the openssl CLI: a tool used once, offline; tlsock never links OpenSSL.
#
#   ca.pem / ca.key.pem              test root (ECDSA P-256), the trust anchor of every test
#   server-<kind>.pem / .key.pem     leaf + chain-less cert for each signature family:
#                                    p256, p384 (ECDSA), rsa2048 (rsaEncryption: rsa_pss_rsae_*),
#                                    ed25519; SAN localhost, example.test, 127.0.0.1
#   client-p256.pem / .key.pem       a client certificate (clientAuth)
#   other-ca.pem                     an unrelated root: a chain to it is unknown_ca
#   expired-p256.pem / .key.pem      a server leaf whose validity ended in 2001
# Validity is 100 years from generation, so fixed test clocks stay inside it.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key.pem \
  -out ca.pem -days $days -subj "/O=tlsock tests/CN=tlsock engine test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/other.key" \
  -out other-ca.pem -days $days -subj "/O=tlsock tests/CN=unrelated CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"

leaf() {  # name keyalg-args eku [extra x509 args]
  local name=$1 eku=$2; shift 2
  local keyargs=("$@")
  openssl genpkey "${keyargs[@]}" -out "$name.key.pem"
  openssl req -new -key "$name.key.pem" -subj "/O=tlsock tests/CN=$name" -out "$tmp/$name.csr"
  cat > "$tmp/$name.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=$eku
subjectAltName=DNS:localhost,DNS:example.test,IP:127.0.0.1
EXT
}
sign() {  # name [openssl x509 validity args]
  local name=$1; shift
  openssl x509 -req -in "$tmp/$name.csr" -CA ca.pem -CAkey ca.key.pem -CAcreateserial \
    -CAserial "$tmp/ca.srl" -extfile "$tmp/$name.ext" -out "$name.pem" "$@"
}

leaf server-p256 serverAuth -algorithm EC -pkeyopt ec_paramgen_curve:P-256
sign server-p256 -days $days
leaf server-p384 serverAuth -algorithm EC -pkeyopt ec_paramgen_curve:P-384
sign server-p384 -days $days
leaf server-rsa2048 serverAuth -algorithm RSA -pkeyopt rsa_keygen_bits:2048
sign server-rsa2048 -days $days
leaf server-ed25519 serverAuth -algorithm ED25519
sign server-ed25519 -days $days
leaf client-p256 clientAuth -algorithm EC -pkeyopt ec_paramgen_curve:P-256
sign client-p256 -days $days
# An expired leaf: signed with explicit dates in the past (x509 -req has no -not_after in 3.0,
# so use the ca command's -startdate/-enddate through a minimal config).
leaf expired-p256 serverAuth -algorithm EC -pkeyopt ec_paramgen_curve:P-256
mkdir -p "$tmp/ca/newcerts" && touch "$tmp/ca/index.txt" && echo 01 > "$tmp/ca/serial"
cat > "$tmp/ca.cnf" <<CNF
[ca]
default_ca = d
[d]
dir = $tmp/ca
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
default_md = sha256
policy = p
copy_extensions = none
[p]
organizationName = optional
commonName = supplied
CNF
openssl ca -batch -config "$tmp/ca.cnf" -cert ca.pem -keyfile ca.key.pem \
  -startdate 20000101000000Z -enddate 20010101000000Z -extfile "$tmp/expired-p256.ext" \
  -in "$tmp/expired-p256.csr" -out "$tmp/expired.pem" -notext
openssl x509 -in "$tmp/expired.pem" -out expired-p256.pem
