#include "bogo/message_log.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bogo {
namespace {

constexpr int kChangeCipherSpec = 20, kAlert = 21, kHandshake = 22;
constexpr uint8_t kClientHello = 1, kServerHello = 2, kNewSessionTicket = 4, kFinished = 20;
constexpr unsigned kAlpn = 0x0010, kExtendedMasterSecret = 0x0017, kRenegotiationInfo = 0xff01;

// RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest.
constexpr std::string_view kHelloRetryRandom =
    "\xCF\x21\xAD\x74\xE5\x9A\x61\x11\xBE\x1D\x8C\x02\x1E\x65\xB8\x91"
    "\xC2\xA2\x11\x16\x7A\xBB\x8C\x5E\x07\x9E\x09\xE2\xC8\xA8\x33\x9C";

struct Extension {
  unsigned type;
  std::string_view data;
};

// A bounds-checked walk over a hello's fields: every read checks the size first, and a body cut
// short reads as one with no (more) extensions.
class HelloReader {
 public:
  explicit HelloReader(std::string_view body) : body_(body) {}
  bool skip(size_t n) {
    if (n > body_.size() - at_) return false;
    at_ += n;
    return true;
  }
  // Skips a vector with a 1- or 2-byte length prefix.
  bool skip_vector(size_t prefix) { return number(prefix) && skip(last_); }
  std::vector<Extension> extensions() {
    std::vector<Extension> out;
    if (!number(2) || last_ > body_.size() - at_) return out;
    size_t end = at_ + last_;
    while (end - at_ >= 4) {
      number(2);
      unsigned type = static_cast<unsigned>(last_);
      number(2);
      if (last_ > end - at_) break;
      out.push_back({type, body_.substr(at_, last_)});
      at_ += last_;
    }
    return out;
  }

 private:
  bool number(size_t bytes) {
    if (bytes > body_.size() - at_) return false;
    last_ = 0;
    for (size_t i = 0; i < bytes; ++i) last_ = (last_ << 8) | static_cast<uint8_t>(body_[at_++]);
    return true;
  }
  std::string_view body_;
  size_t at_ = 0;
  size_t last_ = 0;
};

// RFC 5246 §7.4.1.3, RFC 8446 §4.1.3.
void read_server_hello(std::string_view body, MessageLog& log) {
  if (body.size() < 2 + 32) return;
  if (body.substr(2, 32) == kHelloRetryRandom) {
    log.hello_retry_request = true;
    return;
  }
  HelloReader r(body);
  if (!r.skip(2 + 32) || !r.skip_vector(1) || !r.skip(3)) return;
  for (const Extension& e : r.extensions()) {
    if (e.type == kExtendedMasterSecret) log.extended_master_secret = true;
    if (e.type == kRenegotiationInfo) log.renegotiation_info = true;
  }
}

// RFC 8446 §4.1.2: the protocol_name_list of the ALPN extension (RFC 7301 §3.1).
void read_client_hello(std::string_view body, MessageLog& log) {
  HelloReader r(body);
  if (!r.skip(2 + 32) || !r.skip_vector(1) || !r.skip_vector(2) || !r.skip_vector(1)) return;
  for (const Extension& e : r.extensions()) {
    if (e.type == kAlpn && e.data.size() >= 2) log.client_alpn = std::string(e.data.substr(2));
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
    if (type == kClientHello && !m.sent) read_client_hello(body, *log);
    if (type == kFinished) (m.sent ? *finished_sent : *finished_received) = true;
    if (type == kNewSessionTicket && !m.sent && !(*finished_sent && *finished_received)) {
      log->new_session_ticket = true;
    }
  });
  return log;
}

}  // namespace bogo
