// The command line of a BoGo shim (BoringSSL's ssl/test/runner starts one per test): the
// flags of BoringSSL's test_config.cc, parsed into one Config per connection kind.
//
// A flag without prefix applies to every connection; "-on-initial-X" only to the first one,
// "-on-resume-X" only to the resumptions (BoringSSL's rule). Flags are looked up by name in a
// table that says their kind and whether this shim can honour them: an unknown flag, or a
// known one that tlsock cannot honour, throws Unimplemented (the shim then exits 89, which the
// runner reports as "unimplemented" instead of running the test with the flag ignored).
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace bogo {

// A flag this shim cannot honour; what() names it.
class Unimplemented : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The flags given for one connection. Absent flags read as false / 0 / "" / empty.
class Config {
 public:
  bool flag(const std::string& name) const { return bools_.count(name) != 0; }
  // Int flags; `fallback` when absent.
  int number(const std::string& name, int fallback = 0) const;
  std::optional<std::string> text(const std::string& name) const;
  // IntVector flags: every occurrence appends one value.
  const std::vector<int>& numbers(const std::string& name) const;

  bool server() const { return flag("-server"); }

 private:
  friend struct ConfigParser;
  std::map<std::string, bool> bools_;
  std::map<std::string, int> ints_;
  std::map<std::string, std::string> strings_;  // String and Base64 (decoded) flags
  std::map<std::string, std::vector<int>> int_vectors_;
};

struct Configs {
  Config initial;  // the first connection
  Config resume;   // each of the -resume-count resumptions
};

// Parses argv (without argv[0]). Throws Unimplemented for a flag this shim cannot honour and
// std::invalid_argument for a malformed value.
Configs parse_configs(const std::vector<std::string>& args);

}  // namespace bogo
