// No heap allocation per record in steady state: the tests below count (with the test binary's
// allocation counter, tests/support) what a run of records costs once the buffers are warm.
#include <doctest/doctest.h>

#include <cstdlib>

#include "record/handshake_deframer.hpp"
#include "record/record_layer.hpp"
#include "support/allocation_counter.hpp"
#include "unit/record/record_test_support.hpp"

using namespace tlsock;
using namespace tlsock::record_test;

namespace {

using Counts = test::AllocationCounts;
Counts snapshot() { return test::allocation_counts(); }

RecordProtector protector(RecordVersion v, AeadAlgorithm alg) {
  Bytes key(aead_key_length(alg), 0x21);
  Bytes iv(v == RecordVersion::tls13 ? 12 : fixed_iv_length_12(alg), 0x42);
  auto p = v == RecordVersion::tls13 ? RecordProtector::create_13(alg, key, iv)
                                     : RecordProtector::create_12(alg, key, iv);
  REQUIRE(p.ok());
  return std::move(p).value();
}

}  // namespace

TEST_CASE("allocation: the counters see allocations") {
  Counts before = snapshot();
  // volatile: the compiler may otherwise elide a new/delete or malloc/free pair.
  static void* volatile sink;
  sink = new int(3);
  delete static_cast<int*>(sink);
  sink = std::malloc(10);
  std::free(sink);
  Counts after = snapshot();
  CHECK(after.news == before.news + 1);
  if (test::counts_c_allocations()) CHECK(after.c_allocs >= before.c_allocs + 2);
}

TEST_CASE("allocation: no heap allocation per record in steady state (every suite)") {
  struct S { RecordVersion v; AeadAlgorithm alg; };
  const S suites[] = {{RecordVersion::tls13, AeadAlgorithm::aes_128_gcm},
                      {RecordVersion::tls13, AeadAlgorithm::aes_256_gcm},
                      {RecordVersion::tls13, AeadAlgorithm::chacha20_poly1305},
                      {RecordVersion::tls12, AeadAlgorithm::aes_128_gcm},
                      {RecordVersion::tls12, AeadAlgorithm::aes_256_gcm},
                      {RecordVersion::tls12, AeadAlgorithm::chacha20_poly1305}};
  Bytes data(4 * kMaxPlaintextLength + 1234, 0x5c);
  for (const S& s : suites) {
    CAPTURE(name(s.alg));
    CAPTURE(int(s.v));
    RecordLayer writer, reader;
    writer.set_version(s.v);
    reader.set_version(s.v);
    writer.install_write_protector(protector(s.v, s.alg));
    reader.install_read_protector(protector(s.v, s.alg));
    writer.fragmenter().set_padding(PaddingPolicy{s.v == RecordVersion::tls13 ? 32u : 0u});
    HandshakeDeframer hs;
    Bytes post_handshake = hex("04 000010 00000000000000000000000000000000 18 000001 00");
    Bytes out(writer.sealed_size_bound(data.size()) + writer.sealed_size_bound(post_handshake.size()));

    // One round: a large write, sealed into `out`, fed back in uneven chunks and read,
    // plus a handshake record through the handshake deframer and an alert.
    size_t total_records = 0;
    bool ok = true;
    auto round = [&] {
      auto w = writer.seal_into(ContentType::application_data, data, out);
      ok = ok && w.ok() && w->consumed == data.size();
      if (!ok) return;
      size_t written = w->written;
      auto h = writer.seal_into(ContentType::handshake, post_handshake,
                                 MutableByteView(out).subspan(written));
      ok = ok && h.ok() && h->consumed == post_handshake.size();
      if (!ok) return;
      written += h->written;
      size_t pos = 0, got = 0;
      while (ok) {
        pos += reader.feed(ByteView(out).subspan(pos, std::min<size_t>(7000, written - pos)));
        auto r = reader.read();
        ok = ok && r.ok();
        if (!ok) break;
        if (!r->has_value()) {
          if (pos == written) break;
          continue;
        }
        ++total_records;
        if ((*r)->type == ContentType::handshake) {
          ok = ok && hs.add((*r)->content).ok();
          for (;;) {
            auto m = hs.next();
            ok = ok && m.ok();
            if (!ok || !m->has_value()) break;
          }
        } else {
          got += (*r)->content.size();
        }
      }
      ok = ok && got == data.size();
    };
    for (int i = 0; i < 3; ++i) round();  // warm up
    REQUIRE(ok);
    Counts before = snapshot();
    size_t records_before = total_records;
    for (int i = 0; i < 50; ++i) round();
    Counts after = snapshot();
    REQUIRE(ok);
    CHECK(total_records - records_before == 50 * 6);
    CHECK(after.news - before.news == 0);
    CHECK(after.c_allocs - before.c_allocs == 0);
  }
}

// The engine's path: seal() seals each record in place at the end of output(); with output
// pending (a transport that takes only part of it), the buffer is kept and reused.
TEST_CASE("allocation: seal() into output() allocates nothing per record while output is pending") {
  RecordLayer writer;
  writer.set_version(RecordVersion::tls13);
  writer.install_write_protector(protector(RecordVersion::tls13, AeadAlgorithm::aes_128_gcm));
  Bytes data(3 * kMaxPlaintextLength + 100, 0x5c);
  const auto alert = encode_alert(alert_for(AlertDescription::user_canceled));
  const Bytes key_update = hex("18 000001 00");
  bool ok = true;
  auto round = [&] {
    ok = ok && writer.seal(ContentType::application_data, data).ok();
    ok = ok && writer.seal(ContentType::handshake, key_update).ok();
    ok = ok && writer.seal(ContentType::alert, alert).ok();
    // The transport takes all but the last byte.
    writer.output().consume(writer.output().size() - 1);
  };
  for (int i = 0; i < 3; ++i) round();  // warm up
  REQUIRE(ok);
  Counts before = snapshot();
  for (int i = 0; i < 50; ++i) round();
  Counts after = snapshot();
  REQUIRE(ok);
  CHECK(writer.output().size() == 1);
  CHECK(after.news - before.news == 0);
  CHECK(after.c_allocs - before.c_allocs == 0);
}
