// A TLS 1.3 server Connection (ECDSA P-256 certificate, tickets, optional client auth) fed
// arbitrary "client" bytes (see engine_fuzz.hpp).
#include "engine_fuzz.hpp"
#include "x509/pem.hpp"

using namespace tlsock;

namespace {

const CertifiedKey& identity() {
  static const CertifiedKey id = [] {
    auto chain = x509::pem_decode_label(fuzz::engine_vector("server-p256.pem"), "CERTIFICATE");
    std::string key_pem = fuzz::engine_vector("server-p256.key.pem");
    auto key = PrivateKey::load(as_bytes(key_pem));
    if (!chain.ok() || chain->empty() || !key.ok()) std::abort();
    return CertifiedKey{*chain, *key, {}};
  }();
  return id;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ScriptedRng rng(2);
  FixedClock clock(1811808000000);
  TicketSealer sealer;  // one per input, so a run depends on its input alone
  ServerConfig config;
  config.certificates.push_back(identity());
  config.alpn = {"http/1.1"};
  config.client_auth = ClientAuth::optional;
  config.tickets = &sealer;
  config.record_size_limit = 2048;
  ConnectionOptions options;
  options.verify = VerifyPolicy{};
  auto c = Connection::server(config, Provider{rng, clock}, options);
  if (!c.ok()) std::abort();
  fuzz::drive(*c, data, size);
  return 0;
}
