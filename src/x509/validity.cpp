#include "x509/validity.hpp"

#include <cstdio>

namespace tlsock::x509 {

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

namespace {

bool digits(ByteView v, size_t pos, size_t count, int& out) {
  out = 0;
  for (size_t i = 0; i < count; ++i) {
    uint8_t c = v[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

Result<X509Time> parse_x509_time(const DerElement& e) {
  X509Time t;
  ByteView v = e.content;
  size_t pos = 0;
  if (e.tag == tag::utc_time) {
    if (v.size() != 13) return decode_error("UTCTime must be YYMMDDHHMMSSZ (RFC 5280 §4.1.2.5.1)");
    int yy;
    if (!digits(v, 0, 2, yy)) return decode_error("UTCTime: bad year");
    t.year = yy >= 50 ? 1900 + yy : 2000 + yy;
    pos = 2;
  } else if (e.tag == tag::generalized_time) {
    if (v.size() != 15)
      return decode_error("GeneralizedTime must be YYYYMMDDHHMMSSZ (RFC 5280 §4.1.2.5.2)");
    if (!digits(v, 0, 4, t.year)) return decode_error("GeneralizedTime: bad year");
    t.encoding = TimeEncoding::generalized_time;
    pos = 4;
  } else {
    return decode_error("validity time must be UTCTime or GeneralizedTime");
  }
  if (!digits(v, pos, 2, t.month) || !digits(v, pos + 2, 2, t.day) ||
      !digits(v, pos + 4, 2, t.hour) || !digits(v, pos + 6, 2, t.minute) ||
      !digits(v, pos + 8, 2, t.second) || v[pos + 10] != 'Z')
    return decode_error("malformed certificate time");
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > days_in_month(t.year, t.month) ||
      t.hour > 23 || t.minute > 59 || t.second > 59)
    return decode_error("certificate time out of range");
  t.unix_seconds = days_from_civil(t.year, static_cast<unsigned>(t.month), static_cast<unsigned>(t.day)) * 86400 +
                   t.hour * 3600 + t.minute * 60 + t.second;
  return t;
}

std::string X509Time::to_openssl_string() const {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %2d %02d:%02d:%02d %d GMT", kMonths[month - 1], day, hour,
                minute, second, year);
  return buf;
}

bool parse_iso8601_utc(std::string_view s, int64_t& seconds) {
  // YYYY-MM-DDTHH:MM:SS
  if (s.size() < 19) return false;
  auto num = [&](size_t pos, size_t n, int& out) {
    out = 0;
    for (size_t i = 0; i < n; ++i) {
      char c = s[pos + i];
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    return true;
  };
  int y, mo, d, h, mi, se;
  if (!num(0, 4, y) || s[4] != '-' || !num(5, 2, mo) || s[7] != '-' || !num(8, 2, d) ||
      (s[10] != 'T' && s[10] != ' ') || !num(11, 2, h) || s[13] != ':' || !num(14, 2, mi) ||
      s[16] != ':' || !num(17, 2, se))
    return false;
  size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;  // floored
  }
  std::string_view zone = s.substr(pos);
  if (!(zone.empty() || zone == "Z" || zone == "+00:00")) return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return false;
  seconds = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
            h * 3600 + mi * 60 + se;
  return true;
}

}  // namespace tlsock::x509
