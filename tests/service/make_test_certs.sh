#!/usr/bin/env bash
# Makes a throw-away PKI for the TLS tests in DIR with openssl: a CA (ca.pem), a server
# certificate for localhost, 127.0.0.1 and ::1 (server.pem, server.key), a client certificate
# (client.pem, client.key), and a second CA that signed nothing here (other_ca.pem). EC P-256,
# valid one day.
#
#   make_test_certs.sh DIR
set -euo pipefail
dir=$1
mkdir -p "$dir"
cd "$dir"
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

key ca.key
openssl req -x509 -new -key ca.key -out ca.pem -days 1 -subj "/CN=newsalign test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
key other_ca.key
openssl req -x509 -new -key other_ca.key -out other_ca.pem -days 1 \
  -subj "/CN=newsalign other CA" -addext "basicConstraints=critical,CA:TRUE"

sign() {  # sign NAME SUBJECT EXTENSIONS
  key "$1.key"
  openssl req -new -key "$1.key" -out "$1.csr" -subj "$2"
  printf '%s\n' "$3" >"$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$1.pem" \
    -days 1 -extfile "$1.ext" 2>/dev/null
}
sign server "/CN=localhost" \
  "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
extendedKeyUsage=serverAuth"
sign client "/CN=newsalign test client" "extendedKeyUsage=clientAuth"
