// The `tlsock x509` command (built by the tlsock_cli target, which the unit_tests target
// builds first): decode prints the dict's repr and JSON, verify prints the chain or OpenSSL's
// code and message, limbo follows x509-limbo's harness contract and tallies by family.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/limbo.hpp"
#include "tlsock/peer_certificate.hpp"
#include "unit/x509/cert_builder.hpp"
#include "x509/oid.hpp"
#include "x509/pem.hpp"

namespace fs = std::filesystem;
using namespace tlsock;
using namespace tlsock::x509;
using namespace tlsock::cli;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("tlsock_x509_cli_" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

struct Run {
  int status = -1;
  std::string out, err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `tlsock <args>` (arguments are our own paths and words: no quoting needed).
Run run_tlsock(const std::string& args, const fs::path& tmp, const std::string& stdin_file = "/dev/null") {
  const fs::path binary = fs::path(TLSOCK_BINARY_DIR) / "tlsock";
  REQUIRE_MESSAGE(fs::exists(binary), binary << " missing: build the tlsock_cli target");
  const fs::path out = tmp / "stdout", err = tmp / "stderr";
  std::string cmd = binary.string() + " " + args + " <" + stdin_file + " >" + out.string() + " 2>" + err.string();
  int raw = std::system(cmd.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
}

fs::path write_pem(const fs::path& dir, const std::string& name, const Bytes& der) {
  fs::path p = dir / name;
  std::ofstream(p, std::ios::binary) << pem_encode("CERTIFICATE", der);
  return p;
}

}  // namespace

TEST_CASE("tlsock x509 decode prints Python's repr, or JSON") {
  TempDir tmp;
  const std::string file = std::string(TLSOCK_VECTORS_DIR) + "/x509/san-nul.pem";
  PeerCertificate dict = decode_cert_file(file);
  Run python = run_tlsock("x509 decode " + file, tmp.path);
  CHECK(python.status == 0);
  CHECK(python.out == dict.to_python_repr() + "\n");
  Run json = run_tlsock("x509 decode " + file + " --json", tmp.path);
  CHECK(json.status == 0);
  CHECK(json.out == dict.to_json() + "\n");
  CHECK_NOTHROW(parse_json(json.out));
  CHECK(run_tlsock("x509 decode /nonexistent.pem", tmp.path).status == 1);
}

TEST_CASE("tlsock x509 verify --cafile CA [--untrusted FILE] [--hostname NAME] LEAF") {
  TempDir tmp;
  test::CertSpec root = test::root_spec();
  test::CertSpec inter;
  inter.serial = 3;
  inter.issuer = test::name_cn("Test Root");
  inter.subject = test::name_cn("Test Intermediate");
  inter.extensions = {test::ca_basic_constraints(), test::ca_key_usage(), test::ski(2), test::aki(1)};
  test::CertSpec leaf = test::leaf_spec();
  leaf.issuer = test::name_cn("Test Intermediate");
  leaf.extensions = {test::aki(2), test::extension(oid::subject_alt_name, false,
                                                   test::seq({test::tlv(tag::context(2), test::text_bytes("leaf.example")),
                                                              test::tlv(tag::context(2), test::text_bytes("xn--bcher-kva.example"))}))};
  const fs::path ca = write_pem(tmp.path, "ca.pem", test::build_certificate(root));
  const fs::path untrusted = write_pem(tmp.path, "inter.pem", test::build_certificate(inter));
  const fs::path leaf_pem = write_pem(tmp.path, "leaf.pem", test::build_certificate(leaf));
  const std::string time = " --time " + std::to_string(test::kTestTime) + " ";

  Run ok = run_tlsock("x509 verify --cafile " + ca.string() + " --untrusted " + untrusted.string() +
                      " --hostname leaf.example" + time + leaf_pem.string(),
                  tmp.path);
  CHECK(ok.status == 0);
  CHECK(ok.out == "OK\n0: commonName=leaf.example\n1: commonName=Test Intermediate\n2: commonName=Test Root\n");

  Run idn = run_tlsock("x509 verify --cafile " + ca.string() + " --untrusted " + untrusted.string() +
                       " --hostname b\xc3\xbc" "cher.example" + time + leaf_pem.string(),
                   tmp.path);
  CHECK(idn.status == 0);

  Run mismatch = run_tlsock("x509 verify --cafile " + ca.string() + " --untrusted " + untrusted.string() +
                            " --hostname other.example" + time + leaf_pem.string(),
                        tmp.path);
  CHECK(mismatch.status == 1);
  CHECK(mismatch.out == "error 62 at verification: Hostname mismatch, certificate is not valid for 'other.example'.\n");

  Run no_issuer = run_tlsock("x509 verify --cafile " + ca.string() + time + leaf_pem.string(), tmp.path);
  CHECK(no_issuer.status == 1);
  CHECK(no_issuer.out.rfind("error 20 at verification: unable to get local issuer certificate", 0) == 0);

  Run expired = run_tlsock("x509 verify --cafile " + ca.string() + " --untrusted " + untrusted.string() +
                           " --time 2240611200 " + leaf_pem.string(),  // 2041
                       tmp.path);
  CHECK(expired.status == 1);
  CHECK(expired.out.rfind("error 10 at verification: certificate has expired", 0) == 0);

  CHECK(run_tlsock("x509 verify " + leaf_pem.string(), tmp.path).status == 2);  // no --cafile
}

// An intermediate constrained to example.com, a leaf CN=bank.com
// with no subjectAltName: refused as `openssl verify -verify_hostname bank.com` refuses it.
TEST_CASE("tlsock x509 verify: a name-constrained CA cannot issue for another host through the CN") {
  TempDir tmp;
  test::CertSpec inter;
  inter.serial = 3;
  inter.issuer = test::name_cn("Test Root");
  inter.subject = test::name_cn("Test Intermediate");
  inter.extensions = {test::ca_basic_constraints(), test::ca_key_usage(), test::ski(2), test::aki(1),
                      test::name_constraints(0, test::tlv(tag::context(2), test::text_bytes("example.com")))};
  test::CertSpec leaf = test::leaf_spec();
  leaf.issuer = test::name_cn("Test Intermediate");
  leaf.subject = test::name_cn("bank.com");
  leaf.extensions = {test::aki(2)};
  const fs::path ca = write_pem(tmp.path, "root.pem", test::build_certificate(test::root_spec()));
  const fs::path untrusted = write_pem(tmp.path, "int.pem", test::build_certificate(inter));
  const fs::path leaf_pem = write_pem(tmp.path, "leaf.pem", test::build_certificate(leaf));
  Run refused = run_tlsock("x509 verify --cafile " + ca.string() + " --untrusted " + untrusted.string() +
                               " --hostname bank.com --time " + std::to_string(test::kTestTime) + " " +
                               leaf_pem.string(),
                           tmp.path);
  CHECK(refused.status == 1);
  CHECK(refused.out.rfind("error 47 at verification: permitted subtree violation", 0) == 0);
}

TEST_CASE("tlsock x509 limbo: limbo.json in, LimboResult out, pass counts by family on stderr") {
  const std::string limbo = std::string(TLSOCK_VECTORS_DIR) + "/x509-limbo/limbo.json";
  REQUIRE_MESSAGE(fs::exists(limbo), "limbo.json not found at " << limbo);
  TempDir tmp;
  // The first two cases of every family keep this quick; limbo_test runs them all.
  const fs::path subset = tmp.path / "subset.json";
  std::string cmd = "python3 -c 'import json,sys\n"
                    "d = json.load(open(sys.argv[1])); seen = {}; keep = []\n"
                    "for t in d[\"testcases\"]:\n"
                    "  f = t[\"id\"].split(\"::\")[0]; seen[f] = seen.get(f, 0) + 1\n"
                    "  if seen[f] <= 2: keep.append(t)\n"
                    "d[\"testcases\"] = keep; json.dump(d, open(sys.argv[2], \"w\"))' " +
                    limbo + " " + subset.string();
  REQUIRE(std::system(cmd.c_str()) == 0);
  JsonValue doc = parse_json(slurp(subset));
  const auto& cases = doc["testcases"].array;

  Run run = run_tlsock("x509 limbo", tmp.path, subset.string());
  CHECK(run.status == 0);
  JsonValue result = parse_json(run.out);
  CHECK(result["version"].number == 1);
  CHECK(result["harness"].str() == "tlsock");
  const auto& rows = result["results"].array;
  REQUIRE(rows.size() == cases.size());
  std::vector<LimboCaseResult> ours;
  for (size_t i = 0; i < cases.size(); ++i) {
    LimboCaseResult r = run_limbo_case(cases[i]);
    CHECK(rows[i]["id"].str() == r.id);
    CHECK(rows[i]["actual_result"].str() == r.actual);
    ours.push_back(r);
  }
  const std::string summary = limbo_family_summary(limbo_counts_by_family(doc, ours));
  CHECK(run.err == summary);
  for (const char* family : {"rfc5280: ", "webpki: ", "pathlen: ", "pathological: ", "cve: ", "online: ", "crl: "})
    CHECK_MESSAGE(("\n" + summary).find(std::string("\n") + family) != std::string::npos, family << " missing from\n" << summary);
}
