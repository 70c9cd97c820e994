#include "socket/public_suffix_file.hpp"

#include <fstream>
#include <mutex>
#include <sstream>

#include "x509/public_suffix.hpp"

namespace tlsock::detail {

void load_public_suffix_file_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    std::ifstream in(kPublicSuffixListPath);
    if (!in) return;
    std::ostringstream text;
    text << in.rdbuf();
    x509::install_public_suffix_list(text.str());
  });
}

}  // namespace tlsock::detail
