// TLS 1.2 resumption state (RFC 5246 §7.3, §F.1.4; RFC 5077; RFC 7627 §5.3).
//
// Session12 is what both sides remember of a session: the suite and master secret it resumes
// with, whether that master secret is an extended one (RFC 7627), the SNI it was made for.
// A server keeps it in its SessionCache12 (session IDs) or seals it into an RFC 5077 ticket
// with the TicketSealer of session_13.hpp; the sealed plaintext starts with a format byte of
// its own (0x12), so a TLS 1.3 ticket never opens as a 1.2 session and the reverse.
// ClientSession12 is what a client keeps: the session plus how to ask for it again.
#pragma once

#include <string>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"

namespace tlsock {

// Our choice: how long a client keeps a session it got without a lifetime hint (session IDs,
// or a ticket with hint 0, RFC 5077 §3.3 "unspecified"). OpenSSL's default session timeout.
inline constexpr uint32_t kDefaultSessionLifetime12 = 7200;

struct Session12 {
  CipherSuite suite{};
  Secret master_secret;
  bool extended_master_secret = false;
  std::string server_name;
  std::string alpn;
  int64_t created_ms = 0;
  uint32_t lifetime_seconds = 0;

  bool expired(int64_t now_ms) const;
  // The ticket plaintext (format byte 0x12 first).
  Result<Bytes> encode() const;
  // decode_error for anything but a well-formed TLS 1.2 session.
  static Result<Session12> decode(ByteView b);
};

struct ClientSession12 {
  Session12 session;
  Bytes session_id;  // the server's session ID (empty: the server offered only a ticket)
  Bytes ticket;      // RFC 5077 ticket (empty: resume by session ID)
};

}  // namespace tlsock
