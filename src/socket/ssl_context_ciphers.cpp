// SSLContext's algorithm choices: set_ciphers, get_ciphers, set_ecdh_curve, ALPN and NPN
// (Python's ssl docs, SSL Contexts: SSLContext.set_ciphers() and the methods after it).
#include <array>
#include <stdexcept>
#include <string>

#include "crypto/key_exchange.hpp"
#include "socket/cipher_catalog.hpp"
#include "socket/cipher_string.hpp"
#include "socket/library_error.hpp"
#include "socket/ssl_context_state.hpp"
#include "tlsock/ssl_context.hpp"

namespace tlsock {

namespace {

// OpenSSL's short names of the curves (OBJ_sn2nid, which Python's set_ecdh_curve uses) that
// are TLS groups. tlsock implements some; the others are known so that asking for one says
// "not implemented" rather than "unknown".
struct CurveName {
  std::string_view name;
  NamedGroup group;
};
constexpr std::array<CurveName, 6> kCurves{{
    {"prime256v1", NamedGroup::secp256r1},
    {"secp384r1", NamedGroup::secp384r1},
    {"secp521r1", NamedGroup::secp521r1},
    {"X25519", NamedGroup::x25519},
    {"X448", NamedGroup::x448},
    {"ffdhe2048", NamedGroup::ffdhe2048},
}};

// Python's check of ALPN/NPN lists: 1 to 255 bytes each, ASCII (its str.encode('ascii')).
void check_protocol_list(const std::vector<std::string>& protocols, const char* what) {
  for (const auto& p : protocols) {
    for (unsigned char c : p)
      if (c >= 0x80)
        throw std::invalid_argument(std::string(what) + " protocol names must be ASCII");
    if (p.empty() || p.size() > 255)
      throw SSLError(std::string(what) + " protocols must be 1 to 255 in length");
  }
}

}  // namespace

void SSLContext::set_ciphers(std::string_view cipherlist) {
  auto selection = detail::parse_cipher_string(cipherlist);
  // Python's message, whatever OpenSSL's reason (no match, bad command).
  if (!selection) throw SSLError("No cipher can be selected.");
  auto lock = state_->lock_for_change();
  state_->cipher_suites_12 = std::move(selection->suites);
  if (selection->security_level) state_->security_level = *selection->security_level;
}

std::vector<CipherDetails> SSLContext::get_ciphers() const {
  std::vector<CipherDetails> out;
  for (const auto& c : detail::tls13_ciphers()) out.push_back(detail::describe(c));
  std::lock_guard lock(state_->mutex);
  for (CipherSuite suite : state_->cipher_suites_12)
    if (const auto* c = detail::find_cipher(suite)) out.push_back(detail::describe(*c));
  return out;
}

void SSLContext::set_ecdh_curve(std::string_view curve_name) {
  const CurveName* curve = nullptr;
  for (const auto& c : kCurves)
    if (c.name == curve_name) curve = &c;
  if (!curve) {
    throw std::invalid_argument("unknown elliptic curve name '" + std::string(curve_name) + "'");
  }
  if (!key_exchange_supported(curve->group)) {
    throw detail::LibraryError("SSL", "UNSUPPORTED_ELLIPTIC_CURVE", true,
                               "unsupported elliptic curve",
                               std::string(curve_name) +
                                   " is not implemented by tlsock (use X25519, prime256v1 or "
                                   "secp384r1)");
  }
  auto lock = state_->lock_for_change();
  state_->groups = {curve->group};
}

void SSLContext::set_alpn_protocols(const std::vector<std::string>& protocols) {
  check_protocol_list(protocols, "ALPN");
  auto lock = state_->lock_for_change();
  state_->alpn_protocols = protocols;
}

void SSLContext::set_npn_protocols(const std::vector<std::string>& protocols) {
  check_protocol_list(protocols, "NPN");
}

}  // namespace tlsock
