#include "tlsock/cert_utils.hpp"

#include <array>
#include <chrono>
#include <stdexcept>

#include "common/base64.hpp"
#include "common/bytes.hpp"
#include "x509/pem.hpp"
#include "x509/validity.hpp"

namespace tlsock {

namespace {

constexpr std::string_view kPemHeader = "-----BEGIN CERTIFICATE-----";
constexpr std::string_view kPemFooter = "-----END CERTIFICATE-----";

// Python's str.isspace() for the ASCII range, which is what str.strip() and the \s of
// strptime's patterns match in certificate text.
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         (c >= '\x1c' && c <= '\x1f');
}

std::string_view strip(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// A cursor over the text after the month, matching the pieces of Python's strptime pattern
// for ' %d %H:%M:%S %Y GMT' one by one.
class TimeScanner {
 public:
  explicit TimeScanner(std::string_view s) : s_(s) {}

  // \s+
  bool spaces() {
    size_t start = pos_;
    while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
    return pos_ > start;
  }
  bool literal(char c) {
    if (pos_ >= s_.size() || s_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  bool literal_icase(std::string_view word) {
    if (!iequals(s_.substr(pos_, word.size()), word)) return false;
    pos_ += word.size();
    return true;
  }
  // A run of min_digits..max_digits digits (the longest), or nullopt. Every field of the
  // pattern is followed by a non-digit, so the longest run is the only one that can match:
  // %d is "3[01]|[12]\d|0[1-9]|[1-9]| [1-9]", i.e. one or two digits, 1..31;
  // %H "2[0-3]|[0-1]\d|\d" (0..23), %M "[0-5]\d|\d" (0..59), %S "6[0-1]|[0-5]\d|\d" (0..61).
  std::optional<int> number(size_t min_digits, size_t max_digits, int min, int max) {
    size_t start = pos_;
    int value = 0;
    while (pos_ < s_.size() && pos_ - start < max_digits && s_[pos_] >= '0' && s_[pos_] <= '9') {
      value = value * 10 + (s_[pos_] - '0');
      ++pos_;
    }
    size_t digits = pos_ - start;
    if (digits < min_digits || value < min || value > max) return std::nullopt;
    return value;
  }
  std::string_view rest() const { return s_.substr(pos_); }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

[[noreturn]] void time_mismatch(std::string_view data, std::string_view format) {
  throw std::invalid_argument("time data '" + std::string(data) + "' does not match format " +
                              std::string(format));
}

}  // namespace

std::string DER_cert_to_PEM_cert(ConstBuffer der_cert_bytes) {
  // Python's layout (64-character lines, newline after the footer) is the PEM writer's.
  return x509::pem_encode(
      "CERTIFICATE",
      ByteView(reinterpret_cast<const uint8_t*>(der_cert_bytes.data()), der_cert_bytes.size()));
}

std::string PEM_cert_to_DER_cert(std::string_view pem_cert_string) {
  if (!pem_cert_string.starts_with(kPemHeader)) {
    throw std::invalid_argument("Invalid PEM encoding; must start with " +
                                std::string(kPemHeader));
  }
  std::string_view stripped = strip(pem_cert_string);
  if (!stripped.ends_with(kPemFooter)) {
    throw std::invalid_argument("Invalid PEM encoding; must end with " +
                                std::string(kPemFooter));
  }
  // Python slices the stripped text between the two markers; when they overlap ("-----BEGIN
  // CERTIFICATE-----" alone cannot end with the footer, but a short text could), the slice is
  // empty.
  std::string_view body;
  if (stripped.size() > kPemHeader.size() + kPemFooter.size()) {
    body = stripped.substr(kPemHeader.size(),
                           stripped.size() - kPemHeader.size() - kPemFooter.size());
  }
  Result<Bytes> der = base64_decode(body, Base64Mode::lenient);
  if (!der) throw std::invalid_argument(der.error().detail);
  return std::string(as_chars(*der));
}

int64_t cert_time_to_seconds(std::string_view cert_time) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // The month is matched apart from the rest (C-locale names, whatever the process locale),
  // as Python's cert_time_to_seconds does; the rest is strptime's ' %d %H:%M:%S %Y GMT'.
  constexpr std::string_view kTimeFormat = "' %d %H:%M:%S %Y GMT'";
  unsigned month = 0;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (iequals(cert_time.substr(0, 3), kMonths[i])) month = static_cast<unsigned>(i + 1);
  }
  if (month == 0) time_mismatch(cert_time, "\"%b %d %H:%M:%S %Y GMT\"");

  std::string_view rest = cert_time.substr(3);
  TimeScanner scan(rest);
  std::optional<int> day, hour, minute, second, year;
  bool matched = scan.spaces() && (day = scan.number(1, 2, 1, 31)) && scan.spaces() &&
                 (hour = scan.number(1, 2, 0, 23)) && scan.literal(':') &&
                 (minute = scan.number(1, 2, 0, 59)) && scan.literal(':') &&
                 (second = scan.number(1, 2, 0, 61)) && scan.spaces() &&
                 (year = scan.number(4, 4, 0, 9999)) && scan.spaces() &&
                 scan.literal_icase("GMT");
  if (!matched) time_mismatch(rest, kTimeFormat);
  if (!scan.rest().empty()) {
    throw std::invalid_argument("unconverted data remains: " + std::string(scan.rest()));
  }
  // Python's datetime rejects year 0 (its years are 1..9999).
  if (*year == 0) throw std::invalid_argument("year 0 is out of range");

  // calendar.timegm: the day is counted from the first of the month without checking it
  // against the month's length ("Feb 30" is March 2nd), as Python does.
  using namespace std::chrono;
  sys_days first{std::chrono::year{*year} / std::chrono::month{month} / 1};
  int64_t days = first.time_since_epoch().count() + *day - 1;
  return days * 86400 + int64_t{*hour} * 3600 + int64_t{*minute} * 60 + *second;
}

std::vector<std::string> pem_blocks(std::string_view text, std::string_view label) {
  auto blocks = x509::pem_decode_label(text, label);
  if (!blocks) throw std::invalid_argument(blocks.error().detail);
  std::vector<std::string> out;
  for (const Bytes& der : *blocks) out.emplace_back(der.begin(), der.end());
  return out;
}

int64_t iso8601_to_seconds(std::string_view text) {
  int64_t seconds = 0;
  if (!x509::parse_iso8601_utc(text, seconds))
    throw std::invalid_argument("not an ISO 8601 UTC time: " + std::string(text));
  return seconds;
}

}  // namespace tlsock
