// PeerCertificate::to_python_repr() and to_json() against CPython itself: for every
// certificate in /etc/ssl/certs/*.pem, vectors/x509/*.pem and a few hand-built ones, one
// python3 process prints repr(ssl._ssl._test_decode_cert(path)) and its json.dumps per path,
// and ours must be identical.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "unit/x509/cert_builder.hpp"
#include "unit/x509/python_oracle.hpp"
#include "unit/x509/vector_files.hpp"
#include "x509/certificate.hpp"
#include "x509/pem.hpp"
#include "socket/python_dict.hpp"

namespace fs = std::filesystem;
using namespace tlsock;
using namespace tlsock::x509;

namespace {

std::vector<std::string> pem_files(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".pem") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Two lines per path: the repr and json.dumps(ensure_ascii=False) of the dict (bytes values as
// {"hex": ...}, as to_json() writes them), or "ERROR <exception type>" twice.
std::vector<std::string> python_repr_and_json(const std::vector<std::string>& paths) {
  return x509::test::python_lines(
      "import json,ssl,sys\n"
      "for p in open(sys.argv[1]).read().splitlines():\n"
      "  try: d = ssl._ssl._test_decode_cert(p)\n"
      "  except Exception as e: print(\"ERROR\", type(e).__name__); print(\"ERROR\"); continue\n"
      "  print(repr(d))\n"
      "  print(json.dumps(d, ensure_ascii=False, default=lambda b: {\"hex\": b.hex()}))\n",
      paths);
}

// The certificate decoding edge cases, each with the vector that carries it (vectors/x509/
// make_vectors.sh); every one must be compared with Python, not merely rejected by both.
const std::vector<std::pair<std::string, std::string>> kEdgeCases = {
    {"san-nul.pem", "NUL bytes in SAN values"},
    {"san-ipv6.pem", "IPv6 SANs"},
    {"san-dirname-rid.pem", "directoryName and registeredID SANs"},
    {"utf8-attributes.pem", "non-ASCII UTF-8 attributes"},
    {"serial-leading-zero.pem", "serial with a leading zero octet"},
    {"serial-leading-zero-long.pem", "20-octet serial with a leading zero octet"},
    {"generalized-time-2060.pem", "GeneralizedTime after 2049"},
    {"key-rsa.pem", "RSA key"},
    {"key-rsa-pss.pem", "RSASSA-PSS key"},
    {"key-p256.pem", "EC P-256 key"},
    {"key-p384.pem", "EC P-384 key"},
    {"key-p521.pem", "EC P-521 key"},
    {"key-ed25519.pem", "Ed25519 key"},
};

// Hand-built certificates the openssl CLI cannot make, written to temporary PEM files so
// Python reads them too: validation refuses them, decoding must still show what Python shows.
std::vector<std::string> write_hand_built(const fs::path& dir) {
  std::vector<std::pair<std::string, x509::test::CertSpec>> specs;
  auto gt = x509::test::leaf_spec();
  gt.not_before = x509::test::generalized_time("20200101000000Z");
  gt.not_after = x509::test::generalized_time("20391231235959Z");
  specs.emplace_back("generalized-time-2039.pem", gt);
  auto ku = x509::test::leaf_spec();
  ku.extensions.push_back(x509::test::key_usage({0x00, 0x80}));
  specs.emplace_back("key-usage-trailing-zeros.pem", ku);
  std::vector<std::string> out;
  for (const auto& [name, spec] : specs) {
    fs::path p = dir / name;
    std::ofstream(p, std::ios::binary) << pem_encode("CERTIFICATE", x509::test::build_certificate(spec));
    out.push_back(p.string());
  }
  return out;
}

}  // namespace

TEST_CASE("the oracle's edge-case vectors carry what they are named for") {
  // Certificates stay alive while their views are read.
  auto cert = [&](const std::string& file) { return x509::test::vector_certificate(file); };
  auto has = [](const Certificate& c, GeneralNameType t, auto pred) {
    const auto& names = *c.extensions().subject_alt_name;
    return std::any_of(names.begin(), names.end(), [&](const GeneralName& g) { return g.type == t && pred(g.value); });
  };
  auto any = [](ByteView) { return true; };
  const Certificate nul = cert("san-nul.pem"), ipv6 = cert("san-ipv6.pem"), dirname = cert("san-dirname-rid.pem");
  CHECK(has(nul, GeneralNameType::dns_name, [](ByteView v) { return std::find(v.begin(), v.end(), 0) != v.end(); }));
  CHECK(has(ipv6, GeneralNameType::ip_address, [](ByteView v) { return v.size() == 16; }));
  CHECK(has(dirname, GeneralNameType::directory_name, any));
  CHECK(has(dirname, GeneralNameType::registered_id, any));
  const Certificate utf8 = cert("utf8-attributes.pem");
  const Bytes organization_name = oid_from_string("2.5.4.10");
  auto o = utf8.subject().find(organization_name);
  REQUIRE(o.size() == 1);
  CHECK(o[0].value_tag == tag::utf8_string);
  CHECK(std::any_of(o[0].value.begin(), o[0].value.end(), [](uint8_t b) { return b >= 0x80; }));
  for (const char* file : {"serial-leading-zero.pem", "serial-leading-zero-long.pem"}) {
    const Certificate c = cert(file);
    ByteView serial = c.serial();
    CHECK_MESSAGE((serial.size() > 1 && serial[0] == 0x00), file);
  }
  const Certificate far = cert("generalized-time-2060.pem");
  CHECK(far.not_after().encoding == TimeEncoding::generalized_time);
  CHECK(far.not_after().year > 2049);
  const std::vector<std::pair<std::string, KeyType>> keys = {
      {"key-rsa.pem", KeyType::rsa},       {"key-rsa-pss.pem", KeyType::rsa_pss}, {"key-p256.pem", KeyType::ec_p256},
      {"key-p384.pem", KeyType::ec_p384},  {"key-p521.pem", KeyType::ec_p521},   {"key-ed25519.pem", KeyType::ed25519}};
  for (const auto& [file, type] : keys) CHECK_MESSAGE(cert(file).spki().key_type == type, file);
}

TEST_CASE("to_python_repr and to_json match Python's repr and json.dumps of _test_decode_cert for system and edge-case certificates") {
  std::vector<std::string> paths = pem_files("/etc/ssl/certs");
  size_t system_count = paths.size();
  for (auto& p : pem_files(fs::path(TLSOCK_VECTORS_DIR) / "x509")) paths.push_back(p);
  const fs::path tmp = fs::temp_directory_path() / ("tlsock_x509_hand_built_" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  for (auto& p : write_hand_built(tmp)) paths.push_back(p);
  REQUIRE_MESSAGE(system_count > 0, "/etc/ssl/certs is empty: install ca-certificates");
  std::vector<std::string> lines = python_repr_and_json(paths);
  REQUIRE(lines.size() == 2 * paths.size());
  size_t compared = 0, both_error = 0;
  std::set<std::string> compared_names;
  for (size_t i = 0; i < paths.size(); ++i) {
    auto ours = detail::decode_cert_file_result(paths[i]);
    const std::string& repr = lines[2 * i];
    if (repr.rfind("ERROR", 0) == 0) {
      CHECK_MESSAGE(!ours.ok(), paths[i] << ": Python raises, we decoded");
      ++both_error;
      continue;
    }
    REQUIRE_MESSAGE(ours.ok(), paths[i] << ": " << (ours.ok() ? "" : ours.error().detail));
    CHECK_MESSAGE(ours->to_python_repr() == repr, paths[i]);
    CHECK_MESSAGE(ours->to_json() == lines[2 * i + 1], paths[i] << " (JSON)");
    ++compared;
    if (i >= system_count) compared_names.insert(fs::path(paths[i]).filename().string());
  }
  fs::remove_all(tmp);
  for (const auto& [file, what] : kEdgeCases) CHECK_MESSAGE(compared_names.count(file), what << " (" << file << ") not compared");
  for (const char* file : {"generalized-time-2039.pem", "key-usage-trailing-zeros.pem"})
    CHECK_MESSAGE(compared_names.count(file), file << " not compared");
  MESSAGE("python oracle: " << compared << " certificates identical (" << system_count
          << " system files), " << both_error << " rejected by both");
}
