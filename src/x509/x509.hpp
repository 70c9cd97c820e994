// X.509 for tlsock: how this works.
//
//   bytes --der_reader/pem--> Certificate (views into one owned DER buffer)
//         --path_builder--> verified chain --hostname--> VerifyOutcome
//
// - der_reader.hpp: strict DER (minimal definite lengths, minimal INTEGERs, no BER, full
//   consumption, kMaxDerDepth); pem.hpp: RFC 7468 blocks, junk between them ignored.
// - certificate.hpp / name.hpp / general_name.hpp / extensions.hpp / validity.hpp: decoding.
//   Structural errors fail decoding; RFC 5280 profile violations inside extensions are
//   recorded as a defect and refused at validation (Python still shows such certificates).
// - trust_store.hpp: cafile / capath (lazy) / cadata, duplicates ignored, cert_store_stats().
// - name_constraints.hpp, path_builder.hpp: DFS from the leaf to an anchor, alternatives tried
//   on failure, loops skipped, budgets from rustls-webpki (100 signatures, 200000 build calls,
//   250000 name-constraint comparisons), the deepest failure reported.
// - hostname.hpp: RFC 6125/9525 DNS and IP matching, optional CN fallback; U-label names are
//   converted first by idna.hpp (Python's 'idna' codec: nameprep subset + punycode.hpp).
//   utf8.hpp: the one strict UTF-8 decoder.
// - cert_verifier.hpp: WebPkiVerifier, behind the handshake's CertVerifier (engine);
//   outcomes carry OpenSSL's X509_V_ERR code and Python's verify_message (verify_error.hpp).
// Nothing here throws, reads a file or knows the public API: Python's getpeercert() dict and
// its repr live in src/socket (python_dict.hpp), the x509-limbo harness in src/cli. Nothing
// includes Botan: signatures go through crypto/signature.hpp.
#pragma once

#include "x509/cert_verifier.hpp"
#include "x509/certificate.hpp"
#include "x509/der_reader.hpp"
#include "x509/hostname.hpp"
#include "x509/idna.hpp"
#include "x509/path_builder.hpp"
#include "x509/pem.hpp"
#include "x509/trust_store.hpp"
