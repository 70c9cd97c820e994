// TLS 1.3 resumption state (RFC 8446 §4.6.1, §2.2).
//
// ClientSession13 is what a client keeps from a NewSessionTicket to resume later.
// TicketContents is what a server seals into the opaque ticket: enough to rebuild the PSK and
// to refuse resumption across suites with another hash, across SNI, or after expiry.
// Both carry the time of the session's first full handshake: a resumption inherits it, and a
// ticket issued on a resumed connection gets only what is left of the first ticket's lifetime
// (session_lifetime.hpp), so one resumption secret cannot be kept alive by reconnecting.
// TicketSealer seals tickets with AES-256-GCM under a key that rotates on the provider's
// clock (limits.hpp: kDefaultTicketKeyRotationSeconds) or after kMaxTicketKeyUses: a ticket is
// key_id(4) || counter(8) || ciphertext || tag(16), its nonce key_id || counter (NIST SP
// 800-38D §8.2.1's fixed field and invocation field). A key seals for one period and opens for
// one more; then it is dropped, and the Aead wipes its key schedule when destroyed.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/wire_enums.hpp"
#include "crypto/aead.hpp"
#include "crypto/provider.hpp"
#include "handshake/limits.hpp"

namespace tlsock {

struct ClientSession13 {
  CipherSuite suite{};
  Secret psk;
  Bytes ticket;
  uint32_t ticket_age_add = 0;
  uint32_t lifetime_seconds = 0;
  int64_t received_at_ms = 0;
  int64_t session_created_ms = 0;  // the first full handshake of this chain of resumptions
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
  int64_t session_created_ms = 0;  // the first full handshake of this chain of resumptions
  std::string server_name;
  std::string alpn;

  Result<Bytes> encode() const;
  static Result<TicketContents> decode(ByteView b);
};

class TicketSealer {
 public:
  // No key yet: the first seal() makes one. max_units_per_key: kMaxTicketKeyUses but in tests.
  explicit TicketSealer(uint32_t rotation_seconds = kDefaultTicketKeyRotationSeconds,
                        uint64_t max_units_per_key = kMaxTicketKeyUses);
  virtual ~TicketSealer();

  uint32_t rotation_seconds() const { return rotation_seconds_; }
  // config_error outside [1, kMaxTicketKeyRotationSeconds]. Applies to the keys in use too.
  Status set_rotation_seconds(uint32_t seconds);

  // Seals under the current key, first replacing it when its period is over or its uses are.
  Result<Bytes> seal(ByteView plaintext, Provider& provider);
  // The plaintext, which holds the session's secret (wiped when dropped). nullopt for a ticket
  // we cannot open (unknown or dropped key, forged, truncated): the server then ignores that
  // PSK identity (RFC 8446 §4.2.11: it is not an error). Virtual so a test can stand in for
  // another server's tickets (the RFC 8448 §4 replay opens NSS's).
  virtual std::optional<Secret> open(ByteView ticket, Provider& provider);

 private:
  struct Key {
    std::array<uint8_t, 4> id{};
    std::unique_ptr<Aead> aead;
    int64_t created_ms = 0;
    std::optional<int64_t> retired_ms;  // when it stopped sealing
    uint64_t units = 0;                 // record-sized units sealed (the nonce counter)
  };
  // Retires the current key when due and drops keys past their opening period.
  void expire_keys(int64_t now_ms);
  int64_t period_ms() const { return int64_t{rotation_seconds_} * 1000; }
  uint32_t rotation_seconds_;
  uint64_t max_units_;
  std::optional<Key> current_;
  std::optional<Key> previous_;
};


}  // namespace tlsock
