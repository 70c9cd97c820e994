#include "socket/tls_driver.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "common/buffer_cache.hpp"
#include "common/text.hpp"
#include "crypto/provider.hpp"
#include "socket/alert_error.hpp"
#include "socket/cipher_catalog.hpp"
#include "socket/explaining_verifier.hpp"
#include "socket/library_error.hpp"
#include "socket/ssl_session_state.hpp"
#include "socket/tls_driver_error.hpp"
#include "socket/python_dict.hpp"
#include "x509/cert_verifier.hpp"

namespace tlsock::detail {
namespace {

LibraryError ssl_error(std::string reason, std::string text, const std::string& detail) {
  return LibraryError("SSL", std::move(reason), true, std::move(text), detail);
}

std::vector<CertifiedKey> certified_keys(const ContextConfig& config) {
  std::vector<CertifiedKey> keys;
  for (const ContextCertificate& c : config.certificates) {
    CertifiedKey key{.chain = {}, .key = c.key, .names = {}};
    for (const x509::Certificate& cert : c.chain) {
      ByteView der = cert.der();
      key.chain.emplace_back(der.begin(), der.end());
    }
    keys.push_back(std::move(key));
  }
  return keys;
}

// The context's certificate checks: its trust store.
std::shared_ptr<const x509::ChainVerifier> trust_verifier(const ContextConfig& config) {
  return std::make_shared<x509::WebPkiVerifier>(config.trust_store);
}

ConnectionOptions connection_options(const ContextConfig& config,
                                     const std::optional<std::string>& server_hostname,
                                     std::shared_ptr<ExplainingVerifier> verifier) {
  ConnectionOptions options;
  if (config.key_log) {
    std::shared_ptr<KeyLogFile> file = config.key_log;
    options.key_log = [file](std::string_view line) { file->write_line(line); };
  }
  if (config.msg_callback) {
    std::shared_ptr<const MsgCallback> callback = config.msg_callback;
    options.message_observer = [callback](MessageDirection direction, ContentType type,
                                          ByteView message) {
      (*callback)(TLSMessage{.sent = direction == MessageDirection::sent,
                             .content_type = static_cast<int>(type),
                             .data = std::string_view(
                                 reinterpret_cast<const char*>(message.data()), message.size())});
    };
  }
  if (config.verify_mode != CERT_NONE) {
    VerifyPolicy policy;
    policy.verifier = std::move(verifier);
    if (config.check_hostname) policy.hostname = server_hostname;
    policy.check_common_name = config.hostname_checks_common_name;
    policy.partial_chain = (config.verify_flags & VERIFY_X509_PARTIAL_CHAIN) != 0;
    // OpenSSL reads X509_V_FLAG_CRL_CHECK_ALL (0x8) only together with X509_V_FLAG_CRL_CHECK.
    if (config.verify_flags & VERIFY_CRL_CHECK_LEAF)
      policy.crl_check = (config.verify_flags & VERIFY_CRL_CHECK_CHAIN) == VERIFY_CRL_CHECK_CHAIN ? x509::CrlCheck::chain
                                                                                               : x509::CrlCheck::leaf;
    options.verify = std::move(policy);
  } else {
    // CERT_NONE: a client still needs a verifier that accepts any chain (the engine checks the
    // peer's CertificateVerify against the leaf it parses).
    options.verify = VerifyPolicy{};
  }
  return options;
}

// set_sigalgs(): of the schemes a version knows (`list`, its defaults), those wanted, in the
// order wanted. Nothing wanted: the defaults stay.
void restrict_schemes(std::vector<SignatureScheme>& list, const std::vector<SignatureScheme>& wanted) {
  if (wanted.empty()) return;
  std::vector<SignatureScheme> kept;
  for (SignatureScheme s : wanted)
    if (std::ranges::find(list, s) != list.end()) kept.push_back(s);
  list = std::move(kept);
}

Connection make_engine(const ContextConfig& config, bool server_side,
                       const std::optional<std::string>& server_hostname,
                       const std::optional<SSLSession>& session,
                       std::shared_ptr<ExplainingVerifier> verifier,
                       ClientHelloHook on_client_hello) {
  if (config.versions.empty()) {
    throw ssl_error("NO_PROTOCOLS_AVAILABLE", "no protocols available",
                    "minimum_version, maximum_version and options leave no TLS version");
  }
  ConnectionOptions options = connection_options(config, server_hostname, std::move(verifier));
  // versions is highest first, and tlsock speaks only 1.2 and 1.3, so it is a range.
  options.max_version = config.versions.front();
  options.min_version = config.versions.back();
  Result<Connection> engine = [&]() -> Result<Connection> {
    if (server_side) {
      ServerConfig sc;
      sc.cipher_suites = config.cipher_suites_13;
      sc.groups = config.groups;
      restrict_schemes(sc.signature_schemes, config.signature_schemes);
      sc.cipher_suites_12 = config.cipher_suites_12;
      restrict_schemes(sc.signature_schemes_12, config.signature_schemes);
      sc.certificates = certified_keys(config);
      sc.alpn = config.alpn_protocols;
      sc.client_auth = config.verify_mode == CERT_REQUIRED   ? ClientAuth::required
                       : config.verify_mode == CERT_OPTIONAL ? ClientAuth::optional
                                                             : ClientAuth::none;
      // With post-handshake auth a TLS 1.3 handshake asks for no certificate (OpenSSL).
      sc.defer_client_auth = config.post_handshake_auth;
      sc.ticket_count = config.num_tickets;
      // The context's own ticket key and session cache: sessions resume on this context only.
      sc.tickets = &config.server_sessions->tickets;
      sc.session_cache = &config.server_sessions->cache;
      options.client_hello = std::move(on_client_hello);
      sc.key_log = static_cast<bool>(config.key_log);
      return Connection::server(std::move(sc), default_provider(), std::move(options));
    }
    ClientConfig cc;
    cc.cipher_suites = config.cipher_suites_13;
    cc.cipher_suites_12 = config.cipher_suites_12;
    cc.session_tickets = config.tls12_session_tickets();
    restrict_schemes(cc.signature_schemes_12, config.signature_schemes);
    cc.groups = config.groups;
    restrict_schemes(cc.signature_schemes, config.signature_schemes);
    if (!config.groups.empty()) cc.key_share_groups = {config.groups.front()};
    cc.alpn = config.alpn_protocols;
    if (server_hostname && !is_ip_literal(*server_hostname)) cc.server_name = *server_hostname;
    if (!config.certificates.empty()) cc.certificate = certified_keys(config).front();
    cc.middlebox_compat = config.middlebox_compat();
    cc.post_handshake_auth = config.post_handshake_auth;
    cc.key_log = static_cast<bool>(config.key_log);
    if (session) {
      const SessionState& state = SessionAccess::state(*session);
      if (state.session12) {
        options.session12 = state.session12;
      } else {
        options.session = state.session13;
      }
    }
    return Connection::client(std::move(cc), default_provider(), std::move(options));
  }();
  if (!engine) throw_tls_error(engine.error(), nullptr, server_side);
  return std::move(engine).value();
}

std::string to_string(ByteView b) { return std::string(b.begin(), b.end()); }

// Python's cipher() tuple for a suite.
Cipher cipher_tuple(CipherSuite suite) {
  const CipherInfo* info = find_cipher(suite);
  if (info == nullptr) return Cipher{name(suite), "unknown", 0};
  return Cipher{std::string(info->name), info->tls13 ? "TLSv1.3" : "TLSv1.2", info->bits};
}

std::string version_name(ProtocolVersion v) {
  return v == ProtocolVersion::tls1_3 ? "TLSv1.3" : v == ProtocolVersion::tls1_2 ? "TLSv1.2" : name(v);
}

// "[TLS_AES_128_GCM_SHA256, ECDHE-ECDSA-AES128-GCM-SHA256]": Python's names, or the code point.
std::string suite_list(const std::vector<CipherSuite>& suites) {
  std::string out = "[";
  for (CipherSuite s : suites) {
    if (out.size() > 1) out += ", ";
    out += cipher_tuple(s).name;
  }
  return out + "]";
}

// "TLSv1.2 to TLSv1.3", "TLSv1.3 only" (versions highest first, never empty here).
std::string versions_text(const std::vector<ProtocolVersion>& versions) {
  if (versions.size() == 1) return version_name(versions.front()) + " only";
  return version_name(versions.back()) + " to " + version_name(versions.front());
}

// What a client offers: its versions and the suites of each.
std::string offer_text(const ContextConfig& config) {
  std::string out = versions_text(config.versions);
  for (ProtocolVersion v : config.versions) {
    const std::vector<CipherSuite>& suites =
        v == ProtocolVersion::tls1_3 ? config.cipher_suites_13 : config.cipher_suites_12;
    out += ", " + version_name(v) + " suites " + suite_list(suites);
  }
  return out;
}

}  // namespace

TlsDriver::TlsDriver(const SSLContext& context, bool server_side,
                       const std::optional<std::string>& server_hostname,
                       const std::optional<SSLSession>& session, SSLConnection& owner)
    : config_(config_snapshot(context)),
      context_(context),
      current_context_(context),
      verifier_(std::make_shared<ExplainingVerifier>(trust_verifier(*config_))),
      server_side_(server_side),
      owner_(&owner),
      offered_resumption_(session.has_value()) {
  engine_.emplace(make_engine(*config_, server_side, server_hostname, session, verifier_,
                              [this](const ClientHelloOffer& hello, ServerConfig& config) {
                                return on_client_hello(hello, config);
                              }));
  count_session_event(context_, server_side ? SessionEvent::accept : SessionEvent::connect);
}

TlsDriver::~TlsDriver() = default;

void TlsDriver::throw_engine_error() const { raise(*engine_->error()); }

void TlsDriver::raise(const Error& error) const {
  // OpenSSL's reason when a servername callback ends the handshake; the detail says how.
  if (sni_failure_ && error.kind != ErrorKind::peer_alert) {
    throw LibraryError("SSL", "CALLBACK_FAILED", true, "callback failed", *sni_failure_);
  }
  if (!engine_->handshake_done()) explain_negotiation_failure(error);
  throw_tls_error(error, engine_->verify_outcome(), server_side_);
}

// A failed negotiation says what each side offered, as far as this side knows it.
void TlsDriver::explain_negotiation_failure(const Error& error) const {
  bool received = error.kind == ErrorKind::peer_alert;
  if (received && !server_side_ && error.alert == AlertDescription::handshake_failure) {
    throw received_alert_error(error.alert, "the server refused the handshake; this client "
                                            "offered " + offer_text(*config_));
  }
  if (received) return;
  if (server_side_ && error.alert == AlertDescription::handshake_failure && hello_version_) {
    const std::vector<CipherSuite>& ours = *hello_version_ == ProtocolVersion::tls1_3
                                               ? config_->cipher_suites_13
                                               : config_->cipher_suites_12;
    bool shared = std::ranges::any_of(ours, [&](CipherSuite s) {
      return std::ranges::find(offered_suites_, s) != offered_suites_.end();
    });
    if (!shared) {
      throw LibraryError("SSL", "NO_SHARED_CIPHER", true, "no shared cipher",
                         "client offered " + suite_list(offered_suites_) + ", server accepts " +
                             suite_list(ours) + " for " + version_name(*hello_version_));
    }
  }
  if (error.alert == AlertDescription::protocol_version) {
    Error explained = error;
    explained.detail += "; this side accepts " + versions_text(config_->versions);
    throw_tls_error(explained, engine_->verify_outcome(), server_side_);
  }
}

std::optional<AlertDescription> TlsDriver::on_client_hello(const ClientHelloOffer& hello,
                                                            ServerConfig& config) {
  offered_suites_.assign(hello.cipher_suites().begin(), hello.cipher_suites().end());
  hello_version_ = hello.version;
  offered_resumption_ = hello.offers_resumption;
  // OP_NO_TICKET: TLS 1.2 resumes by session ID only. (OpenSSL's TLS 1.3 then sends stateful
  // tickets; tlsock's 1.3 tickets stay stateless, resumable all the same.)
  if (hello.version == ProtocolVersion::tls1_2 && !config_->tls12_session_tickets()) {
    config.tickets = nullptr;
  }
  if (!config_->sni_callback) return std::nullopt;
  std::optional<std::string_view> server_name;
  if (!hello.server_name.empty()) server_name = hello.server_name;
  SSLContext original = context_;
  std::optional<AlertDescription> alert;
  try {
    alert = (*config_->sni_callback)(*owner_, server_name, original);
  } catch (const std::exception& e) {
    sni_failure_ = std::string("the sni_callback raised: ") + e.what();
    return AlertDescription::handshake_failure;
  } catch (...) {
    sni_failure_ = "the sni_callback raised";
    return AlertDescription::handshake_failure;
  }
  if (alert) {
    sni_failure_ = "the sni_callback returned the alert " + name(*alert);
    return alert;
  }
  // A context swapped in (conn.set_context()) serves its certificates and ALPN protocols and
  // checks client certificates against its trust store, as after OpenSSL's SSL_set_SSL_CTX();
  // suites, verify_mode, tickets and counters stay the original context's.
  if (!(current_context_ == context_)) {
    std::shared_ptr<const ContextConfig> swapped = config_snapshot(current_context_);
    config.certificates = certified_keys(*swapped);
    config.alpn = swapped->alpn_protocols;
    verifier_->set_inner(trust_verifier(*swapped));
  }
  return std::nullopt;
}

void TlsDriver::set_owner(SSLConnection& owner) {
  std::lock_guard lock(engine_mutex_);
  owner_ = &owner;
}

void TlsDriver::set_context(const SSLContext& context) {
  std::lock_guard lock(engine_mutex_);
  current_context_ = context;
}

void TlsDriver::flush(TlsTransport& transport) {
  {
    std::lock_guard send_lock(send_mutex_);
    flush_locked(transport, /*wait=*/true);
  }
  flush_for_others(transport);
}

void TlsDriver::flush_for_others(TlsTransport& transport) {
  // A reader produced output while this writer held the lock and left it to us
  // (flush_for_reader).
  if (!flush_wanted_.exchange(false)) return;
  try {
    std::lock_guard send_lock(send_mutex_);
    flush_locked(transport, /*wait=*/true);
  } catch (const SSLWantWriteError&) {
  } catch (const TimeoutError&) {
  }
}

bool TlsDriver::flush_for_reader(TlsTransport& transport) {
  flush_wanted_.store(true);
  std::unique_lock send_lock(send_mutex_, std::try_to_lock);
  // A sender holds the lock, perhaps waiting for the peer to read: it sends our bytes after
  // its own (flush() checks flush_wanted_ after unlocking, so none are left behind).
  if (!send_lock.owns_lock()) return true;
  flush_wanted_.store(false);
  return flush_locked(transport, /*wait=*/false);
}

bool TlsDriver::flush_locked(TlsTransport& transport, bool wait) {
  for (;;) {
    if (outbox_sent_ == outbox_.size()) {
      give_back_growable_buffer(outbox_);  // sent: the memory goes back for the next records
      outbox_sent_ = 0;
      std::lock_guard lock(engine_mutex_);
      if (!engine_->has_output()) return true;
      outbox_sent_ = engine_->take_output_buffer(outbox_);
    }
    ByteView rest = ByteView(outbox_).subspan(outbox_sent_);
    std::optional<size_t> sent = wait ? transport.send(rest) : transport.send_now(rest);
    if (!sent) {
      if (wait) throw SSLWantWriteError();
      return false;
    }
    outbox_sent_ += *sent;
  }
}

void TlsDriver::flush_quietly(TlsTransport& transport) noexcept {
  try {
    flush(transport);
  } catch (...) {
    // The alert is a courtesy to the peer; the error being reported matters more.
  }
}

bool TlsDriver::receive(TlsTransport& transport, bool or_writable) {
  std::optional<bool> got = try_receive(transport, or_writable);
  if (!got) throw SSLWantReadError();
  return *got;
}

std::optional<bool> TlsDriver::try_receive(TlsTransport& transport, bool or_writable) {
  MutableByteView space;
  {
    // Another operation may have changed the state since the caller looked (one reader and
    // one writer run at once): when the engine takes no input, the bytes already there would
    // make every wait end at once. Nothing to wait for; the caller's checks see why.
    std::lock_guard lock(engine_mutex_);
    if (!engine_->wants_input()) return true;
    space = engine_->input_space();
  }
  if (or_writable) {
    TlsTransport::Ready ready = transport.wait(/*or_writable=*/true);
    if (ready == TlsTransport::Ready::none) return std::nullopt;
    if (ready == TlsTransport::Ready::write) return true;
  }
  // engine_mutex_ is not held while the transport waits: a writer seals meanwhile, which does
  // not touch the receive buffer (recv_mutex_ keeps the reading side out of it).
  std::optional<size_t> n;
  try {
    n = transport.recv(space);
  } catch (...) {
    std::lock_guard lock(engine_mutex_);
    (void)engine_->commit_input(0);  // the receive buffer is not kept while nothing comes
    throw;
  }
  std::lock_guard lock(engine_mutex_);
  Result<size_t> taken = engine_->commit_input(n.value_or(0));
  if (!taken) {
    transport.discard_available();
    raise(taken.error());
  }
  if (!n) return std::nullopt;
  return *n != 0;
}

void TlsDriver::count_handshake_done() {
  if (counted_) return;
  counted_ = true;
  count_session_event(context_,
                      server_side_ ? SessionEvent::accept_good : SessionEvent::connect_good);
  bool resumed = engine_->resumed();
  if (server_side_ && resumed) count_session_event(context_, SessionEvent::hits);
  // OpenSSL counts a miss when a session was offered (client) or asked for (server) and the
  // handshake was a full one.
  if (offered_resumption_ && !resumed) count_session_event(context_, SessionEvent::misses);
}

// Each operation runs guarded: when the engine failed, the alert it queued goes out (best
// effort) before the exception reaches the caller.
template <typename F>
auto TlsDriver::guarded(TlsTransport& transport, F&& operation) -> decltype(operation()) {
  try {
    return operation();
  } catch (const SSLError&) {
    bool failed = false;
    {
      std::lock_guard lock(engine_mutex_);
      failed = engine_->failed();
    }
    if (failed) flush_quietly(transport);
    throw;
  }
}

void TlsDriver::do_handshake(TlsTransport& transport) {
  // Waiting for the peer is thrown out here, past guarded(): the engine has not failed then
  // (try_receive() raised its error otherwise), and a catch and rethrow would unwind twice,
  // once more per handshake and role (2 us of a 150 us server handshake, measured with perf).
  if (!guarded(transport, [&] { return do_handshake_impl(transport); })) throw SSLWantReadError();
}

size_t TlsDriver::read(TlsTransport& transport, MutableByteView out, bool suppress_ragged_eofs) {
  return guarded(transport, [&] { return read_impl(transport, out, suppress_ragged_eofs); });
}

size_t TlsDriver::write(TlsTransport& transport, ByteView data) {
  return guarded(transport, [&] { return write_impl(transport, data); });
}

void TlsDriver::unwrap(TlsTransport& transport) {
  guarded(transport, [&] { unwrap_impl(transport); });
}

bool TlsDriver::do_handshake_impl(TlsTransport& transport) {
  for (;;) {
    bool done = false;
    bool peer_closed = false;
    {
      std::lock_guard lock(engine_mutex_);
      if (engine_->failed()) throw_engine_error();
      done = engine_->handshake_done();
      if (done) count_handshake_done();
      peer_closed = engine_->peer_closed();
    }
    flush(transport);
    if (done) return true;
    // The engine takes nothing after a close_notify, so waiting for more would never end (the
    // bytes after it are still there to be seen). OpenSSL reports a close_notify during the
    // handshake as SSL_ERROR_ZERO_RETURN, which Python raises as SSLZeroReturnError.
    if (peer_closed) throw SSLZeroReturnError();
    std::lock_guard recv_lock(recv_mutex_);
    std::optional<bool> got = try_receive(transport);
    if (!got) return false;
    if (!*got) throw SSLEOFError();
  }
}

size_t TlsDriver::read_impl(TlsTransport& transport, MutableByteView out,
                             bool suppress_ragged_eofs) {
  if (!handshake_done() && !do_handshake_impl(transport)) throw SSLWantReadError();
  size_t n = read_records(transport, out, suppress_ragged_eofs);
  // Answers produced while reading (a post-handshake Certificate, a KeyUpdate) go out now, as
  // far as the transport takes them; the rest waits for the next operation.
  flush_for_reader(transport);
  return n;
}

size_t TlsDriver::read_records(TlsTransport& transport, MutableByteView out,
                                bool suppress_ragged_eofs) {
  std::lock_guard recv_lock(recv_mutex_);
  bool output_left = false;  // only this reader can send it, and the transport took no more
  for (;;) {
    bool has_output = false;
    {
      std::lock_guard lock(engine_mutex_);
      Result<size_t> n = engine_->read_app(out);
      if (!n) raise(n.error());
      if (*n > 0) return *n;
      if (engine_->peer_closed()) {
        // Python: "" while only the peer has closed; once both have, SSLZeroReturnError.
        if (engine_->close_notify_queued()) throw SSLZeroReturnError();
        return 0;
      }
      has_output = engine_->has_output();
    }
    // Answers the peer may need before it sends more (KeyUpdate, a post-handshake
    // certificate); what the transport cannot take now goes when it can.
    if (has_output || output_left) output_left = !flush_for_reader(transport);
    if (!receive(transport, output_left)) {
      if (suppress_ragged_eofs || config_->ignore_unexpected_eof()) return 0;
      throw SSLEOFError();
    }
  }
}

size_t TlsDriver::write_impl(TlsTransport& transport, ByteView data) {
  if (!handshake_done() && !do_handshake_impl(transport)) throw SSLWantReadError();
  {
    // Held from sealing to sending: a reader never gets this write's records to send.
    std::lock_guard send_lock(send_mutex_);
    if (sealed_not_sent_ == 0) {
      for (;;) {
        {
          std::lock_guard lock(engine_mutex_);
          Result<size_t> n = engine_->write_app(data);
          if (!n) raise(n.error());
          if (*n == data.size()) break;
        }
        // Earlier output above the engine's high-water mark: send it, then seal.
        flush_locked(transport, /*wait=*/true);
      }
      sealed_not_sent_ = data.size();
    }
    flush_locked(transport, /*wait=*/true);
  }
  flush_for_others(transport);
  return std::exchange(sealed_not_sent_, 0);
}

void TlsDriver::close_notify() {
  std::lock_guard lock(engine_mutex_);
  if (engine_->close_notify_queued()) return;
  Status st = engine_->close();
  if (!st) raise(st.error());
}

void TlsDriver::unwrap_impl(TlsTransport& transport) {
  {
    std::lock_guard lock(engine_mutex_);
    if (!engine_->close_notify_queued()) {
      Status st = engine_->close();
      if (!st) raise(st.error());
    }
  }
  flush(transport);
  std::lock_guard recv_lock(recv_mutex_);
  for (;;) {
    {
      std::lock_guard lock(engine_mutex_);
      for (;;) {
        // Application data still in flight is dropped: the caller asked to stop TLS.
        std::array<uint8_t, 4096> sink;
        Result<size_t> n = engine_->read_app(sink);
        if (!n) raise(n.error());
        if (*n == 0) break;
      }
      if (engine_->peer_closed()) return;
    }
    if (!receive(transport)) throw SSLEOFError();
  }
}

bool TlsDriver::handshake_done() const {
  std::lock_guard lock(engine_mutex_);
  return engine_->handshake_done();
}

std::optional<std::string> TlsDriver::version() const {
  std::lock_guard lock(engine_mutex_);
  std::optional<ProtocolVersion> v = engine_->version();
  if (!v || !engine_->handshake_done()) return std::nullopt;
  if (*v == ProtocolVersion::tls1_3) return "TLSv1.3";
  if (*v == ProtocolVersion::tls1_2) return "TLSv1.2";
  return std::nullopt;
}

std::optional<Cipher> TlsDriver::cipher() const {
  std::lock_guard lock(engine_mutex_);
  std::optional<CipherSuite> suite = engine_->cipher_suite();
  if (!suite || !engine_->handshake_done()) return std::nullopt;
  return cipher_tuple(*suite);
}

std::optional<std::vector<Cipher>> TlsDriver::shared_ciphers() const {
  std::lock_guard lock(engine_mutex_);
  if (!server_side_ || !engine_->handshake_done()) return std::nullopt;
  // Python walks the server's list (TLS 1.3 suites first) and keeps what the client offered.
  std::vector<Cipher> shared;
  for (const auto* ours : {&config_->cipher_suites_13, &config_->cipher_suites_12}) {
    for (CipherSuite suite : *ours) {
      if (std::ranges::find(offered_suites_, suite) != offered_suites_.end()) {
        shared.push_back(cipher_tuple(suite));
      }
    }
  }
  return shared;
}

std::optional<std::string> TlsDriver::group() const {
  std::lock_guard lock(engine_mutex_);
  std::optional<NamedGroup> g = engine_->group();
  // A TLS 1.2 resumption has no key exchange: its summary's group is 0.
  if (!g || *g == NamedGroup{} || !engine_->handshake_done()) return std::nullopt;
  return name(*g);
}

std::optional<std::string> TlsDriver::peer_signature_scheme() const {
  std::lock_guard lock(engine_mutex_);
  std::optional<SignatureScheme> s = engine_->peer_signature_scheme();
  if (!s || !engine_->handshake_done()) return std::nullopt;
  return name(*s);
}

std::optional<std::string> TlsDriver::selected_alpn_protocol() const {
  std::lock_guard lock(engine_mutex_);
  std::string_view alpn = engine_->alpn();
  if (alpn.empty()) return std::nullopt;
  return std::string(alpn);
}

std::optional<std::string> TlsDriver::tls_unique() const {
  std::lock_guard lock(engine_mutex_);
  if (!engine_->handshake_done()) return std::nullopt;
  return to_string(engine_->tls_unique());
}

std::optional<std::string> TlsDriver::tls_exporter() const {
  std::lock_guard lock(engine_mutex_);
  if (!engine_->handshake_done()) return std::nullopt;
  // RFC 9266 §2: the exporter with this label, an empty context and 32 bytes.
  Result<Secret> value =
      engine_->export_keying_material("EXPORTER-Channel-Binding", ByteView{}, 32);
  if (!value) return std::nullopt;
  return to_string(value->view());
}

std::optional<std::string> TlsDriver::export_keying_material(
    std::string_view label, size_t length, std::optional<std::string_view> context) const {
  std::lock_guard lock(engine_mutex_);
  if (!engine_->handshake_done()) return std::nullopt;
  std::optional<ByteView> context_bytes;
  if (context) context_bytes = as_bytes(*context);
  Result<Secret> value = engine_->export_keying_material(label, context_bytes, length);
  if (!value) throw ssl_error("EXPORT_FAILED", "export failed", value.error().detail);
  return to_string(value->view());
}

void TlsDriver::key_update(bool update_requested) {
  std::lock_guard lock(engine_mutex_);
  if (!engine_->handshake_done()) {
    throw ssl_error("STILL_IN_INIT", "still in init", "key_update() before the handshake");
  }
  if (engine_->version() == ProtocolVersion::tls1_2) {
    throw ssl_error("WRONG_SSL_VERSION", "wrong ssl version", "TLS 1.2 has no KeyUpdate");
  }
  Status st = engine_->key_update(update_requested);
  if (!st) raise(st.error());
}

std::optional<PeerCertificate> TlsDriver::getpeercert() const {
  std::lock_guard lock(engine_mutex_);
  if (!engine_->handshake_done()) throw std::invalid_argument("handshake not done yet");
  const std::vector<ByteView> chain = engine_->peer_chain();
  if (chain.empty()) return std::nullopt;
  // Python checks the current context's mode, not whether verification ran.
  if (config_snapshot(current_context_)->verify_mode == CERT_NONE) return PeerCertificate{};
  Result<x509::Certificate> cert = x509::Certificate::from_der(chain.front());
  if (!cert) return PeerCertificate{};
  Result<PeerCertificate> dict = detail::to_peer_certificate(*cert);
  if (!dict) return PeerCertificate{};
  return std::move(dict).value();
}

std::optional<std::string> TlsDriver::getpeercert_der() const {
  std::lock_guard lock(engine_mutex_);
  if (!engine_->handshake_done()) throw std::invalid_argument("handshake not done yet");
  const std::vector<ByteView> chain = engine_->peer_chain();
  if (chain.empty()) return std::nullopt;
  return to_string(chain.front());
}

std::vector<std::string> TlsDriver::get_verified_chain() const {
  std::lock_guard lock(engine_mutex_);
  std::vector<std::string> out;
  std::vector<ByteView> verified = engine_->verified_chain();
  if (!verified.empty()) {
    for (ByteView der : verified) out.push_back(to_string(der));
    return out;
  }
  // Nothing validated: Python gives the chain as received.
  for (ByteView der : engine_->peer_chain()) out.push_back(to_string(der));
  return out;
}

std::vector<std::string> TlsDriver::get_unverified_chain() const {
  std::lock_guard lock(engine_mutex_);
  std::vector<std::string> out;
  for (ByteView der : engine_->peer_chain()) out.push_back(to_string(der));
  return out;
}

size_t TlsDriver::pending() const {
  std::lock_guard lock(engine_mutex_);
  return engine_->pending_app();
}

void TlsDriver::verify_client_post_handshake() {
  std::lock_guard lock(engine_mutex_);
  if (!server_side_) {
    throw ssl_error("NOT_SERVER", "not server", "verify_client_post_handshake on a client");
  }
  if (engine_->version() == ProtocolVersion::tls1_2) {
    throw ssl_error("WRONG_SSL_VERSION", "wrong ssl version", "TLS 1.2 has no PHA");
  }
  Status st = engine_->request_client_certificate();
  if (!st) {
    throw ssl_error("EXTENSION_NOT_RECEIVED", "extension not received", st.error().detail);
  }
}

std::optional<SSLSession> TlsDriver::session() const {
  std::lock_guard lock(engine_mutex_);
  auto state = std::make_shared<SessionState>();
  const std::optional<ClientSession13>& s13 = engine_->latest_session();
  const std::optional<ClientSession12>& s12 = engine_->latest_session12();
  if (engine_->version() == ProtocolVersion::tls1_2 && s12) {
    state->session12 = *s12;
    const Bytes& id = !s12->session_id.empty() ? s12->session_id : s12->ticket;
    state->id.assign(id.begin(), id.begin() + static_cast<std::ptrdiff_t>(
                                                   std::min<size_t>(id.size(), 32)));
    state->has_ticket = !s12->ticket.empty();
    // A ticket's lifetime is the server's hint (Python's ticket_lifetime_hint); a session ID
    // has none.
    if (state->has_ticket) state->lifetime = s12->session.lifetime_seconds;
    state->time = s12->session.created_ms / 1000;
  } else if (s13) {
    state->session13 = *s13;
    // A session is identified by its ticket (OpenSSL derives a TLS 1.3 client's id likewise).
    size_t id_len = std::min<size_t>(s13->ticket.size(), 32);
    state->id.assign(s13->ticket.begin(),
                     s13->ticket.begin() + static_cast<std::ptrdiff_t>(id_len));
    state->has_ticket = !s13->ticket.empty();
    state->lifetime = s13->lifetime_seconds;
    state->time = s13->received_at_ms / 1000;
  } else {
    return std::nullopt;
  }
  state->context = context_;
  return SessionAccess::make(std::move(state));
}

bool TlsDriver::session_reused() const {
  std::lock_guard lock(engine_mutex_);
  return engine_->resumed();
}

}  // namespace tlsock::detail
