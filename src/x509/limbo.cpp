#include "x509/limbo.hpp"

#include <chrono>
#include <memory>

#include "x509/cert_verifier.hpp"
#include "x509/pem.hpp"
#include "x509/validity.hpp"

namespace tlsock::x509 {

namespace {

LimboCaseResult result(const std::string& id, const char* actual, std::string context) {
  return {id, actual, std::move(context)};
}

Result<Bytes> single_pem(const std::string& text) {
  TLSOCK_TRY_ASSIGN(auto ders, pem_decode_label(text, "CERTIFICATE"));
  if (ders.size() != 1) return decode_error("expected one PEM certificate");
  return std::move(ders.front());
}

}  // namespace

LimboCaseResult run_limbo_case(const JsonValue& tc) {
  const std::string& id = tc["id"].str();
  auto store = std::make_shared<TrustStore>();
  for (const auto& pem : tc["crls"].array) {
    auto der = pem_decode_label(pem.str(), "X509 CRL");
    if (!der || der->size() != 1) return result(id, "FAILURE", "CRL: expected one PEM CRL");
    auto crl = Crl::from_der(std::move(der->front()));
    if (!crl) return result(id, "FAILURE", "CRL: " + crl.error().detail);
    store->add_crl(std::move(*crl));
  }
  for (const auto& pem : tc["trusted_certs"].array) {
    auto der = single_pem(pem.str());
    if (!der) return result(id, "FAILURE", "trusted cert: " + der.error().detail);
    auto c = Certificate::from_der(std::move(*der));
    if (!c) continue;  // an undecodable anchor can never be used: as if absent
    store->add(std::move(*c));
  }
  std::vector<Bytes> chain;
  auto leaf = single_pem(tc["peer_certificate"].str());
  if (!leaf) return result(id, "FAILURE", "peer certificate: " + leaf.error().detail);
  chain.push_back(std::move(*leaf));
  for (const auto& pem : tc["untrusted_intermediates"].array) {
    auto der = single_pem(pem.str());
    if (!der) return result(id, "FAILURE", "intermediate: " + der.error().detail);
    // An undecodable intermediate cannot be part of any path: leave it out of the pool.
    if (!Certificate::from_der(*der)) continue;
    chain.push_back(std::move(*der));
  }
  VerifyRequest req;
  for (const auto& b : chain) req.peer_chain.push_back(b);
  req.check_common_name = false;  // the web PKI profile: SANs only
  // CRLs given: the leaf is checked against them (OpenSSL's X509_V_FLAG_CRL_CHECK).
  if (!tc["crls"].array.empty()) req.crl_check = CrlCheck::leaf;
  req.purpose = tc["validation_kind"].str() == "CLIENT" ? Purpose::client_auth : Purpose::server_auth;
  const JsonValue& t = tc["validation_time"];
  if (t.is_null()) {
    req.time = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  } else if (!parse_iso8601_utc(t.str(), req.time)) {
    return result(id, "SKIPPED", "unparsed validation_time " + t.str());
  }
  if (!tc["max_chain_depth"].is_null()) req.max_intermediates = static_cast<size_t>(tc["max_chain_depth"].number);
  for (const auto& ku : tc["key_usage"].array) {
    auto bit = key_usage_bit(ku.str());
    if (!bit) return result(id, "SKIPPED", "unknown key usage " + ku.str());
    req.required_leaf_key_usage = static_cast<uint16_t>(req.required_leaf_key_usage.value_or(0) | *bit);
  }
  for (const auto& eku : tc["extended_key_usage"].array) {
    if (eku.str() == "serverAuth") req.purpose = Purpose::server_auth;
    else if (eku.str() == "clientAuth") req.purpose = Purpose::client_auth;
    else return result(id, "SKIPPED", "unsupported extended key usage " + eku.str());
  }
  std::vector<std::pair<std::string, std::string>> names;
  const JsonValue& one = tc["expected_peer_name"];
  if (!one.is_null()) names.emplace_back(one["kind"].str(), one["value"].str());
  for (const auto& n : tc["expected_peer_names"].array) names.emplace_back(n["kind"].str(), n["value"].str());
  WebPkiVerifier verifier(store);
  if (names.empty()) {
    VerifyOutcome out = verifier.verify(req);
    return result(id, out.ok() ? "SUCCESS" : "FAILURE", out.ok() ? "" : out.verify_message + " " + out.detail);
  }
  // Every expected name must be valid for the certificate.
  for (const auto& [kind, value] : names) {
    VerifyRequest r = req;
    if (kind == "DNS" || kind == "IP") r.hostname = value;
    else if (kind == "RFC822") r.email = value;
    else return result(id, "SKIPPED", "unsupported peer name kind " + kind);
    VerifyOutcome out = verifier.verify(r);
    if (!out.ok()) return result(id, "FAILURE", out.verify_message + " " + out.detail);
  }
  return result(id, "SUCCESS", "");
}

std::vector<LimboCaseResult> run_limbo(const JsonValue& doc) {
  std::vector<LimboCaseResult> out;
  for (const auto& tc : doc["testcases"].array) out.push_back(run_limbo_case(tc));
  return out;
}

std::string limbo_results_json(const std::vector<LimboCaseResult>& results) {
  std::string out = "{\"version\": 1, \"harness\": \"tlsock\", \"results\": [";
  for (size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    out += (i ? ",\n  " : "\n  ");
    out += "{\"id\": " + json_escape(r.id) + ", \"actual_result\": " + json_escape(r.actual) +
           ", \"context\": " + json_escape(r.context) + "}";
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

}  // namespace tlsock::x509
