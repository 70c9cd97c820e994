#!/usr/bin/env bash
# Regenerates the certificate vectors of tests/api/cert_utils_test.cpp with the openssl CLI
# (a tool used once, offline; tlsock itself never uses OpenSSL). cacert.der is openssl's own
# DER of cacert.pem: an independent oracle for PEM_cert_to_DER_cert / DER_cert_to_PEM_cert.
set -euo pipefail
cd "$(dirname "$0")"
key=$(mktemp)
trap 'rm -f "$key"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$key" -out cacert.pem -days 36500 \
  -subj "/C=XY/O=tlsock tests/CN=tlsock test CA" -addext "basicConstraints=critical,CA:TRUE"
openssl x509 -in cacert.pem -outform DER -out cacert.der
