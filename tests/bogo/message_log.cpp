#include "bogo/message_log.hpp"

#include <cstdint>
#include <string_view>

namespace bogo {
namespace {

constexpr int kHandshake = 22;
constexpr uint8_t kServerHello = 2, kNewSessionTicket = 4, kFinished = 20;
constexpr uint16_t kExtendedMasterSecret = 0x0017, kRenegotiationInfo = 0xff01;

// RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest.
constexpr std::string_view kHelloRetryRandom =
    "\xCF\x21\xAD\x74\xE5\x9A\x61\x11\xBE\x1D\x8C\x02\x1E\x65\xB8\x91"
    "\xC2\xA2\x11\x16\x7A\xBB\x8C\x5E\x07\x9E\x09\xE2\xC8\xA8\x33\x9C";

// A cursor over a message body that reads nothing past its end (a short message reads as
// one without the remaining fields).
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool ok() const { return ok_; }
  std::string_view take(size_t n) {
    if (n > data_.size()) {
      ok_ = false;
      n = data_.size();
    }
    std::string_view out = data_.substr(0, n);
    data_.remove_prefix(n);
    return out;
  }
  unsigned number(size_t bytes) {
    unsigned v = 0;
    for (unsigned char c : take(bytes)) v = (v << 8) | c;
    return v;
  }
  bool empty() const { return data_.empty(); }

 private:
  std::string_view data_;
  bool ok_ = true;
};

void read_server_hello(std::string_view body, MessageLog& log) {
  Reader r(body);
  r.take(2);  // legacy_version
  if (r.take(32) == kHelloRetryRandom) {
    log.hello_retry_request = true;
    return;
  }
  r.take(r.number(1));  // legacy_session_id
  r.take(3);            // cipher_suite, compression_method
  Reader extensions(r.take(r.number(2)));
  while (r.ok() && extensions.ok() && !extensions.empty()) {
    unsigned type = extensions.number(2);
    extensions.take(extensions.number(2));
    if (!extensions.ok()) break;
    if (type == kExtendedMasterSecret) log.extended_master_secret = true;
    if (type == kRenegotiationInfo) log.renegotiation_info = true;
  }
}

}  // namespace

std::shared_ptr<MessageLog> record_messages(tlsock::SSLContext& context) {
  auto log = std::make_shared<MessageLog>();
  auto finished_sent = std::make_shared<bool>(false);
  auto finished_received = std::make_shared<bool>(false);
  context.set_msg_callback([log, finished_sent, finished_received](const tlsock::TLSMessage& m) {
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
