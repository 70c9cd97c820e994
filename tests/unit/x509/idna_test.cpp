// Punycode against RFC 3492 §7.1 and IDNA (hostname_to_ascii) against Python's 'idna' codec,
// then the hostname matcher and the verifier given U-label names.
#include <doctest/doctest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/text.hpp"
#include "unit/x509/cert_builder.hpp"
#include "unit/x509/python_oracle.hpp"
#include "x509/cert_verifier.hpp"
#include "x509/hostname.hpp"
#include "x509/idna.hpp"
#include "x509/punycode.hpp"

using namespace tlsock;
using namespace tlsock::x509;

namespace {

std::u32string code_points(std::initializer_list<char32_t> cps) { return std::u32string(cps); }

std::string utf8(std::u32string_view cps) {
  std::string out;
  for (char32_t c : cps) append_utf8(out, c);
  return out;
}

// What Python's str.encode('idna') gives for each name ("ERROR" where it raises).
std::vector<std::string> python_idna(const std::vector<std::string>& names) {
  return test::python_lines(
      "import sys\n"
      "for n in open(sys.argv[1], encoding=\"utf-8\").read().split(\"\\n\")[:-1]:\n"
      "  try: print(n.encode(\"idna\").decode(\"ascii\"))\n"
      "  except UnicodeError: print(\"ERROR\")\n",
      names);
}

}  // namespace

TEST_CASE("punycode: the sample strings of RFC 3492 §7.1") {
  // (I) is printed in the RFC as "b1abfaaepdrnnbgefbaDotcwatmq2g4l": the upper-case D is a
  // mixed-case annotation (§A), which neither we nor Python's punycode codec emit.
  const std::vector<std::pair<std::u32string, std::string>> samples = {
      {code_points({0x0644, 0x064A, 0x0647, 0x0645, 0x0627, 0x0628, 0x062A, 0x0643, 0x0644, 0x0645, 0x0648, 0x0634,
                    0x0639, 0x0631, 0x0628, 0x064A, 0x061F}),
       "egbpdaj6bu4bxfgehfvwxn"},
      {code_points({0x4ED6, 0x4EEC, 0x4E3A, 0x4EC0, 0x4E48, 0x4E0D, 0x8BF4, 0x4E2D, 0x6587}), "ihqwcrb4cv8a8dqg056pqjye"},
      {code_points({0x4ED6, 0x5011, 0x7232, 0x4EC0, 0x9EBD, 0x4E0D, 0x8AAA, 0x4E2D, 0x6587}), "ihqwctvzc91f659drss3x8bo0yb"},
      {code_points({0x0050, 0x0072, 0x006F, 0x010D, 0x0070, 0x0072, 0x006F, 0x0073, 0x0074, 0x011B, 0x006E, 0x0065,
                    0x006D, 0x006C, 0x0075, 0x0076, 0x00ED, 0x010D, 0x0065, 0x0073, 0x006B, 0x0079}),
       "Proprostnemluvesky-uyb24dma41a"},
      {code_points({0x05DC, 0x05DE, 0x05D4, 0x05D4, 0x05DD, 0x05E4, 0x05E9, 0x05D5, 0x05D8, 0x05DC, 0x05D0, 0x05DE,
                    0x05D3, 0x05D1, 0x05E8, 0x05D9, 0x05DD, 0x05E2, 0x05D1, 0x05E8, 0x05D9, 0x05EA}),
       "4dbcagdahymbxekheh6e0a7fei0b"},
      {code_points({0x092F, 0x0939, 0x0932, 0x094B, 0x0917, 0x0939, 0x093F, 0x0928, 0x094D, 0x0926, 0x0940, 0x0915,
                    0x094D, 0x092F, 0x094B, 0x0902, 0x0928, 0x0939, 0x0940, 0x0902, 0x092C, 0x094B, 0x0932, 0x0938,
                    0x0915, 0x0924, 0x0947, 0x0939, 0x0948, 0x0902}),
       "i1baa7eci9glrd9b2ae1bj0hfcgg6iyaf8o0a1dig0cd"},
      {code_points({0x306A, 0x305C, 0x307F, 0x3093, 0x306A, 0x65E5, 0x672C, 0x8A9E, 0x3092, 0x8A71, 0x3057, 0x3066,
                    0x304F, 0x308C, 0x306A, 0x3044, 0x306E, 0x304B}),
       "n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa"},
      {code_points({0xC138, 0xACC4, 0xC758, 0xBAA8, 0xB4E0, 0xC0AC, 0xB78C, 0xB4E4, 0xC774, 0xD55C, 0xAD6D, 0xC5B4,
                    0xB97C, 0xC774, 0xD574, 0xD55C, 0xB2E4, 0xBA74, 0xC5BC, 0xB9C8, 0xB098, 0xC88B, 0xC744, 0xAE4C}),
       "989aomsvi5e83db1d2a355cv1e0vak1dwrv93d5xbh15a0dt30a5jpsd879ccm6fea98c"},
      {code_points({0x043F, 0x043E, 0x0447, 0x0435, 0x043C, 0x0443, 0x0436, 0x0435, 0x043E, 0x043D, 0x0438, 0x043D,
                    0x0435, 0x0433, 0x043E, 0x0432, 0x043E, 0x0440, 0x044F, 0x0442, 0x043F, 0x043E, 0x0440, 0x0443,
                    0x0441, 0x0441, 0x043A, 0x0438}),
       "b1abfaaepdrnnbgefbadotcwatmq2g4l"},
      {code_points({0x0050, 0x006F, 0x0072, 0x0071, 0x0075, 0x00E9, 0x006E, 0x006F, 0x0070, 0x0075, 0x0065, 0x0064,
                    0x0065, 0x006E, 0x0073, 0x0069, 0x006D, 0x0070, 0x006C, 0x0065, 0x006D, 0x0065, 0x006E, 0x0074,
                    0x0065, 0x0068, 0x0061, 0x0062, 0x006C, 0x0061, 0x0072, 0x0065, 0x006E, 0x0045, 0x0073, 0x0070,
                    0x0061, 0x00F1, 0x006F, 0x006C}),
       "PorqunopuedensimplementehablarenEspaol-fmd56a"},
      {code_points({0x0054, 0x1EA1, 0x0069, 0x0073, 0x0061, 0x006F, 0x0068, 0x1ECD, 0x006B, 0x0068, 0x00F4, 0x006E,
                    0x0067, 0x0074, 0x0068, 0x1EC3, 0x0063, 0x0068, 0x1EC9, 0x006E, 0x00F3, 0x0069, 0x0074, 0x0069,
                    0x1EBF, 0x006E, 0x0067, 0x0056, 0x0069, 0x1EC7, 0x0074}),
       "TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g"},
      {code_points({0x0033, 0x5E74, 0x0042, 0x7D44, 0x91D1, 0x516B, 0x5148, 0x751F}), "3B-ww4c5e180e575a65lsy2b"},
      {code_points({0x5B89, 0x5BA4, 0x5948, 0x7F8E, 0x6075, 0x002D, 0x0077, 0x0069, 0x0074, 0x0068, 0x002D, 0x0053,
                    0x0055, 0x0050, 0x0045, 0x0052, 0x002D, 0x004D, 0x004F, 0x004E, 0x004B, 0x0045, 0x0059, 0x0053}),
       "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n"},
      {code_points({0x0048, 0x0065, 0x006C, 0x006C, 0x006F, 0x002D, 0x0041, 0x006E, 0x006F, 0x0074, 0x0068, 0x0065,
                    0x0072, 0x002D, 0x0057, 0x0061, 0x0079, 0x002D, 0x305D, 0x308C, 0x305E, 0x308C, 0x306E, 0x5834,
                    0x6240}),
       "Hello-Another-Way--fc4qua05auwb3674vfr0b"},
      {code_points({0x3072, 0x3068, 0x3064, 0x5C4B, 0x6839, 0x306E, 0x4E0B, 0x0032}), "2-u9tlzr9756bt3uc0v"},
      {code_points({0x004D, 0x0061, 0x006A, 0x0069, 0x3067, 0x004B, 0x006F, 0x0069, 0x3059, 0x308B, 0x0035, 0x79D2,
                    0x524D}),
       "MajiKoi5-783gue6qz075azm5e"},
      {code_points({0x30D1, 0x30D5, 0x30A3, 0x30FC, 0x0064, 0x0065, 0x30EB, 0x30F3, 0x30D0}), "de-jg4avhby1noc0d"},
      {code_points({0x305D, 0x306E, 0x30B9, 0x30D4, 0x30FC, 0x30C9, 0x3067}), "d9juau41awczczp"},
      {code_points({0x002D, 0x003E, 0x0020, 0x0024, 0x0031, 0x002E, 0x0030, 0x0030, 0x0020, 0x003C, 0x002D}),
       "-> $1.00 <--"},
  };
  CHECK(samples.size() == 19);  // (A) .. (S)
  for (const auto& [input, expected] : samples) {
    auto out = punycode_encode(input);
    REQUIRE(out.ok());
    CHECK(*out == expected);
  }
  CHECK(*punycode_encode(U"") == "");
  CHECK(*punycode_encode(U"abc") == "abc-");
  CHECK_FALSE(punycode_encode(std::u32string(1, char32_t{0x110000})).ok());
}

TEST_CASE("IDNA: host names as Python's 'idna' codec encodes them") {
  const std::vector<std::string> names = {
      "example.com",
      "Example.COM",                      // ASCII: case kept
      "b\xc3\xbc" "cher.example",         // bücher.example
      "B\xc3\x9c" "CHER.Example",         // BÜCHER.Example: the U-label is lower-cased, "Example" kept
      "stra\xc3\x9f" "e.de",              // straße -> strasse (B.2 folds ß to ss)
      "\xce\xb1\xce\xb2\xce\xb3.gr",      // αβγ
      "\xce\x91\xce\x92\xce\x93.gr",      // ΑΒΓ
      "\xcf\x83\xce\xbf\xcf\x86\xce\xbf\xcf\x82.gr",  // σοφος with a final sigma
      "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x80.\xd1\x80\xd1\x84",  // пример.рф
      "\xd0\x9f\xd0\xa0\xd0\x98\xd0\x9c\xd0\x95\xd0\xa0.\xd0\xa0\xd0\xa4",  // ПРИМЕР.РФ
      "\xd2\x91\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xba.ua",  // ґанок (Ukrainian ghe with upturn)
      "\xc4\x8d" "esk\xc3\xa9.cz",        // české
      "\xc5\x81" "\xc3\xb3" "d\xc5\xba.pl",  // Łódź
      "m\xc3\xbc" "nchen.de.",            // trailing dot kept
      "b\xc3\xbc" "cher\xe3\x80\x82" "example",  // U+3002 ideographic full stop as a separator
      "a\xc2\xad" "b\xc3\xbc.example",    // soft hyphen (table B.1) dropped
      "\xc5\xbf" "\xc3\xbc.example",      // long s folds to s
      "xn--bcher-kva.example",            // already an A-label: unchanged
      "xn--b\xc3\xbc" "cher.example",     // a U-label starting with the ACE prefix: refused
      "b\xc3\xbc" "cher..example",        // empty label: refused
      std::string(64, 'a') + ".example",  // ASCII label too long: refused
      "\xc3\xbc" + std::string(63, 'a') + ".example",  // converted label too long: refused
      "\xc3\xbc.\xe2\x80\x8b.example",    // a label that nameprep empties: refused
  };
  auto expected = python_idna(names);
  REQUIRE(expected.size() == names.size());
  size_t refused = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    auto ours = hostname_to_ascii(names[i]);
    if (expected[i] == "ERROR") {
      CHECK_MESSAGE(!ours.ok(), names[i] << ": Python raises, we gave " << *ours);
      if (!ours.ok()) CHECK(ours.error().kind == ErrorKind::config);
      ++refused;
      continue;
    }
    REQUIRE_MESSAGE(ours.ok(), names[i] << ": " << ours.error().detail);
    CHECK_MESSAGE(*ours == expected[i], names[i]);
  }
  CHECK(refused == 5);
}

TEST_CASE("IDNA: every code point of the nameprep subset agrees with Python, the rest is named") {
  // Each non-ASCII code point below U+0500 (Latin-1, Latin Extended-A/B, IPA, combining marks,
  // Greek, Cyrillic) and the table B.1 code points, as "x<cp>y.example".
  std::vector<char32_t> cps;
  for (char32_t c = 0x80; c < 0x500; ++c) cps.push_back(c);
  for (char32_t c : {0x1806, 0x180b, 0x200b, 0x200c, 0x200d, 0x2060, 0xfe00, 0xfe0f, 0xfeff}) cps.push_back(c);
  std::vector<std::string> names, supported;
  size_t unsupported = 0;
  for (char32_t c : cps) {
    std::string name = utf8(std::u32string{U'x', c, U'y'}) + ".example";
    auto ours = hostname_to_ascii(name);
    if (ours.ok()) {
      names.push_back(name);
      supported.push_back(*ours);
      continue;
    }
    ++unsupported;
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
    CHECK_MESSAGE(ours.error().detail.find(code) != std::string::npos, ours.error().detail);
    CHECK(ours.error().kind == ErrorKind::config);
  }
  // Latin-1 letters, Latin Extended-A but six, Greek, Cyrillic and table B.1.
  CHECK(names.size() >= 440);
  CHECK(unsupported > 0);
  auto expected = python_idna(names);
  REQUIRE(expected.size() == names.size());
  for (size_t i = 0; i < names.size(); ++i) CHECK_MESSAGE(supported[i] == expected[i], names[i]);
}

TEST_CASE("IDNA: the matcher and the verifier take U-label host names") {
  auto spec = test::leaf_spec();
  spec.subject = test::name_cn("idn");
  spec.extensions = {test::aki(1), test::san_dns("xn--bcher-kva.example")};
  auto leaf = Certificate::from_der(test::build_certificate(spec));
  REQUIRE(leaf.ok());
  CHECK(certificate_matches_host(*leaf, "xn--bcher-kva.example", false));
  CHECK(certificate_matches_host(*leaf, "b\xc3\xbc" "cher.example", false));
  CHECK(certificate_matches_host(*leaf, "B\xc3\x9c" "CHER.example", false));
  CHECK_FALSE(certificate_matches_host(*leaf, "b\xc3\xa4" "cher.example", false));
  CHECK_FALSE(certificate_matches_host(*leaf, "\xe6\x97\xa5.example", false));  // not convertible here
  CHECK(reference_a_label("b\xc3\xbc" "cher.example") == "xn--bcher-kva.example");
  CHECK(reference_a_label("Example.COM") == "Example.COM");

  auto store = std::make_shared<TrustStore>();
  auto root = Certificate::from_der(test::build_certificate(test::root_spec()));
  REQUIRE(root.ok());
  store->add(*root);
  VerifyRequest req;
  Bytes der = test::build_certificate(spec);
  req.peer_chain.push_back(der);
  req.time = test::kTestTime;
  req.hostname = "b\xc3\xbc" "cher.example";
  auto ok = WebPkiVerifier(store).verify(req);
  CHECK_MESSAGE(ok.ok(), ok.verify_message << " " << ok.detail);
  req.hostname = "b\xc3\xa4" "cher.example";
  auto out = WebPkiVerifier(store).verify(req);
  CHECK(out.verify_code == X509_V_ERR_HOSTNAME_MISMATCH);
  // Python names the host as it went to OpenSSL: encoded.
  CHECK(out.verify_message == "Hostname mismatch, certificate is not valid for 'xn--bcher-gra.example'.");
}
