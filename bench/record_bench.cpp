// Record protection throughput: seal + open of full 16 KiB records for each suite (TLS 1.3 and
// 1.2 x AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305), beside the raw AEAD doing the same
// seal + open of 16 KiB in place. The difference is the record layer's overhead (nonce, AAD,
// header, content type, sequence numbers, checks). BM_RecordLayer adds the full path an engine
// uses: fragmenter copy into the output buffer + seal, deframer copy of the input + open.
#include <benchmark/benchmark.h>

#include <cstring>

#include "record/record_layer.hpp"

using namespace tlsock;

namespace {

constexpr size_t kContent = kMaxPlaintextLength;

struct SuiteSpec {
  RecordVersion version;
  AeadAlgorithm alg;
};
const SuiteSpec kSpecs[] = {
    {RecordVersion::tls13, AeadAlgorithm::aes_128_gcm},
    {RecordVersion::tls13, AeadAlgorithm::aes_256_gcm},
    {RecordVersion::tls13, AeadAlgorithm::chacha20_poly1305},
    {RecordVersion::tls12, AeadAlgorithm::aes_128_gcm},
    {RecordVersion::tls12, AeadAlgorithm::aes_256_gcm},
    {RecordVersion::tls12, AeadAlgorithm::chacha20_poly1305},
};

RecordProtector make(const SuiteSpec& s) {
  Bytes key(aead_key_length(s.alg), 0x11);
  Bytes iv(s.version == RecordVersion::tls13 ? 12 : fixed_iv_length_12(s.alg), 0x22);
  auto p = s.version == RecordVersion::tls13 ? RecordProtector::create_13(s.alg, key, iv)
                                             : RecordProtector::create_12(s.alg, key, iv);
  return std::move(p).value();
}

void label(benchmark::State& state, const SuiteSpec& s) {
  state.SetLabel(std::string(s.version == RecordVersion::tls13 ? "TLS1.3 " : "TLS1.2 ") +
                 name(s.alg));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * kContent);
}

// Raw AEAD: seal + open of 16 KiB in place, AAD as long as the suite's record AAD.
void BM_RawAead(benchmark::State& state) {
  const SuiteSpec& s = kSpecs[state.range(0)];
  Bytes key(aead_key_length(s.alg), 0x11);
  auto aead = std::move(Aead::create(s.alg, key)).value();
  uint8_t nonce[12] = {};
  uint8_t aad[13] = {};
  size_t aad_len = s.version == RecordVersion::tls13 ? 5 : 13;
  size_t pt_len = s.version == RecordVersion::tls13 ? kContent + 1 : kContent;
  Bytes buf(pt_len + kAeadTagLength, 0x5a);
  for (auto _ : state) {
    if (!aead->seal(ByteView(nonce, 12), ByteView(aad, aad_len), buf, pt_len).ok()) {
      state.SkipWithError("seal");
      break;
    }
    if (!aead->open(ByteView(nonce, 12), ByteView(aad, aad_len), buf).ok()) {
      state.SkipWithError("open");
      break;
    }
    benchmark::DoNotOptimize(buf.data());
  }
  label(state, s);
}

// RecordProtector: seal + open of one full record in place.
void BM_RecordProtector(benchmark::State& state) {
  const SuiteSpec& s = kSpecs[state.range(0)];
  RecordProtector writer = make(s), reader = make(s);
  Bytes record(writer.sealed_length(kContent), 0x5a);
  for (auto _ : state) {
    auto n = writer.seal(ContentType::application_data, record, kContent);
    if (!n.ok()) {
      state.SkipWithError("seal");
      break;
    }
    auto o = reader.open(ByteView(record).first(kRecordHeaderLength),
                         MutableByteView(record).subspan(kRecordHeaderLength));
    if (!o.ok()) {
      state.SkipWithError("open");
      break;
    }
    benchmark::DoNotOptimize(o->content.data());
  }
  label(state, s);
}

// RecordLayer: seal_into() 16 KiB (copy into the output + seal), feed() the record (copy into the
// receive buffer), read() it (deframe + open).
void BM_RecordLayer(benchmark::State& state) {
  const SuiteSpec& s = kSpecs[state.range(0)];
  RecordLayer a, b;
  a.set_version(s.version);
  b.set_version(s.version);
  a.install_write_protector(make(s));
  b.install_read_protector(make(s));
  Bytes data(kContent, 0x5a);
  Bytes out(a.sealed_size_bound(kContent));
  for (auto _ : state) {
    auto w = a.seal_into(ContentType::application_data, data, out);
    if (!w.ok() || w->records != 1) {
      state.SkipWithError("write");
      break;
    }
    b.feed(ByteView(out).first(w->written));
    auto r = b.read();
    if (!r.ok() || !r->has_value()) {
      state.SkipWithError("read");
      break;
    }
    benchmark::DoNotOptimize((*r)->content.data());
  }
  label(state, s);
}

}  // namespace

BENCHMARK(BM_RawAead)->DenseRange(0, 5);
BENCHMARK(BM_RecordProtector)->DenseRange(0, 5);
BENCHMARK(BM_RecordLayer)->DenseRange(0, 5);
