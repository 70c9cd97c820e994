#include "socket/cipher_string.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

#include "socket/cipher_catalog.hpp"

namespace tlsock::detail {

namespace {

// OpenSSL's default list (OSSL_default_cipher_list()), which "DEFAULT" at the start expands to.
constexpr std::string_view kDefaultRule = "ALL:!COMPLEMENTOFDEFAULT:!eNULL";

// A set of suites as bits over tls12_ciphers() indices.
using SuiteMask = uint32_t;

bool matches_alias(std::string_view word, const CipherInfo& c) {
  using enum CipherEnc;
  const bool aes = c.enc == aes128gcm || c.enc == aes256gcm;
  // ALL is everything but eNULL; every suite here is HIGH strength and new in TLS 1.2.
  if (word == "ALL" || word == "HIGH" || word == "TLSv1.2") return true;
  if (word == "ECDHE" || word == "EECDH" || word == "ECDH" || word == "kECDHE" ||
      word == "kEECDH")
    return c.kx == CipherKx::ecdhe;
  if (word == "ECDSA" || word == "aECDSA") return c.auth == CipherAuth::ecdsa;
  if (word == "aRSA") return c.auth == CipherAuth::rsa;
  // FIPS: OpenSSL's FIPS-approved strength class, which has AES but not ChaCha20.
  if (word == "AES" || word == "AESGCM" || word == "FIPS") return aes;
  if (word == "AES128") return c.enc == aes128gcm;
  if (word == "AES256") return c.enc == aes256gcm;
  if (word == "CHACHA20") return c.enc == chacha20poly1305;
  return false;
}

// OpenSSL aliases that select none of our suites (other key exchanges, authentications,
// ciphers, MACs and versions). Known, so that a future reader sees they were considered; they
// behave like unknown words except in how the rest of their element is read.
constexpr std::array<std::string_view, 41> kEmptyAliases{
    "RSA",   "kRSA",   "PSK",    "kPSK",    "aPSK",      "ECDHEPSK", "kECDHEPSK", "DHEPSK",
    "aNULL", "eNULL",  "NULL",   "SHA",     "SHA1",      "SHA256",   "SHA384",    "MD5",
    "DHE",   "EDH",    "kDHE",   "kEDH",    "ADH",       "AECDH",    "aDSS",      "DSS",
    "3DES",  "DES",    "RC4",    "RC2",     "IDEA",      "SEED",     "CAMELLIA",  "ARIA",
    "AESCCM", "AESCCM8", "CBC",  "TLSv1",   "TLSv1.0",   "SSLv3",    "MEDIUM",    "LOW",
    "COMPLEMENTOFDEFAULT",
};

// The suites a word names; nullopt for a word OpenSSL would not find.
std::optional<SuiteMask> lookup(std::string_view word) {
  const auto suites = tls12_ciphers();
  for (size_t i = 0; i < suites.size(); ++i)
    if (suites[i].name == word) return SuiteMask{1} << i;
  if (word == "COMPLEMENTOFALL") return SuiteMask{0};
  if (std::find(kEmptyAliases.begin(), kEmptyAliases.end(), word) != kEmptyAliases.end())
    return SuiteMask{0};
  SuiteMask mask = 0;
  for (size_t i = 0; i < suites.size(); ++i)
    if (matches_alias(word, suites[i])) mask |= SuiteMask{1} << i;
  if (mask != 0) return mask;
  return std::nullopt;
}

// ITEM_SEP in OpenSSL's ssl_ciph.c.
bool is_separator(char c) { return c == ':' || c == ' ' || c == ';' || c == ','; }
bool is_word_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '=';
}

enum class Rule { add, order, remove, kill, special };

class CipherList {
 public:
  CipherList() {
    for (size_t i = 0; i < tls12_ciphers().size(); ++i) entries_.push_back({i, false});
  }

  void apply(Rule rule, SuiteMask mask) {
    auto hit = [mask](const Entry& e) { return (mask >> e.index) & 1; };
    switch (rule) {
      case Rule::add:  // inactive matches go to the end, active
        move_to_end([&](const Entry& e) { return hit(e) && !e.active; }, true);
        break;
      case Rule::order:  // active matches go to the end
        move_to_end([&](const Entry& e) { return hit(e) && e.active; }, true);
        break;
      case Rule::remove: {  // active matches go to the front, inactive, keeping their order
        auto moved = std::stable_partition(entries_.begin(), entries_.end(),
                                           [&](const Entry& e) { return hit(e) && e.active; });
        for (auto it = entries_.begin(); it != moved; ++it) it->active = false;
        break;
      }
      case Rule::kill:
        std::erase_if(entries_, hit);
        break;
      case Rule::special:
        break;
    }
  }

  // OpenSSL's ssl_cipher_strength_sort(): for each strength, strongest first, move the active
  // suites of that strength to the end. Inactive suites keep their place in front.
  void sort_by_strength() {
    std::stable_partition(entries_.begin(), entries_.end(),
                          [](const Entry& e) { return !e.active; });
    auto first_active = std::find_if(entries_.begin(), entries_.end(),
                                     [](const Entry& e) { return e.active; });
    std::stable_sort(first_active, entries_.end(), [](const Entry& a, const Entry& b) {
      return tls12_ciphers()[a.index].bits > tls12_ciphers()[b.index].bits;
    });
  }

  std::vector<CipherSuite> active() const {
    std::vector<CipherSuite> out;
    for (const auto& e : entries_)
      if (e.active) out.push_back(tls12_ciphers()[e.index].suite);
    return out;
  }

 private:
  struct Entry {
    size_t index;
    bool active;
  };

  template <typename Pred>
  void move_to_end(Pred pred, bool activate) {
    auto moved = std::stable_partition(entries_.begin(), entries_.end(),
                                       [&](const Entry& e) { return !pred(e); });
    for (auto it = moved; it != entries_.end(); ++it) it->active = activate;
  }

  std::vector<Entry> entries_;
};

// Applies one rule string to the list (OpenSSL's ssl_cipher_process_rulestr).
Status process(std::string_view s, CipherList& list, std::optional<int>& security_level) {
  size_t i = 0;
  const size_t n = s.size();
  auto skip_element = [&] {
    while (i < n && !is_separator(s[i])) ++i;
  };
  while (i < n) {
    const char ch = s[i];
    Rule rule = Rule::add;
    if (ch == '-') rule = Rule::remove;
    else if (ch == '+') rule = Rule::order;
    else if (ch == '!') rule = Rule::kill;
    else if (ch == '@') rule = Rule::special;
    if (rule != Rule::add) ++i;
    if (is_separator(ch)) {
      ++i;
      continue;
    }

    SuiteMask mask = ~SuiteMask{0};
    bool found = false;
    std::string_view word;
    while (true) {
      const size_t start = i;
      while (i < n && is_word_char(s[i])) ++i;
      word = s.substr(start, i - start);
      if (word.empty()) {
        return config_error("cipher string: unexpected character at offset " +
                            std::to_string(start));
      }
      if (rule == Rule::special) break;
      const bool multi = i < n && s[i] == '+';
      if (multi) ++i;
      const auto named = lookup(word);
      found = named.has_value();
      if (!found) break;  // OpenSSL ignores the rest of this element
      mask &= *named;
      if (!multi) break;
    }

    if (rule == Rule::special) {
      if (word == "STRENGTH") {
        list.sort_by_strength();
      } else if (word.size() == 10 && word.starts_with("SECLEVEL=") && word[9] >= '0' &&
                 word[9] <= '5') {
        security_level = word[9] - '0';
      } else {
        return config_error("cipher string: unknown command @" + std::string(word));
      }
      skip_element();
    } else if (found) {
      list.apply(rule, mask);
    } else {
      skip_element();
    }
  }
  return {};
}

}  // namespace

Result<CipherSelection> parse_cipher_string(std::string_view rule) {
  CipherList list;
  CipherSelection selection;
  if (rule.starts_with("DEFAULT")) {
    TLSOCK_TRY(process(kDefaultRule, list, selection.security_level));
    rule.remove_prefix(7);
    if (rule.starts_with(':')) rule.remove_prefix(1);
  }
  TLSOCK_TRY(process(rule, list, selection.security_level));
  selection.suites = list.active();
  if (selection.suites.empty()) return config_error("cipher string selects no TLS 1.2 suite");
  return selection;
}

}  // namespace tlsock::detail
