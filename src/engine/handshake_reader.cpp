#include "engine/handshake_reader.hpp"

#include "record/handshake_deframer.hpp"

namespace tlsock {

HandshakeReader::HandshakeReader() = default;
HandshakeReader::HandshakeReader(HandshakeReader&&) noexcept = default;
HandshakeReader& HandshakeReader::operator=(HandshakeReader&&) noexcept = default;
HandshakeReader::~HandshakeReader() = default;

Status HandshakeReader::add(ByteView record_content) {
  if (!deframer_) deframer_ = std::make_unique<HandshakeDeframer>();
  Status s = deframer_->add(record_content);
  if (!s.ok()) failed_ = true;
  return s;
}

Result<std::optional<HandshakeMessage>> HandshakeReader::next() {
  if (!deframer_) return std::optional<HandshakeMessage>{};
  auto m = deframer_->next();
  if (!m.ok()) failed_ = true;
  return m;
}

Status HandshakeReader::check_key_change_boundary() const {
  if (!deframer_) return {};
  return deframer_->check_key_change_boundary();
}

Status HandshakeReader::check_end_of_flight() const {
  if (!deframer_) return {};
  return deframer_->check_end_of_flight();
}

Status HandshakeReader::check_not_interleaved(ContentType other) const {
  if (!deframer_) return {};
  return deframer_->check_not_interleaved(other);
}

bool HandshakeReader::has_partial_message() const {
  return deframer_ && deframer_->has_partial_message();
}

void HandshakeReader::release_if_idle() {
  if (deframer_ && !failed_ && deframer_->at_record_boundary()) deframer_.reset();
}

}  // namespace tlsock
