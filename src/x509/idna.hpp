// Host names to ASCII as Python's ssl module does it: server_hostname.encode('idna'), which is
// IDNA 2003 ToASCII (RFC 3490 §4.1) on every label, with nameprep (RFC 3491) and Punycode
// (RFC 3492).
//
// What Python does, and so what we do:
// - an all-ASCII name is returned unchanged, letter case kept ("Example.COM" stays so); only
//   label lengths are checked (every label but the last 1..63 octets, the last below 64);
// - otherwise labels are split on U+002E, U+3002, U+FF0E and U+FF61 and joined with '.'
//   (a trailing dot is kept); an ASCII label is kept as it is, any other label is nameprepped
//   (lower-cased, some code points dropped) and becomes "xn--" + Punycode, unless nameprep
//   left it ASCII ("straße" -> "strasse"); a nameprepped label starting "xn--" is refused.
//
// Nameprep is implemented for a subset, not from the full RFC 3454 tables: table B.1 (mapped
// to nothing) entirely, and the case folding of table B.2 for Latin-1 (U+00C0..U+00FF),
// Latin Extended-A (U+0100..U+017F), Greek (U+0386..U+03CE) and Cyrillic (U+0400..U+045F,
// U+0460..U+0481, U+048A..U+04BF): letters there are precomposed and have no compatibility
// decomposition, so NFKC leaves them (and their lower-case forms) unchanged, none is
// prohibited (tables C.*) and none is right-to-left (table D.1); the unit test checks each of
// them against Python. The few letters of those blocks that NFKC or B.2 turn into sequences
// (U+0130, U+0132/3, U+013F/U+0140, U+0149) and every other non-ASCII code point (combining
// marks, symbols, other scripts) are refused with a config_error that names the code point.
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace tlsock::x509 {

Result<std::string> hostname_to_ascii(std::string_view utf8_hostname);

}  // namespace tlsock::x509
