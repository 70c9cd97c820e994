// The Public Suffix List (https://publicsuffix.org/list/): which DNS names are suffixes under
// which anyone may register names ("com", "co.uk", "s3.amazonaws.com"), so that a wildcard
// over one (*.co.uk) never matches (CABF BR 3.2.2.6).
//
// The list is Debian's `publicsuffix` package (kPublicSuffixListPath), read once, on the first
// question. Without the file every name with a dot is taken as registrable, and the callers'
// own rule (a wildcard needs two labels after it) is all that remains.
#pragma once

#include <string_view>

namespace tlsock::x509 {

inline constexpr const char* kPublicSuffixListPath = "/usr/share/publicsuffix/public_suffix_list.dat";

// Whether `domain` (A-labels, any letter case, no trailing dot) is a public suffix: matched
// exactly by a rule, or by a wildcard rule and no exception rule; a single label always is
// (the list's implicit "*" rule).
bool is_public_suffix(std::string_view domain);

}  // namespace tlsock::x509
