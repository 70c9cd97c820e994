#include "record/record_deframer.hpp"

#include "common/buffer_cache.hpp"

#include <algorithm>
#include <cstring>

namespace tlsock {

bool is_known_content_type(ContentType type) {
  switch (type) {
    case ContentType::change_cipher_spec:
    case ContentType::alert:
    case ContentType::handshake:
    case ContentType::application_data:
      return true;
    default:
      return false;
  }
}

Result<RecordHeader> parse_record_header(ByteView bytes, RecordVersion version,
                                         size_t max_body_length) {
  if (bytes.size() < kRecordHeaderLength) {
    return decode_error("record header: truncated (need 5 bytes, have " +
                        std::to_string(bytes.size()) + ")");
  }
  RecordHeader h;
  h.type = static_cast<ContentType>(bytes[0]);
  h.version = static_cast<uint16_t>((bytes[1] << 8) | bytes[2]);
  h.length = static_cast<uint16_t>((bytes[3] << 8) | bytes[4]);

  // RFC 8446 §5: "If a TLS implementation receives an unexpected record type, it MUST
  // terminate the connection with an unexpected_message alert." (RFC 5246 §6 likewise.)
  if (!is_known_content_type(h.type)) {
    return protocol_error(AlertDescription::unexpected_message,
                          "record: unknown content type " + name(h.type));
  }
  switch (version) {
    case RecordVersion::unknown:
      // RFC 5246 Appendix E.1: accept any {03,XX} before the version is known.
      if ((h.version >> 8) != 0x03) {
        return protocol_error(AlertDescription::protocol_version,
                              "record: version " + name(static_cast<ProtocolVersion>(h.version)) +
                                  " is not TLS");
      }
      break;
    case RecordVersion::tls12:
      if (h.version != static_cast<uint16_t>(ProtocolVersion::tls1_2)) {
        return protocol_error(AlertDescription::protocol_version,
                              "record: version " + name(static_cast<ProtocolVersion>(h.version)) +
                                  " on a TLS 1.2 connection");
      }
      break;
    case RecordVersion::tls13:
      // RFC 8446 §5.1: legacy_record_version "MUST be ignored for all purposes".
      break;
  }
  if (h.length > max_body_length) {
    return protocol_error(AlertDescription::record_overflow,
                          "record: length " + std::to_string(h.length) + " exceeds " +
                              std::to_string(max_body_length));
  }
  return h;
}

void write_record_header(MutableByteView out, ContentType type, uint16_t version,
                         uint16_t length) {
  out[0] = static_cast<uint8_t>(type);
  out[1] = static_cast<uint8_t>(version >> 8);
  out[2] = static_cast<uint8_t>(version);
  out[3] = static_cast<uint8_t>(length >> 8);
  out[4] = static_cast<uint8_t>(length);
}

void RecordDeframer::release() {
  begin_ += pending_release_;
  pending_release_ = 0;
  if (begin_ == end_) begin_ = end_ = 0;
}

void RecordDeframer::release_if_idle() {
  release();
  if (end_ == 0 && buffer_) give_back_fixed_buffer(std::move(buffer_), kBufferSize);
}

void RecordDeframer::compact() {
  // Move the unconsumed tail to the front only when the free space could not hold a maximal
  // record: at most one partial record is moved per record received.
  if (begin_ == 0 || kBufferSize - end_ >= kMaxRecordLength) return;
  std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
  end_ -= begin_;
  begin_ = 0;
}

MutableByteView RecordDeframer::input_space() {
  release();
  // Uninitialised on purpose: every byte is written by the transport before it is read.
  if (!buffer_) buffer_ = take_fixed_buffer(kBufferSize);
  compact();
  return MutableByteView(buffer_.get() + end_, kBufferSize - end_);
}

void RecordDeframer::commit(size_t n) {
  end_ += std::min(n, kBufferSize - end_);
}

size_t RecordDeframer::feed(ByteView data) {
  if (data.empty()) return 0;
  MutableByteView space = input_space();
  size_t n = std::min(space.size(), data.size());
  if (n != 0) std::memcpy(space.data(), data.data(), n);
  end_ += n;
  return n;
}

Result<std::optional<RecordView>> RecordDeframer::next() {
  if (error_) return *error_;
  release();
  size_t have = end_ - begin_;
  if (have < kRecordHeaderLength) return std::optional<RecordView>{};
  ByteView header(buffer_.get() + begin_, kRecordHeaderLength);
  auto parsed = parse_record_header(header, version_, max_body_length_);
  if (!parsed.ok()) {
    error_ = parsed.error();
    return parsed.error();
  }
  size_t total = kRecordHeaderLength + parsed->length;
  if (have < total) return std::optional<RecordView>{};
  RecordView view;
  view.type = parsed->type;
  view.version = parsed->version;
  view.header = header;
  view.body = MutableByteView(buffer_.get() + begin_ + kRecordHeaderLength, parsed->length);
  pending_release_ = total;
  return std::optional<RecordView>(view);
}

}  // namespace tlsock
