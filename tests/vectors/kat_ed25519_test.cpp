// RFC 8032 §7.1 Ed25519 vectors through PrivateKey/PublicKey (both backends). The raw seeds are
// wrapped in PKCS#8 and the public keys in SubjectPublicKeyInfo (RFC 8410), which is how keys
// reach tlsock.
#include <doctest/doctest.h>

#include "crypto/signature.hpp"
#include "vector_checks.hpp"

using namespace tlsock;
using namespace tlsock::test;

namespace {

Bytes concat(std::string_view prefix_hex, ByteView tail) {
  Bytes out;
  from_hex(prefix_hex, out);
  out.insert(out.end(), tail.begin(), tail.end());
  return out;
}

// RFC 8410 §7 / §10.3: OneAsymmetricKey with id-Ed25519 and CurvePrivateKey ::= OCTET STRING.
Bytes pkcs8_of_seed(ByteView seed) { return concat("302e020100300506032b657004220420", seed); }
// RFC 8410 §4: SubjectPublicKeyInfo with id-Ed25519, no parameters.
Bytes spki_of_public(ByteView pub) { return concat("302a300506032b6570032100", pub); }

}  // namespace

TEST_CASE("RFC 8032 Ed25519 TEST 1, 2, 3, 1024") {
  VectorFile f = require_vectors("kat/ed25519_rfc8032.txt", 4);
  const SignatureAlgorithm ed{SignaturePadding::ed25519, HashAlgorithm::sha512};
  for (const VectorCase& c : f.cases) {
    CAPTURE(c.description);
    auto key = PrivateKey::load(pkcs8_of_seed(c["secret_key"]));
    REQUIRE_MESSAGE(key.ok(), key.error().message());
    CHECK(to_hex(key->public_key().spki()) == to_hex(spki_of_public(c["public_key"])));
    auto pub = PublicKey::from_spki(spki_of_public(c["public_key"]));
    REQUIRE(pub.ok());
    ScriptedRng rng;
    for (CryptoBackend backend : {CryptoBackend::sodium, CryptoBackend::botan}) {
      CAPTURE(name(backend));
      auto sig = key->sign_with_backend(SignatureScheme::ed25519, c["message"], rng, backend);
      REQUIRE(sig.ok());
      CHECK(to_hex(*sig) == to_hex(c["signature"]));
      CHECK(pub->verify_with_backend(ed, c["message"], c["signature"], backend).ok());
      Bytes other = c["message"];
      other.push_back(0);
      auto bad = pub->verify_with_backend(ed, other, c["signature"], backend);
      REQUIRE_FALSE(bad.ok());
      CHECK(bad.error().alert == AlertDescription::decrypt_error);
    }
    check_fully_used(c);
  }
}
