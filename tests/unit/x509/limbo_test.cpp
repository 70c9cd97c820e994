// x509-limbo: every case of ../shared/x509-limbo/limbo.json through the verifier, compared with
// the expected result. The only accepted differences are listed in kDeliberateDifferences
// (each with its reason); the crl family is skipped until CRLs are supported.
#include <doctest/doctest.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "x509/limbo.hpp"

using namespace tlsock::x509;

namespace {

// Deliberate policy differences (at most 10).
const std::map<std::string, std::string> kDeliberateDifferences = {
};

std::string limbo_path() {
  if (const char* env = std::getenv("TLSOCK_LIMBO_JSON")) return env;
  return std::string(TLSOCK_SOURCE_DIR) + "/../shared/x509-limbo/limbo.json";
}

}  // namespace

TEST_CASE("x509-limbo: every case matches its expected result, except the deliberate differences") {
  std::ifstream in(limbo_path());
  if (!in) {
    MESSAGE("limbo.json not found at " << limbo_path() << ": skipped");
    return;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = parse_json(ss.str());
  REQUIRE(doc.ok());
  const auto& cases = (*doc)["testcases"].array;
  CHECK(cases.size() == 208);
  std::map<std::string, std::array<int, 4>> families;  // pass, fail, deliberate, skipped
  for (const auto& tc : cases) {
    LimboCaseResult r = run_limbo_case(tc);
    std::string id = tc["id"].str();
    std::string family = id.substr(0, id.find("::"));
    auto& f = families[family];
    const std::string& expected = tc["expected_result"].str();
    if (r.actual == "SKIPPED") {
      ++f[3];
      CHECK_MESSAGE(family == "crl", id << " skipped: " << r.context);
      continue;
    }
    bool match = r.actual == expected;
    if (match) {
      ++f[0];
      CHECK_MESSAGE(!kDeliberateDifferences.count(id), id << " now passes: remove it from kDeliberateDifferences");
    } else if (kDeliberateDifferences.count(id)) {
      ++f[2];
    } else {
      ++f[1];
      FAIL_CHECK(id << ": expected " << expected << ", got " << r.actual << " (" << r.context << ")");
    }
  }
  std::ostringstream summary;
  for (const auto& [family, f] : families)
    summary << "  " << family << ": " << f[0] << "/" << (f[0] + f[1] + f[2] + f[3]) << " pass"
            << (f[2] ? ", " + std::to_string(f[2]) + " deliberate" : "")
            << (f[1] ? ", " + std::to_string(f[1]) + " FAIL" : "")
            << (f[3] ? ", " + std::to_string(f[3]) + " skipped" : "") << "\n";
  MESSAGE("x509-limbo by family:\n" << summary.str());
  CHECK(kDeliberateDifferences.size() <= 10);
}
