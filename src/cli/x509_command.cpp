// tlsock x509 decode FILE [--python|--json]
//   Prints the getpeercert() dict of the first certificate in FILE: Python's repr (default,
//   identical to repr(ssl._ssl._test_decode_cert(FILE))) or JSON.
// tlsock x509 verify --cafile CA [--untrusted FILE] [--hostname NAME] [--time UNIX] LEAF
//   Builds and validates a path from LEAF (plus the PEM certificates in --untrusted) to the
//   anchors in CA; prints "OK" and the chain, or the X509_V_ERR code and message (exit 1).
// tlsock x509 limbo
//   The x509-limbo harness: limbo.json on stdin, LimboResult JSON on stdout, and the pass
//   count by family (against each case's expected_result) on stderr.
// With TLSOCK_X509_TRACE set in the environment, verify and limbo print every failed step of
// the path search to stderr.
#include "cli/x509_command.hpp"

#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "cli/json.hpp"
#include "cli/limbo.hpp"
#include "tlsock/cert_utils.hpp"
#include "tlsock/chain_check.hpp"
#include "tlsock/peer_certificate.hpp"

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: tlsock x509 decode FILE [--python|--json]\n"
               "       tlsock x509 verify --cafile CA [--untrusted FILE] [--hostname NAME] [--time UNIX] LEAF\n"
               "       tlsock x509 limbo < limbo.json > results.json\n");
  return 2;
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

// Appends the DER of every PEM certificate in the file at `path` to `out`; false (with the
// reason on stderr) when it cannot be read or holds none.
bool certificates_in(const std::string& path, std::vector<std::string>& out) {
  std::string text;
  if (!read_file(path, text)) {
    std::fprintf(stderr, "tlsock x509 verify: cannot read %s\n", path.c_str());
    return false;
  }
  std::vector<std::string> blocks;
  try {
    blocks = tlsock::pem_blocks(text, "CERTIFICATE");
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "tlsock x509 verify: %s: %s\n", path.c_str(), e.what());
    return false;
  }
  if (blocks.empty()) {
    std::fprintf(stderr, "tlsock x509 verify: no certificate in %s\n", path.c_str());
    return false;
  }
  for (auto& b : blocks) out.push_back(std::move(b));
  return true;
}

// The path search's failed steps on stderr when TLSOCK_X509_TRACE is set.
tlsock::cli::ChainTrace trace_from_environment() {
  if (!std::getenv("TLSOCK_X509_TRACE")) return {};
  return [](const std::string& line) { std::fprintf(stderr, "path_builder: %s\n", line.c_str()); };
}

int decode(int argc, char** argv) {
  std::string file;
  bool json = false;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--json") json = true;
    else if (a == "--python") json = false;
    else if (file.empty()) file = a;
    else return usage();
  }
  if (file.empty()) return usage();
  try {
    tlsock::PeerCertificate cert = tlsock::decode_cert_file(file);
    std::printf("%s\n", json ? cert.to_json().c_str() : cert.to_python_repr().c_str());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tlsock x509 decode: %s\n", e.what());
    return 1;
  }
}

int verify(int argc, char** argv) {
  std::string cafile, untrusted, hostname, leaf_path;
  std::optional<int64_t> time;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string v;
    if (a == "--cafile") { if (!next(cafile)) return usage(); }
    else if (a == "--untrusted") { if (!next(untrusted)) return usage(); }
    else if (a == "--hostname") { if (!next(hostname)) return usage(); }
    else if (a == "--time") { if (!next(v)) return usage(); time = std::stoll(v); }
    else if (leaf_path.empty()) leaf_path = a;
    else return usage();
  }
  if (cafile.empty() || leaf_path.empty()) return usage();
  tlsock::ChainCheck check;
  std::vector<std::string> ders;
  if (!certificates_in(cafile, check.trusted) || !certificates_in(leaf_path, ders) ||
      (!untrusted.empty() && !certificates_in(untrusted, ders)))
    return 2;
  check.leaf = ders.front();
  check.intermediates.assign(ders.begin() + 1, ders.end());
  if (!hostname.empty()) check.hostname = hostname;
  check.time = time ? *time
                    : std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  check.trace = trace_from_environment();
  tlsock::ChainCheckResult out = tlsock::check_chain(check);
  if (!out.ok()) {
    std::printf("error %d at verification: %s%s%s\n", out.verify_code, out.verify_message.c_str(),
                out.detail.empty() ? "" : ": ", out.detail.c_str());
    return 1;
  }
  std::printf("OK\n");
  for (size_t i = 0; i < out.verified_chain.size(); ++i) {
    std::string subject;
    for (const auto& rdn : out.verified_chain[i].subject)
      for (const auto& a : rdn) subject += (subject.empty() ? "" : ", ") + a.name + "=" + a.value;
    std::printf("%zu: %s\n", i, subject.c_str());
  }
  return 0;
}

int limbo() {
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  tlsock::cli::JsonValue doc;
  try {
    doc = tlsock::cli::parse_json(text);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "tlsock x509 limbo: %s\n", e.what());
    return 2;
  }
  auto results = tlsock::cli::run_limbo(doc, trace_from_environment());
  std::fputs(tlsock::cli::limbo_results_json(results).c_str(), stdout);
  // stdout carries only the LimboResult; the tally against expected_result goes to stderr.
  std::fputs(tlsock::cli::limbo_family_summary(tlsock::cli::limbo_counts_by_family(doc, results)).c_str(), stderr);
  return 0;
}

}  // namespace

int run_x509_command(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string sub = argv[1];
  if (sub == "decode") return decode(argc, argv);
  if (sub == "verify") return verify(argc, argv);
  if (sub == "limbo") return limbo();
  return usage();
}
