// Named limits of the record layer, each with the place its number comes from.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tlsock {

// Record header: type(1) legacy_record_version(2) length(2). RFC 8446 §5.1, RFC 5246 §6.2.1.
inline constexpr size_t kRecordHeaderLength = 5;

// TLSPlaintext.length MUST NOT exceed 2^14 (RFC 8446 §5.1, RFC 5246 §6.2.1): the largest
// content of any record, and the largest fragment of an unprotected record.
inline constexpr size_t kMaxPlaintextLength = size_t{1} << 14;

// TLSInnerPlaintext (content + type + padding) MUST NOT exceed 2^14 + 1 (RFC 8446 §5.4).
inline constexpr size_t kMaxInnerPlaintextLength13 = kMaxPlaintextLength + 1;

// TLSCiphertext.length MUST NOT exceed 2^14 + 256 in TLS 1.3 (RFC 8446 §5.2) ...
inline constexpr size_t kMaxCiphertextLength13 = kMaxPlaintextLength + 256;
// ... and 2^14 + 2048 in TLS 1.2 (RFC 5246 §6.2.3).
inline constexpr size_t kMaxCiphertextLength12 = kMaxPlaintextLength + 2048;

// The largest record body the deframer ever accepts, and the largest whole record.
inline constexpr size_t kMaxRecordBodyLength = kMaxCiphertextLength12;
inline constexpr size_t kMaxRecordLength = kRecordHeaderLength + kMaxRecordBodyLength;

// Smallest legal record_size_limit value (RFC 8449 §4: "MUST NOT send ... smaller than 64").
inline constexpr size_t kMinRecordSizeLimit = 64;

// A run of records that carry nothing (empty application data) is tolerated up to this many
// in a row, then refused with
// unexpected_message. RFC 5246 §6.2.1 and RFC 8446 §5.1 allow zero-length application data as a
// traffic-analysis countermeasure but give no bound; an unbounded run lets a peer keep us busy
// without progress. 32 is BoringSSL's kMaxEmptyRecords and OpenSSL's MAX_EMPTY_RECORDS.
inline constexpr uint32_t kMaxConsecutiveEmptyRecords = 32;

// TLS 1.2 warning alerts that the connection survives (RFC 5246 §7.2.2), tolerated up to this
// many in a row. Same reasoning as above; 4 is BoringSSL's kMaxWarningAlerts.
inline constexpr uint32_t kMaxConsecutiveWarningAlerts = 4;

// Handshake message bodies (the uint24 length of RFC 8446 §4) are capped far below 2^24:
// 64 KiB for every message but a certificate chain, 256 KiB for Certificate and
// CompressedCertificate. These are Go crypto/tls's maxHandshake (65536) and
// maxHandshakeCertificateMsg (262144); OpenSSL's default certificate-list limit is 100 KiB.
// Real chains are a few KiB; the cap bounds what a peer can make us buffer.
inline constexpr size_t kMaxHandshakeMessageLength = size_t{1} << 16;
inline constexpr size_t kMaxCertificateMessageLength = size_t{1} << 18;
// A ClientHello may be as long as its presentation language allows (RFC 8446 §4.1.2, RFC 5246
// §7.4.1.2): legacy_version(2) random(32) legacy_session_id<0..32> cipher_suites<2..2^16-2>
// legacy_compression_methods<1..2^8-1> extensions<8..2^16-1>, about 2^17 bytes; OpenSSL
// accepts that much. A longer one cannot be decoded (decode_error).
inline constexpr size_t kMaxClientHelloLength =
    2 + 32 + (1 + 32) + (2 + 65534) + (1 + 255) + (2 + 65535);

// Handshake message header: msg_type(1) length(3). RFC 8446 §4, RFC 5246 §7.4.
inline constexpr size_t kHandshakeHeaderLength = 4;

// The largest body the uint24 length field of that header can express (RFC 8446 §4). Only the
// encoder checks against it (what we send); what we accept is kMaxHandshakeMessageLength above.
inline constexpr size_t kMaxHandshakeLengthField = 0xffffff;

// RFC 8446 §5.5: "For AES-GCM, up to 2^24.5 full-size records (about 24 million) may be
// encrypted on a given connection". floor(2^24.5) = 23726566: the layer refuses to seal the
// record that would exceed it. At 2^24 records it reports "near the limit" so the engine has
// more than 7 million records of headroom to send a KeyUpdate (1.3) or close (1.2).
inline constexpr uint64_t kAesGcmRecordLimit = 23726566;
inline constexpr uint64_t kAesGcmRecordSoftLimit = uint64_t{1} << 24;

// ChaCha20-Poly1305 has no practical limit (RFC 8446 §5.5: "the record sequence number would
// wrap before the safety limit is reached"); what remains is that sequence numbers never wrap
// (RFC 8446 §5.3, RFC 5246 §6.1): the last usable sequence number is 2^64 - 2, so the counter
// itself never reaches 2^64 - 1 + 1. The soft limit leaves 2^32 records of headroom.
inline constexpr uint64_t kSequenceNumberLimit = UINT64_MAX;
inline constexpr uint64_t kSequenceNumberSoftLimit = UINT64_MAX - (uint64_t{1} << 32);

}  // namespace tlsock
