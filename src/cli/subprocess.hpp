// A child process for `tlsock demo` (the openssl command: certificate generation, s_server,
// s_client): stdin through a pipe, stdout and stderr together through another. The destructor
// kills (SIGKILL) and reaps a child still running, so the demo never leaves one behind; every
// read has a deadline.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlsock::cli {

class Subprocess {
 public:
  // Starts argv[0] (searched in PATH). std::system_error when it cannot be started.
  explicit Subprocess(const std::vector<std::string>& argv);
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;
  ~Subprocess();

  void write_stdin(std::string_view text);
  void close_stdin();
  // Everything the child printed that was read so far.
  const std::string& output() const { return output_; }
  // The first whole line of output containing `needle` (read as needed), or nullopt when the
  // output ends or the timeout passes first.
  std::optional<std::string> read_line_with(std::string_view needle,
                                            std::chrono::milliseconds timeout);
  // Reads to the end of the output and reaps the child: its exit status (128 + signal when
  // killed, -1 when the timeout passed first: the child is then killed).
  int finish(std::chrono::milliseconds timeout);

 private:
  // One read of the output, waiting until `deadline`; false at EOF or when the deadline passed.
  bool read_some(std::chrono::steady_clock::time_point deadline);
  void kill_and_reap();

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int output_fd_ = -1;
  std::string output_;
  bool eof_ = false;
};

// Runs argv to completion (bounded by timeout); the exit status, with its output in *output.
int run_command(const std::vector<std::string>& argv, std::string* output,
                std::chrono::milliseconds timeout = std::chrono::seconds(20));

}  // namespace tlsock::cli
