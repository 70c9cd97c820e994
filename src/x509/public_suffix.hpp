// The Public Suffix List (https://publicsuffix.org/list/): which DNS names are suffixes under
// which anyone may register names ("com", "co.uk", "s3.amazonaws.com"), so that a wildcard
// over one (*.co.uk) never matches (CABF BR 3.2.2.6).
//
// The list's text is handed in (install_public_suffix_list; src/socket reads Debian's
// `publicsuffix` file, socket/public_suffix_file.hpp): x509 reads no file. Until a list is
// installed every name with a dot is taken as registrable, and the callers' own rule (a
// wildcard needs two labels after it) is all that remains.
#pragma once

#include <string_view>

namespace tlsock::x509 {

// Parses the list (its file format: one rule per line, "//" comments) and makes it the one
// is_public_suffix() consults, process-wide. The first list installed stays; later calls
// return false and change nothing.
bool install_public_suffix_list(std::string_view text);

// Whether `domain` (A-labels, any letter case, no trailing dot) is a public suffix: matched
// exactly by a rule, or by a wildcard rule and no exception rule; a single label always is
// (the list's implicit "*" rule).
bool is_public_suffix(std::string_view domain);

}  // namespace tlsock::x509
