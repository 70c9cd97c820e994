// The x509-limbo harness (C2SP/x509-limbo): run one test case through tlsock::check_chain
// (tlsock/chain_check.hpp), the verifier a handshake uses.
//
// Contract (vectors/x509-limbo/README.md): limbo.json in, a LimboResult
// {"version": 1, "harness": NAME, "results": [{"id", "actual_result", "context"}]} out.
// A case with CRLs is verified with the leaf checked against them (VERIFY_CRL_CHECK_LEAF); cases whose
// inputs we cannot express (an unknown key usage or peer-name kind) are SKIPPED.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cli/json.hpp"
#include "tlsock/chain_check.hpp"

namespace tlsock::cli {

using ChainTrace = std::function<void(const std::string& line)>;

struct LimboCaseResult {
  std::string id;
  std::string actual;   // "SUCCESS", "FAILURE" or "SKIPPED"
  std::string context;  // the verify message, or why it was skipped
};

// trace: ChainCheck::trace for every check the case runs (TLSOCK_X509_TRACE, x509_command.cpp).
LimboCaseResult run_limbo_case(const JsonValue& testcase, const ChainTrace& trace = {});
std::vector<LimboCaseResult> run_limbo(const JsonValue& document, const ChainTrace& trace = {});
std::string limbo_results_json(const std::vector<LimboCaseResult>& results);

// Results against expected_result, per family (the id before "::": rfc5280, webpki, pathlen,
// pathological, cve, online, crl, ...).
struct LimboFamilyCounts {
  size_t pass = 0, fail = 0, skipped = 0;
  std::vector<std::string> failed;  // ids of the failing cases
  size_t total() const { return pass + fail + skipped; }
};
std::map<std::string, LimboFamilyCounts> limbo_counts_by_family(const JsonValue& document,
                                                                const std::vector<LimboCaseResult>& results);
// One line per family: "rfc5280: 95/100 pass, 5 fail".
std::string limbo_family_summary(const std::map<std::string, LimboFamilyCounts>& counts);

}  // namespace tlsock::cli
