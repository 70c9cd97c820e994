#include "record/handshake_deframer.hpp"

#include <cstring>

namespace tlsock {

size_t max_handshake_message_length(HandshakeType type) {
  switch (type) {
    case HandshakeType::certificate:
    case HandshakeType::compressed_certificate:
      return kMaxCertificateMessageLength;
    case HandshakeType::client_hello:
      return kMaxClientHelloLength;
    default:
      return kMaxHandshakeMessageLength;
  }
}

void HandshakeDeframer::release() {
  begin_ += pending_release_;
  pending_release_ = 0;
  if (begin_ == end_) begin_ = end_ = 0;
}

void HandshakeDeframer::release_if_idle() {
  if (!at_record_boundary()) return;
  Bytes().swap(buffer_);
  begin_ = end_ = pending_release_ = 0;
}

Status HandshakeDeframer::check_front_header() {
  if (end_ - begin_ < kHandshakeHeaderLength) return {};
  const uint8_t* h = buffer_.data() + begin_;
  auto type = static_cast<HandshakeType>(h[0]);
  size_t length = (size_t{h[1]} << 16) | (size_t{h[2]} << 8) | h[3];
  size_t limit = max_handshake_message_length(type);
  if (length > limit) {
    std::string detail = "handshake: " + name(type) + " of " + std::to_string(length) +
                         " bytes exceeds the limit of " + std::to_string(limit);
    // No ClientHello is that long (RFC 8446 §6.2: decode_error); other messages may be, and
    // go over our limit: illegal_parameter, as OpenSSL and BoringSSL send for that.
    Error e = type == HandshakeType::client_hello
                  ? decode_error(detail)
                  : Error{ErrorKind::limit, AlertDescription::illegal_parameter, detail};
    error_ = e;
    return e;
  }
  return {};
}

Status HandshakeDeframer::add(ByteView content) {
  if (error_) return *error_;
  if (content.empty()) {
    // RFC 8446 §5.1: "Implementations MUST NOT send zero-length fragments of Handshake types".
    error_ = protocol_error(AlertDescription::unexpected_message,
                            "handshake: zero-length handshake record");
    return *error_;
  }
  release();
  if (begin_ != 0) {
    // Keep the buffer from creeping: move the partial message to the front.
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  // Before growing for this record, refuse an oversized message whose header is already here
  // or arrives with this record (the header may straddle records, so check after appending
  // just the header bytes).
  size_t have = end_ - begin_;
  if (have < kHandshakeHeaderLength) {
    size_t head = std::min(content.size(), kHandshakeHeaderLength - have);
    if (buffer_.size() < end_ + head) buffer_.resize(end_ + head);
    std::memcpy(buffer_.data() + end_, content.data(), head);
    end_ += head;
    content = content.subspan(head);
  }
  TLSOCK_TRY(check_front_header());
  if (buffer_.size() < end_ + content.size()) buffer_.resize(end_ + content.size());
  if (!content.empty()) std::memcpy(buffer_.data() + end_, content.data(), content.size());
  end_ += content.size();
  return {};
}

Result<std::optional<HandshakeMessage>> HandshakeDeframer::next() {
  if (error_) return *error_;
  release();
  TLSOCK_TRY(check_front_header());
  size_t have = end_ - begin_;
  if (have < kHandshakeHeaderLength) return std::optional<HandshakeMessage>{};
  const uint8_t* h = buffer_.data() + begin_;
  size_t length = (size_t{h[1]} << 16) | (size_t{h[2]} << 8) | h[3];
  if (have < kHandshakeHeaderLength + length) return std::optional<HandshakeMessage>{};
  HandshakeMessage m;
  m.type = static_cast<HandshakeType>(h[0]);
  m.encoded = ByteView(h, kHandshakeHeaderLength + length);
  m.body = m.encoded.subspan(kHandshakeHeaderLength);
  pending_release_ = m.encoded.size();
  return std::optional<HandshakeMessage>(m);
}

Status HandshakeDeframer::nothing_buffered(const char* before) const {
  if (at_record_boundary()) return {};
  return protocol_error(AlertDescription::unexpected_message,
                        "handshake: " + std::to_string(buffered()) +
                            " bytes after the last message " + before);
}

Status HandshakeDeframer::check_key_change_boundary() const {
  // RFC 8446 §5.1: "Implementations MUST verify that all messages immediately preceding a key
  // change align with a record boundary; if not, then they MUST terminate the connection with
  // an unexpected_message alert."
  return nothing_buffered("before a key change");
}

Status HandshakeDeframer::check_end_of_flight() const {
  // RFC 8446 §4: "A peer which receives a handshake message in an unexpected order MUST abort
  // the handshake with an "unexpected_message" alert"; RFC 5246 §7.4 likewise.
  return nothing_buffered("of the peer's flight, before our answer");
}

Status HandshakeDeframer::check_not_interleaved(ContentType other) const {
  if (at_record_boundary()) return {};
  // RFC 8446 §5.1: "Handshake messages MUST NOT be interleaved with other record types."
  return protocol_error(AlertDescription::unexpected_message,
                        "handshake: " + name(other) + " record inside a fragmented message");
}

}  // namespace tlsock
