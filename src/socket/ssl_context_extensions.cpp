// SSLContext beyond Python's API, for the tlsock command: OpenSSL's set_ciphersuites,
// set1_groups_list and set1_sigalgs_list, Python's private _msg_callback, and the
// session-ticket key rotation period.
#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "crypto/key_exchange.hpp"
#include "handshake/certificate_verify_13.hpp"
#include "handshake/signature_schemes_12.hpp"
#include "socket/cipher_catalog.hpp"
#include "socket/library_error.hpp"
#include "socket/ssl_context_state.hpp"
#include "tlsock/ssl_context.hpp"

namespace tlsock {

namespace {

// The ':'-separated items of an OpenSSL list (empty items are skipped, as OpenSSL does).
std::vector<std::string_view> split_list(std::string_view list) {
  std::vector<std::string_view> items;
  while (!list.empty()) {
    size_t colon = list.find(':');
    std::string_view item = list.substr(0, colon);
    if (!item.empty()) items.push_back(item);
    list = colon == std::string_view::npos ? std::string_view() : list.substr(colon + 1);
  }
  return items;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// OpenSSL's aliases of the groups, besides their IANA names.
struct GroupAlias {
  std::string_view alias;
  NamedGroup group;
};
constexpr GroupAlias kGroupAliases[] = {
    {"P-256", NamedGroup::secp256r1},
    {"prime256v1", NamedGroup::secp256r1},
    {"P-384", NamedGroup::secp384r1},
    {"P-521", NamedGroup::secp521r1},
};
constexpr NamedGroup kKnownGroups[] = {NamedGroup::x25519, NamedGroup::secp256r1,
                                       NamedGroup::secp384r1, NamedGroup::secp521r1,
                                       NamedGroup::x448};

std::optional<NamedGroup> find_group(std::string_view item) {
  for (NamedGroup g : kKnownGroups)
    if (equal_ignoring_case(item, name(g))) return g;
  for (const GroupAlias& a : kGroupAliases)
    if (equal_ignoring_case(item, a.alias)) return a.group;
  return std::nullopt;
}

template <typename T>
void add_once(std::vector<T>& list, T value) {
  if (std::ranges::find(list, value) == list.end()) list.push_back(value);
}

}  // namespace

void SSLContext::set_ciphersuites(std::string_view suites) {
  std::vector<CipherSuite> chosen;
  for (std::string_view item : split_list(suites)) {
    auto match = std::ranges::find_if(detail::tls13_ciphers(),
                                      [&](const auto& c) { return c.name == item; });
    if (match == detail::tls13_ciphers().end()) throw SSLError("No cipher can be selected.");
    add_once(chosen, match->suite);
  }
  if (chosen.empty()) throw SSLError("No cipher can be selected.");
  auto lock = state_->lock_for_change();
  state_->cipher_suites_13 = std::move(chosen);
}

void SSLContext::set_groups(std::string_view groups) {
  std::vector<NamedGroup> chosen;
  for (std::string_view item : split_list(groups)) {
    std::optional<NamedGroup> g = find_group(item);
    if (!g || !key_exchange_supported(*g)) {
      throw std::invalid_argument("unknown or unsupported group '" + std::string(item) +
                                  "' (tlsock has x25519, secp256r1, secp384r1)");
    }
    add_once(chosen, *g);
  }
  if (chosen.empty()) throw std::invalid_argument("no group given");
  auto lock = state_->lock_for_change();
  state_->groups = std::move(chosen);
}

void SSLContext::set_sigalgs(std::string_view sigalgs) {
  std::vector<SignatureScheme> known = default_signature_schemes_13();
  for (SignatureScheme s : default_signature_schemes_12()) add_once(known, s);
  std::vector<SignatureScheme> chosen;
  for (std::string_view item : split_list(sigalgs)) {
    auto match = std::ranges::find_if(known, [&](SignatureScheme s) { return name(s) == item; });
    if (match == known.end()) {
      throw std::invalid_argument("unknown or unsupported signature scheme '" +
                                  std::string(item) + "'");
    }
    add_once(chosen, *match);
  }
  if (chosen.empty()) throw std::invalid_argument("no signature scheme given");
  auto lock = state_->lock_for_change();
  state_->signature_schemes = std::move(chosen);
}

void SSLContext::set_msg_callback(std::optional<MsgCallback> callback) {
  auto lock = state_->lock_for_change();
  if (callback && *callback) {
    state_->msg_callback = std::make_shared<const MsgCallback>(std::move(*callback));
  } else {
    state_->msg_callback.reset();
  }
}

int SSLContext::ticket_key_rotation() const {
  // The sealer is shared by this context's servers, which use it under ticket_mutex.
  detail::ServerSessionStore& store = *state_->server_sessions;
  std::lock_guard lock(store.ticket_mutex);
  return static_cast<int>(store.tickets.rotation_seconds());
}

void SSLContext::set_ticket_key_rotation(int seconds) {
  detail::ServerSessionStore& store = *state_->server_sessions;
  std::lock_guard lock(store.ticket_mutex);
  Status st = store.tickets.set_rotation_seconds(seconds < 0 ? 0 : static_cast<uint32_t>(seconds));
  if (!st) throw std::invalid_argument(st.error().detail);
}

}  // namespace tlsock
