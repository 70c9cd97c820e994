// Fuzzes the record deframer and the plaintext path of the RecordLayer: the first byte picks
// the version rules, the CCS window and the chunk size; the rest is the incoming stream, fed in
// chunks. Checks: every record returned lies inside what was fed, its length matches its
// header, the deframer never holds more than it was given, and once an error appears it stays.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "record/record_layer.hpp"

using namespace tlsock;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  uint8_t control = data[0];
  ByteView stream(data + 1, size - 1);
  RecordVersion version = static_cast<RecordVersion>(control % 3);
  size_t chunk = 1 + ((control >> 2) % 16) * 97;

  // The deframer alone, with an arbitrary body limit.
  {
    RecordDeframer d;
    d.set_version(version);
    d.set_max_body_length((control & 0x40) ? kMaxCiphertextLength12 : kMaxPlaintextLength);
    size_t fed = 0, returned = 0;
    bool failed = false;
    while (fed < stream.size() && !failed) {
      size_t n = d.feed(stream.subspan(fed, std::min(chunk, stream.size() - fed)));
      fed += n;
      for (;;) {
        auto r = d.next();
        if (!r.ok()) {
          failed = true;
          if (d.next().ok()) abort();  // sticky
          break;
        }
        if (!r->has_value()) break;
        const RecordView& v = **r;
        size_t length = (size_t{v.header[3]} << 8) | v.header[4];
        if (v.body.size() != length || length > d.max_body_length()) abort();
        if (v.body.data() != v.header.data() + kRecordHeaderLength) abort();
        returned += kRecordHeaderLength + length;
      }
      if (n == 0 && !failed && d.buffered() == 0) abort();  // a full buffer must drain
      if (returned + d.buffered() != fed) abort();
    }
  }

  // The RecordLayer's plaintext path (CCS handling, empty records).
  {
    RecordLayer layer;
    layer.set_version(version);
    layer.set_compat_ccs_allowed(control & 0x80);
    size_t fed = 0;
    for (;;) {
      fed += layer.feed(stream.subspan(fed, std::min(chunk, stream.size() - fed)));
      auto r = layer.read();
      if (!r.ok()) break;
      if (!r->has_value()) {
        if (fed == stream.size()) break;
        continue;
      }
      if ((*r)->content.empty()) abort();  // empty records are never returned
      if ((*r)->type == ContentType::application_data) abort();  // no keys: never plaintext data
    }
  }
  return 0;
}
