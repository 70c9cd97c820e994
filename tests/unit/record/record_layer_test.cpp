#include <doctest/doctest.h>

#include <cstring>

#include "record/handshake_deframer.hpp"
#include "record/record_layer.hpp"
#include "unit/record/record_test_support.hpp"

using namespace tlsock;
using namespace tlsock::record_test;

namespace {

Bytes plain_record(uint8_t type, ByteView body, uint16_t version = 0x0303) {
  Bytes r(5);
  write_record_header(r, static_cast<ContentType>(type), version, static_cast<uint16_t>(body.size()));
  r.insert(r.end(), body.begin(), body.end());
  return r;
}

RecordProtector protector(RecordVersion v, AeadAlgorithm alg) {
  Bytes key(aead_key_length(alg), 0x33);
  Bytes iv(v == RecordVersion::tls13 ? 12 : fixed_iv_length_12(alg), 0x44);
  auto p = v == RecordVersion::tls13 ? RecordProtector::create_13(alg, key, iv)
                                     : RecordProtector::create_12(alg, key, iv);
  REQUIRE(p.ok());
  return std::move(p).value();
}

// `a` writes and `b` reads records of `v` under the same keys.
void protect_both(RecordLayer& a, RecordLayer& b, RecordVersion v, AeadAlgorithm alg) {
  a.set_version(v);
  b.set_version(v);
  a.install_write_protector(protector(v, alg));
  b.install_read_protector(protector(v, alg));
}

// Reads every record available; returns them as (type, content) or the first error's alert.
struct ReadAll {
  std::vector<std::pair<ContentType, Bytes>> records;
  std::optional<Error> error;
};
ReadAll read_all(RecordLayer& layer, ByteView bytes) {
  ReadAll out;
  size_t pos = 0;
  for (;;) {
    pos += layer.feed(bytes.subspan(pos));
    auto r = layer.read();
    if (!r.ok()) {
      out.error = r.error();
      return out;
    }
    if (!r->has_value()) {
      if (pos == bytes.size()) return out;
      continue;
    }
    out.records.emplace_back((*r)->type, Bytes((*r)->content.begin(), (*r)->content.end()));
  }
}

std::optional<AlertDescription> alert_after(RecordLayer& layer, ByteView bytes) {
  auto r = read_all(layer, bytes);
  if (!r.error) return std::nullopt;
  return r.error->alert;
}

}  // namespace

TEST_CASE("layer: plaintext records pass; zero-length handshake/alert/CCS are unexpected_message") {
  {
    RecordLayer layer;
    auto r = read_all(layer, plain_record(22, hex("0100000100")));
    REQUIRE(!r.error);
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].first == ContentType::handshake);
  }
  for (uint8_t type : {20, 21, 22}) {
    CAPTURE(int(type));
    RecordLayer layer;
    layer.set_version(RecordVersion::tls12);
    CHECK(alert_after(layer, plain_record(type, {})) == AlertDescription::unexpected_message);
  }
  // Application data before any keys.
  RecordLayer layer;
  CHECK(alert_after(layer, plain_record(23, hex("00"))) == AlertDescription::unexpected_message);
}

TEST_CASE("layer: zero-length handshake/alert inside protection is unexpected_message") {
  for (auto v : {RecordVersion::tls13, RecordVersion::tls12}) {
    for (auto type : {ContentType::handshake, ContentType::alert}) {
      RecordLayer a, b;
      protect_both(a, b, v, AeadAlgorithm::aes_128_gcm);
      Bytes out(100);
      auto p = a.seal_into(type, {}, out);
      REQUIRE(p.ok());
      out.resize(p->written);
      CHECK(alert_after(b, out) == AlertDescription::unexpected_message);
    }
  }
}

TEST_CASE("layer: a bounded run of empty application-data records") {
  for (auto v : {RecordVersion::tls13, RecordVersion::tls12}) {
    RecordLayer a, b;
    protect_both(a, b, v, AeadAlgorithm::chacha20_poly1305);
    Bytes stream, out(100);
    auto empty = [&] {
      auto p = a.seal_into(ContentType::application_data, {}, out);
      REQUIRE(p.ok());
      stream.insert(stream.end(), out.begin(), out.begin() + static_cast<ptrdiff_t>(p->written));
    };
    for (uint32_t i = 0; i < kMaxConsecutiveEmptyRecords; ++i) empty();
    auto p = a.seal_into(ContentType::application_data, hex("68"), out);  // resets the run
    stream.insert(stream.end(), out.begin(), out.begin() + static_cast<ptrdiff_t>(p->written));
    for (uint32_t i = 0; i < kMaxConsecutiveEmptyRecords; ++i) empty();
    auto ok = read_all(b, stream);
    REQUIRE(!ok.error);
    // The empty ones are passed up (the engine says whether application data may come yet).
    REQUIRE(ok.records.size() == 2 * kMaxConsecutiveEmptyRecords + 1);
    for (size_t i = 0; i < ok.records.size(); ++i) {
      CHECK(ok.records[i].first == ContentType::application_data);
      CHECK(ok.records[i].second == (i == kMaxConsecutiveEmptyRecords ? hex("68") : Bytes{}));
    }
    stream.clear();
    empty();  // one too many
    CHECK(alert_after(b, stream) == AlertDescription::unexpected_message);
  }
}

TEST_CASE("layer: TLS 1.3 compatibility ChangeCipherSpec (RFC 8446 §5)") {
  Bytes ccs = hex("14 0303 0001 01");
  SUBCASE("dropped inside the window, also between protected records; a second one is refused") {
    for (bool first : {true, false}) {
      CAPTURE(first);
      RecordLayer a, b;
      protect_both(a, b, RecordVersion::tls13, AeadAlgorithm::aes_128_gcm);
      b.set_compat_ccs_allowed(true);
      Bytes stream = first ? ccs : Bytes{}, out(100);
      auto p = a.seal_into(ContentType::handshake, hex("14000000"), out);
      stream.insert(stream.end(), out.begin(), out.begin() + static_cast<ptrdiff_t>(p->written));
      if (!first) stream.insert(stream.end(), ccs.begin(), ccs.end());
      auto r = read_all(b, stream);
      REQUIRE(!r.error);
      REQUIRE(r.records.size() == 1);
      CHECK(r.records[0].first == ContentType::handshake);
      // RFC 8446 Appendix D.4: one per side.
      CHECK(alert_after(b, ccs) == AlertDescription::unexpected_message);
    }
  }
  SUBCASE("while the version is still unknown, if the engine opened the window") {
    RecordLayer b;
    b.set_compat_ccs_allowed(true);
    auto r = read_all(b, ccs);
    CHECK(!r.error);
    CHECK(r.records.empty());
  }
  SUBCASE("any other value or length is unexpected_message") {
    for (const char* h : {"14 0303 0001 02", "14 0303 0001 00", "14 0303 0002 0101"}) {
      RecordLayer b;
      b.set_version(RecordVersion::tls13);
      b.set_compat_ccs_allowed(true);
      CAPTURE(h);
      CHECK(alert_after(b, hex(h)) == AlertDescription::unexpected_message);
    }
    RecordLayer b;
    b.set_version(RecordVersion::tls13);
    b.set_compat_ccs_allowed(true);
    CHECK(alert_after(b, hex("14 0303 0000")) == AlertDescription::unexpected_message);
  }
  SUBCASE("outside the window it is unexpected_message") {
    RecordLayer b;
    b.set_version(RecordVersion::tls13);
    CHECK(alert_after(b, ccs) == AlertDescription::unexpected_message);
  }
  SUBCASE("a protected ChangeCipherSpec is unexpected_message") {
    RecordLayer a, b;
    protect_both(a, b, RecordVersion::tls13, AeadAlgorithm::aes_128_gcm);
    b.set_compat_ccs_allowed(true);
    // Forged: seal() never protects one in 1.3 (below).
    RecordProtector forger = protector(RecordVersion::tls13, AeadAlgorithm::aes_128_gcm);
    Bytes out(100);
    auto p = a.fragmenter().seal(&forger, 0x0303, ContentType::change_cipher_spec, hex("01"), out);
    REQUIRE(p.ok());
    out.resize(p->written);
    CHECK(alert_after(b, out) == AlertDescription::unexpected_message);
  }
  SUBCASE("two in a row are refused") {
    RecordLayer b;
    b.set_version(RecordVersion::tls13);
    b.set_compat_ccs_allowed(true);
    Bytes stream = ccs;
    stream.insert(stream.end(), ccs.begin(), ccs.end());
    CHECK(alert_after(b, stream) == AlertDescription::unexpected_message);
  }
  SUBCASE("seal() never protects one in 1.3") {
    RecordLayer a;
    a.set_version(RecordVersion::tls13);
    a.install_write_protector(protector(RecordVersion::tls13, AeadAlgorithm::aes_128_gcm));
    REQUIRE(a.seal(ContentType::change_cipher_spec, hex("01")).ok());
    CHECK(Bytes(a.output().pending().begin(), a.output().pending().end()) == ccs);
  }
}

TEST_CASE("layer: TLS 1.2 ChangeCipherSpec is passed up, and must be the byte 0x01") {
  RecordLayer b;
  b.set_version(RecordVersion::tls12);
  auto r = read_all(b, hex("14 0303 0001 01"));
  REQUIRE(!r.error);
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].first == ContentType::change_cipher_spec);
  RecordLayer c;
  c.set_version(RecordVersion::tls12);
  CHECK(alert_after(c, hex("14 0303 0001 02")) == AlertDescription::unexpected_message);
  RecordLayer d;
  d.set_version(RecordVersion::tls12);
  CHECK(alert_after(d, hex("14 0303 0002 0101")) == AlertDescription::unexpected_message);
}

// RFC 8446 Appendix A.1: a client that cannot process the ServerHello sends its alert in the
// clear; the server, which already reads with the client's handshake keys, takes it as such.
TEST_CASE("layer: a plaintext alert before the first protected record, when allowed") {
  const Bytes alert = hex("15 0303 0002 0228");
  SUBCASE("allowed: read as the alert") {
    RecordLayer b;
    b.set_version(RecordVersion::tls13);
    b.install_read_protector(protector(RecordVersion::tls13, AeadAlgorithm::aes_128_gcm));
    b.allow_plaintext_alert();
    auto r = read_all(b, alert);
    REQUIRE(!r.error);
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].first == ContentType::alert);
    CHECK(r.records[0].second == hex("0228"));
  }
  SUBCASE("not allowed, or after a protected record: unexpected_message") {
    for (bool allowed : {false, true}) {
      CAPTURE(allowed);
      RecordLayer a, b;
      protect_both(a, b, RecordVersion::tls13, AeadAlgorithm::aes_128_gcm);
      Bytes stream;
      if (allowed) {
        b.allow_plaintext_alert();
        Bytes out(100);
        auto p = a.seal_into(ContentType::handshake, hex("14000000"), out);
        REQUIRE(p.ok());
        stream.assign(out.begin(), out.begin() + static_cast<ptrdiff_t>(p->written));
      }
      stream.insert(stream.end(), alert.begin(), alert.end());
      CHECK(alert_after(b, stream) == AlertDescription::unexpected_message);
    }
  }
}

TEST_CASE("layer: once read keys are on, the limits and the 1.3 outer type change") {
  SUBCASE("1.3: a plaintext handshake record after keys is unexpected_message") {
    RecordLayer b;
    b.set_version(RecordVersion::tls13);
    b.install_read_protector(protector(RecordVersion::tls13, AeadAlgorithm::aes_128_gcm));
    CHECK(alert_after(b, plain_record(22, hex("14000000"))) == AlertDescription::unexpected_message);
  }
  SUBCASE("1.3: 2^14+256 accepted by the deframer, 2^14+257 is record_overflow") {
    RecordLayer b;
    b.set_version(RecordVersion::tls13);
    b.install_read_protector(protector(RecordVersion::tls13, AeadAlgorithm::aes_128_gcm));
    Bytes h(5);
    write_record_header(h, ContentType::application_data, 0x0303, kMaxCiphertextLength13 + 1);
    CHECK(alert_after(b, h) == AlertDescription::record_overflow);
  }
  SUBCASE("1.2: 2^14+2049 is record_overflow") {
    RecordLayer b;
    b.set_version(RecordVersion::tls12);
    b.install_read_protector(protector(RecordVersion::tls12, AeadAlgorithm::aes_128_gcm));
    Bytes h(5);
    write_record_header(h, ContentType::application_data, 0x0303, kMaxCiphertextLength12 + 1);
    CHECK(alert_after(b, h) == AlertDescription::record_overflow);
    RecordLayer c;
    c.set_version(RecordVersion::tls12);
    c.install_read_protector(protector(RecordVersion::tls12, AeadAlgorithm::aes_128_gcm));
    write_record_header(h, ContentType::application_data, 0x0303, kMaxCiphertextLength12);
    CHECK(read_all(c, h).error == std::nullopt);  // header fine, body pending
  }
  SUBCASE("errors are sticky") {
    RecordLayer b;
    b.set_version(RecordVersion::tls13);
    b.install_read_protector(protector(RecordVersion::tls13, AeadAlgorithm::aes_128_gcm));
    Bytes bad = plain_record(23, Bytes(40, 0));
    CHECK(alert_after(b, bad) == AlertDescription::bad_record_mac);
    auto again = b.read();
    CHECK(alert_of(again) == AlertDescription::bad_record_mac);
  }
}

TEST_CASE("layer: large writes are fragmented, sealed and read back, for every suite") {
  struct S { RecordVersion v; AeadAlgorithm alg; };
  const S suites[] = {{RecordVersion::tls13, AeadAlgorithm::aes_128_gcm},
                      {RecordVersion::tls13, AeadAlgorithm::aes_256_gcm},
                      {RecordVersion::tls13, AeadAlgorithm::chacha20_poly1305},
                      {RecordVersion::tls12, AeadAlgorithm::aes_128_gcm},
                      {RecordVersion::tls12, AeadAlgorithm::aes_256_gcm},
                      {RecordVersion::tls12, AeadAlgorithm::chacha20_poly1305}};
  Bytes data(100000);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 31 + 5);
  for (const S& s : suites) {
    for (size_t limit : {kMaxPlaintextLength, size_t{512}, size_t{1000}}) {
      for (size_t block : {size_t{0}, size_t{64}}) {
        CAPTURE(int(s.v));
        CAPTURE(name(s.alg));
        CAPTURE(limit);
        CAPTURE(block);
        RecordLayer a, b;
        protect_both(a, b, s.v, s.alg);
        a.fragmenter().set_max_fragment_length(limit);
        a.fragmenter().set_padding(PaddingPolicy{block});
        // Receiver advertised a record_size_limit matching what the sender honours.
        b.set_receive_record_size_limit(s.v == RecordVersion::tls13 ? limit + 1 : limit);
        Bytes out(a.sealed_size_bound(data.size()));
        auto p = a.seal_into(ContentType::application_data, data, out);
        REQUIRE(p.ok());
        CHECK(p->consumed == data.size());
        CHECK(p->records == (data.size() + limit - 1) / limit);
        CHECK(p->written <= out.size());
        out.resize(p->written);
        auto r = read_all(b, out);
        REQUIRE(!r.error);
        Bytes joined;
        for (auto& [type, content] : r.records) {
          CHECK(type == ContentType::application_data);
          CHECK(content.size() <= limit);
          joined.insert(joined.end(), content.begin(), content.end());
        }
        CHECK(joined == data);
        CHECK(a.write_protector()->sequence_number() == p->records);
      }
    }
  }
}

TEST_CASE("layer: alerts, and keys installed at a record boundary") {
  RecordLayer a, b;
  a.set_version(RecordVersion::tls13);
  b.set_version(RecordVersion::tls13);
  // Plaintext handshake, then keys on both sides, then a protected alert.
  Bytes stream, out(200);
  auto p = a.seal_into(ContentType::handshake, hex("02000002 0000"), out);
  REQUIRE(p.ok());
  stream.insert(stream.end(), out.begin(), out.begin() + static_cast<ptrdiff_t>(p->written));
  a.install_write_protector(protector(RecordVersion::tls13, AeadAlgorithm::aes_256_gcm));
  auto n = a.seal_into(ContentType::alert, encode_alert(alert_for(AlertDescription::close_notify)), out);
  REQUIRE(n.ok());
  stream.insert(stream.end(), out.begin(), out.begin() + static_cast<ptrdiff_t>(n->written));

  // Everything offered at once: the layer takes the first record only (one record at a time),
  // so the second waits, unread, for its keys.
  size_t first_length = stream.size() - n->written;
  REQUIRE(b.feed(stream) == first_length);
  HandshakeDeframer hs;
  auto first = b.read();
  REQUIRE(first.ok());
  REQUIRE(first->has_value());
  CHECK((*first)->type == ContentType::handshake);
  REQUIRE(hs.add((*first)->content).ok());
  auto msg = hs.next();
  REQUIRE(msg.ok());
  REQUIRE(msg->has_value());
  REQUIRE(hs.check_key_change_boundary().ok());
  b.install_read_protector(protector(RecordVersion::tls13, AeadAlgorithm::aes_256_gcm));
  REQUIRE(b.feed(ByteView(stream).subspan(first_length)) == n->written);
  auto second = b.read();
  REQUIRE(second.ok());
  REQUIRE(second->has_value());
  CHECK((*second)->type == ContentType::alert);
  AlertReceiver alerts;
  CHECK(*alerts.receive((*second)->content, RecordVersion::tls13) == AlertOutcome::closed);
  // Application data without write keys is refused on the sending side.
  RecordLayer c;
  CHECK(alert_of(c.seal_into(ContentType::application_data, hex("00"), out)) ==
        AlertDescription::internal_error);
  // Output too small for an alert: nothing written.
  Bytes tiny(3);
  auto none = a.seal_into(ContentType::alert, encode_alert(alert_for(AlertDescription::close_notify)), tiny);
  REQUIRE(none.ok());
  CHECK(none->written == 0);
}

TEST_CASE("layer: write key usage is reported to the engine") {
  RecordLayer a;
  a.set_version(RecordVersion::tls13);
  CHECK(a.write_key_usage() == KeyUsage::ok);
  a.install_write_protector(protector(RecordVersion::tls13, AeadAlgorithm::aes_128_gcm));
  REQUIRE(a.write_protector()->advance_sequence_to(kAesGcmRecordSoftLimit).ok());
  CHECK(a.write_key_usage() == KeyUsage::near_limit);
  REQUIRE(a.write_protector()->advance_sequence_to(kAesGcmRecordLimit).ok());
  CHECK(a.write_key_usage() == KeyUsage::exhausted);
  Bytes out(100);
  auto refused = a.seal_into(ContentType::application_data, hex("00"), out);
  REQUIRE(!refused.ok());
  CHECK(refused.error().kind == ErrorKind::limit);
}

TEST_CASE("layer: seal() appends sealed records to output(), which the caller drains") {
  for (auto v : {RecordVersion::tls13, RecordVersion::tls12}) {
    CAPTURE(int(v));
    RecordLayer a, b;
    protect_both(a, b, v, AeadAlgorithm::aes_256_gcm);
    Bytes data(40000);
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 7);
    REQUIRE(a.seal(ContentType::handshake, hex("0b000002 0000")).ok());
    REQUIRE(a.seal(ContentType::application_data, data).ok());
    REQUIRE(a.seal(ContentType::alert, encode_alert(alert_for(AlertDescription::close_notify))).ok());
    auto r = read_all(b, a.output().pending());
    REQUIRE(!r.error);
    REQUIRE(r.records.size() == 1 + 3 + 1);  // 40000 bytes: three records of at most 2^14
    CHECK(r.records[0] == std::pair{ContentType::handshake, hex("0b000002 0000")});
    Bytes joined;
    for (size_t i = 1; i < 4; ++i) {
      CHECK(r.records[i].first == ContentType::application_data);
      joined.insert(joined.end(), r.records[i].second.begin(), r.records[i].second.end());
    }
    CHECK(joined == data);
    CHECK(r.records[4] == std::pair{ContentType::alert, hex("0100")});
    a.output().consume(a.output().size());
    CHECK(a.output().empty());
  }
  // A refused seal adds nothing.
  RecordLayer c;
  CHECK(alert_of(c.seal(ContentType::application_data, hex("00"))) == AlertDescription::internal_error);
  CHECK(c.output().empty());
}

// STARTTLS: the bytes after a close_notify belong to whatever follows TLS on the transport.
TEST_CASE("layer: feed() takes one record at a time, never bytes past it") {
  Bytes stream = plain_record(22, hex("01000000"));
  Bytes alert = plain_record(21, hex("0100"));
  stream.insert(stream.end(), alert.begin(), alert.end());
  const Bytes after = hex("48454c4c4f");  // not TLS
  stream.insert(stream.end(), after.begin(), after.end());
  RecordLayer b;
  size_t pos = b.feed(stream);
  CHECK(pos == 9);
  auto r = b.read();
  REQUIRE(r.ok());
  REQUIRE(r->has_value());
  CHECK((*r)->type == ContentType::handshake);
  pos += b.feed(ByteView(stream).subspan(pos));
  CHECK(pos == 16);
  r = b.read();
  REQUIRE(r.ok());
  REQUIRE(r->has_value());
  CHECK((*r)->type == ContentType::alert);
  // The caller stops here (close_notify); the rest is still its own.
  CHECK(Bytes(stream.begin() + static_cast<ptrdiff_t>(pos), stream.end()) == after);
  // Header pieces and bodies split anywhere arrive whole, one record per read.
  RecordLayer c;
  size_t fed = 0, records = 0;
  ByteView two = ByteView(stream).first(16);
  while (fed < two.size()) {
    fed += c.feed(two.subspan(fed, std::min<size_t>(3, two.size() - fed)));
    auto rr = c.read();
    REQUIRE(rr.ok());
    if (rr->has_value()) ++records;
  }
  CHECK(records == 2);
}

// RFC 8446 §4.2.10 through the layer: the skipped records never reach read(); the record that
// ends the skipping is read as usual (once, with the real read keys).
TEST_CASE("layer: a server skips the early data it declined") {
  SUBCASE("declined in the ServerHello: until the client's handshake keys open a record") {
    RecordLayer client, server;
    client.set_version(RecordVersion::tls13);
    server.set_version(RecordVersion::tls13);
    Bytes early_key(16, 0x77), iv(12, 0x44);
    auto early = RecordProtector::create_13(AeadAlgorithm::aes_128_gcm, early_key, iv);
    REQUIRE(early.ok());
    client.install_write_protector(std::move(early).value());
    Bytes stream;
    auto drain = [&] {
      ByteView out = client.output().pending();
      stream.insert(stream.end(), out.begin(), out.end());
      client.output().consume(out.size());
    };
    for (int i = 0; i < 4; ++i) REQUIRE(client.seal(ContentType::application_data, Bytes(500, 1)).ok());
    drain();
    client.install_write_protector(protector(RecordVersion::tls13, AeadAlgorithm::aes_128_gcm));
    REQUIRE(client.seal(ContentType::handshake, hex("14000000")).ok());
    REQUIRE(client.seal(ContentType::application_data, hex("68")).ok());
    drain();

    server.skip_early_data(4 * 600);
    CHECK(server.early_data_trial_wanted());
    server.install_read_protector(protector(RecordVersion::tls13, AeadAlgorithm::aes_128_gcm));
    server.set_early_data_trial(protector(RecordVersion::tls13, AeadAlgorithm::aes_128_gcm));
    CHECK(!server.early_data_trial_wanted());
    auto r = read_all(server, stream);
    REQUIRE(!r.error);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0] == std::pair{ContentType::handshake, hex("14000000")});
    CHECK(r.records[1] == std::pair{ContentType::application_data, hex("68")});
  }
  SUBCASE("after a HelloRetryRequest: application_data until the second ClientHello") {
    RecordLayer server;
    server.set_compat_ccs_allowed(true);
    server.skip_early_data_until_client_hello(100);
    Bytes stream = plain_record(23, Bytes(60, 9));
    Bytes ccs = hex("14 0303 0001 01"), hello = plain_record(22, hex("01000000"));
    stream.insert(stream.end(), ccs.begin(), ccs.end());
    Bytes more = plain_record(23, Bytes(40, 9));
    stream.insert(stream.end(), more.begin(), more.end());
    stream.insert(stream.end(), hello.begin(), hello.end());
    auto r = read_all(server, stream);
    REQUIRE(!r.error);
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0] == std::pair{ContentType::handshake, hex("01000000")});
    // Skipping is over: application data in the clear is refused again.
    CHECK(alert_after(server, plain_record(23, hex("00"))) == AlertDescription::unexpected_message);
  }
  SUBCASE("over the budget: unexpected_message, sticky, and nothing more is taken") {
    RecordLayer server;
    server.skip_early_data_until_client_hello(100);
    Bytes stream = plain_record(23, Bytes(60, 9));
    Bytes more = plain_record(23, Bytes(41, 9));
    stream.insert(stream.end(), more.begin(), more.end());
    CHECK(alert_after(server, stream) == AlertDescription::unexpected_message);
    CHECK(server.feed(hex("16")) == 0);
  }
}
