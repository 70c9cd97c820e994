// OpenSSL's cipher-list syntax (SSL_CTX_set_cipher_list, ciphers(1)) over tlsock's TLS 1.2
// suites: the parser behind SSLContext::set_ciphers().
//
// How it works (a port of OpenSSL 3's ssl_cipher_process_rulestr / ssl_cipher_apply_rule)
// - Every suite starts on one list, inactive, in OpenSSL's default rank (cipher_catalog.hpp).
//   The string is read element by element; elements are separated by ':', ',', ' ' or ';'.
// - An element is an optional prefix and words joined by '+': "ECDHE+AESGCM" means both
//   (an intersection). A word is a suite name ("ECDHE-RSA-AES128-GCM-SHA256") or an alias
//   (ALL, HIGH, AESGCM, AES, AES128, AES256, CHACHA20, ECDHE, EECDH, ECDH, kECDHE, ECDSA,
//   aECDSA, aRSA, TLSv1.2, FIPS, and aliases that name none of our suites: RSA, kRSA, PSK,
//   aNULL, eNULL, NULL, SHA1, SHA256, SHA384, DHE, ...). An unknown word makes its element
//   do nothing, as in OpenSSL.
// - The prefix says what to do with the suites that match:
//     none  add the inactive ones, at the end of the list, in list order
//     +     move the active ones to the end
//     -     deactivate them and move them to the front, so a later add puts them back first
//     !     remove them for good: no later element can add them again
//     @     a command: @STRENGTH (stable sort of the active suites, strongest first) or
//           @SECLEVEL=n (n in 0..5: the security level)
// - "DEFAULT" at the very start stands for OpenSSL's default list (all of our suites).
// - A character that can start no word or separator, and an unknown @command, fail the whole
//   string; so does a result without any suite ("No cipher can be selected.").
// Each operation treats every suite on its own and keeps relative order, so the answer for our
// six suites is OpenSSL's answer restricted to them: the tests check exactly that, against
// strings run through OpenSSL (vectors/api/context/cipher_strings.txt).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "common/wire_enums.hpp"

namespace tlsock::detail {

struct CipherSelection {
  std::vector<CipherSuite> suites;     // the active suites, in preference order (never empty)
  std::optional<int> security_level;   // set by @SECLEVEL=n
};

// config_error when the string is malformed or selects nothing.
Result<CipherSelection> parse_cipher_string(std::string_view rule);

}  // namespace tlsock::detail
