// A test peer's own records: the engine tests take the secrets from a Connection's key log and
// seal what a misbehaving peer would send (or open what the Connection sent), record by record.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "engine/connection.hpp"
#include "handshake/cipher_suites.hpp"
#include "handshake/key_schedule_12.hpp"
#include "handshake/key_schedule_13.hpp"
#include "record/record_limits.hpp"
#include "record/record_protector.hpp"

namespace tlsock::test {

// The secret a key log line gives for `label` ("<label> <client random> <secret>", hex).
inline Secret logged_secret(const std::vector<std::string>& lines, std::string_view label) {
  for (const auto& l : lines) {
    if (l.rfind(std::string(label) + " ", 0) != 0) continue;
    Bytes secret;
    REQUIRE(from_hex(l.substr(l.rfind(' ') + 1), secret));
    return Secret(secret);
  }
  FAIL("no key log line " << label);
  return Secret();
}

// The records of a byte stream, header included.
inline std::vector<Bytes> records_of(ByteView wire) {
  std::vector<Bytes> out;
  for (size_t off = 0; off + kRecordHeaderLength <= wire.size();) {
    size_t len = (size_t{wire[off + 3]} << 8) | wire[off + 4];
    REQUIRE(off + kRecordHeaderLength + len <= wire.size());
    out.emplace_back(wire.begin() + static_cast<ptrdiff_t>(off),
                     wire.begin() + static_cast<ptrdiff_t>(off + kRecordHeaderLength + len));
    off += kRecordHeaderLength + len;
  }
  return out;
}

// Everything `c` has to send, taken from it.
inline Bytes take_output(Connection& c) {
  Bytes wire(c.pending_output().begin(), c.pending_output().end());
  c.consume_output(wire.size());
  return wire;
}

inline Bytes joined(const std::vector<Bytes>& records) {
  Bytes out;
  for (const Bytes& r : records) out.insert(out.end(), r.begin(), r.end());
  return out;
}

// Records under one protector: sealing and opening, sequence numbers from 0.
struct ForgedRecords {
  RecordProtector protector;

  Bytes open(Bytes record) {
    auto o = protector.open(ByteView(record).first(kRecordHeaderLength),
                            MutableByteView(record).subspan(kRecordHeaderLength));
    REQUIRE(o.ok());
    return Bytes(o->content.begin(), o->content.end());
  }
  // `content` of `type` in one record; in TLS 1.3 the inner plaintext is content + type +
  // `padding` zeros.
  Bytes seal(ContentType type, ByteView content, size_t padding = 0) {
    Bytes record(protector.sealed_length(content.size(), padding));
    std::copy(content.begin(), content.end(),
              record.begin() + static_cast<ptrdiff_t>(protector.content_offset()));
    auto n = protector.seal(type, record, content.size(), padding);
    REQUIRE(n.ok());
    record.resize(*n);
    return record;
  }
};

// TLS 1.3 records under one traffic secret of TLS_AES_128_GCM_SHA256 (the pair's suite).
struct Records13 : ForgedRecords {
  Secret secret;
  explicit Records13(const Secret& s)
      : ForgedRecords{*RecordProtector::from_traffic_secret_13(AeadAlgorithm::aes_128_gcm,
                                                              HashAlgorithm::sha256, s)},
        secret(s) {}
  // The sender's keys after its KeyUpdate (RFC 8446 §7.2).
  void update() {
    auto next = next_application_traffic_secret(HashAlgorithm::sha256, secret);
    REQUIRE(next.ok());
    *this = Records13(*next);
  }
};

// TLS 1.2 records of one direction, from the client's key log line ("CLIENT_RANDOM <client
// random> <master secret>") and the server random (bytes 11..43 of the server's first flight:
// record header 5, handshake header 4, version 2).
struct Records12 : ForgedRecords {
  Records12(CipherSuite suite, std::string_view key_log_line, ByteView server_flight,
            Role sender)
      : ForgedRecords{make(suite, key_log_line, server_flight, sender)} {}

  static RecordProtector make(CipherSuite suite, std::string_view line, ByteView server_flight,
                              Role sender) {
    REQUIRE(line.rfind("CLIENT_RANDOM ", 0) == 0);
    REQUIRE(server_flight.size() > 43);
    Bytes client_random, master;
    REQUIRE(from_hex(line.substr(14, 64), client_random));
    REQUIRE(from_hex(line.substr(79), master));
    REQUIRE(master.size() == 48);
    auto s = tls12_suite(suite);
    REQUIRE(s);
    KeyBlock12 kb = key_block_12(*s, master, client_random, server_flight.subspan(11, 32));
    auto p = sender == Role::server
                 ? RecordProtector::create_12(s->aead, kb.server_write_key, kb.server_write_iv)
                 : RecordProtector::create_12(s->aead, kb.client_write_key, kb.client_write_iv);
    REQUIRE(p.ok());
    return std::move(*p);
  }
};

}  // namespace tlsock::test
