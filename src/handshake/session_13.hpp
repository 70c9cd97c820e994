// TLS 1.3 resumption state (RFC 8446 §4.6.1, §2.2).
//
// ClientSession13 is what a client keeps from a NewSessionTicket to resume later.
// TicketContents is what a server seals into the opaque ticket: enough to rebuild the PSK and
// to refuse resumption across suites with another hash, across SNI, or after expiry.
// TicketSealer seals tickets with AES-256-GCM under a rotating key: a ticket is
// key_id(4) || nonce(12) || ciphertext || tag(16); a ticket sealed under the current or the
// previous key opens, older ones do not. One sealer serves every connection of a server context,
// possibly on several threads, so it locks internally (the Aead objects keep state).
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"
#include "crypto/aead.hpp"
#include "crypto/rng.hpp"

namespace tlsock {

struct ClientSession13 {
  CipherSuite suite{};
  Secret psk;
  Bytes ticket;
  uint32_t ticket_age_add = 0;
  uint32_t lifetime_seconds = 0;
  int64_t received_at_ms = 0;
  uint32_t max_early_data_size = 0;
  std::string server_name;
  std::string alpn;
};

struct TicketContents {
  CipherSuite suite{};
  Secret psk;
  uint32_t ticket_age_add = 0;
  uint32_t lifetime_seconds = 0;
  int64_t issued_at_ms = 0;
  std::string server_name;
  std::string alpn;

  Result<Bytes> encode() const;
  static Result<TicketContents> decode(ByteView b);
};

class TicketSealer {
 public:
  // A sealer with a fresh key from rng.
  explicit TicketSealer(Rng& rng);
  virtual ~TicketSealer();
  // Starts a new current key; the old current key still opens tickets until the next rotate.
  void rotate(Rng& rng);

  Result<Bytes> seal(ByteView plaintext, Rng& rng) const;
  // nullopt for a ticket we cannot open (unknown key, forged, truncated): the server then
  // ignores that PSK identity (RFC 8446 §4.2.11: it is not an error). Virtual so a test can
  // stand in for another server's tickets (the RFC 8448 §4 replay opens NSS's).
  virtual std::optional<Bytes> open(ByteView ticket) const;

 private:
  struct Key {
    std::array<uint8_t, 4> id{};
    std::unique_ptr<Aead> aead;
  };
  static Key make_key(Rng& rng);
  mutable std::mutex mutex_;  // guards the keys
  Key current_;
  Key previous_;
};

}  // namespace tlsock
