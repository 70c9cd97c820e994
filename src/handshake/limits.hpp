// Size and count limits of the handshake layer, each with where its number comes from.
//
// Limits shared with the record layer (kHandshakeHeaderLength, kMaxHandshakeMessageLength,
// kMinRecordSizeLimit, ...) are defined once in record/record_limits.hpp, which this header
// includes: the handshake layer sits above the record layer.
#pragma once

#include <cstddef>
#include <cstdint>

#include "record/record_limits.hpp"

namespace tlsock {

// Our choice: the longest certificate chain we accept from a peer (RFC 8446 does not bound it;
// real chains are 2-4 certificates, and OpenSSL's default verify depth is 100). Bounds the
// verifier's work and our memory before any signature is checked.
inline constexpr size_t kMaxCertificateChainLength = 16;

// RFC 8446 §4.1.2: legacy_session_id<0..32>.
inline constexpr size_t kMaxLegacySessionIdLength = 32;

// RFC 8446 §4.1.2 / §4.1.3: Random is 32 bytes.
inline constexpr size_t kRandomLength = 32;

// RFC 8446 §4.6.1: "Servers MUST NOT use any value greater than 604800 seconds (7 days)"; clients
// MUST NOT cache tickets longer than that either.
inline constexpr uint32_t kMaxTicketLifetimeSeconds = 604800;

// Our choice, as rustls's TicketRotator: a ticket key seals for one period (6 hours by default)
// and opens for one more, so a ticket opens for at least one period and at most two. No key
// needs to outlive the longest ticket (RFC 8446 §4.6.1's 7 days): that bounds the period.
inline constexpr uint32_t kDefaultTicketKeyRotationSeconds = 6 * 3600;
inline constexpr uint32_t kMaxTicketKeyRotationSeconds = kMaxTicketLifetimeSeconds;

// How much one ticket key (AES-256-GCM) seals, in record-sized units (kMaxPlaintextLength
// bytes; a ticket counts as one unit per started 2^14 bytes). RFC 8446 §5.5: "For AES-GCM, up
// to 2^24.5 full-size records ... may be encrypted ... while keeping a safety margin of
// approximately 2^-57 for Authenticated Encryption (AE) security"; 2^24 stays below that.
// Nonces are counters (NIST SP 800-38D §8.2.1), so they cannot collide however many there are.
inline constexpr uint64_t kMaxTicketKeyUses = uint64_t{1} << 24;

// RFC 8449 §4: the TLS 1.3 limit is 2^14 + 1 (plaintext plus the content type byte).
inline constexpr uint16_t kMaxRecordSizeLimit13 = (1u << 14) + 1;

// Our choice: how many PSK identities a server looks at in one ClientHello (rustls and
// OpenSSL look at all of them; a ClientHello is at most 64 KiB of extensions anyway).
inline constexpr size_t kMaxPskIdentities = 16;

// Our choice: how much early data a server that declines 0-RTT skips before giving up
// (RFC 8446 §4.2.10 bounds it by the max_early_data_size it advertised; we advertise none, so
// a compliant client sends none, but a ticket from another server instance might allow it).
inline constexpr uint32_t kMaxEarlyDataToSkip = 1u << 16;

}  // namespace tlsock
