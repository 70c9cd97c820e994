// A TLS 1.3 client Connection fed arbitrary "server" bytes (see engine_fuzz.hpp).
#include "engine_fuzz.hpp"

using namespace tlsock;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ScriptedRng rng(1);
  FixedClock clock(1811808000000);
  ClientConfig config;
  config.server_name = "localhost";
  config.alpn = {"h2", "http/1.1"};
  config.post_handshake_auth = true;
  config.record_size_limit = 1024;
  ConnectionOptions options;
  options.verify = VerifyPolicy{};  // no trust anchors: any parsable leaf's key is used
  options.key_log = [](std::string_view) {};
  auto c = Connection::client(config, Provider{rng, clock}, options);
  if (!c.ok()) std::abort();
  fuzz::drive(*c, data, size);
  return 0;
}
