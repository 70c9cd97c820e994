// PEM (RFC 7468): "-----BEGIN LABEL-----", base64 lines, "-----END LABEL-----".
//
// pem_decode_all() returns every block in order and ignores whatever lies between blocks
// (explanatory text, RFC 7468 §2). Inside a block it follows the lax reader of RFC 7468 §3:
// whitespace anywhere in the base64 is skipped; the END label must equal the BEGIN label;
// header lines ("Proc-Type: ...", RFC 1421) are refused: no certificate carries them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace tlsock::x509 {

// Most PEM blocks read from one input. A system CA bundle holds about 150; a million blocks
// would mean gigabytes of input. Our limit, not from a standard.
inline constexpr size_t kMaxPemBlocks = 100000;

struct PemBlock {
  std::string label;  // "CERTIFICATE", "X509 CRL", "PRIVATE KEY", ...
  Bytes der;
};

// Every block of the input (none is not an error: the caller decides).
Result<std::vector<PemBlock>> pem_decode_all(std::string_view text);
// Only the blocks with this label (others skipped).
Result<std::vector<Bytes>> pem_decode_label(std::string_view text, std::string_view label);
// "-----BEGIN label-----\n" + base64 in 64-character lines + "\n-----END label-----\n".
std::string pem_encode(std::string_view label, ByteView der);

}  // namespace tlsock::x509
