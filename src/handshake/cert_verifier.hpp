// How the handshake asks whether a peer's certificate chain is acceptable.
//
// The handshake never parses X.509: it hands the DER chain (leaf first, as received) to a
// CertVerifier and gets back the leaf's public key, which it then uses to check the peer's
// CertificateVerify. The X.509 layer supplies the real verifier (path building, trust store,
// hostname matching, validity against the provider's clock); PinnedKeyVerifier is a small one
// for tests and for peers known by their exact leaf certificate.
#pragma once

#include <string>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "crypto/clock.hpp"
#include "crypto/signature.hpp"

namespace tlsock {

enum class PeerRole : uint8_t { server, client };

struct CertVerifyRequest {
  const std::vector<Bytes>& chain;  // DER, leaf first, never empty
  PeerRole peer;                    // whose chain this is (server: check server_name)
  std::string_view server_name;     // SNI we sent (client side); empty: no name to check
  Clock& clock;                     // "now" for validity periods
};

class CertVerifier {
 public:
  virtual ~CertVerifier() = default;
  // The leaf's public key, or an Error whose alert the engine sends (bad_certificate,
  // unknown_ca, certificate_expired, unsupported_certificate, ...).
  virtual Result<PublicKey> verify(const CertVerifyRequest& request) = 0;
};

// Accepts a chain iff its leaf is byte-for-byte one of the pinned certificates (and, for a
// server's chain with pinned names, the server name is one of them); returns the pinned key.
class PinnedKeyVerifier final : public CertVerifier {
 public:
  // leaf_der: the certificate; spki_der: its SubjectPublicKeyInfo; names: accepted server
  // names (empty: any).
  Status pin(Bytes leaf_der, ByteView spki_der, std::vector<std::string> names = {});
  Result<PublicKey> verify(const CertVerifyRequest& request) override;

 private:
  struct Pin {
    Bytes leaf;
    PublicKey key;
    std::vector<std::string> names;
  };
  std::vector<Pin> pins_;
};

}  // namespace tlsock
