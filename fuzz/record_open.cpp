// Fuzzes record deprotection. The first byte picks one of the six suites (1.3 and 1.2, three
// AEADs each) and a mode:
//   mode 0: the rest is a stream of records fed to a RecordLayer with read keys (header checks,
//           lengths, tag failures; a random tag never verifies, so this covers the paths before
//           and around authentication);
//   mode 1: the rest is a plaintext that is sealed with the raw AEAD as a TLS 1.3
//           TLSInnerPlaintext (or 1.2 content) and then opened: this reaches everything after
//           authentication (padding scan, inner type, limits).
//   mode 2: the rest is content sealed by RecordProtector and opened again: must round-trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "record/record_layer.hpp"

using namespace tlsock;

namespace {

const AeadAlgorithm kAlgs[] = {AeadAlgorithm::aes_128_gcm, AeadAlgorithm::aes_256_gcm,
                               AeadAlgorithm::chacha20_poly1305};

RecordProtector make(RecordVersion v, AeadAlgorithm alg) {
  static const uint8_t key[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                  17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
  static const uint8_t iv[12] = {0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab};
  ByteView k(key, aead_key_length(alg));
  auto p = v == RecordVersion::tls13
               ? RecordProtector::create_13(alg, k, ByteView(iv, 12))
               : RecordProtector::create_12(alg, k, ByteView(iv, fixed_iv_length_12(alg)));
  if (!p.ok()) abort();
  return std::move(p).value();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  uint8_t control = data[0];
  RecordVersion version = (control & 1) ? RecordVersion::tls13 : RecordVersion::tls12;
  AeadAlgorithm alg = kAlgs[(control >> 1) % 3];
  int mode = (control >> 3) % 3;
  ByteView rest(data + 1, size - 1);

  if (mode == 0) {
    RecordLayer layer;
    layer.set_version(version);
    layer.set_compat_ccs_allowed(control & 0x80);
    layer.install_read_protector(make(version, alg));
    size_t fed = 0;
    for (;;) {
      fed += layer.feed(rest.subspan(fed));
      auto r = layer.read();
      if (!r.ok()) break;
      if (!r->has_value()) {
        if (fed == rest.size()) break;
        continue;
      }
    }
    return 0;
  }

  if (mode == 1) {
    if (rest.size() > kMaxInnerPlaintextLength13 + 8) return 0;
    RecordProtector reader = make(version, alg);
    size_t explicit_len = version == RecordVersion::tls12 && alg != AeadAlgorithm::chacha20_poly1305 ? 8 : 0;
    Bytes record(kRecordHeaderLength + explicit_len + rest.size() + kAeadTagLength);
    uint8_t type = version == RecordVersion::tls13 ? 23 : 22;
    write_record_header(record, static_cast<ContentType>(type), 0x0303,
                        static_cast<uint16_t>(record.size() - kRecordHeaderLength));
    if (!rest.empty()) std::memcpy(record.data() + kRecordHeaderLength + explicit_len, rest.data(), rest.size());
    // Seal with the raw AEAD exactly as a peer would (sequence number 0).
    static const uint8_t key[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
    uint8_t nonce[12] = {0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab};
    auto aead = Aead::create(alg, ByteView(key, aead_key_length(alg)));
    if (!aead.ok()) abort();
    Status sealed;
    if (version == RecordVersion::tls13) {
      sealed = (*aead)->seal(ByteView(nonce, 12), ByteView(record).first(5),
                             MutableByteView(record).subspan(5), rest.size());
    } else {
      uint8_t aad[13] = {0, 0, 0, 0, 0, 0, 0, 0, type, 3, 3,
                         static_cast<uint8_t>(rest.size() >> 8), static_cast<uint8_t>(rest.size())};
      if (explicit_len) std::memset(nonce + 4, 0, 8);  // explicit nonce bytes in the record are 0
      sealed = (*aead)->seal(ByteView(nonce, 12), ByteView(aad, 13),
                             MutableByteView(record).subspan(5 + explicit_len), rest.size());
    }
    if (!sealed.ok()) abort();
    auto opened = reader.open(ByteView(record).first(5), MutableByteView(record).subspan(5));
    if (opened.ok()) {
      if (opened->content.size() > rest.size()) abort();
      if (std::memcmp(opened->content.data(), rest.data(), opened->content.size()) != 0) abort();
    } else if (opened.error().alert == AlertDescription::bad_record_mac) {
      abort();  // a correctly sealed record must authenticate
    }
    return 0;
  }

  // mode 2: round trip through RecordProtector.
  if (rest.size() < 1) return 0;
  ContentType type = static_cast<ContentType>(21 + rest[0] % 3);
  ByteView content = rest.subspan(1);
  if (content.size() > kMaxPlaintextLength) return 0;
  RecordProtector writer = make(version, alg), reader = make(version, alg);
  size_t padding = version == RecordVersion::tls13 ? (rest[0] >> 2) : 0;
  if (content.size() + 1 + padding > kMaxInnerPlaintextLength13) padding = 0;
  Bytes record(writer.sealed_length(content.size(), padding));
  if (!content.empty()) std::memcpy(record.data() + writer.content_offset(), content.data(), content.size());
  auto n = writer.seal(type, record, content.size(), padding);
  if (!n.ok() || *n != record.size()) abort();
  auto opened = reader.open(ByteView(record).first(5), MutableByteView(record).subspan(5));
  if (!opened.ok() || opened->type != type || opened->content.size() != content.size()) abort();
  if (!content.empty() && std::memcmp(opened->content.data(), content.data(), content.size()) != 0) abort();
  return 0;
}
