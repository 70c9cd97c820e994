#include "record/record_protector.hpp"

#include <algorithm>
#include <cstring>

#include "crypto/hkdf.hpp"

namespace tlsock {

namespace {

void put_u64(uint8_t* out, uint64_t v) {
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<uint8_t>(v);
    v >>= 8;
  }
}

Error sequence_exhausted() {
  return {ErrorKind::limit, AlertDescription::internal_error,
          "record: sequence number exhausted (it must never wrap)"};
}

}  // namespace

size_t fixed_iv_length_12(AeadAlgorithm alg) {
  return alg == AeadAlgorithm::chacha20_poly1305 ? kAeadNonceLength : 4;
}

RecordProtector::RecordProtector(RecordVersion version, std::unique_ptr<Aead> aead, Secret iv)
    : version_(version), aead_(std::move(aead)), iv_(std::move(iv)) {
  bool gcm = aead_->algorithm() != AeadAlgorithm::chacha20_poly1305;
  explicit_nonce_length_ = (version_ == RecordVersion::tls12 && gcm) ? kGcmExplicitNonceLength12 : 0;
  max_plaintext_ = version_ == RecordVersion::tls13 ? kMaxInnerPlaintextLength13 : kMaxPlaintextLength;
  soft_limit_ = gcm ? kAesGcmRecordSoftLimit : kSequenceNumberSoftLimit;
  hard_limit_ = gcm ? kAesGcmRecordLimit : kSequenceNumberLimit;
}

RecordProtector::~RecordProtector() = default;

Result<RecordProtector> RecordProtector::create_13(AeadAlgorithm alg, ByteView key, ByteView iv) {
  if (iv.size() != kAeadNonceLength) {
    return config_error("record: a TLS 1.3 IV is 12 bytes, got " + std::to_string(iv.size()));
  }
  TLSOCK_TRY_ASSIGN(auto aead, Aead::create(alg, key));
  return RecordProtector(RecordVersion::tls13, std::move(aead), Secret(iv));
}

Result<RecordProtector> RecordProtector::from_traffic_secret_13(AeadAlgorithm alg,
                                                                HashAlgorithm hash,
                                                                ByteView traffic_secret) {
  // RFC 8446 §7.3: [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length),
  //                [sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length).
  TLSOCK_TRY_ASSIGN(Secret key, hkdf_expand_label(hash, traffic_secret, "key", {},
                                                  aead_key_length(alg)));
  TLSOCK_TRY_ASSIGN(Secret iv, hkdf_expand_label(hash, traffic_secret, "iv", {}, kAeadNonceLength));
  return create_13(alg, key, iv);
}

Result<RecordProtector> RecordProtector::create_12(AeadAlgorithm alg, ByteView key,
                                                   ByteView fixed_iv) {
  if (fixed_iv.size() != fixed_iv_length_12(alg)) {
    return config_error(std::string("record: a TLS 1.2 ") + name(alg) + " fixed IV is " +
                        std::to_string(fixed_iv_length_12(alg)) + " bytes, got " +
                        std::to_string(fixed_iv.size()));
  }
  TLSOCK_TRY_ASSIGN(auto aead, Aead::create(alg, key));
  return RecordProtector(RecordVersion::tls12, std::move(aead), Secret(fixed_iv));
}

size_t RecordProtector::sealed_length(size_t content_length, size_t padding) const {
  size_t body = explicit_nonce_length_ + content_length + kAeadTagLength;
  if (version_ == RecordVersion::tls13) body += 1 + padding;
  return kRecordHeaderLength + body;
}

Status RecordProtector::advance_sequence_to(uint64_t n) {
  if (n < sequence_) return config_error("record: the sequence number only moves forward");
  sequence_ = n;
  return {};
}

Status RecordProtector::set_explicit_nonce_start_12(uint64_t first) {
  if (explicit_nonce_length_ == 0) {
    return config_error("record: only TLS 1.2 AES-GCM records carry an explicit nonce");
  }
  explicit_nonce_start_ = first;
  return {};
}

KeyUsage RecordProtector::key_usage() const {
  if (sequence_ >= hard_limit_) return KeyUsage::exhausted;
  if (sequence_ >= soft_limit_) return KeyUsage::near_limit;
  return KeyUsage::ok;
}

void RecordProtector::set_record_size_limit(size_t limit) {
  size_t protocol_max = version_ == RecordVersion::tls13 ? kMaxInnerPlaintextLength13 : kMaxPlaintextLength;
  max_plaintext_ = std::min(limit, protocol_max);
}

// RFC 8446 §5.3 (and RFC 7905 §2 for TLS 1.2 ChaCha20): the 64-bit sequence number, in
// network byte order and left-padded with zeros to 12 bytes, XORed with the IV.
void RecordProtector::make_nonce(uint8_t* nonce) const {
  std::memcpy(nonce, iv_.data(), kAeadNonceLength);
  uint64_t s = sequence_;
  for (int i = 11; i >= 4; --i) {
    nonce[i] ^= static_cast<uint8_t>(s);
    s >>= 8;
  }
}

Result<size_t> RecordProtector::seal(ContentType type, MutableByteView record,
                                     size_t content_length, size_t padding) {
  if (sequence_ >= hard_limit_) {
    // RFC 8446 §5.5 (AES-GCM key usage) / §5.3 and RFC 5246 §6.1 (no wrap).
    return Error{ErrorKind::limit, AlertDescription::internal_error,
                 "record: write key usage limit reached (" + std::to_string(sequence_) +
                     " records); rekey or close"};
  }
  if (content_length > kMaxPlaintextLength) {
    return internal_error("record: content of " + std::to_string(content_length) +
                          " bytes exceeds 2^14");
  }
  if (record.size() < sealed_length(content_length, padding)) {
    return internal_error("record: buffer of " + std::to_string(record.size()) +
                          " bytes is too small for the sealed record");
  }
  return version_ == RecordVersion::tls13 ? seal_13(type, record, content_length, padding)
                                           : seal_12(type, record, content_length);
}

Result<size_t> RecordProtector::seal_13(ContentType type, MutableByteView record,
                                        size_t content_length, size_t padding) {
  size_t inner = content_length + 1 + padding;
  if (inner > kMaxInnerPlaintextLength13) {
    // RFC 8446 §5.4: "the full encoded TLSInnerPlaintext MUST NOT exceed 2^14 + 1 octets".
    return internal_error("record: padding makes the inner plaintext exceed 2^14 + 1");
  }
  uint8_t* p = record.data() + kRecordHeaderLength;
  p[content_length] = static_cast<uint8_t>(type);
  if (padding != 0) std::memset(p + content_length + 1, 0, padding);
  size_t body = inner + kAeadTagLength;
  // RFC 8446 §5.2: opaque_type = application_data, legacy_record_version = 0x0303.
  write_record_header(record, ContentType::application_data,
                      static_cast<uint16_t>(ProtocolVersion::tls1_2), static_cast<uint16_t>(body));
  uint8_t nonce[kAeadNonceLength];
  make_nonce(nonce);
  TLSOCK_TRY(aead_->seal(ByteView(nonce, sizeof nonce), ByteView(record.data(), kRecordHeaderLength),
                         MutableByteView(p, body), inner));
  ++sequence_;
  return kRecordHeaderLength + body;
}

Result<size_t> RecordProtector::seal_12(ContentType type, MutableByteView record,
                                        size_t content_length) {
  const uint16_t version = static_cast<uint16_t>(ProtocolVersion::tls1_2);
  uint8_t nonce[kAeadNonceLength];
  uint8_t* explicit_nonce = record.data() + kRecordHeaderLength;
  if (explicit_nonce_length_ != 0) {
    // RFC 5288 §3: nonce = salt (4, from the key block) || nonce_explicit (8); the explicit
    // part is the sequence number (plus a fixed start, see set_explicit_nonce_start_12),
    // which makes it unique per key.
    put_u64(explicit_nonce, explicit_nonce_start_ + sequence_);
    std::memcpy(nonce, iv_.data(), 4);
    std::memcpy(nonce + 4, explicit_nonce, kGcmExplicitNonceLength12);
  } else {
    make_nonce(nonce);
  }
  // RFC 5246 §6.2.3.3: additional_data = seq_num + TLSCompressed.type +
  //                    TLSCompressed.version + TLSCompressed.length
  uint8_t aad[13];
  put_u64(aad, sequence_);
  write_record_header(MutableByteView(aad + 8, 5), type, version,
                      static_cast<uint16_t>(content_length));
  size_t body = explicit_nonce_length_ + content_length + kAeadTagLength;
  write_record_header(record, type, version, static_cast<uint16_t>(body));
  TLSOCK_TRY(aead_->seal(ByteView(nonce, sizeof nonce), ByteView(aad, sizeof aad),
                         MutableByteView(explicit_nonce + explicit_nonce_length_,
                                         content_length + kAeadTagLength),
                         content_length));
  ++sequence_;
  return kRecordHeaderLength + body;
}

Result<OpenedRecord> RecordProtector::open(ByteView header, MutableByteView body) {
  if (header.size() != kRecordHeaderLength) {
    return internal_error("record: open() needs the 5-byte header");
  }
  if (sequence_ == kSequenceNumberLimit) return sequence_exhausted();
  return version_ == RecordVersion::tls13 ? open_13(header, body) : open_12(header, body);
}

Result<OpenedRecord> RecordProtector::open_13(ByteView header, MutableByteView body) {
  auto outer = static_cast<ContentType>(header[0]);
  if (outer != ContentType::application_data) {
    // RFC 8446 §5: every protected record has opaque_type application_data; anything else
    // after keys are on is an unexpected record type.
    return protocol_error(AlertDescription::unexpected_message,
                          "record: " + name(outer) + " record where a protected record was due");
  }
  if (body.size() < kAeadTagLength) {
    return crypto_error(AlertDescription::bad_record_mac,
                        "record: protected record shorter than the AEAD tag");
  }
  size_t inner = body.size() - kAeadTagLength;
  if (inner > max_plaintext_) {
    // RFC 8446 §5.4 (2^14 + 1) and RFC 8449 §4 (our advertised limit): record_overflow.
    return protocol_error(AlertDescription::record_overflow,
                          "record: inner plaintext of " + std::to_string(inner) +
                              " bytes exceeds " + std::to_string(max_plaintext_));
  }
  uint8_t nonce[kAeadNonceLength];
  make_nonce(nonce);
  auto opened = aead_->open(ByteView(nonce, sizeof nonce), header, body);
  if (!opened.ok()) {
    return crypto_error(AlertDescription::bad_record_mac,
                        "record: authentication failed (sequence " + std::to_string(sequence_) + ")");
  }
  ++sequence_;
  // RFC 8446 §5.4: scan from the end for the first non-zero octet, the content type; "If a
  // receiving implementation does not find a non-zero octet in the cleartext, it MUST
  // terminate the connection with an unexpected_message alert."
  size_t i = inner;
  while (i > 0 && body[i - 1] == 0) --i;
  if (i == 0) {
    return protocol_error(AlertDescription::unexpected_message,
                          "record: inner plaintext is all zeros (no content type)");
  }
  auto type = static_cast<ContentType>(body[i - 1]);
  if (type != ContentType::handshake && type != ContentType::alert &&
      type != ContentType::application_data) {
    // RFC 8446 §5: "An implementation which receives ... a protected change_cipher_spec
    // record MUST abort the handshake with an unexpected_message alert."
    return protocol_error(AlertDescription::unexpected_message,
                          "record: protected record of inner type " + name(type));
  }
  return OpenedRecord{type, body.first(i - 1)};
}

Result<OpenedRecord> RecordProtector::open_12(ByteView header, MutableByteView body) {
  if (body.size() < explicit_nonce_length_ + kAeadTagLength) {
    return crypto_error(AlertDescription::bad_record_mac,
                        "record: protected record shorter than the AEAD overhead");
  }
  size_t content_length = body.size() - explicit_nonce_length_ - kAeadTagLength;
  if (content_length > max_plaintext_) {
    // RFC 5246 §6.2.1 (TLSPlaintext.length <= 2^14), §7.2.2 record_overflow; RFC 8449 §4.
    return protocol_error(AlertDescription::record_overflow,
                          "record: plaintext of " + std::to_string(content_length) +
                              " bytes exceeds " + std::to_string(max_plaintext_));
  }
  uint8_t nonce[kAeadNonceLength];
  if (explicit_nonce_length_ != 0) {
    std::memcpy(nonce, iv_.data(), 4);
    std::memcpy(nonce + 4, body.data(), kGcmExplicitNonceLength12);
  } else {
    make_nonce(nonce);
  }
  uint8_t aad[13];
  put_u64(aad, sequence_);
  aad[8] = header[0];
  aad[9] = header[1];
  aad[10] = header[2];
  aad[11] = static_cast<uint8_t>(content_length >> 8);
  aad[12] = static_cast<uint8_t>(content_length);
  auto opened = aead_->open(ByteView(nonce, sizeof nonce), ByteView(aad, sizeof aad),
                            body.subspan(explicit_nonce_length_));
  if (!opened.ok()) {
    return crypto_error(AlertDescription::bad_record_mac,
                        "record: authentication failed (sequence " + std::to_string(sequence_) + ")");
  }
  ++sequence_;
  return OpenedRecord{static_cast<ContentType>(header[0]),
                      body.subspan(explicit_nonce_length_, content_length)};
}

}  // namespace tlsock
