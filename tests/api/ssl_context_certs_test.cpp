// SSLContext's certificates, trust anchors, key log and create_default_context(): ports of
// CPython's ContextTests (each TEST_CASE named after its test) over the certificates of
// vectors/api/context/ (make_vectors.sh), with expected answers written there by Python.
#include <doctest/doctest.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <type_traits>

#include "socket/ssl_context_config.hpp"
#include "tlsock/tlsock.hpp"

using namespace tlsock;

namespace {

const std::string kDir = TLSOCK_VECTORS_DIR "/api/context/";
const std::string kRsaKeyCert = kDir + "rsa-keycert.pem";  // Python's CERTFILE
const std::string kRsaCert = kDir + "rsa.pem";             // ONLYCERT
const std::string kRsaKey = kDir + "rsa.key.pem";          // ONLYKEY
const std::string kRsaChain = kDir + "rsa-chain.pem";
const std::string kRsaKeyCertEncrypted = kDir + "rsa-keycert.encrypted.pem";  // CERTFILE_PROTECTED
const std::string kRsaKeyEncrypted = kDir + "rsa.key.encrypted.pem";          // ONLYKEY_PROTECTED
const std::string kEcdsaKeyCert = kDir + "ecdsa-keycert.pem";
const std::string kEcdsaKey = kDir + "ecdsa.key.pem";
const std::string kCaRsa = kDir + "ca-rsa.pem";      // CAFILE_CACERT
const std::string kCaEcdsa = kDir + "ca-ecdsa.pem";  // CAFILE_NEURONIO
const std::string kBad = kDir + "bad.pem";           // BADCERT
const std::string kEmpty = kDir + "empty.pem";       // EMPTYCERT
const std::string kMissing = kDir + "does-not-exist.pem";
const std::string kPassword = "somepass";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

template <typename F>
std::string ssl_error_message(F f) {
  try {
    f();
  } catch (const SSLError& e) {
    return e.what();
  }
  return "<no SSLError>";
}

template <typename F>
std::string invalid_argument_message(F f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "<no std::invalid_argument>";
}

template <typename F>
int os_error_errno(F f) {
  try {
    f();
  } catch (const SSLError&) {
    return -1;
  } catch (const std::system_error& e) {
    CHECK(e.code().category() == std::generic_category());
    return e.code().value();
  }
  return 0;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Sets (or unsets, with nullopt) an environment variable for one scope.
class EnvVar {
 public:
  EnvVar(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) ::setenv(name, value->c_str(), 1);
    else ::unsetenv(name);
  }
  ~EnvVar() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }
  EnvVar(const EnvVar&) = delete;
  EnvVar& operator=(const EnvVar&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tlsock-ctx-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

size_t count_lines(const std::string& path) {
  std::ifstream in(path);
  size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

std::vector<KeyType> loaded_key_types(const SSLContext& ctx) {
  std::vector<KeyType> out;
  for (const auto& c : detail::config_snapshot(ctx)->certificates) out.push_back(c.key.type());
  return out;
}

}  // namespace

TEST_CASE("test_load_cert_chain: key and certificate in one file or two") {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  ctx.load_cert_chain(kRsaKeyCert);
  ctx.load_cert_chain(kRsaKeyCert, kRsaKeyCert);
  ctx.load_cert_chain(kRsaCert, kRsaKey);
  ctx.load_cert_chain(kRsaCert, std::string(kRsaKey));
  CHECK(loaded_key_types(ctx) == std::vector{KeyType::rsa});
  // keyfile without certfile (Python's TypeError) cannot be written: certfile comes first.
}

TEST_CASE("test_load_cert_chain: missing files are FileNotFoundError") {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  CHECK(os_error_errno([&] { ctx.load_cert_chain(kMissing); }) == ENOENT);
  CHECK(os_error_errno([&] { ctx.load_cert_chain(kRsaCert, kMissing); }) == ENOENT);
  try {
    ctx.load_cert_chain(kMissing);
  } catch (const std::system_error& e) {
    CHECK(contains(e.what(), kMissing));  // the message names the file
  }
}

TEST_CASE("test_load_cert_chain: PEM lib for files without a certificate or key") {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  for (const auto& [certfile, keyfile] :
       std::vector<std::pair<std::string, std::optional<std::string>>>{
           {kBad, std::nullopt},
           {kEmpty, std::nullopt},
           {kRsaCert, std::nullopt},  // no key
           {kRsaKey, std::nullopt},   // no certificate
           {kRsaKey, kRsaCert},       // swapped
       }) {
    CAPTURE(certfile);
    const std::string message = ssl_error_message([&] { ctx.load_cert_chain(certfile, keyfile); });
    CHECK(message.starts_with("[SSL] PEM lib"));
  }
  try {
    ctx.load_cert_chain(kEmpty);
  } catch (const SSLError& e) {
    CHECK(e.library() == "SSL");
    CHECK(e.code() == SSL_ERROR_SSL);
    CHECK(std::string(e.what()) == "[SSL] PEM lib (no certificate in '" + kEmpty + "')");
  }
  CHECK(detail::config_snapshot(ctx)->certificates.empty());
}

TEST_CASE("test_load_cert_chain: mismatching key and certificate") {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  try {
    ctx.load_cert_chain(kCaRsa, kRsaKey);
    FAIL("no error");
  } catch (const SSLError& e) {
    CHECK(std::string(e.what()).starts_with("[X509: KEY_VALUES_MISMATCH] key values mismatch"));
    CHECK(e.library() == "X509");
    CHECK(e.reason() == "KEY_VALUES_MISMATCH");
  }
  // A key of another type does not match either.
  CHECK(ssl_error_message([&] { ctx.load_cert_chain(kRsaCert, kEcdsaKey); })
            .starts_with("[X509: KEY_VALUES_MISMATCH] key values mismatch"));
  CHECK(detail::config_snapshot(ctx)->certificates.empty());
}

TEST_CASE("test_load_cert_chain: password protected keys") {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  ctx.load_cert_chain(kRsaKeyCertEncrypted, std::nullopt, kPassword);
  ctx.load_cert_chain(kRsaKeyCertEncrypted, std::nullopt, std::string(kPassword));
  ctx.load_cert_chain(kRsaKeyCertEncrypted, std::nullopt, std::string_view(kPassword));
  ctx.load_cert_chain(kRsaCert, kRsaKeyEncrypted, kPassword);
  // password=True, and a callback returning an int, are TypeErrors: they do not compile.
  static_assert(!std::is_constructible_v<Password, bool>);
  static_assert(!std::is_constructible_v<Password, int (*)()>);
  CHECK_THROWS_AS(ctx.load_cert_chain(kRsaKeyCertEncrypted, std::nullopt, "badpass"), SSLError);
  CHECK(ssl_error_message([&] {
          ctx.load_cert_chain(kRsaKeyCertEncrypted, std::nullopt, "badpass");
        }).starts_with("[SSL] PEM lib"));
  // An encrypted key without a password.
  CHECK_THROWS_AS(ctx.load_cert_chain(kRsaKeyCertEncrypted), SSLError);
  // OpenSSL's limit, which Python enforces, applies only when the password is used.
  CHECK(invalid_argument_message([&] {
          ctx.load_cert_chain(kRsaKeyCertEncrypted, std::nullopt, std::string(102400, 'a'));
        }) == "password cannot be longer than 1024 bytes");
  ctx.load_cert_chain(kRsaKeyCert, std::nullopt, std::string(102400, 'a'));
}

TEST_CASE("test_load_cert_chain: password callbacks") {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  auto getpass = [] { return kPassword; };
  auto getpass_badpass = [] { return std::string("badpass"); };
  auto getpass_huge = [] { return std::string(1024 * 1024, 'a'); };
  auto getpass_exception = []() -> std::string { throw std::runtime_error("getpass error"); };
  struct GetPassCallable {
    std::string operator()() const { return kPassword; }
  };
  ctx.load_cert_chain(kRsaKeyCertEncrypted, std::nullopt, getpass);
  ctx.load_cert_chain(kRsaKeyCertEncrypted, std::nullopt, GetPassCallable{});
  ctx.load_cert_chain(kRsaKeyCertEncrypted, std::nullopt,
                      Password::Callback([] { return std::string("somepass"); }));
  CHECK_THROWS_AS(ctx.load_cert_chain(kRsaKeyCertEncrypted, std::nullopt, getpass_badpass),
                  SSLError);
  CHECK(invalid_argument_message([&] {
          ctx.load_cert_chain(kRsaKeyCertEncrypted, std::nullopt, getpass_huge);
        }) == "password cannot be longer than 1024 bytes");
  CHECK_THROWS_WITH_AS(ctx.load_cert_chain(kRsaKeyCertEncrypted, std::nullopt, getpass_exception),
                       "getpass error", std::runtime_error);
  // The callback is not called when the key needs no password.
  ctx.load_cert_chain(kRsaKeyCert, std::nullopt, getpass_exception);
}

TEST_CASE("load_cert_chain: one chain per key type, kept in load order") {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  ctx.load_cert_chain(kRsaKeyCert);
  ctx.load_cert_chain(kEcdsaKeyCert);
  CHECK(loaded_key_types(ctx) == std::vector{KeyType::rsa, KeyType::ec_p256});
  // A second RSA chain replaces the first, in place.
  ctx.load_cert_chain(kRsaChain, kRsaKey);
  CHECK(loaded_key_types(ctx) == std::vector{KeyType::rsa, KeyType::ec_p256});
  auto config = detail::config_snapshot(ctx);
  const auto& rsa = config->certificates[0];
  REQUIRE(rsa.chain.size() == 2);  // leaf, then its CA, as in the file
  CHECK(rsa.chain[0].der().size() > 0);
  const std::string leaf_der = PEM_cert_to_DER_cert(slurp(kRsaCert));
  CHECK(std::string(reinterpret_cast<const char*>(rsa.chain[0].der().data()),
                    rsa.chain[0].der().size()) == leaf_der);
  CHECK(rsa.chain[1].is_ca());
  // load_cert_chain does not touch the trust store.
  CHECK(ctx.cert_store_stats() == CertStoreStats{});
}

TEST_CASE("test_load_verify_locations") {
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  ctx.load_verify_locations({.cafile = kRsaKeyCert});
  ctx.load_verify_locations({.cafile = kRsaKeyCert, .capath = std::nullopt});
  CHECK(invalid_argument_message([&] { ctx.load_verify_locations({}); }) ==
        "cafile, capath and cadata cannot be all omitted");
  CHECK(os_error_errno([&] { ctx.load_verify_locations({.cafile = kMissing}); }) == ENOENT);
  CHECK(ssl_error_message([&] { ctx.load_verify_locations({.cafile = kBad}); })
            .starts_with("[X509] PEM lib"));
  ctx.load_verify_locations({.cafile = kRsaKeyCert, .capath = kDir});
  // A file with no certificate, and a capath that does not exist (OpenSSL looks lazily).
  CHECK(ssl_error_message([&] { ctx.load_verify_locations({.cafile = kRsaKey}); })
            .starts_with("[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found"));
  CHECK_THROWS_AS(ctx.load_verify_locations({.cafile = kEmpty}), SSLError);
  ctx.load_verify_locations({.capath = kDir + "no-such-dir"});
}

TEST_CASE("test_load_verify_cadata") {
  const std::string cacert_pem = slurp(kCaRsa);
  const std::string cacert_der = PEM_cert_to_DER_cert(cacert_pem);
  const std::string neuronio_pem = slurp(kCaEcdsa);
  const std::string neuronio_der = PEM_cert_to_DER_cert(neuronio_pem);

  // test PEM
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  CHECK(ctx.cert_store_stats().x509_ca == 0);
  ctx.load_verify_locations({.cadata = cacert_pem});
  CHECK(ctx.cert_store_stats().x509_ca == 1);
  ctx.load_verify_locations({.cadata = neuronio_pem});
  CHECK(ctx.cert_store_stats().x509_ca == 2);
  // cert already in hash table
  ctx.load_verify_locations({.cadata = neuronio_pem});
  CHECK(ctx.cert_store_stats().x509_ca == 2);

  // combined
  ctx = SSLContext(PROTOCOL_TLS_CLIENT);
  ctx.load_verify_locations({.cadata = cacert_pem + "\n" + neuronio_pem});
  CHECK(ctx.cert_store_stats().x509_ca == 2);

  // with junk around the certs
  ctx = SSLContext(PROTOCOL_TLS_CLIENT);
  ctx.load_verify_locations({.cadata = "head\n" + cacert_pem + "\nother\n" + neuronio_pem +
                                       "\nagain\n" + neuronio_pem + "\ntail"});
  CHECK(ctx.cert_store_stats().x509_ca == 2);

  // test DER
  ctx = SSLContext(PROTOCOL_TLS_CLIENT);
  ctx.load_verify_locations({.cadata_der = cacert_der});
  ctx.load_verify_locations({.cadata_der = neuronio_der});
  CHECK(ctx.cert_store_stats().x509_ca == 2);
  // cert already in hash table
  ctx.load_verify_locations({.cadata_der = cacert_der});
  CHECK(ctx.cert_store_stats().x509_ca == 2);

  // combined
  ctx = SSLContext(PROTOCOL_TLS_CLIENT);
  ctx.load_verify_locations({.cadata_der = cacert_der + neuronio_der});
  CHECK(ctx.cert_store_stats().x509_ca == 2);

  // error cases
  ctx = SSLContext(PROTOCOL_TLS_CLIENT);
  CHECK(contains(ssl_error_message([&] { ctx.load_verify_locations({.cadata = "broken"}); }),
                 "no start line: cadata does not contain a certificate"));
  CHECK(contains(ssl_error_message([&] { ctx.load_verify_locations({.cadata_der = "broken"}); }),
                 "not enough data: cadata does not contain a certificate"));
  CHECK_THROWS_AS(ctx.load_verify_locations({.cadata_der = cacert_der + "A"}), SSLError);
  CHECK(invalid_argument_message([&] { ctx.load_verify_locations({.cadata = ""}); }) ==
        "Empty certificate data");
  CHECK_THROWS_AS(ctx.load_verify_locations({.cadata_der = ""}), std::invalid_argument);
}

TEST_CASE("test_cert_store_stats") {
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  CHECK(ctx.cert_store_stats() == CertStoreStats{.x509 = 0, .crl = 0, .x509_ca = 0});
  ctx.load_cert_chain(kRsaKeyCert);
  CHECK(ctx.cert_store_stats() == CertStoreStats{.x509 = 0, .crl = 0, .x509_ca = 0});
  ctx.load_verify_locations({.cafile = kRsaKeyCert});
  CHECK(ctx.cert_store_stats() == CertStoreStats{.x509 = 1, .crl = 0, .x509_ca = 0});
  ctx.load_verify_locations({.cafile = kCaRsa});
  CHECK(ctx.cert_store_stats() == CertStoreStats{.x509 = 2, .crl = 0, .x509_ca = 1});
  std::vector<std::string> keys;
  for (const auto& [key, value] : ctx.cert_store_stats().items()) keys.emplace_back(key);
  CHECK(keys == std::vector<std::string>{"x509", "crl", "x509_ca"});
}

TEST_CASE("test_get_ca_certs") {
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  CHECK(ctx.get_ca_certs().empty());
  // The leaf is not flagged basicConstraints CA:TRUE.
  ctx.load_verify_locations({.cafile = kRsaKeyCert});
  CHECK(ctx.get_ca_certs().empty());
  // but the CA is.
  ctx.load_verify_locations({.cafile = kCaRsa});
  const auto certs = ctx.get_ca_certs();
  REQUIRE(certs.size() == 1);
  // Python's repr of its get_ca_certs() list for the same file (written by make_vectors.sh).
  std::string expected = slurp(kDir + "ca-rsa.get_ca_certs.repr");
  while (!expected.empty() && expected.back() == '\n') expected.pop_back();
  CHECK("[" + certs[0].to_python_repr() + "]" == expected);
  CHECK(ctx.get_ca_certs_der() == std::vector<std::string>{PEM_cert_to_DER_cert(slurp(kCaRsa))});
}

TEST_CASE("test_load_default_certs") {
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  ctx.load_default_certs();
  ctx = SSLContext(PROTOCOL_TLS_CLIENT);
  ctx.load_default_certs(Purpose::SERVER_AUTH);
  ctx.load_default_certs();
  ctx = SSLContext(PROTOCOL_TLS_CLIENT);
  ctx.load_default_certs(Purpose::CLIENT_AUTH);
  // None and 'SERVER_AUTH' (TypeErrors) do not compile; a value outside the enum is refused.
  static_assert(!std::is_invocable_v<decltype(&SSLContext::load_default_certs), SSLContext&,
                                     const char*>);
  CHECK_THROWS_AS(ctx.load_default_certs(static_cast<Purpose>(7)), std::invalid_argument);
}

TEST_CASE("test_load_default_certs_env") {
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  EnvVar dir("SSL_CERT_DIR", kDir);
  EnvVar file("SSL_CERT_FILE", kRsaKeyCert);
  ctx.load_default_certs();
  CHECK(ctx.cert_store_stats() == CertStoreStats{.x509 = 1, .crl = 0, .x509_ca = 0});
}

TEST_CASE("set_default_verify_paths never fails") {
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  EnvVar dir("SSL_CERT_DIR", kDir + "no-such-dir");
  EnvVar file("SSL_CERT_FILE", kMissing);
  ctx.set_default_verify_paths();
  CHECK(ctx.cert_store_stats() == CertStoreStats{});
}

TEST_CASE("test_create_default_context") {
  EnvVar keylog("SSLKEYLOGFILE", std::nullopt);
  auto check_options = [](const SSLContext& ctx) {
    CHECK((ctx.options() & OP_NO_SSLv3) == OP_NO_SSLv3);
    CHECK((ctx.options() & OP_NO_COMPRESSION) == OP_NO_COMPRESSION);
    CHECK((ctx.options() & OP_CIPHER_SERVER_PREFERENCE) == OP_CIPHER_SERVER_PREFERENCE);
    CHECK((ctx.options() & OP_ENABLE_MIDDLEBOX_COMPAT) == OP_ENABLE_MIDDLEBOX_COMPAT);
  };
  SSLContext ctx = create_default_context();
  CHECK(ctx.protocol() == PROTOCOL_TLS_CLIENT);
  CHECK(ctx.verify_mode() == CERT_REQUIRED);
  CHECK((ctx.verify_flags() & VERIFY_X509_PARTIAL_CHAIN) == VERIFY_X509_PARTIAL_CHAIN);
  CHECK((ctx.verify_flags() & VERIFY_X509_STRICT) == VERIFY_X509_STRICT);
  CHECK((ctx.verify_flags() & VERIFY_X509_TRUSTED_FIRST) == VERIFY_X509_TRUSTED_FIRST);
  CHECK(ctx.check_hostname());
  CHECK(ctx.keylog_filename() == std::nullopt);
  check_options(ctx);

  const std::string cadata = slurp(kCaEcdsa);
  ctx = create_default_context(Purpose::SERVER_AUTH,
                               {.cafile = kCaRsa, .capath = kDir, .cadata = cadata});
  CHECK(ctx.protocol() == PROTOCOL_TLS_CLIENT);
  CHECK(ctx.verify_mode() == CERT_REQUIRED);
  CHECK(ctx.cert_store_stats().x509_ca == 2);  // exactly what was given, no defaults
  check_options(ctx);

  ctx = create_default_context(Purpose::CLIENT_AUTH);
  CHECK(ctx.protocol() == PROTOCOL_TLS_SERVER);
  CHECK(ctx.verify_mode() == CERT_NONE);
  CHECK_FALSE(ctx.check_hostname());
  CHECK(ctx.cert_store_stats() == CertStoreStats{});  // CERT_NONE: no default certificates
  check_options(ctx);

  CHECK_THROWS_AS(create_default_context(static_cast<Purpose>(7)), std::invalid_argument);
}

TEST_CASE("create_default_context honours SSLKEYLOGFILE") {
  TempDir dir;
  const std::string log = dir.file("keylog.txt");
  EnvVar keylog("SSLKEYLOGFILE", log);
  SSLContext ctx = create_default_context(Purpose::CLIENT_AUTH);
  CHECK(ctx.keylog_filename() == log);
  CHECK(count_lines(log) == 1);
  EnvVar empty("SSLKEYLOGFILE", "");
  CHECK(create_default_context(Purpose::CLIENT_AUTH).keylog_filename() == std::nullopt);
}

TEST_CASE("test_keylog_defaults") {
  TempDir dir;
  const std::string path = dir.file("TESTFN");
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  CHECK(ctx.keylog_filename() == std::nullopt);

  CHECK_FALSE(std::filesystem::exists(path));
  ctx.set_keylog_filename(path);
  CHECK(ctx.keylog_filename() == path);
  CHECK(std::filesystem::is_regular_file(path));
  CHECK(count_lines(path) == 1);
  CHECK(slurp(path) == "# TLS secrets log file, generated by OpenSSL / Python\n");

  ctx.set_keylog_filename(std::nullopt);
  CHECK(ctx.keylog_filename() == std::nullopt);

  CHECK(os_error_errno([&] { ctx.set_keylog_filename(dir.path()); }) == EISDIR);
  CHECK(os_error_errno([&] { ctx.set_keylog_filename(dir.file("no/such/dir")); }) == ENOENT);
  CHECK(ctx.keylog_filename() == std::nullopt);  // a failed set changes nothing
  // keylog_filename = 1 (TypeError) does not compile.
  static_assert(!std::is_invocable_v<decltype(&SSLContext::set_keylog_filename), SSLContext&,
                                     int>);
}

TEST_CASE("test_keylog_filename: one header, lines appended") {
  TempDir dir;
  const std::string path = dir.file("keylog.txt");
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  ctx.set_keylog_filename(path);
  CHECK(count_lines(path) == 1);
  // Setting it again does not write a second header into a file that has one.
  ctx.set_keylog_filename(path);
  CHECK(count_lines(path) == 1);
  // Connections write through the snapshot's file.
  auto config = detail::config_snapshot(ctx);
  REQUIRE(config->key_log != nullptr);
  CHECK(config->keylog_filename == path);
  config->key_log->write_line("CLIENT_HANDSHAKE_TRAFFIC_SECRET 00 11");
  config->key_log->write_line("SERVER_HANDSHAKE_TRAFFIC_SECRET 00 22");
  CHECK(count_lines(path) == 3);
  // Another context appending to the same file adds no header either.
  SSLContext other(PROTOCOL_TLS_SERVER);
  other.set_keylog_filename(path);
  CHECK(count_lines(path) == 3);
  ctx.set_keylog_filename(std::nullopt);
  CHECK(detail::config_snapshot(ctx)->key_log == nullptr);
  // The snapshot taken earlier keeps its file open until it goes.
  config->key_log->write_line("EXPORTER_SECRET 00 33");
  CHECK(count_lines(path) == 4);
}

TEST_CASE("trust store: a snapshot keeps the anchors it started with") {
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  ctx.load_verify_locations({.cafile = kCaRsa});
  auto before = detail::config_snapshot(ctx);
  ctx.load_verify_locations({.cafile = kCaEcdsa});
  CHECK(before->trust_store->size() == 1);
  CHECK(detail::config_snapshot(ctx)->trust_store->size() == 2);
  CHECK(ctx.cert_store_stats().x509 == 2);
}
