#include "bogo/message_log.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bogo {
namespace {

constexpr int kChangeCipherSpec = 20, kAlert = 21, kHandshake = 22;
constexpr uint8_t kServerHello = 2, kNewSessionTicket = 4, kFinished = 20;
constexpr uint16_t kExtendedMasterSecret = 0x0017, kRenegotiationInfo = 0xff01;

// RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest.
constexpr std::string_view kHelloRetryRandom =
    "\xCF\x21\xAD\x74\xE5\x9A\x61\x11\xBE\x1D\x8C\x02\x1E\x65\xB8\x91"
    "\xC2\xA2\x11\x16\x7A\xBB\x8C\x5E\x07\x9E\x09\xE2\xC8\xA8\x33\x9C";

// The ServerHello's extension types (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3), or nothing when the
// body is cut short. Offsets are checked against the size before every read.
std::vector<unsigned> server_hello_extensions(std::string_view body) {
  auto u16 = [&](size_t at) {
    return (static_cast<unsigned>(static_cast<uint8_t>(body[at])) << 8) |
           static_cast<uint8_t>(body[at + 1]);
  };
  size_t at = 2 + 32;  // legacy_version, random (read_server_hello checked they are there)
  if (body.size() < at + 1) return {};
  at += 1 + static_cast<uint8_t>(body[at]) + 3;  // legacy_session_id, cipher_suite, compression
  if (body.size() < at + 2) return {};
  size_t end = at + 2 + u16(at);
  if (end > body.size()) return {};
  std::vector<unsigned> types;
  for (at += 2; at + 4 <= end; at += 4 + u16(at + 2)) types.push_back(u16(at));
  return types;
}

void read_server_hello(std::string_view body, MessageLog& log) {
  if (body.size() < 2 + 32) return;
  if (body.substr(2, 32) == kHelloRetryRandom) {
    log.hello_retry_request = true;
    return;
  }
  for (unsigned type : server_hello_extensions(body)) {
    if (type == kExtendedMasterSecret) log.extended_master_secret = true;
    if (type == kRenegotiationInfo) log.renegotiation_info = true;
  }
}

void append_trace(const tlsock::TLSMessage& m, std::string& trace) {
  auto byte = [&](size_t i) {
    return i < m.data.size() ? std::to_string(static_cast<uint8_t>(m.data[i])) : "?";
  };
  trace += m.sent ? "write " : "read ";
  switch (m.content_type) {
    case kChangeCipherSpec: trace += "ccs"; break;
    case kAlert: trace += "alert " + byte(0) + " " + byte(1); break;
    case kHandshake: trace += "hs " + byte(0); break;
    default: trace += "type " + std::to_string(m.content_type); break;
  }
  trace += '\n';
}

}  // namespace

std::shared_ptr<MessageLog> record_messages(tlsock::SSLContext& context) {
  auto log = std::make_shared<MessageLog>();
  auto finished_sent = std::make_shared<bool>(false);
  auto finished_received = std::make_shared<bool>(false);
  context.set_msg_callback([log, finished_sent, finished_received](const tlsock::TLSMessage& m) {
    append_trace(m, log->trace);
    if (m.content_type != kHandshake || m.data.size() < 4) return;
    auto type = static_cast<uint8_t>(m.data[0]);
    std::string_view body = m.data.substr(4);
    if (type == kServerHello) read_server_hello(body, *log);
    if (type == kFinished) (m.sent ? *finished_sent : *finished_received) = true;
    if (type == kNewSessionTicket && !m.sent && !(*finished_sent && *finished_received)) {
      log->new_session_ticket = true;
    }
  });
  return log;
}

}  // namespace bogo
