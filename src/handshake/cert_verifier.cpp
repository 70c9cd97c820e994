#include "handshake/cert_verifier.hpp"

#include <algorithm>

namespace tlsock {

Status PinnedKeyVerifier::pin(Bytes leaf_der, ByteView spki_der, std::vector<std::string> names) {
  TLSOCK_TRY_ASSIGN(PublicKey key, PublicKey::from_spki(spki_der));
  pins_.push_back({std::move(leaf_der), std::move(key), std::move(names)});
  return {};
}

Result<PublicKey> PinnedKeyVerifier::verify(const CertVerifyRequest& request) {
  for (const auto& p : pins_) {
    if (request.chain.front() != p.leaf) continue;
    if (request.peer == PeerRole::server && !p.names.empty() && !request.server_name.empty() &&
        std::find(p.names.begin(), p.names.end(), request.server_name) == p.names.end()) {
      return Error{ErrorKind::certificate, AlertDescription::bad_certificate,
                   "pinned certificate does not match server name " +
                       std::string(request.server_name)};
    }
    return p.key;
  }
  return Error{ErrorKind::certificate, AlertDescription::unknown_ca,
               "peer certificate is not one of the pinned certificates"};
}

}  // namespace tlsock
