// Fuzzes the handshake deframer: the input is a run of "records", each a 1-byte length then
// that many bytes. Checks: messages come out whole (4-byte header + the announced length,
// within the size limit), the bytes of the messages returned plus those still buffered equal
// the bytes added, and errors are sticky.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "record/handshake_deframer.hpp"

using namespace tlsock;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  HandshakeDeframer d;
  ByteView in(data, size);
  size_t added = 0, returned = 0, pos = 0;
  while (pos < in.size()) {
    size_t n = std::min<size_t>(in[pos], in.size() - pos - 1);
    ByteView record = in.subspan(pos + 1, n);
    pos += 1 + n;
    auto s = d.add(record);
    if (!s.ok()) {
      if (d.add(record).ok()) abort();  // sticky
      return 0;
    }
    added += record.size();
    for (;;) {
      auto m = d.next();
      if (!m.ok()) {
        if (d.next().ok()) abort();
        return 0;
      }
      if (!m->has_value()) break;
      const HandshakeMessage& msg = **m;
      size_t length = (size_t{msg.encoded[1]} << 16) | (size_t{msg.encoded[2]} << 8) | msg.encoded[3];
      if (msg.body.size() != length || msg.encoded.size() != length + kHandshakeHeaderLength) abort();
      if (length > max_handshake_message_length(msg.type)) abort();
      returned += msg.encoded.size();
    }
    if (returned + d.buffered() != added) abort();
    if (d.at_record_boundary() != d.check_key_change_boundary().ok()) abort();
  }
  return 0;
}
