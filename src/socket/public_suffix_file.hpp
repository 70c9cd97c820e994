// Debian's copy of the Public Suffix List (package `publicsuffix`), read into
// x509::install_public_suffix_list() once per process, before the first certificate check
// (SSLContext's constructor, check_chain()). Without the file the x509 layer's fallback holds:
// every name with a dot is registrable.
#pragma once

namespace tlsock::detail {

inline constexpr const char* kPublicSuffixListPath = "/usr/share/publicsuffix/public_suffix_list.dat";

void load_public_suffix_file_once();

}  // namespace tlsock::detail
