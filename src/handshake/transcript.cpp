#include "handshake/transcript.hpp"

#include "common/wire_enums.hpp"

namespace tlsock {

Digest Transcript::hash_with(ByteView more) const {
  return hash_.digest_with(more);
}

void Transcript::restart_for_hrr() {
  Digest ch1 = hash_.digest();
  hash_ = Hash(hash_.algorithm());
  const uint8_t header[4] = {static_cast<uint8_t>(HandshakeType::message_hash), 0, 0,
                             static_cast<uint8_t>(ch1.size)};
  hash_.update(header);
  hash_.update(ch1);
}

Transcript PendingTranscript::select(HashAlgorithm alg) const {
  Transcript t(alg);
  t.add(buffered_);
  return t;
}

}  // namespace tlsock
