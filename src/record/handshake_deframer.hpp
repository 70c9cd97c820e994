// HandshakeDeframer: handshake records -> handshake messages (RFC 8446 §4, §5.1).
//
// Handshake messages are not aligned with records: one message can span several records and
// one record can hold several messages. The deframer appends each handshake record's content
// to a buffer it owns (it grows to the largest message in progress and is reused while
// messages follow each other) and hands out whole messages as views into it. The engine frees
// the buffer with release_if_idle() once no message is in progress, so an idle connection
// holds none (tests/unit/engine/idle_heap_test.cpp).
// Each message header is checked as soon as its 4 bytes are in: a length above the limit for
// its type is refused before the body is buffered.
//
// Key changes: RFC 8446 §5.1 says handshake messages MUST NOT span a key change, and that the
// message before a key change must end at a record boundary, else unexpected_message. Before
// installing new read keys the engine calls check_key_change_boundary(), which fails when any
// byte of a further message is already buffered (because it arrived under the old keys).
// Handshake messages MUST NOT be interleaved with other record types (RFC 8446 §5.1); the engine
// calls check_not_interleaved() when any non-handshake record arrives.
//
// End of flight: when a message makes us answer during the handshake, the peer's flight is
// over and the peer waits for our answer, so nothing of a further message can have been sent
// yet (RFC 8446 §4 / RFC 5246 §7.4: messages in the order of the protocol's flights); the
// engine calls check_end_of_flight() then.
//
// A HandshakeMessage stays valid until the next call to add(), next() or release_if_idle().
#pragma once

#include <optional>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"
#include "record/handshake_message.hpp"
#include "record/record_limits.hpp"

namespace tlsock {

// kMaxCertificateMessageLength for Certificate and CompressedCertificate,
// kMaxClientHelloLength for ClientHello, otherwise kMaxHandshakeMessageLength
// (record_limits.hpp says where the numbers come from).
size_t max_handshake_message_length(HandshakeType type);

class HandshakeDeframer {
 public:
  // Appends the content of one handshake record. Zero-length content is unexpected_message
  // (RFC 8446 §5.1 / RFC 5246 §6.2.1: zero-length handshake fragments MUST NOT be sent).
  // Fails with illegal_parameter (kind limit) when a buffered message header announces a
  // length above its limit; decode_error for a ClientHello, as no legal one is that long.
  // Errors are sticky.
  Status add(ByteView record_content);

  // The next complete message, or std::nullopt when more records are needed.
  Result<std::optional<HandshakeMessage>> next();

  // No byte of a further message is buffered: the last record ended exactly where the last
  // message returned by next() ended.
  bool at_record_boundary() const { return buffered() == 0; }
  // Some bytes of a message are buffered (a message is incomplete).
  bool has_partial_message() const { return !at_record_boundary(); }
  size_t buffered() const { return end_ - begin_ - pending_release_; }

  // Frees the buffer while no byte of a message is held (the message last returned by next()
  // is given up). Errors stay sticky.
  void release_if_idle();

  // unexpected_message unless at_record_boundary() (RFC 8446 §5.1).
  Status check_key_change_boundary() const;
  // unexpected_message unless at_record_boundary(): bytes sent before our answer came.
  Status check_end_of_flight() const;
  // unexpected_message if a message is incomplete (RFC 8446 §5.1: no interleaving).
  Status check_not_interleaved(ContentType other) const;

 private:
  Status check_front_header();
  Status nothing_buffered(const char* before) const;
  void release();

  Bytes buffer_;
  size_t begin_ = 0;
  size_t end_ = 0;
  size_t pending_release_ = 0;
  std::optional<Error> error_;
};

}  // namespace tlsock
