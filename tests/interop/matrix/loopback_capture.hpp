// Records the IPv4 TCP packets of one port on `lo` into a pcap file, for tshark to read.
//
// Why not `tshark -i lo`: on this project's VMs dumpcap (libpcap's TPACKET_V3 ring) receives
// no packet at all on lo or any ("0 packets captured", kernel counters 0), while a plain
// AF_PACKET socket sees every one. So the capture is this socket, written in pcap format;
// tshark only reads and decrypts it. Each loopback packet passes the socket twice (outgoing
// and incoming): only the incoming copy is kept.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

namespace tlsock::interop::matrix {

class LoopbackCapture {
 public:
  // Starts capturing packets to or from `port` on lo; ok() tells whether it could.
  LoopbackCapture(std::string pcap_path, uint16_t port);
  ~LoopbackCapture();
  LoopbackCapture(const LoopbackCapture&) = delete;
  LoopbackCapture& operator=(const LoopbackCapture&) = delete;

  const std::string& error() const { return error_; }
  bool ok() const { return error_.empty(); }
  // Stops, writes the file, and returns the number of packets written.
  size_t stop();

 private:
  void run();
  std::string path_;
  uint16_t port_;
  int fd_ = -1;
  std::string error_;
  std::string packets_;  // pcap records
  size_t count_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread reader_;
};

}  // namespace tlsock::interop::matrix
