// PeerCertificate::to_python_repr() against CPython itself: for every certificate in
// /etc/ssl/certs/*.pem and vectors/x509/*.pem, one python3 process prints
// repr(ssl._ssl._test_decode_cert(path)) per path, and our repr must be identical.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "x509/python_dict.hpp"

namespace fs = std::filesystem;
using namespace tlsock;

namespace {

std::vector<std::string> pem_files(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".pem") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

// One line per path: the repr, or "ERROR <exception type>".
std::vector<std::string> python_reprs(const std::vector<std::string>& paths) {
  fs::path list = fs::temp_directory_path() / ("tlsock_x509_oracle_" + std::to_string(::getpid()) + ".txt");
  {
    std::ofstream out(list);
    for (const auto& p : paths) out << p << "\n";
  }
  std::string cmd =
      "python3 -c 'import ssl,sys\n"
      "for p in open(sys.argv[1]).read().splitlines():\n"
      "  try: print(repr(ssl._ssl._test_decode_cert(p)))\n"
      "  except Exception as e: print(\"ERROR\", type(e).__name__)\n' " + list.string();
  std::vector<std::string> lines;
  FILE* f = ::popen(cmd.c_str(), "r");
  if (!f) return lines;
  std::string line;
  char buf[65536];
  while (std::fgets(buf, sizeof buf, f)) {
    line += buf;
    if (!line.empty() && line.back() == '\n') {
      line.pop_back();
      lines.push_back(line);
      line.clear();
    }
  }
  ::pclose(f);
  fs::remove(list);
  return lines;
}

}  // namespace

TEST_CASE("to_python_repr matches Python's repr(_test_decode_cert) for system and edge-case certificates") {
  std::vector<std::string> paths = pem_files("/etc/ssl/certs");
  size_t system_count = paths.size();
  for (auto& p : pem_files(fs::path(TLSOCK_VECTORS_DIR) / "x509")) paths.push_back(p);
  REQUIRE_MESSAGE(system_count > 0, "/etc/ssl/certs is empty: install ca-certificates");
  std::vector<std::string> expected = python_reprs(paths);
  REQUIRE(expected.size() == paths.size());
  size_t compared = 0, both_error = 0;
  for (size_t i = 0; i < paths.size(); ++i) {
    auto ours = x509::decode_cert_file_result(paths[i]);
    if (expected[i].rfind("ERROR", 0) == 0) {
      CHECK_MESSAGE(!ours.ok(), paths[i] << ": Python raises, we decoded");
      ++both_error;
      continue;
    }
    REQUIRE_MESSAGE(ours.ok(), paths[i] << ": " << (ours.ok() ? "" : ours.error().detail));
    CHECK_MESSAGE(ours->to_python_repr() == expected[i], paths[i]);
    ++compared;
  }
  MESSAGE("python oracle: " << compared << " certificates identical (" << system_count
          << " system files), " << both_error << " rejected by both");
}
