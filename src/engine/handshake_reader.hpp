// HandshakeReader: record/handshake_deframer.hpp's HandshakeDeframer behind a header that does
// not define tlsock::HandshakeMessage, so the engine can use it next to the handshake layer
// (whose handshake_message.hpp defines another HandshakeMessage). It also releases the
// deframer's buffer when no message is in progress, so an idle connection holds none.
#pragma once

#include <memory>
#include <optional>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"

namespace tlsock {

class HandshakeDeframer;

// One whole handshake message; valid until the next call to add(), next() or release_if_idle().
struct ReassembledMessage {
  HandshakeType type = HandshakeType::hello_request;
  ByteView body;  // without the 4-byte header
};

class HandshakeReader {
 public:
  HandshakeReader();
  HandshakeReader(HandshakeReader&&) noexcept;
  HandshakeReader& operator=(HandshakeReader&&) noexcept;
  ~HandshakeReader();

  // See HandshakeDeframer::add / next / check_key_change_boundary / check_not_interleaved.
  Status add(ByteView record_content);
  Result<std::optional<ReassembledMessage>> next();
  Status check_key_change_boundary() const;
  Status check_not_interleaved(ContentType other) const;
  bool has_partial_message() const;

  // Frees the buffer when no byte of a message is held (errors stay sticky: a failed reader is
  // never released).
  void release_if_idle();

 private:
  std::unique_ptr<HandshakeDeframer> deframer_;  // null while idle
  bool failed_ = false;
};

}  // namespace tlsock
