// The x509-limbo harness (C2SP/x509-limbo): run one test case through the verifier.
//
// Contract (../shared/x509-limbo/README.md): limbo.json in, a LimboResult
// {"version": 1, "harness": NAME, "results": [{"id", "actual_result", "context"}]} out.
// Cases we cannot evaluate (CRLs: revocation checking is not implemented) are SKIPPED.
#pragma once

#include <string>
#include <vector>

#include "x509/json.hpp"

namespace tlsock::x509 {

struct LimboCaseResult {
  std::string id;
  std::string actual;   // "SUCCESS", "FAILURE" or "SKIPPED"
  std::string context;  // the verify message, or why it was skipped
};

LimboCaseResult run_limbo_case(const JsonValue& testcase);
std::vector<LimboCaseResult> run_limbo(const JsonValue& document);
std::string limbo_results_json(const std::vector<LimboCaseResult>& results);

}  // namespace tlsock::x509
