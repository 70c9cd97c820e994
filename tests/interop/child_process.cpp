#include "child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>

extern char** environ;

namespace tlsock::interop {

ChildProcess::ChildProcess(std::vector<std::string> argv, ProcessGroup group)
    : own_group_(group == ProcessGroup::own) {
  // A write to a child that died must not kill the test with SIGPIPE.
  signal(SIGPIPE, SIG_IGN);
  char path[] = "/tmp/tlsock-interop-XXXXXX";
  int out_fd = mkstemp(path);
  if (out_fd < 0) return;
  output_path_ = path;
  int in_pipe[2];
  if (pipe(in_pipe) != 0) {
    close(out_fd);
    return;
  }
  if (access("/usr/bin/stdbuf", X_OK) == 0) {
    argv.insert(argv.begin(), {"stdbuf", "-o0", "-e0"});
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 2);
  posix_spawn_file_actions_addclose(&actions, in_pipe[1]);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  if (own_group_) {
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);
  }
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid;
  if (posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), environ) == 0) pid_ = pid;
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_fd);
  stdin_fd_ = in_pipe[1];
  fcntl(stdin_fd_, F_SETFD, FD_CLOEXEC);
}

ChildProcess::~ChildProcess() {
  kill();
  if (stdin_fd_ >= 0) close(stdin_fd_);
  if (!output_path_.empty()) unlink(output_path_.c_str());
}

bool ChildProcess::write_stdin(std::string_view text) {
  if (stdin_fd_ < 0) return false;
  while (!text.empty()) {
    ssize_t n = write(stdin_fd_, text.data(), text.size());
    if (n <= 0) return false;
    text.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

void ChildProcess::close_stdin() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  stdin_fd_ = -1;
}

std::string ChildProcess::output() const {
  std::ifstream in(output_path_, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool ChildProcess::wait_for_output(std::string_view needle, std::chrono::milliseconds timeout) const {
  auto deadline = Clock::now() + timeout;
  for (;;) {
    if (output().find(needle) != std::string::npos) return true;
    if (Clock::now() >= deadline) return false;
    if (pid_ > 0 && !reaped_) {
      // Peek without reaping: a dead child prints nothing more.
      siginfo_t info{};
      if (waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
          info.si_pid == pid_) {
        return output().find(needle) != std::string::npos;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

bool ChildProcess::exited() {
  if (pid_ <= 0 || reaped_) return true;
  int status;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    reaped_ = true;
    exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  return reaped_;
}

bool ChildProcess::wait_exit(std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (!exited()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

void ChildProcess::kill() {
  if (pid_ <= 0 || reaped_) return;
  ::kill(own_group_ ? -pid_ : pid_, SIGKILL);
  int status;
  waitpid(pid_, &status, 0);
  reaped_ = true;
}

}  // namespace tlsock::interop
