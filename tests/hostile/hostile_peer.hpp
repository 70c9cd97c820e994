// The hostile peer: a real TLS endpoint (the engine's sans-IO Connection, the "good half")
// whose records pass through a script on their way to the facade under test. The script sees
// each flight the engine wants to send as opened records (real type, plaintext, key epoch)
// and may split, merge, reorder, drop, repeat or forge them, or put any bytes on the wire; the
// peer seals what it sends itself (direction_keys.hpp), so the facade sees a consistent
// record stream whatever the script did. What the facade sends back is fed to the engine and
// logged, opened where the keys allow, so a probe can read the exact alert it sent.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/bytes.hpp"
#include "engine/connection.hpp"
#include "hostile/direction_keys.hpp"
#include "tlsock/socket.hpp"

namespace tlsock::hostile {

// One record the peer sends: `content` in the clear, sealed under `epoch` when set.
struct OutRecord {
  ContentType type = ContentType::invalid;
  Bytes content{};
  std::optional<size_t> epoch{};
  size_t padding = 0;         // TLS 1.3 zero padding
  uint16_t version = 0x0303;  // legacy_record_version
};
using Flight = std::vector<OutRecord>;

// One record the facade sent, opened when the keys allowed.
struct SeenRecord {
  ContentType type = ContentType::invalid;  // inner type when opened
  Bytes content;
  bool protected_record = false;
  bool opened = false;
};

// How the good half is set up: its versions and configuration tweaks. (The {} initializers
// keep GCC's -Wmissing-field-initializers quiet for designated initializers.)
struct PeerSpec {
  ProtocolVersion min_version = ProtocolVersion::tls1_3;
  ProtocolVersion max_version = ProtocolVersion::tls1_3;
  std::function<void(ClientConfig&, ConnectionOptions&)> client_setup{};
  std::function<void(ServerConfig&, ConnectionOptions&)> server_setup{};
};

// Changes a flight before it is sent; `index` counts the flights of this connection.
using Edit = std::function<void(Flight& flight, size_t index)>;

class HostilePeer {
 public:
  // `role` is the peer's own; `socket` is connected to the facade (the caller closes it).
  HostilePeer(Role role, const PeerSpec& spec, Socket& socket,
              std::chrono::steady_clock::time_point deadline);
  HostilePeer(const HostilePeer&) = delete;
  HostilePeer& operator=(const HostilePeer&) = delete;

  Connection& engine() { return *engine_; }
  Socket& socket() { return socket_; }

  // --- sending ---------------------------------------------------------------------------------
  // What the engine has queued, as opened records (the engine's own sealing is undone).
  Flight take_flight();
  void send(const Flight& flight);
  // The bytes send() would write for `flight`.
  Bytes wire(const Flight& flight);
  void send_bytes(ByteView bytes);
  // A record sealed under the current key of our direction: the 1.2 key, or in 1.3 the
  // application key once the engine's handshake is done (the last key it used before).
  OutRecord protected_record(ContentType type, Bytes content) const;
  void shutdown_write();

  // --- receiving -------------------------------------------------------------------------------
  // Waits up to `wait` seconds (never past the deadline) for bytes from the facade, feeds them
  // to the engine and logs their records. False at EOF, on a socket error or at the deadline.
  bool receive(double wait = 0.05);
  // Sends each flight the engine produces through `edit`, feeds the facade's answers back, until
  // `done()` holds, the connection ends or the deadline passes. Returns done().
  bool relay(const Edit& edit, const std::function<bool()>& done);
  // relay() until the engine's handshake is done (or it failed).
  bool relay_handshake(const Edit& edit = {});
  // Reads until EOF or the deadline.
  void drain();

  // --- what the facade did ---------------------------------------------------------------------
  const std::vector<SeenRecord>& seen() const { return seen_; }
  bool eof() const { return eof_; }
  bool expired() const { return std::chrono::steady_clock::now() >= deadline_; }
  // "alert:<name>" for the first fatal alert, "warning:<name>" for a first warning other than
  // close_notify, "close_notify", "eof" or "silent" (nothing at all by the deadline).
  std::string verdict() const;
  // The facade's ServerHellos in order: "server_hello" or "hello_retry_request".
  const std::vector<std::string>& hellos() const { return hellos_; }
  // The first of them, "" when none came.
  std::string hello_kind() const { return hellos_.empty() ? "" : hellos_.front(); }
  std::optional<ProtocolVersion> version() const { return version_; }
  size_t flights_sent() const { return flights_; }

 private:
  // Which keys protect what this side / the facade writes.
  DirectionKeys& keys_of(Role writer);
  bool& ccs_of(Role writer);
  bool is_protected(Role writer, const WireRecord& r);
  void note_hello(bool from_facade, ByteView content);
  void on_key_log(std::string_view line);
  void install_12_keys();
  void feed_engine(ByteView data);
  void log_records();
  Role facade_role() const { return role_ == Role::client ? Role::server : Role::client; }

  Role role_;
  Socket& socket_;
  std::chrono::steady_clock::time_point deadline_;
  std::optional<Connection> engine_;
  DirectionKeys client_keys_, server_keys_;
  bool client_ccs_ = false, server_ccs_ = false;  // TLS 1.2: ChangeCipherSpec seen
  std::optional<ProtocolVersion> version_;
  std::optional<CipherSuite> suite_;
  Bytes server_random_, client_random_;
  Secret master_secret_12_;
  Bytes inbound_;  // facade bytes not yet a whole record
  std::vector<SeenRecord> seen_;
  std::vector<std::string> hellos_;
  bool eof_ = false;
  size_t flights_ = 0;
};

}  // namespace tlsock::hostile
