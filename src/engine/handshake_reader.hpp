// HandshakeReader: record/handshake_deframer.hpp's HandshakeDeframer, allocated only while a
// message is in progress, so an idle connection holds no reassembly buffer (see
// tests/unit/engine/idle_heap_test.cpp).
#pragma once

#include <memory>
#include <optional>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"
#include "record/handshake_message.hpp"

namespace tlsock {

class HandshakeDeframer;

class HandshakeReader {
 public:
  HandshakeReader();
  HandshakeReader(HandshakeReader&&) noexcept;
  HandshakeReader& operator=(HandshakeReader&&) noexcept;
  ~HandshakeReader();

  // See HandshakeDeframer::add / next / check_key_change_boundary / check_end_of_flight /
  // check_not_interleaved.
  // A message from next() is valid until the next call to add(), next() or release_if_idle().
  Status add(ByteView record_content);
  Result<std::optional<HandshakeMessage>> next();
  Status check_key_change_boundary() const;
  Status check_end_of_flight() const;
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
