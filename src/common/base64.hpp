// Base64 (RFC 4648 §4, the standard alphabet with '=' padding).
//
// Two decoders, for the two kinds of input we meet:
// - lenient: Python's binascii.a2b_base64 (what base64.decodebytes and PEM_cert_to_DER_cert
//   use): bytes outside the alphabet are skipped, and decoding stops at the padding that
//   completes a quantum. Only a length no padding could explain is an error.
// - strict: PEM bodies as a parser should want them: whitespace is skipped, anything else
//   outside the alphabet, misplaced padding or data after the padding is an error.
#pragma once

#include <string>
#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace tlsock {

// Standard base64 with padding, no line breaks.
std::string base64_encode(ByteView data);

enum class Base64Mode { lenient, strict };

// The decoded bytes, or a decode Error whose detail says what is wrong ("Incorrect padding",
// as Python words it for an incomplete final quantum).
Result<Bytes> base64_decode(std::string_view text, Base64Mode mode);

}  // namespace tlsock
