#include "x509/public_suffix.hpp"

#include <atomic>
#include <sstream>
#include <string>
#include <unordered_set>

#include "common/text.hpp"
#include "x509/idna.hpp"

namespace tlsock::x509 {

namespace {

// The list's three kinds of rule, each as lower-case A-labels: "co.uk"; "*.ck" kept as "ck";
// "!www.ck" kept as "www.ck".
struct SuffixRules {
  std::unordered_set<std::string> exact;
  std::unordered_set<std::string> wildcard_parents;
  std::unordered_set<std::string> exceptions;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// File format (publicsuffix.org/list/): one rule per line, up to the first white space;
// "//" comments and blank lines ignored; rules in UTF-8.
SuffixRules parse_rules(std::string_view text) {
  SuffixRules rules;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    std::string_view rule(line);
    rule = rule.substr(0, rule.find_first_of(" \t\r"));
    if (rule.empty() || rule.starts_with("//")) continue;
    std::unordered_set<std::string>* set = &rules.exact;
    if (rule.starts_with("!")) {
      set = &rules.exceptions;
      rule.remove_prefix(1);
    } else if (rule.starts_with("*.")) {
      set = &rules.wildcard_parents;
      rule.remove_prefix(2);
    }
    auto ascii = hostname_to_ascii(rule);
    if (ascii) set->insert(lower(*ascii));
  }
  return rules;
}

// Installed once and never freed: a handshake on any thread may be reading it.
std::atomic<const SuffixRules*> g_rules{nullptr};

}  // namespace

bool install_public_suffix_list(std::string_view text) {
  auto* parsed = new SuffixRules(parse_rules(text));
  const SuffixRules* expected = nullptr;
  if (g_rules.compare_exchange_strong(expected, parsed)) return true;
  delete parsed;
  return false;
}

bool is_public_suffix(std::string_view domain) {
  size_t dot = domain.find('.');
  if (dot == std::string_view::npos) return true;
  const SuffixRules* installed = g_rules.load();
  if (installed == nullptr) return false;
  const SuffixRules& r = *installed;
  const std::string name = lower(domain);
  if (r.exceptions.contains(name)) return false;
  return r.exact.contains(name) || r.wildcard_parents.contains(name.substr(dot + 1));
}

}  // namespace tlsock::x509
