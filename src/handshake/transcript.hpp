// The handshake transcript (RFC 8446 §4.4.1): Transcript-Hash(M1, ..., Mn) = Hash(M1 || ... || Mn)
// over whole handshake messages (header included).
//
// Two types, one per phase:
//  - PendingTranscript: the client sends its ClientHello before it knows which hash the suite
//    will use, so the bytes are kept until the ServerHello names the suite; select() turns it
//    into a Transcript.
//  - Transcript: a running hash. hash() is a snapshot and does not disturb it.
// After a HelloRetryRequest, ClientHello1 is replaced by the synthetic message
// message_hash(254) 00 00 Hash.length Hash(ClientHello1) (RFC 8446 §4.4.1): restart_for_hrr().
#pragma once

#include "common/bytes.hpp"
#include "crypto/hash.hpp"

namespace tlsock {

class Transcript {
 public:
  explicit Transcript(HashAlgorithm alg) : hash_(alg) {}

  HashAlgorithm algorithm() const { return hash_.algorithm(); }
  void add(ByteView whole_message) { hash_.update(whole_message); }
  // Transcript-Hash of everything added so far.
  Digest hash() const { return hash_.digest(); }
  // Transcript-Hash of everything so far followed by `more`, leaving this one unchanged (PSK
  // binders hash a truncated ClientHello that is never part of the real transcript).
  Digest hash_with(ByteView more) const;
  // Replaces the transcript so far (exactly ClientHello1) by its message_hash message.
  void restart_for_hrr();

 private:
  Hash hash_;
};

class PendingTranscript {
 public:
  void add(ByteView whole_message) { buffered_.insert(buffered_.end(), whole_message.begin(), whole_message.end()); }
  Transcript select(HashAlgorithm alg) const;
  const Bytes& buffered() const { return buffered_; }

 private:
  Bytes buffered_;
};

}  // namespace tlsock
