// A child process for the interop tests (openssl s_server / s_client): stdin through a pipe,
// stdout and stderr into a temporary file that the test polls. The destructor kills the child
// (SIGKILL) and reaps it, so no test leaves a process behind; every wait has a deadline.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace tlsock::interop {

using Clock = std::chrono::steady_clock;

// own: the child leads a new process group and kill() ends the whole group (for a shell
// pipeline such as `cat data - | openssl s_client ... | sha256sum`, so no stage outlives it).
enum class ProcessGroup { inherit, own };

class ChildProcess {
 public:
  // Starts argv[0] (searched in PATH) with stdout unbuffered (through stdbuf when available,
  // so the output OpenSSL prints through stdio shows up at once).
  explicit ChildProcess(std::vector<std::string> argv, ProcessGroup group = ProcessGroup::inherit);
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  bool started() const { return pid_ > 0; }
  // Writes to the child's stdin; false when it is gone.
  bool write_stdin(std::string_view text);
  void close_stdin();
  // Everything the child printed so far (stdout and stderr).
  std::string output() const;
  // Polls output() until it contains `needle`, the child exits, or the timeout passes.
  bool wait_for_output(std::string_view needle, std::chrono::milliseconds timeout) const;
  // True once the child exited (reaped).
  bool exited();
  // Waits (bounded) for the child to exit; false on timeout.
  bool wait_exit(std::chrono::milliseconds timeout);
  // The exit status once exited() (128 + signal when killed by one); -1 before.
  int exit_status() const { return exit_status_; }
  void kill();

 private:
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  std::string output_path_;
  bool reaped_ = false;
  int exit_status_ = -1;
  bool own_group_ = false;
};

}  // namespace tlsock::interop
