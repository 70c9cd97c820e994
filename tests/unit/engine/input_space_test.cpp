// Connection::input_space() / commit_input(): the zero-copy input the facade reads sockets
// into. The space is the rest of the current record (its 5-byte header, then its body), so a
// whole connection goes through with two reads per record, and the bytes after a
// close_notify are never offered to it.
#include <doctest/doctest.h>

#include <cstring>

#include "common/buffer_cache.hpp"
#include "engine_test_support.hpp"
#include "record/record_deframer.hpp"

namespace tlsock::test {

namespace {

// Moves `from`'s output into `to` through input_space(): each read copies as much as the
// space takes. Returns the number of reads; `stream` keeps what `to` did not take.
size_t move_by_input_space(Connection& from, Connection& to, Bytes& stream, std::string& received) {
  ByteView out = from.pending_output();
  stream.insert(stream.end(), out.begin(), out.end());
  from.consume_output(out.size());
  size_t reads = 0;
  while (!stream.empty()) {
    MutableByteView space = to.input_space();
    if (space.empty()) {
      if (!EnginePair::drain(to, received)) break;
      continue;
    }
    size_t n = std::min(space.size(), stream.size());
    std::memcpy(space.data(), stream.data(), n);
    REQUIRE(to.commit_input(n).ok());
    stream.erase(stream.begin(), stream.begin() + static_cast<std::ptrdiff_t>(n));
    ++reads;
    EnginePair::drain(to, received);
  }
  return reads;
}

}  // namespace

TEST_CASE("engine: input_space() covers one record's header, then its body") {
  EnginePair p;
  REQUIRE(p.start().ok());
  Bytes to_server, to_client;
  for (int flight = 0; flight < 10 && !p.established(); ++flight) {
    move_by_input_space(*p.client, *p.server, to_server, p.server_received);
    move_by_input_space(*p.server, *p.client, to_client, p.client_received);
  }
  REQUIRE(p.established());
  REQUIRE(to_server.empty());
  REQUIRE(to_client.empty());

  // Three application records: six reads.
  const uint8_t a[] = {'o', 'n', 'e'};
  for (int i = 0; i < 3; ++i) REQUIRE(p.client->write_app(a).ok());
  CHECK(move_by_input_space(*p.client, *p.server, to_server, p.server_received) == 6);
  CHECK(p.server_received == "oneoneone");

  // A close_notify followed by bytes of whatever comes next: the space ends at the alert.
  REQUIRE(p.client->close().ok());
  const char trailing[] = "PLAIN";
  ByteView out = p.client->pending_output();
  to_server.assign(out.begin(), out.end());
  p.client->consume_output(out.size());
  to_server.insert(to_server.end(), trailing, trailing + 5);
  while (!p.server->peer_closed()) {
    MutableByteView space = p.server->input_space();
    REQUIRE(!space.empty());
    REQUIRE(space.size() <= to_server.size() - 5);  // never reaches the trailing bytes
    std::memcpy(space.data(), to_server.data(), space.size());
    REQUIRE(p.server->commit_input(space.size()).ok());
    to_server.erase(to_server.begin(), to_server.begin() + static_cast<std::ptrdiff_t>(space.size()));
  }
  CHECK(p.server->input_space().empty());
  CHECK(std::string(to_server.begin(), to_server.end()) == "PLAIN");
}

TEST_CASE("engine: commit_input(0) gives the receive buffer back") {
  EnginePair p;
  REQUIRE(p.start().ok());
  p.pump();
  REQUIRE(p.established());
  // A read that brought nothing (EAGAIN) must not leave an idle connection holding the buffer:
  // after commit_input(0) it is back in the thread's cache (common/buffer_cache.hpp), and the
  // next record still goes through.
  MutableByteView space = p.server->input_space();
  REQUIRE(!space.empty());
  REQUIRE(p.server->commit_input(0).ok());
  std::unique_ptr<uint8_t[]> cached = take_fixed_buffer(RecordDeframer::kBufferSize);
  CHECK(cached.get() == space.data());
  give_back_fixed_buffer(std::move(cached), RecordDeframer::kBufferSize);
  const uint8_t a[] = {'x'};
  REQUIRE(p.client->write_app(a).ok());
  Bytes stream;
  CHECK(move_by_input_space(*p.client, *p.server, stream, p.server_received) == 2);
  CHECK(p.server_received == "x");
}

}  // namespace tlsock::test
