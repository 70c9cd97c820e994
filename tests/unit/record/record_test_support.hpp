// Helpers shared by the record-layer tests: hex, errors, and a reader for the vector files
// (key = value lines, '#' comments, a blank line between cases).
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"

namespace tlsock::record_test {

inline Bytes hex(std::string_view h) {
  Bytes out;
  REQUIRE(from_hex(h, out));
  return out;
}

// The alert of a failed Result, or internal_error-with-a-failed-check when it succeeded.
template <typename T>
AlertDescription alert_of(const Result<T>& r) {
  REQUIRE_MESSAGE(!r.ok(), "expected an error");
  return r.error().alert;
}

using VectorCase = std::map<std::string, std::string>;

struct VectorFile {
  std::vector<std::string> comments;  // the '#' lines, without '#'
  std::vector<VectorCase> cases;
};

inline VectorFile load_vectors(const std::string& relative_path) {
  std::string path = std::string(TLSOCK_VECTORS_DIR) + "/" + relative_path;
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  VectorFile file;
  VectorCase current;
  std::string line;
  auto flush = [&] {
    if (!current.empty()) file.cases.push_back(std::move(current));
    current.clear();
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] == '#') {
      file.comments.push_back(line.substr(1));
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos) {
      flush();
      continue;
    }
    auto eq = line.find(" = ");
    REQUIRE_MESSAGE(eq != std::string::npos, "bad line in " << path << ": " << line);
    std::string key = line.substr(0, eq);
    REQUIRE_MESSAGE(current.count(key) == 0, "duplicate key " << key << " in " << path);
    current[key] = line.substr(eq + 3);
  }
  flush();
  return file;
}

inline Bytes hex_field(const VectorCase& c, const std::string& key) {
  auto it = c.find(key);
  REQUIRE_MESSAGE(it != c.end(), "missing " << key);
  return hex(it->second);
}

inline uint64_t uint_field(const VectorCase& c, const std::string& key) {
  auto it = c.find(key);
  REQUIRE_MESSAGE(it != c.end(), "missing " << key);
  return std::stoull(it->second);
}

}  // namespace tlsock::record_test
