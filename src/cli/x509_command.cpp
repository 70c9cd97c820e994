// tlsock x509 decode FILE [--python|--json]
//   Prints the getpeercert() dict of the first certificate in FILE: Python's repr (default,
//   identical to repr(ssl._ssl._test_decode_cert(FILE))) or JSON.
// tlsock x509 verify --cafile CA [--untrusted FILE] [--hostname NAME] [--time UNIX] LEAF
//   Builds and validates a path from LEAF (plus the PEM certificates in --untrusted) to the
//   anchors in CA; prints "OK" and the chain, or the X509_V_ERR code and message (exit 1).
// tlsock x509 limbo
//   The x509-limbo harness: limbo.json on stdin, LimboResult JSON on stdout, and the pass
//   count by family (against each case's expected_result) on stderr.
#include "cli/x509_command.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "tlsock/peer_certificate.hpp"
#include "x509/cert_verifier.hpp"
#include "x509/limbo.hpp"
#include "x509/pem.hpp"
#include "x509/python_dict.hpp"

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
  auto cert = tlsock::x509::decode_cert_file_result(file);
  if (!cert) {
    std::fprintf(stderr, "tlsock x509 decode: %s\n", cert.error().message().c_str());
    return 1;
  }
  std::printf("%s\n", json ? cert->to_json().c_str() : cert->to_python_repr().c_str());
  return 0;
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
  auto store = std::make_shared<tlsock::x509::TrustStore>();
  if (auto s = store->load_file(cafile); !s) {
    std::fprintf(stderr, "tlsock x509 verify: %s\n", s.error().message().c_str());
    return 2;
  }
  std::vector<tlsock::Bytes> ders;
  for (const std::string& path : {leaf_path, untrusted}) {
    if (path.empty()) continue;
    std::string text;
    if (!read_file(path, text)) {
      std::fprintf(stderr, "tlsock x509 verify: cannot read %s\n", path.c_str());
      return 2;
    }
    auto blocks = tlsock::x509::pem_decode_label(text, "CERTIFICATE");
    if (!blocks || blocks->empty()) {
      std::fprintf(stderr, "tlsock x509 verify: no certificate in %s\n", path.c_str());
      return 2;
    }
    for (auto& b : *blocks) ders.push_back(std::move(b));
  }
  tlsock::x509::VerifyRequest req;
  for (const auto& d : ders) req.peer_chain.push_back(d);
  if (!hostname.empty()) req.hostname = hostname;
  req.time = time ? *time
                  : std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch()).count();
  tlsock::x509::WebPkiVerifier verifier(store);
  auto out = verifier.verify(req);
  if (!out.ok()) {
    std::printf("error %d at verification: %s%s%s\n", out.verify_code, out.verify_message.c_str(),
                out.detail.empty() ? "" : ": ", out.detail.c_str());
    return 1;
  }
  std::printf("OK\n");
  for (size_t i = 0; i < out.verified_chain.size(); ++i) {
    auto pc = tlsock::x509::to_python_name(out.verified_chain[i].subject());
    std::string subject;
    if (pc) {
      for (const auto& rdn : *pc)
        for (const auto& a : rdn) subject += (subject.empty() ? "" : ", ") + a.name + "=" + a.value;
    }
    std::printf("%zu: %s\n", i, subject.c_str());
  }
  return 0;
}

int limbo() {
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  auto doc = tlsock::x509::parse_json(text);
  if (!doc) {
    std::fprintf(stderr, "tlsock x509 limbo: %s\n", doc.error().message().c_str());
    return 2;
  }
  auto results = tlsock::x509::run_limbo(*doc);
  std::fputs(tlsock::x509::limbo_results_json(results).c_str(), stdout);
  // stdout carries only the LimboResult; the tally against expected_result goes to stderr.
  std::fputs(tlsock::x509::limbo_family_summary(tlsock::x509::limbo_counts_by_family(*doc, results)).c_str(), stderr);
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
