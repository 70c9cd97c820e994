// x509-limbo: every case of vectors/x509-limbo/limbo.json through the verifier, compared with
// the expected result. The only accepted differences are listed in kDeliberateDifferences
// (each with its reason). No case is skipped: the crl family runs with the leaf checked against
// the case's CRLs.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cli/limbo.hpp"

using namespace tlsock::cli;

namespace {

// Deliberate policy differences (at most 10).
const std::map<std::string, std::string> kDeliberateDifferences = {
    // Pairs that limbo marks as conflicting (conflicts_with): one side must fail.
    {"webpki::ca-as-leaf",
     "conflicts with rfc5280::ca-as-leaf: a CA certificate in leaf position is accepted (RFC 5280, "
     "OpenSSL, Python); a cA+keyCertSign leaf without its own issuer role harms nobody"},
    {"webpki::eku::ee-without-eku",
     "conflicts with rfc5280::eku::ee-without-eku: a leaf without extendedKeyUsage is valid for "
     "any purpose (RFC 5280 §4.2.1.12, OpenSSL, Python)"},
    {"rfc5280::nc::permitted-dns-match-noncritical",
     "conflicts with webpki::nc::permitted-dns-match-noncritical: non-critical nameConstraints are "
     "enforced rather than rejected (CABF allows them; rejecting weakens nothing we check)"},
    // CABF 7.1.4.3 CN-in-SAN: only a CN spelling a SAN identity differently is refused; an
    // unrelated CN is tolerated because RFC 5280 cases in the same suite carry one.
    {"webpki::cn::not-in-san", "a commonName unrelated to every SAN is tolerated (CN is never matched)"},
    {"webpki::cn::punycode-not-in-san", "a commonName unrelated to every SAN is tolerated (CN is never matched)"},
    // Pedantic: the anchor is a cross-signed CA without AKI; we trust what the store holds.
    {"rfc5280::aki::cross-signed-root-missing-aki",
     "a trust anchor is trusted as configured; refusing cross-signed anchors without AKI breaks "
     "cve::cve-2024-0567's valid path"},
};

std::string limbo_path() {
  if (const char* env = std::getenv("TLSOCK_LIMBO_JSON")) return env;
  return std::string(TLSOCK_VECTORS_DIR) + "/x509-limbo/limbo.json";
}

}  // namespace

TEST_CASE("x509-limbo: every case matches its expected result, except the deliberate differences") {
  std::ifstream in(limbo_path());
  REQUIRE_MESSAGE(in, "limbo.json not found at " << limbo_path());
  std::stringstream ss;
  ss << in.rdbuf();
  JsonValue doc = parse_json(ss.str());
  const auto& cases = doc["testcases"].array;
  CHECK(cases.size() == 208);
  std::vector<LimboCaseResult> results;
  for (const auto& tc : cases) {
    LimboCaseResult r = run_limbo_case(tc);
    const std::string& id = r.id;
    const std::string& expected = tc["expected_result"].str();
    if (r.actual == "SKIPPED") {
      FAIL_CHECK(id << " skipped: " << r.context);
    } else if (r.actual == expected) {
      CHECK_MESSAGE(!kDeliberateDifferences.count(id), id << " now passes: remove it from kDeliberateDifferences");
    } else if (!kDeliberateDifferences.count(id)) {
      FAIL_CHECK(id << ": expected " << expected << ", got " << r.actual << " (" << r.context << ")");
    }
    results.push_back(std::move(r));
  }
  auto counts = limbo_counts_by_family(doc, results);
  size_t deliberate = 0;
  for (const auto& [family, f] : counts) deliberate += f.failed.size();
  CHECK(deliberate == kDeliberateDifferences.size());
  size_t agree = 0;
  for (const auto& [family, f] : counts) agree += f.pass;
  CHECK(agree >= 200);
  CHECK(counts["crl"].pass == 8);
  MESSAGE("x509-limbo by family (every fail is a deliberate difference):\n" << limbo_family_summary(counts));
  CHECK(kDeliberateDifferences.size() <= 10);
}

TEST_CASE("x509-limbo: one case (TLSOCK_LIMBO_ID), for debugging" * doctest::skip(std::getenv("TLSOCK_LIMBO_ID") == nullptr)) {
  std::ifstream in(limbo_path());
  std::stringstream ss;
  ss << in.rdbuf();
  JsonValue doc = parse_json(ss.str());
  for (const auto& tc : doc["testcases"].array) {
    if (tc["id"].str() != std::getenv("TLSOCK_LIMBO_ID")) continue;
    // TLSOCK_X509_TRACE also set: every failed step of the path search.
    ChainTrace trace;
    if (std::getenv("TLSOCK_X509_TRACE")) trace = [](const std::string& line) { MESSAGE(line); };
    LimboCaseResult r = run_limbo_case(tc, trace);
    MESSAGE(r.id << ": expected " << tc["expected_result"].str() << ", got " << r.actual << " " << r.context);
  }
}
