#include "vector_file.hpp"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace tlsock::test {

bool VectorCase::has(std::string_view key) const {
  for (const auto& [k, v] : fields_) {
    if (k == key) return true;
  }
  return false;
}

const Bytes& VectorCase::get(std::string_view key) const {
  for (const auto& [k, v] : fields_) {
    if (k == key) {
      used_.insert(k);
      return v;
    }
  }
  missing_.insert(std::string(key));
  static const Bytes kEmpty;
  return kEmpty;
}

std::string VectorCase::text(std::string_view key) const {
  const Bytes& b = get(key);
  return std::string(b.begin(), b.end());
}

std::vector<std::string> VectorCase::keys() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : fields_) out.push_back(k);
  return out;
}

std::vector<std::string> VectorCase::unused() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : fields_) {
    if (!used_.count(k)) out.push_back(k);
  }
  return out;
}

std::vector<std::string> VectorCase::missing() const {
  return {missing_.begin(), missing_.end()};
}

bool VectorCase::add(std::string key, Bytes value) {
  if (has(key)) return false;
  fields_.emplace_back(std::move(key), std::move(value));
  return true;
}

namespace {

bool valid_key(std::string_view k) {
  if (k.empty()) return false;
  for (char c : k) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

VectorFile parse_vector_text(std::string_view text, const std::string& name) {
  VectorFile file;
  file.path = name;
  VectorCase current;
  std::string pending_comment;
  bool in_header = true;
  size_t line_no = 0;
  auto fail = [&](const std::string& why) {
    file.error = name + ":" + std::to_string(line_no) + ": " + why;
    file.cases.clear();
    return file;
  };
  auto finish_case = [&] {
    if (!current.empty()) file.cases.push_back(std::move(current));
    current = VectorCase();
  };

  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    if (!line.empty() && line[0] == '#') {
      std::string_view c = trim(line.substr(1));
      if (in_header) {
        file.header.emplace_back(c);
      } else if (current.empty()) {
        if (!pending_comment.empty()) pending_comment += ' ';
        pending_comment += c;
      }
      continue;
    }
    if (trim(line).empty()) {
      in_header = false;
      finish_case();
      if (pos > text.size()) break;
      continue;
    }
    in_header = false;
    if (line[0] == ' ' || line[0] == '\t') {
      if (current.empty()) return fail("continuation line without a field above it");
      Bytes more;
      if (!from_hex(trim(line), more)) return fail("continuation is not hex");
      current.append(more);
      continue;
    }
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) return fail("expected \"key = hex\"");
    std::string key(trim(line.substr(0, eq)));
    if (!valid_key(key)) return fail("bad key \"" + key + "\"");
    Bytes value;
    if (!from_hex(trim(line.substr(eq + 1)), value)) return fail("value of " + key + " is not hex");
    if (current.empty()) {
      current.line = line_no;
      current.description = std::move(pending_comment);
      pending_comment.clear();
    }
    if (!current.add(key, std::move(value))) return fail("duplicate key " + key);
  }
  finish_case();
  if (file.cases.empty()) {
    file.error = name + ": no cases";
  }
  return file;
}

VectorFile load_vector_file(const std::string& relative_path) {
  // The environment variable lets a mutation check run the tests against a modified copy.
  const char* env_dir = std::getenv("TLSOCK_VECTORS_DIR");
  const std::string dir = env_dir != nullptr && *env_dir != '\0' ? env_dir : TLSOCK_VECTORS_DIR;
  const std::string path =
      !relative_path.empty() && relative_path[0] == '/' ? relative_path : dir + "/" + relative_path;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    VectorFile f;
    f.path = path;
    f.error = path + ": cannot open";
    return f;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_vector_text(ss.str(), path);
}

}  // namespace tlsock::test
