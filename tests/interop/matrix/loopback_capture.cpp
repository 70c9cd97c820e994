#include "loopback_capture.hpp"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace tlsock::interop::matrix {

namespace {

constexpr uint32_t kPcapMagic = 0xa1b2c3d4;  // microsecond timestamps, host byte order
constexpr uint32_t kSnapLength = 65535;
constexpr uint32_t kLinkTypeEthernet = 1;  // lo frames carry an all-zero Ethernet header
constexpr size_t kEthernetHeader = 14;

template <typename T>
void put(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

uint16_t read16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }

// Whether an Ethernet frame is IPv4 TCP with `port` as source or destination.
bool is_tcp_port(const uint8_t* frame, size_t size, uint16_t port) {
  if (size < kEthernetHeader + 20 || read16(frame + 12) != ETH_P_IP) return false;
  const uint8_t* ip = frame + kEthernetHeader;
  const size_t ip_header = static_cast<size_t>(ip[0] & 15) * 4;
  if (ip[9] != IPPROTO_TCP || size < kEthernetHeader + ip_header + 4) return false;
  const uint8_t* tcp = ip + ip_header;
  return read16(tcp) == port || read16(tcp + 2) == port;
}

}  // namespace

LoopbackCapture::LoopbackCapture(std::string pcap_path, uint16_t port)
    : path_(std::move(pcap_path)), port_(port) {
  fd_ = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
  if (fd_ < 0) {
    error_ = std::string("AF_PACKET socket: ") + std::strerror(errno);
    return;
  }
  sockaddr_ll address{};
  address.sll_family = AF_PACKET;
  address.sll_protocol = htons(ETH_P_ALL);
  address.sll_ifindex = static_cast<int>(if_nametoindex("lo"));
  if (bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    error_ = std::string("bind to lo: ") + std::strerror(errno);
    return;
  }
  reader_ = std::thread([this] { run(); });
}

LoopbackCapture::~LoopbackCapture() {
  stop();
  if (fd_ >= 0) close(fd_);
}

void LoopbackCapture::run() {
  uint8_t frame[kSnapLength];
  for (;;) {
    // Once asked to stop, take what is still queued, then end.
    const bool last_round = stopping_;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, last_round ? 0 : 20) != 1) {
      if (last_round) return;
      continue;
    }
    sockaddr_ll from{};
    socklen_t from_size = sizeof from;
    const ssize_t n = recvfrom(fd_, frame, sizeof frame, 0, reinterpret_cast<sockaddr*>(&from), &from_size);
    if (n <= 0 || from.sll_pkttype == PACKET_OUTGOING) continue;
    const size_t size = static_cast<size_t>(n);
    if (!is_tcp_port(frame, size, port_)) continue;
    timeval now{};
    gettimeofday(&now, nullptr);
    put(packets_, static_cast<uint32_t>(now.tv_sec));
    put(packets_, static_cast<uint32_t>(now.tv_usec));
    put(packets_, static_cast<uint32_t>(size));
    put(packets_, static_cast<uint32_t>(size));
    packets_.append(reinterpret_cast<const char*>(frame), size);
    ++count_;
  }
}

size_t LoopbackCapture::stop() {
  if (!reader_.joinable()) return count_;
  stopping_ = true;
  reader_.join();
  std::string file;
  put(file, kPcapMagic);
  put(file, static_cast<uint16_t>(2));  // version 2.4
  put(file, static_cast<uint16_t>(4));
  put(file, static_cast<int32_t>(0));   // GMT offset
  put(file, static_cast<uint32_t>(0));  // timestamp accuracy
  put(file, kSnapLength);
  put(file, kLinkTypeEthernet);
  std::ofstream(path_, std::ios::binary) << file << packets_;
  return count_;
}

}  // namespace tlsock::interop::matrix
