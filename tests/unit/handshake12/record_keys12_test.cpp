// The key block of every TLS 1.2 suite is what the record layer's TLS 1.2 protector takes
// (RecordProtector::create_12: key + 4-byte GCM salt or 12-byte ChaCha20 IV), and a record
// sealed with the client's write keys opens with the same keys on the server's read side.
#include <doctest/doctest.h>

#include "handshake/key_schedule_12.hpp"
#include "record/record_protector.hpp"

using namespace tlsock;

TEST_CASE("1.2 key block feeds RecordProtector::create_12 for every suite") {
  Bytes ms(48, 7), cr(32, 1), sr(32, 2);
  for (CipherSuite id : default_cipher_suites_12()) {
    CAPTURE(name(id));
    auto suite = *tls12_suite(id);
    KeyBlock12 kb = key_block_12(suite, ms, cr, sr);
    CHECK(kb.client_write_iv.size() == fixed_iv_length_12(suite.aead));
    auto writer = RecordProtector::create_12(suite.aead, kb.client_write_key, kb.client_write_iv);
    auto reader = RecordProtector::create_12(suite.aead, kb.client_write_key, kb.client_write_iv);
    auto other = RecordProtector::create_12(suite.aead, kb.server_write_key, kb.server_write_iv);
    REQUIRE(writer.ok());
    REQUIRE(reader.ok());
    REQUIRE(other.ok());
    const Bytes content = {'h', 'e', 'l', 'l', 'o'};
    Bytes record(writer->sealed_length(content.size()));
    std::copy(content.begin(), content.end(), record.begin() + static_cast<ptrdiff_t>(writer->content_offset()));
    auto n = writer->seal(ContentType::application_data, record, content.size());
    REQUIRE(n.ok());
    record.resize(*n);
    Bytes copy = record;
    auto opened = reader->open(ByteView(record).first(kRecordHeaderLength),
                               MutableByteView(record).subspan(kRecordHeaderLength));
    REQUIRE(opened.ok());
    CHECK(Bytes(opened->content.begin(), opened->content.end()) == content);
    // The server's own write keys are different keys.
    CHECK_FALSE(other->open(ByteView(copy).first(kRecordHeaderLength),
                            MutableByteView(copy).subspan(kRecordHeaderLength)).ok());
  }
}
