#!/usr/bin/env bash
# Regenerates the edge-case certificates of the Python-oracle test (run once; outputs are
# committed). Needs the openssl CLI and python3 (for raw DER extension values).
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

key() {  # key <file> <openssl genpkey args...>
  openssl genpkey -out "$work/$1" "${@:2}" 2>/dev/null
}
key rsa.key -algorithm RSA -pkeyopt rsa_keygen_bits:2048
key pss.key -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048
key p256.key -algorithm EC -pkeyopt ec_paramgen_curve:P-256
key p384.key -algorithm EC -pkeyopt ec_paramgen_curve:P-384
key p521.key -algorithm EC -pkeyopt ec_paramgen_curve:P-521
key ed25519.key -algorithm ED25519
key ed448.key -algorithm ED448

# cert <name> <key> <subject> [extra openssl req args...]
cert() {
  openssl req -x509 -new -key "$work/$2" -subj "$3" -out "$1.pem" "${@:4}" 2>/dev/null
}

# raw DER (hex) of a SEQUENCE OF GeneralName from python literals: (tag, bytes)
der_hex() { python3 -c "
import sys
def tlv(t, b):
    n = len(b)
    if n < 128: l = bytes([n])
    elif n < 256: l = bytes([0x81, n])
    else: l = bytes([0x82, n >> 8, n & 255])
    return bytes([t]) + l + b
items = $1
print(tlv(0x30, b''.join(tlv(t, v) for t, v in items)).hex())
"; }

cert key-rsa rsa.key "/CN=rsa.example/O=Key Types" -days 365 -set_serial 1
cert key-rsa-pss pss.key "/CN=pss.example" -days 365 -set_serial 2
cert key-p256 p256.key "/CN=p256.example" -days 365 -set_serial 3
cert key-p384 p384.key "/CN=p384.example" -days 365 -set_serial 4
cert key-p521 p521.key "/CN=p521.example" -days 365 -set_serial 5
cert key-ed25519 ed25519.key "/CN=ed25519.example" -days 365 -set_serial 6
cert key-ed448 ed448.key "/CN=ed448.example" -days 365 -set_serial 7

cert san-ipv6 p256.key "/CN=ipv6" -days 30 -set_serial 0x0a \
  -addext "subjectAltName=IP:2001:db8::1,IP:::1,IP:fe80::abcd:ef01,IP:192.0.2.7,DNS:v6.example"
cert san-dirname-rid p256.key "/CN=dirname" -days 30 -set_serial 0x0b \
  -addext "subjectAltName=dirName:dir_sect,RID:1.2.3.4.5,RID:1.3.6.1.5.5.7.3.1,email:a@example.org,URI:https://example.org/x" \
  -config <(printf '[req]\ndistinguished_name=dn\n[dn]\n[dir_sect]\nC=XY\nO=Dir Org\nCN=Dir Name\n')
cert san-othername p256.key "/CN=othername" -days 30 -set_serial 0x0c \
  -addext "subjectAltName=otherName:1.3.6.1.4.1.311.20.2.3;UTF8:upn@example.org,otherName:1.2.3.4;UTF8:unknown,otherName:1.3.6.1.4.1.311.20.2.3;IA5:notutf8,DNS:x.example"
cert san-nul p256.key "/CN=nul" -days 30 -set_serial 0x0d \
  -addext "2.5.29.17=DER:$(der_hex "[(0x82, b'altnull.python.org\x00example.com'), (0x81, b'null@python.org\x00user@example.org'), (0x86, b'http://null.python.org\x00http://example.org'), (0x87, b'\x7f\x00\x00\x01'), (0x87, b'\x00' * 16), (0x87, b'\x01\x02\x03')]")"
cert utf8-attributes rsa.key "/C=DE/ST=Bayern/L=München/O=Ünïcödé GmbH/OU=日本語/CN=emoji 😀 test/emailAddress=x@example.de" \
  -utf8 -days 30 -set_serial 0x0e
cert quotes-and-controls rsa.key "/CN=it's \"quoted\" \\\\ back/O=tab	here/OU=a'b" -days 30 -set_serial 0x0f
cert multivalued-rdn rsa.key "/DC=org/DC=example/O=Multi+OU=Valued+CN=mv.example/2.5.4.97=VATDE-123/1.2.3.4.5.6=unknown oid/serialNumber=12345/title=Dr" \
  -multivalue-rdn -days 30 -set_serial 0x10
cert serial-leading-zero rsa.key "/CN=serial 0x80" -days 30 -set_serial 0x80
cert serial-leading-zero-long rsa.key "/CN=serial 0x00ff.." -days 30 -set_serial 0xff00000000000000000000000000000000000001
cert serial-zero rsa.key "/CN=serial zero" -days 30 -set_serial 0
cert serial-small rsa.key "/CN=serial small" -days 30 -set_serial 0x0102
cert generalized-time-2060 p256.key "/CN=far future" -days 15000 -set_serial 0x11
cert aia-crldp p256.key "/CN=aia" -days 30 -set_serial 0x12 \
  -addext "authorityInfoAccess=OCSP;URI:http://ocsp.example/,caIssuers;URI:http://ca.example/ca.cer,OCSP;URI:http://ocsp2.example/" \
  -addext "crlDistributionPoints=URI:http://crl.example/a.crl,URI:http://crl.example/b.crl"
cert v1-cert rsa.key "/CN=v1" -days 30 -set_serial 0x13 -config <(printf '[req]\ndistinguished_name=dn\n[dn]\n') -x509v1 2>/dev/null || \
  openssl x509 -req -in <(openssl req -new -key "$work/rsa.key" -subj "/CN=v1" 2>/dev/null) -key "$work/rsa.key" -days 30 -set_serial 0x13 -out v1-cert.pem 2>/dev/null
cert empty-subject-san p256.key "/" -days 30 -set_serial 0x14 -addext "subjectAltName=critical,DNS:nosubject.example"
name_hex() { python3 -c "
def tlv(t, b):
    n = len(b)
    return bytes([t]) + (bytes([n]) if n < 128 else bytes([0x81, n])) + b
atv = lambda oid, tag, val: tlv(0x31, tlv(0x30, tlv(0x06, bytes.fromhex(oid)) + tlv(tag, val)))
name = tlv(0x30, atv('550403', 0x1e, 'Bäö€ BMP'.encode('utf-16-be')) + atv('55040a', 0x1c, 'Univ 𝄞'.encode('utf-32-be')) + atv('55040b', 0x14, bytes([0x54, 0x36, 0x31, 0xe9])) + atv('55042d', 0x03, bytes([0, 0xab, 0xcd])))
print(tlv(0x30, tlv(0xa4, name)).hex())
"; }
cert string-types rsa.key "/CN=string types" -days 30 -set_serial 0x15 -addext "2.5.29.17=DER:$(name_hex)"
echo "generated: $(ls *.pem | wc -l) certificates"
