#include "cli/limbo.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <stdexcept>

#include "tlsock/cert_utils.hpp"
#include "tlsock/chain_check.hpp"

namespace tlsock::cli {

namespace {

LimboCaseResult result(const std::string& id, const char* actual, std::string context) {
  return {id, actual, std::move(context)};
}

// The DER of a PEM text that must hold exactly one `label` block; std::invalid_argument else.
std::string single_pem(const std::string& text, const char* label) {
  auto ders = pem_blocks(text, label);
  if (ders.size() != 1) throw std::invalid_argument(std::string("expected one PEM ") + label);
  return std::move(ders.front());
}

// The case's inputs as a ChainCheck; a LimboCaseResult when the case fails or is skipped
// before any check runs.
std::optional<LimboCaseResult> read_case(const JsonValue& tc, ChainCheck& check) {
  const std::string& id = tc["id"].str();
  const char* part = "CRL: ";
  try {
    for (const auto& pem : tc["crls"].array) check.crls.push_back(single_pem(pem.str(), "X509 CRL"));
    part = "trusted cert: ";
    for (const auto& pem : tc["trusted_certs"].array)
      check.trusted.push_back(single_pem(pem.str(), "CERTIFICATE"));
    part = "peer certificate: ";
    check.leaf = single_pem(tc["peer_certificate"].str(), "CERTIFICATE");
    part = "intermediate: ";
    for (const auto& pem : tc["untrusted_intermediates"].array)
      check.intermediates.push_back(single_pem(pem.str(), "CERTIFICATE"));
  } catch (const std::invalid_argument& e) {
    return result(id, "FAILURE", part + std::string(e.what()));
  }
  check.check_common_name = false;  // the web PKI profile: SANs only
  check.client_auth = tc["validation_kind"].str() == "CLIENT";
  const JsonValue& t = tc["validation_time"];
  if (t.is_null()) {
    check.time = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch()).count();
  } else {
    try {
      check.time = iso8601_to_seconds(t.str());
    } catch (const std::invalid_argument&) {
      return result(id, "SKIPPED", "unparsed validation_time " + t.str());
    }
  }
  if (!tc["max_chain_depth"].is_null()) check.max_intermediates = static_cast<size_t>(tc["max_chain_depth"].number);
  const std::vector<std::string> known = key_usage_names();
  for (const auto& ku : tc["key_usage"].array) {
    if (std::find(known.begin(), known.end(), ku.str()) == known.end())
      return result(id, "SKIPPED", "unknown key usage " + ku.str());
    check.leaf_key_usage.push_back(ku.str());
  }
  for (const auto& eku : tc["extended_key_usage"].array) {
    if (eku.str() == "serverAuth") check.client_auth = false;
    else if (eku.str() == "clientAuth") check.client_auth = true;
    else return result(id, "SKIPPED", "unsupported extended key usage " + eku.str());
  }
  return std::nullopt;
}

LimboCaseResult checked(const std::string& id, const ChainCheck& check) {
  try {
    ChainCheckResult out = check_chain(check);
    return result(id, out.ok() ? "SUCCESS" : "FAILURE", out.ok() ? "" : out.verify_message + " " + out.detail);
  } catch (const std::invalid_argument& e) {  // a CRL that does not decode
    return result(id, "FAILURE", e.what());
  }
}

}  // namespace

LimboCaseResult run_limbo_case(const JsonValue& tc, const ChainTrace& trace) {
  const std::string& id = tc["id"].str();
  ChainCheck check;
  check.trace = trace;
  if (auto early = read_case(tc, check)) return *early;
  std::vector<std::pair<std::string, std::string>> names;
  const JsonValue& one = tc["expected_peer_name"];
  if (!one.is_null()) names.emplace_back(one["kind"].str(), one["value"].str());
  for (const auto& n : tc["expected_peer_names"].array) names.emplace_back(n["kind"].str(), n["value"].str());
  if (names.empty()) return checked(id, check);
  // Every expected name must be valid for the certificate.
  for (const auto& [kind, value] : names) {
    ChainCheck named = check;
    if (kind == "DNS" || kind == "IP") named.hostname = value;
    else if (kind == "RFC822") named.email = value;
    else return result(id, "SKIPPED", "unsupported peer name kind " + kind);
    LimboCaseResult r = checked(id, named);
    if (r.actual != "SUCCESS") return r;
  }
  return result(id, "SUCCESS", "");
}

std::vector<LimboCaseResult> run_limbo(const JsonValue& doc, const ChainTrace& trace) {
  std::vector<LimboCaseResult> out;
  for (const auto& tc : doc["testcases"].array) out.push_back(run_limbo_case(tc, trace));
  return out;
}

std::string limbo_results_json(const std::vector<LimboCaseResult>& results) {
  std::string out = "{\"version\": 1, \"harness\": \"tlsock\", \"results\": [";
  for (size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    out += (i ? ",\n  " : "\n  ");
    out += "{\"id\": " + json_quote(r.id) + ", \"actual_result\": " + json_quote(r.actual) +
           ", \"context\": " + json_quote(r.context) + "}";
  }
  return out + "\n]}\n";
}

std::map<std::string, LimboFamilyCounts> limbo_counts_by_family(const JsonValue& doc,
                                                                const std::vector<LimboCaseResult>& results) {
  std::map<std::string, const JsonValue*> by_id;
  for (const auto& tc : doc["testcases"].array) by_id.emplace(tc["id"].str(), &tc);
  std::map<std::string, LimboFamilyCounts> out;
  for (const auto& r : results) {
    auto& f = out[r.id.substr(0, r.id.find("::"))];
    auto tc = by_id.find(r.id);
    if (r.actual == "SKIPPED") {
      ++f.skipped;
    } else if (tc != by_id.end() && (*tc->second)["expected_result"].str() == r.actual) {
      ++f.pass;
    } else {
      ++f.fail;
      f.failed.push_back(r.id);
    }
  }
  return out;
}

std::string limbo_family_summary(const std::map<std::string, LimboFamilyCounts>& counts) {
  std::string out;
  for (const auto& [family, f] : counts) {
    out += family + ": " + std::to_string(f.pass) + "/" + std::to_string(f.total()) + " pass";
    if (f.fail) out += ", " + std::to_string(f.fail) + " fail";
    if (f.skipped) out += ", " + std::to_string(f.skipped) + " skipped";
    out += "\n";
  }
  return out;
}

}  // namespace tlsock::cli
