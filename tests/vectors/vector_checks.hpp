// doctest glue for vector_file.hpp: load a file and require it parsed with the expected number
// of cases, and check that a case's every field was used by the test.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "vector_file.hpp"

namespace tlsock::test {

inline std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Loads a vector file and checks the header names a source and the case count matches, so that
// deleting or merging a case fails too.
inline VectorFile require_vectors(const std::string& relative_path, size_t expected_cases) {
  VectorFile f = load_vector_file(relative_path);
  REQUIRE_MESSAGE(f.ok(), f.error);
  REQUIRE_MESSAGE(!f.header.empty(), relative_path << ": the header must name the source");
  CHECK_MESSAGE(f.cases.size() == expected_cases, relative_path);
  return f;
}

inline void check_fully_used(const VectorCase& c) {
  CHECK_MESSAGE(c.unused().empty(), "line " << c.line << ": fields not checked: " << join(c.unused()));
  CHECK_MESSAGE(c.missing().empty(), "line " << c.line << ": fields missing: " << join(c.missing()));
}

}  // namespace tlsock::test
