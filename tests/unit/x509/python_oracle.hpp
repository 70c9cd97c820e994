// Python as a test oracle: one python3 process runs a script over a list of inputs and prints
// one line per input. The inputs go through a temporary file (one per line, UTF-8), which the
// script receives as sys.argv[1].
#pragma once

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace tlsock::x509::test {

inline std::vector<std::string> python_lines(const std::string& script, const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  fs::path list = fs::temp_directory_path() / ("tlsock_x509_oracle_" + std::to_string(::getpid()) + ".txt");
  {
    std::ofstream out(list, std::ios::binary);
    for (const auto& i : inputs) out << i << "\n";
  }
  std::string cmd = "PYTHONIOENCODING=utf-8 python3 -c '" + script + "' " + list.string();
  std::vector<std::string> lines;
  FILE* f = ::popen(cmd.c_str(), "r");
  if (f) {
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
  }
  fs::remove(list);
  return lines;
}

}  // namespace tlsock::x509::test
