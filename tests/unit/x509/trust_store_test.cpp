// The trust store's sources and counts: SSL_CERT_FILE / SSL_CERT_DIR overriding the Debian
// defaults, capath certificates counted once used, CRL blocks counted (cert_store_stats()).
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "unit/x509/crl_builder.hpp"
#include "unit/x509/vector_files.hpp"
#include "x509/pem.hpp"
#include "x509/trust_store.hpp"

namespace fs = std::filesystem;
using namespace tlsock;
using namespace tlsock::x509;
using test::vector_certificate;
using test::vector_text;

namespace {

// Sets an environment variable for the scope, restoring what was there.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("tlsock_trust_store_" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("trust store: SSL_CERT_FILE and SSL_CERT_DIR override the default paths") {
  TempDir tmp;
  const fs::path bundle = tmp.path / "bundle.pem";
  std::ofstream(bundle) << vector_text("key-p256.pem") << vector_text("key-rsa.pem") << vector_text("key-p256.pem");
  const fs::path dir = tmp.path / "certs";
  fs::create_directories(dir);
  std::ofstream(dir / "ed25519.pem") << vector_text("key-ed25519.pem");
  std::ofstream(dir / "not-a-cert.txt") << "junk\n";

  ScopedEnv file("SSL_CERT_FILE", bundle.string());
  ScopedEnv certs("SSL_CERT_DIR", dir.string());
  TrustStore store;
  store.load_default();
  CHECK(store.stats().x509 == 2);  // the duplicate is ignored; the directory is not read yet
  const Certificate ed = vector_certificate("key-ed25519.pem");
  CHECK(store.find_by_subject(ed.issuer()).size() == 1);  // found in SSL_CERT_DIR on demand
  CHECK(store.stats().x509 == 3);                          // and counted once used
  CHECK(store.contains(ed));
  CHECK_FALSE(store.contains(vector_certificate("key-p384.pem")));

  // Without the variables the Debian paths are used.
  ::unsetenv("SSL_CERT_FILE");
  ::unsetenv("SSL_CERT_DIR");
  TrustStore system;
  system.load_default();
  if (fs::exists(kDefaultCaFile)) CHECK(system.stats().x509 > 100);
  CHECK_FALSE(system.contains(ed));
}

TEST_CASE("trust store: CRL blocks counted, CA and non-CA certificates told apart") {
  TrustStore store;
  std::string crl = pem_encode("X509 CRL", test::build_crl(test::CrlSpec{}));
  REQUIRE(store.load_pem(vector_text("key-p256.pem") + crl + vector_text("v1-cert.pem")).ok());
  TrustStoreStats s = store.stats();
  CHECK(s.x509 == 2);
  CHECK(s.crl == 1);
  CHECK(s.x509_ca == 1);  // v1-cert.pem has no extensions, so no basicConstraints cA
}
