// The hostile probe table (probes_*.cpp in this folder): every row runs one misbehaving peer
// against the real facade over loopback, with wall and CPU bounds, and the summary table is
// printed at the end. TLSOCK_HOSTILE_FILTER=<text> runs only the rows whose name holds it.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "hostile/probe.hpp"

namespace tlsock::hostile {
namespace {

std::vector<Probe> all_probes() {
  std::vector<Probe> all;
  for (auto table : {eof_and_stall_probes, hello_probes, ccs_and_record_probes, post_handshake_probes}) {
    for (Probe& p : table()) all.push_back(std::move(p));
  }
  return all;
}

TEST_CASE("hostile probes against the facade") {
  const char* filter = std::getenv("TLSOCK_HOSTILE_FILTER");
  std::vector<std::pair<const Probe*, ProbeResult>> rows;
  std::vector<Probe> probes = all_probes();
  for (const Probe& p : probes) {
    if (filter != nullptr && p.name.find(filter) == std::string::npos) continue;
    ProbeResult r = run_probe(p);
    CHECK_MESSAGE(r.pass, p.name << " (" << p.rfc << "): " << r.why);
    rows.emplace_back(&p, std::move(r));
  }
  size_t passed = 0;
  std::printf("\n%-4s  %-58s %-24s %-28s %-28s %7s %7s\n", "", "probe", "RFC", "expected (peer)",
              "seen (peer)", "wall s", "cpu s");
  for (const auto& [p, r] : rows) {
    passed += r.pass ? 1 : 0;
    std::printf("%-4s  %-58s %-24s %-28s %-28s %7.3f %7.3f\n", r.pass ? "PASS" : "FAIL",
                p->name.c_str(), p->rfc.c_str(), p->expect_peer.c_str(), r.peer.c_str(),
                r.facade.wall, r.facade.cpu);
    if (!r.pass) std::printf("      %s; facade: %s\n", r.why.c_str(), r.facade.outcome.c_str());
  }
  std::printf("%zu of %zu probes pass\n", passed, rows.size());
  std::fflush(stdout);
}

}  // namespace
}  // namespace tlsock::hostile
