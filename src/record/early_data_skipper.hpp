// EarlyDataSkipper: how a server gets past the 0-RTT data it declined (RFC 8446 §4.2.10).
//
// A client that offers early_data sends its early records (application_data, protected with
// its early traffic keys) right behind its ClientHello, before it knows the answer. A server
// that declines "skips past early data instead of attempting to decrypt it, up to the
// configured max_early_data_size"; past that it MUST abort with unexpected_message.
//   - Declined in the ServerHello (Until::handshake_keys_open): each application_data record
//     is tried with the client's handshake keys (a protector of its own, fresh: the trial).
//     The first record that opens starts the client's handshake flight and ends the skipping;
//     those that do not open are skipped.
//   - After a HelloRetryRequest (Until::second_client_hello): "skipping all records with an
//     external content type of application_data"; the second ClientHello ends the skipping.
// Other records (a compatibility ChangeCipherSpec, an alert) are handed on; they do not end it.
//
// The record layer hands the skipper the bytes of one record at a time (RecordLayer::feed) and
// gets back the whole records it does not skip, to read them as if they had just arrived.
#pragma once

#include <cstdint>
#include <optional>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "record/record_protector.hpp"

namespace tlsock {

class EarlyDataSkipper {
 public:
  enum class Until { handshake_keys_open, second_client_hello };

  EarlyDataSkipper(Until until, uint32_t max_bytes) : until_(until), budget_(max_bytes) {}

  // Until::handshake_keys_open: the client's handshake keys, sequence number 0. Skipping starts
  // with them (no record is read between the decline and their installation).
  void set_trial(RecordProtector trial) { trial_.emplace(std::move(trial)); }
  bool waiting_for_trial() const { return until_ == Until::handshake_keys_open && !trial_; }

  // Appends bytes of the record being received. record_overflow once it is longer than any
  // protected record (RFC 8446 §5.2: TLSCiphertext.length MUST NOT exceed 2^14 + 256).
  Status collect(ByteView part);

  // The collected record is whole: nullopt when it is skipped, else the record (header and
  // body) to hand on, valid until the next collect(). unexpected_message once the skipped
  // bodies exceed max_bytes.
  Result<std::optional<ByteView>> finish_record();

  // The client's handshake flight has begun: skipping is over.
  bool done() const { return done_; }

 private:
  bool is_early_data(ByteView record);

  Until until_;
  uint32_t budget_;                       // bytes still allowed to be skipped
  std::optional<RecordProtector> trial_;  // never advanced: a record it opens ends the skipping
  Bytes record_;                          // the record being collected
  Bytes scratch_;                         // a copy of it for the trial (open works in place)
  bool handed_on_ = false;                // record_ was returned: the next collect() starts anew
  bool done_ = false;
};

}  // namespace tlsock
