// The keys of one direction (client to server, or server to client) of the connection the
// hostile peer takes part in. The peer's good half (an engine Connection) logs its secrets
// (NSS key log lines); from them the peer opens what either side sends and seals whatever it
// wants to put on the wire in the engine's place: split, merged, injected or forged records.
//
// Epochs: in TLS 1.3 epoch 0 is the handshake traffic secret, 1 the first application traffic
// secret and n+1 the KeyUpdate of n (RFC 8446 §7.2: "traffic upd"); TLS 1.2 has one epoch,
// after ChangeCipherSpec. Each epoch has two protectors: one follows the sender's sequence
// numbers (to open its records), the other counts what the peer itself seals.
#pragma once

#include <optional>
#include <vector>

#include "common/bytes.hpp"
#include "handshake/cipher_suites.hpp"
#include "hostile/wire_records.hpp"
#include "record/record_protector.hpp"

namespace tlsock::hostile {

struct OpenedRecord {
  ContentType type = ContentType::invalid;  // the real (inner) type
  Bytes content;
  size_t epoch = 0;
};

class DirectionKeys {
 public:
  // TLS 1.3: the traffic secret of epoch 0 (handshake) or 1 (application); later epochs are
  // derived when a record needs them.
  void set_secret_13(size_t epoch, ByteView secret);
  void set_suite_13(const CipherSuiteInfo& suite) { suite_ = suite; }
  // TLS 1.2: the write key and fixed IV of this direction (RFC 5246 §6.3).
  void set_key_12(AeadAlgorithm alg, ByteView key, ByteView fixed_iv);
  bool has_keys() const;

  // Opens a protected record: under the epoch last used, else one of the next few (a
  // KeyUpdate moved the sender on). nullopt when no key opens it.
  std::optional<OpenedRecord> open(const WireRecord& record);
  // Seals under `epoch` with the peer's own sequence numbers; padding is TLS 1.3 only.
  Bytes seal(size_t epoch, ContentType type, ByteView content, size_t padding = 0);
  size_t current_epoch() const { return current_; }

 private:
  struct Epoch {
    Secret secret;
    std::optional<RecordProtector> opener;
    std::optional<RecordProtector> sealer;
  };
  // Epoch e with its secret (derived from e-1 when needed); null when it cannot be known.
  Epoch* epoch(size_t e);
  std::optional<RecordProtector> protector(const Epoch& e) const;

  std::vector<Epoch> epochs_;
  std::optional<CipherSuiteInfo> suite_;
  std::optional<AeadAlgorithm> alg12_;
  size_t current_ = 0;
};

}  // namespace tlsock::hostile
