// A client's resumable session as a program keeps it between runs (tlsock/session_file.hpp:
// PEM around this encoding). The layout is tlsock's own, versioned by its first byte:
//   u8 format (2) | u8 kind (13 or 12) | u64 time | u64 lifetime | vec8 id
//   kind 13: u16 suite | vec8 psk | vec16 ticket | u32 ticket_age_add | u32 lifetime_seconds
//            | u64 received_at_ms | u32 max_early_data_size | vec16 server_name | vec8 alpn
//            | u64 session_created_ms (format 2; format 1 files had none: received_at_ms)
//   kind 12: vec16 Session12::encode() | vec8 session_id | vec16 ticket
// The encoding holds the resumption secret: the caller wipes the buffer (secure_wipe).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/codec.hpp"
#include "common/result.hpp"
#include "handshake/session_12.hpp"
#include "handshake/session_13.hpp"

namespace tlsock {

// One of session13 / session12, by the version the session was made with.
struct SavedSession {
  ClientSession13 session13;
  std::optional<ClientSession12> session12;
  bool has_ticket = false;
  int64_t lifetime = 0;  // seconds: the ticket's lifetime (1.3, or the 1.2 hint); 0 without
  std::string id;
  int64_t time = 0;
};

Status encode_saved_session(const SavedSession& session, Writer& w);
// decode_error for anything this version of tlsock did not write.
Result<SavedSession> decode_saved_session(ByteView body);

}  // namespace tlsock
