// A probe: one row of the hostile table. The peer runs `script` against the facade described
// by `facade`; the row passes when the peer observed `expect_peer` (the exact alert, a clean
// close, a ServerHello, ...), the facade's outcome starts with `expect_facade`, and the
// facade finished within `wall_bound` seconds using at most `cpu_bound` CPU seconds.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "hostile/facade_under_test.hpp"
#include "hostile/hostile_peer.hpp"

namespace tlsock::hostile {

struct Probe {
  std::string name;
  std::string rfc;   // the rule's source
  std::string does;  // what the peer does
  FacadeSpec facade{};
  PeerSpec peer{};
  std::function<std::string(HostilePeer&)> script{};
  // With facade.resume: runs the first connection and sets up the peer of the second.
  std::function<void(HostilePeer& first, PeerSpec& second)> warmup{};
  std::string expect_peer;  // "*": anything
  std::string expect_facade;
  double cpu_bound = 0.5;
  double wall_bound = 2.0;
};

struct ProbeResult {
  std::string peer;  // what the script observed
  FacadeResult facade;
  bool pass = false;
  std::string why;  // the first expectation that failed
};

ProbeResult run_probe(const Probe& probe);

// The probe tables, one function per topic (probes_*.cpp).
std::vector<Probe> eof_and_stall_probes();
std::vector<Probe> hello_probes();
std::vector<Probe> ccs_and_record_probes();
std::vector<Probe> post_handshake_probes();

// Helpers the tables share ----------------------------------------------------------------------

// The facade's modes, for rows run in each.
inline constexpr Mode kAllModes[] = {Mode::blocking, Mode::timeout, Mode::nonblocking,
                                     Mode::memory_bio};

// The peer's first handshake message of `type` in `flight` (records holding one message
// each, see one_message_per_record); nullptr when absent.
OutRecord* find_message(Flight& flight, HandshakeType type);
// Rewrites a flight so that every handshake message has a record of its own (other records
// keep their place).
void one_message_per_record(Flight& flight);
// Splits every record's content into records of at most `size` bytes.
void split_records(Flight& flight, size_t size);
// A TLS 1.2 facade (maximum_version TLSv1_2), or a TLS 1.2 peer.
void facade_tls12(SSLContext& ctx);
PeerSpec peer_tls12();
// The peer's verdict after draining the connection.
std::string drain_verdict(HostilePeer& peer);
// For a row that expects a refusal: the handshake through `edit`; when the facade let it
// complete, a moment for a late alert, then close_notify; the peer's verdict at the end.
std::string refusal(HostilePeer& peer, const Edit& edit);

}  // namespace tlsock::hostile
