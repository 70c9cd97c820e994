// The trust store's files, read by the facade (socket/capath.hpp): SSL_CERT_FILE /
// SSL_CERT_DIR overriding the Debian defaults, capath certificates counted once used.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "socket/capath.hpp"
#include "unit/x509/vector_files.hpp"
#include "x509/trust_store.hpp"

namespace fs = std::filesystem;
using namespace tlsock;
using namespace tlsock::x509;
using namespace tlsock::detail;
using x509::test::vector_certificate;
using x509::test::vector_text;

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

TEST_CASE("set_default_verify_paths: SSL_CERT_FILE and SSL_CERT_DIR override the default paths") {
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
  load_default_verify_paths(store);
  CHECK(store.stats().x509 == 2);  // the duplicate is ignored; the directory is not read yet
  read_capath(store);
  CHECK(store.stats().x509 == 2);  // read, but held aside until a lookup asks for it
  CHECK(store.unread_directories().empty());
  const Certificate ed = vector_certificate("key-ed25519.pem");
  CHECK(store.find_by_subject(ed.issuer()).size() == 1);  // found in SSL_CERT_DIR on demand
  CHECK(store.stats().x509 == 3);                          // and counted once used
  CHECK(store.contains(ed));
  CHECK_FALSE(store.contains(vector_certificate("key-p384.pem")));

  // Without the variables the Debian paths are used.
  ::unsetenv("SSL_CERT_FILE");
  ::unsetenv("SSL_CERT_DIR");
  TrustStore system;
  load_default_verify_paths(system);
  read_capath(system);
  if (fs::exists(kDefaultCaFile)) CHECK(system.stats().x509 > 100);
  CHECK_FALSE(system.contains(ed));
}
