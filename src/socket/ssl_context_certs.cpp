// SSLContext::load_cert_chain(): the certificate chains and private keys a context presents
// (Python's ssl docs, SSLContext.load_cert_chain()).
#include <algorithm>
#include <stdexcept>
#include <string>

#include "common/bytes.hpp"
#include "socket/library_error.hpp"
#include "socket/read_file.hpp"
#include "socket/ssl_context_state.hpp"
#include "tlsock/ssl_context.hpp"
#include "x509/pem.hpp"

namespace tlsock {

namespace {

using detail::pem_lib_error;

// OpenSSL's PEM_BUFSIZE: the longest password its PEM password callback takes, which Python
// enforces with "password cannot be longer than 1024 bytes".
constexpr size_t kMaxPasswordLength = 1024;

std::string quoted(const std::string& path) { return "'" + path + "'"; }

// The certificates of certfile, leaf first. Other blocks (the key) are skipped.
std::vector<x509::Certificate> read_chain(const std::string& text, const std::string& certfile) {
  auto blocks = x509::pem_decode_all(text);
  if (!blocks) throw pem_lib_error("SSL", "certfile " + quoted(certfile) + ": " + blocks.error().detail);
  std::vector<x509::Certificate> chain;
  for (auto& block : *blocks) {
    if (block.label != "CERTIFICATE") continue;
    auto cert = x509::Certificate::from_der(std::move(block.der));
    if (!cert) {
      throw pem_lib_error("SSL", "certificate " + std::to_string(chain.size() + 1) + " of " +
                                     quoted(certfile) + ": " + cert.error().detail);
    }
    chain.push_back(std::move(*cert));
  }
  if (chain.empty()) throw pem_lib_error("SSL", "no certificate in " + quoted(certfile));
  return chain;
}

// Whether the text holds an encrypted key: then, and only then, the password is asked for
// (Python calls a password callback only when OpenSSL needs it).
bool encrypted_key(std::string_view text) {
  return text.find("-----BEGIN ENCRYPTED PRIVATE KEY-----") != std::string_view::npos ||
         text.find("Proc-Type: 4,ENCRYPTED") != std::string_view::npos;
}

bool key_matches(const x509::Certificate& leaf, const PrivateKey& key) {
  const auto& spki = leaf.spki();
  if (!spki.key_type || *spki.key_type != key.type()) return false;
  return x509::same_public_key(spki.der, key.public_key().spki());
}

// OpenSSL keeps one chain per kind of key; a new chain of the same kind replaces the old.
int key_slot(KeyType type) {
  switch (type) {
    case KeyType::rsa: return 0;
    case KeyType::rsa_pss: return 1;
    case KeyType::ec_p256:
    case KeyType::ec_p384:
    case KeyType::ec_p521: return 2;
    case KeyType::ed25519: return 3;
  }
  return 4;
}

// Wipes a string that may hold a private key when the scope ends, errors included.
class WipeOnExit {
 public:
  explicit WipeOnExit(std::string& s) : s_(s) {}
  ~WipeOnExit() { secure_wipe(s_.data(), s_.size()); }
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;

 private:
  std::string& s_;
};

PrivateKey read_key(const std::string& text, const std::string& keyfile, const Password& password) {
  std::optional<std::string> secret;
  if (encrypted_key(text) && !password.empty()) {
    secret = password.get();
    if (secret->size() > kMaxPasswordLength) {
      secure_wipe(secret->data(), secret->size());
      throw std::invalid_argument("password cannot be longer than " +
                                  std::to_string(kMaxPasswordLength) + " bytes");
    }
  }
  auto key = PrivateKey::load(as_bytes(text), secret);
  if (secret) secure_wipe(secret->data(), secret->size());
  if (!key) throw pem_lib_error("SSL", "private key in " + quoted(keyfile) + ": " + key.error().detail);
  return std::move(*key);
}

}  // namespace

void SSLContext::load_cert_chain(const std::string& certfile,
                                 const std::optional<std::string>& keyfile,
                                 const Password& password) {
  // OpenSSL's order: the chain first (its errors win), then the key.
  std::string cert_text = detail::read_file(certfile, "certfile");
  WipeOnExit wipe_cert(cert_text);  // the key may be in the same file
  std::vector<x509::Certificate> chain = read_chain(cert_text, certfile);
  const std::string& key_path = keyfile ? *keyfile : certfile;
  std::string key_text = keyfile ? detail::read_file(*keyfile, "keyfile") : cert_text;
  WipeOnExit wipe_key(key_text);
  PrivateKey key = read_key(key_text, key_path, password);

  if (!key_matches(chain.front(), key)) {
    const auto& leaf_type = chain.front().spki().key_type;
    throw detail::LibraryError(
        "X509", "KEY_VALUES_MISMATCH", true, "key values mismatch",
        "the " + std::string(name(key.type())) + " key in " + quoted(key_path) +
            " is not the key of the first certificate in " + quoted(certfile) + " (" +
            (leaf_type ? name(*leaf_type) : "unsupported key type") + ")");
  }

  auto lock = state_->lock_for_change();
  auto& certs = state_->certificates;
  const int slot = key_slot(key.type());
  auto same = std::find_if(certs.begin(), certs.end(), [slot](const auto& c) {
    return key_slot(c.key.type()) == slot;
  });
  detail::ContextCertificate loaded{std::move(chain), std::move(key)};
  if (same != certs.end()) {
    *same = std::move(loaded);
  } else {
    certs.push_back(std::move(loaded));
  }
}

}  // namespace tlsock
