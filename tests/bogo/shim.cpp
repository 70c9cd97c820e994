// bogo_shim: the program BoringSSL's TLS test runner ("BoGo", ssl/test/runner) drives to test
// tlsock, built on tlsock's public API only. scripts/bogo.sh runs it; tests/bogo/config.json
// lists the tests left out and why.
//
// The runner's protocol (its runner.go): it starts the shim with "-port N" and the test's
// flags; the shim connects to the runner on the loopback, once per connection (1 +
// -resume-count), speaks TLS as client or (-server) server, checks what the -expect-* flags
// ask, and echoes: every byte the runner sends comes back XOR 0xff, until the runner closes.
// Exit 0: pass; 89: a flag this shim cannot honour (the runner counts the test as
// unimplemented); 1: failure, with the error on stderr (config.json's ErrorMap maps
// BoringSSL's ":ERROR:" names to what tlsock prints). Nothing may go to stderr on success.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "bogo/message_log.hpp"
#include "bogo/shim_config.hpp"
#include "bogo/shim_context.hpp"
#include "bogo/transport.hpp"
#include "tlsock/errors.hpp"
#include "tlsock/ssl_context.hpp"

namespace bogo {
namespace {

constexpr int kExitUnimplemented = 89;

// A check of the shim's own failed (an -expect-* flag was not met).
class CheckFailed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string hex(uint16_t v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04x", v);
  return buf;
}

// Compares a negotiated value, reported by name, with the code point an -expect-* flag gives.
void expect_code(const Config& config, const char* flag, const std::optional<std::string>& name,
                 std::optional<uint16_t> (*code_of)(const std::string&)) {
  int want = config.number(flag);
  if (want == 0) return;
  std::optional<uint16_t> got = name ? code_of(*name) : std::nullopt;
  if (got != want) {
    throw CheckFailed(std::string(flag) + ": wanted " + hex(static_cast<uint16_t>(want)) +
                      ", got " + (name ? *name : std::string("none")));
  }
}

// What BoringSSL keeps in a session and reports again when it is resumed, while tlsock
// reports only what the resumed handshake itself did (no key exchange in a TLS 1.2
// resumption, no signature in any resumption).
struct SessionFacts {
  std::optional<std::string> group;
  std::optional<std::string> peer_signature_scheme;
};

struct ConnectionState {
  std::optional<std::string> server_name{};  // the SNI the server received
  std::shared_ptr<MessageLog> messages;
};

void expect_flag(const Config& config, const char* flag, bool got, const char* what) {
  if (config.flag(flag) && !got) throw CheckFailed(std::string(flag) + ": " + what);
}

// The checks the message log answers. TLS 1.3 always binds the transcript into its secrets
// and has no renegotiation, which BoringSSL reports as both extensions being agreed.
void check_messages(const Config& config, tlsock::SSLConnection& conn, const MessageLog& log) {
  bool tls13 = conn.version() == "TLSv1.3";
  expect_flag(config, "-expect-hrr", log.hello_retry_request, "no HelloRetryRequest");
  expect_flag(config, "-expect-no-hrr", !log.hello_retry_request, "a HelloRetryRequest");
  expect_flag(config, "-expect-extended-master-secret", tls13 || log.extended_master_secret,
              "no extended master secret");
  expect_flag(config, "-expect-secure-renegotiation", tls13 || log.renegotiation_info,
              "no renegotiation_info");
  expect_flag(config, "-expect-no-secure-renegotiation", !tls13 && !log.renegotiation_info,
              "renegotiation_info agreed");
  expect_flag(config, "-expect-ticket-renewal", log.new_session_ticket, "no new ticket");
}

void check_handshake(const Config& config, tlsock::SSLConnection& conn,
                     const tlsock::SSLContext& context, bool is_resume,
                     const ConnectionState& state, SessionFacts& facts) {
  bool reused = conn.session_reused().value_or(false);
  if (!reused) facts = {conn.group(), conn.peer_signature_scheme()};
  SessionFacts reported{conn.group().has_value() ? conn.group() : facts.group,
                        conn.peer_signature_scheme().has_value() ? conn.peer_signature_scheme()
                                                                 : facts.peer_signature_scheme};
  expect_code(config, "-expect-version", conn.version(), version_code);
  if (int want = config.number("-expect-cipher")) {
    auto cipher = conn.cipher();
    std::optional<uint16_t> got = cipher ? cipher_code(context, cipher->name) : std::nullopt;
    if (got != want) {
      throw CheckFailed("-expect-cipher: wanted " + hex(static_cast<uint16_t>(want)) + ", got " +
                        (cipher ? cipher->name : "none"));
    }
  }
  expect_code(config, "-expect-curve-id", reported.group, group_code);
  expect_code(config, "-expect-peer-signature-algorithm", reported.peer_signature_scheme,
              signature_scheme_code);
  if (auto want = config.text("-expect-alpn")) {
    std::string got = conn.selected_alpn_protocol().value_or("");
    if (got != *want) throw CheckFailed("-expect-alpn: wanted '" + *want + "', got '" + got + "'");
  }
  if (auto want = config.text("-expect-advertised-alpn"); want && state.messages->client_alpn != want) {
    throw CheckFailed("-expect-advertised-alpn: the ClientHello's ALPN list differs");
  }
  if (auto want = config.text("-expect-server-name")) {
    if (state.server_name != *want) {
      throw CheckFailed("-expect-server-name: wanted '" + *want + "', got '" +
                        state.server_name.value_or("(none)") + "'");
    }
  }
  if (auto file = config.text("-expect-peer-cert-file")) {
    if (conn.get_unverified_chain() != read_pem_certificates(*file)) {
      throw CheckFailed("-expect-peer-cert-file: the peer's chain is not " + *file);
    }
  }
  check_messages(config, conn, *state.messages);
  bool want_reused = is_resume && !config.flag("-expect-session-miss");
  if (reused != want_reused) {
    throw CheckFailed(reused ? "session unexpectedly reused" : "session was not reused");
  }
}

// After the connection: what the client keeps to resume.
void check_session(const Config& config, tlsock::SSLConnection& conn) {
  std::optional<tlsock::SSLSession> session = conn.session();
  if (config.flag("-expect-no-session") && session && (session->has_ticket() || !session->id().empty())) {
    throw CheckFailed("-expect-no-session: a resumable session was issued");
  }
  bool has_id = session && !session->id().empty();
  if (config.flag("-expect-session-id") && !has_id) {
    throw CheckFailed("-expect-session-id: the session has no ID");
  }
  if (config.flag("-expect-no-session-id") && has_id) {
    throw CheckFailed("-expect-no-session-id: the session has an ID");
  }
}

// BoringSSL's bssl_shim exchange: optional writes first, then echo (XOR 0xff) until the peer
// closes; or, with -shim-shuts-down, send close_notify instead of echoing.
void exchange(const Config& config, Transport& transport) {
  tlsock::SSLConnection& conn = transport.connection();
  if (config.flag("-key-update")) conn.key_update();
  if (int length = config.number("-export-keying-material"); length > 0) {
    std::optional<std::string> context;
    if (config.flag("-use-export-context")) context = config.text("-export-context").value_or("");
    transport.write(conn.export_keying_material(config.text("-export-label").value_or(""),
                                                static_cast<size_t>(length), context)
                        .value_or(""));
  }
  if (config.flag("-tls-unique")) {
    transport.write(conn.get_channel_binding("tls-unique").value_or(""));
  }
  if (config.flag("-shim-writes-first")) transport.write("hello");

  if (config.flag("-shim-shuts-down")) {
    bool check = config.flag("-check-close-notify");
    std::optional<std::string> data;
    try {
      transport.send_close_notify();
      if (!check) return;
      data = transport.read(16384);
    } catch (const tlsock::SSLEOFError&) {
      // BoringSSL's SSL_shutdown() fails on an EOF without close_notify; its shim reports that
      // only when asked to check.
      if (!check) return;
      throw CheckFailed("Unexpected SSL_shutdown result: -1 != 1 (EOF without close_notify)");
    }
    if (data) throw CheckFailed("APPLICATION_DATA_ON_SHUTDOWN: data after close_notify");
    return;
  }

  size_t read_size = config.number("-read-size", 16384);
  for (;;) {
    std::optional<std::string> data;
    try {
      data = transport.read(read_size);
    } catch (const tlsock::SSLEOFError&) {
      // BoringSSL's shim accepts an unclean EOF, unless asked to check close_notify.
      if (config.flag("-check-close-notify")) {
        throw CheckFailed("Unexpected SSL_shutdown result: -1 != 1 (EOF without close_notify)");
      }
      return;
    }
    if (!data) break;
    // BoringSSL's check that the exporter works while records are being read.
    if (config.flag("-use-exporter-between-reads")) {
      (void)conn.export_keying_material("label", 42);
    }
    for (char& c : *data) c = static_cast<char>(c ^ 0xff);
    transport.write(*data);
  }
  if (config.flag("-check-close-notify")) transport.answer_close_notify();
}

void run_connection(const Config& config, tlsock::SSLContext& context, bool is_resume,
                    std::optional<tlsock::SSLSession>& session, SessionFacts& facts) {
  configure_context(context, config);
  ConnectionState state{.messages = record_messages(context)};
  if (config.server()) {
    context.set_sni_callback([&state](tlsock::SSLConnection&, std::optional<std::string_view> name,
                                      tlsock::SSLContext&) -> std::optional<tlsock::AlertDescription> {
      if (name) state.server_name = std::string(*name);
      return std::nullopt;
    });
  }
  TransportOptions options{.port = config.number("-port"),
                           .server_side = config.server(),
                           .async = config.flag("-async"),
                           .server_hostname = config.text("-host-name"),
                           .session = is_resume ? session : std::nullopt};
  if (options.server_hostname && options.server_hostname->empty()) options.server_hostname.reset();
  std::unique_ptr<Transport> transport = connect_transport(context, options);
  tlsock::SSLConnection& conn = transport->connection();

  bool implicit = config.flag("-implicit-handshake");
  if (!implicit) {
    transport->do_handshake();
    if (config.flag("-handshake-twice") || config.flag("-no-op-extra-handshake")) {
      transport->do_handshake();
    }
    check_handshake(config, conn, context, is_resume, state, facts);
  }
  exchange(config, *transport);
  if (implicit && conn.version()) check_handshake(config, conn, context, is_resume, state, facts);
  if (auto want = config.text("-expect-msg-callback"); want && *want != state.messages->trace) {
    throw CheckFailed("-expect-msg-callback: wanted\n" + *want + "got\n" + state.messages->trace);
  }
  if (!config.server()) {
    check_session(config, conn);
    session = conn.session();
  }
}

int run(const std::vector<std::string>& args) {
  Configs configs = parse_configs(args);
  if (configs.initial.flag("-is-handshaker-supported")) {
    std::printf("No\n");
    return 0;
  }
  tlsock::SSLContext context(configs.initial.server() ? tlsock::PROTOCOL_TLS_SERVER
                                                      : tlsock::PROTOCOL_TLS_CLIENT);
  // Refuse unimplemented settings of later connections before the first one starts.
  configure_context(context, configs.resume);
  std::optional<tlsock::SSLSession> session;
  SessionFacts facts;
  int resumptions = configs.initial.number("-resume-count");
  for (int i = 0; i <= resumptions; ++i) {
    run_connection(i == 0 ? configs.initial : configs.resume, context, i > 0, session, facts);
  }
  return 0;
}

}  // namespace
}  // namespace bogo

int main(int argc, char** argv) {
  try {
    return bogo::run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const bogo::Unimplemented& e) {
    // The runner shows no output of unimplemented tests; BOGO_UNIMPLEMENTED_LOG names a file
    // that collects why, one line per run.
    if (const char* log = std::getenv("BOGO_UNIMPLEMENTED_LOG")) {
      if (std::FILE* f = std::fopen(log, "a")) {
        std::fprintf(f, "%s\n", e.what());
        std::fclose(f);
      }
    }
    std::fprintf(stderr, "unimplemented: %s\n", e.what());
    return bogo::kExitUnimplemented;
  } catch (const tlsock::SSLError& e) {
    // ":REASON:" first, as BoringSSL prints its errors, so config.json's ErrorMap can match.
    std::fprintf(stderr, ":%s: %s\n", e.reason().value_or("NO_REASON").c_str(), e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
  }
  return 1;
}
