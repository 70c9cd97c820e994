// A tiny reader for the test-vector files under vectors/ (shared by every tests/vectors test).
//
// Format (one file = a header of '#' lines naming the source, then cases):
//
//   # RFC 5869 (HKDF), Appendix A ...        <- comment lines start with '#' in column 0
//                                            <- a blank line ends a case
//   ikm = 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b
//   salt = 000102030405060708090a0b0c         <- "key = hex"; whitespace and ':' in hex are
//   info =                                       ignored; an empty value is zero bytes
//   okm = 3cb25f25faacd57a90434f64d0362f2a    <- lines starting with a space or tab continue
//     2d2d0a90cf1a5a4c5db02d56ecc4c5bf           the previous value
//
// Keys are [A-Za-z0-9_]+, unique within a case. Text values (labels) are written as hex of their
// ASCII bytes; use VectorCase::text() to read them back. The comment lines directly above a case
// are kept as its description. Values are always bytes: lengths are the lengths of the
// expected outputs (L = okm.size()), never separate numbers.
//
// Every read is recorded, so a test can CHECK(c.unused().empty()) to prove that no field of the
// vector went unchecked (a changed byte anywhere in the file must fail a test).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/bytes.hpp"

namespace tlsock::test {

class VectorCase {
 public:
  size_t line = 0;          // line number of the case's first field
  std::string description;  // the '#' lines directly above the case, without '#'

  bool has(std::string_view key) const;
  // The bytes of a field; a missing key yields empty bytes and is listed by missing().
  const Bytes& get(std::string_view key) const;
  const Bytes& operator[](std::string_view key) const { return get(key); }
  std::string text(std::string_view key) const;  // the bytes as a string (ASCII labels)
  std::vector<std::string> keys() const;
  // Fields never read through get()/text(), and keys asked for that the case does not have.
  std::vector<std::string> unused() const;
  std::vector<std::string> missing() const;

  // Used by the parser.
  bool add(std::string key, Bytes value);
  void append(const Bytes& more) { fields_.back().second.insert(fields_.back().second.end(), more.begin(), more.end()); }
  bool empty() const { return fields_.empty(); }

 private:
  std::vector<std::pair<std::string, Bytes>> fields_;
  mutable std::set<std::string> used_;
  mutable std::set<std::string> missing_;
};

struct VectorFile {
  std::string path;
  std::string error;                // empty when the file parsed; else "path:line: why"
  std::vector<std::string> header;  // the comment lines before the first case (the source)
  std::vector<VectorCase> cases;
  bool ok() const { return error.empty(); }
};

// Reads <dir>/<relative_path>, or an absolute path. <dir> is the TLSOCK_VECTORS_DIR environment
// variable when set (mutation checks), else the compiled-in TLSOCK_VECTORS_DIR (vectors/).
VectorFile load_vector_file(const std::string& relative_path);
// Parses text already in memory; `name` is used in error messages.
VectorFile parse_vector_text(std::string_view text, const std::string& name);

}  // namespace tlsock::test
