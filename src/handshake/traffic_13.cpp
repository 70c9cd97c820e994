#include "handshake/traffic_13.hpp"

namespace tlsock {

Result<InstallKeys> install_keys(Direction d, Epoch e, const CipherSuiteInfo& suite,
                                 uint64_t generation, const Secret& secret) {
  TLSOCK_TRY_ASSIGN(TrafficKeys keys, traffic_keys(suite, secret));
  return InstallKeys{d, e, suite.id, generation, secret, std::move(keys)};
}

Status initiate_key_update(TrafficSecrets& t, KeyUpdateRequest request, Events& events) {
  TLSOCK_TRY_ASSIGN(Bytes msg, KeyUpdate{request}.encode());
  events.push_back(SendHandshake{std::move(msg), Epoch::application});
  t.update_owed = false;  // any KeyUpdate we send moves our write keys, as asked
  TLSOCK_TRY_ASSIGN(t.write_secret, next_application_traffic_secret(t.suite.hash, t.write_secret));
  ++t.write_generation;
  TLSOCK_TRY_ASSIGN(InstallKeys k, install_keys(Direction::write, Epoch::application, t.suite,
                                                t.write_generation, t.write_secret));
  events.push_back(std::move(k));
  return {};
}

Status handle_key_update(TrafficSecrets& t, ByteView body, Events& events) {
  TLSOCK_TRY_ASSIGN(KeyUpdate ku, KeyUpdate::decode(body));
  TLSOCK_TRY_ASSIGN(t.read_secret, next_application_traffic_secret(t.suite.hash, t.read_secret));
  ++t.read_generation;
  TLSOCK_TRY_ASSIGN(InstallKeys k, install_keys(Direction::read, Epoch::application, t.suite,
                                                t.read_generation, t.read_secret));
  events.push_back(std::move(k));
  // RFC 8446 §4.6.3: "If the request_update field is set to "update_requested", then the
  // receiver MUST send a KeyUpdate of its own with request_update set to
  // "update_not_requested" prior to sending its next Application Data record. This mechanism
  // ... causes an implementation which receives multiple KeyUpdates while it is silent to
  // respond with a single update."
  if (ku.request_update == KeyUpdateRequest::update_requested) t.update_owed = true;
  return {};
}

}  // namespace tlsock
