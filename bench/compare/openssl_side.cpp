// compare_openssl's OpenSSL side: libssl configured as close to tlsock's side as it goes
// (same certificates, X25519 only, the client verifying chain and name).
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <unistd.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness.hpp"

namespace compare {

namespace {

[[noreturn]] void failed(const std::string& what) {
  char buf[256] = "";
  ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
  throw std::runtime_error("OpenSSL " + what + ": " + buf);
}

struct SslCtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};
struct SslFree {
  void operator()(SSL* s) const { SSL_free(s); }
};
using SslCtxPtr = std::unique_ptr<SSL_CTX, SslCtxFree>;
using SslPtr = std::unique_ptr<SSL, SslFree>;

struct Contexts {
  SslCtxPtr server{SSL_CTX_new(TLS_server_method())};
  SslCtxPtr client{SSL_CTX_new(TLS_client_method())};

  Contexts(const Options& o, const HandshakeCase& c, const char* suite = nullptr) {
    const std::string base = vector_file(o, c.server);
    if (!server || !client) failed("SSL_CTX_new");
    if (SSL_CTX_use_certificate_chain_file(server.get(), (base + ".pem").c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(server.get(), (base + ".key.pem").c_str(), SSL_FILETYPE_PEM) != 1) {
      failed("server certificate");
    }
    SSL_CTX_set_num_tickets(server.get(), c.resume ? 1 : 0);
    // Without a servername callback libssl does not acknowledge SNI, the session keeps no
    // name, and a client sending SNI is never resumed (servers such as nginx set one).
    SSL_CTX_set_tlsext_servername_callback(server.get(), +[](SSL*, int*, void*) { return SSL_TLSEXT_ERR_OK; });
    if (SSL_CTX_load_verify_locations(client.get(), vector_file(o, "ca.pem").c_str(), nullptr) != 1) {
      failed("CA file");
    }
    SSL_CTX_set_verify(client.get(), SSL_VERIFY_PEER, nullptr);
    for (SSL_CTX* ctx : {server.get(), client.get()}) {
      if (SSL_CTX_set1_groups_list(ctx, groups(c)) != 1) failed("groups");
    }
    if (SSL_CTX_set_ciphersuites(client.get(), suite ? suite : kHandshakeSuite) != 1) failed("ciphersuites");
    if (c.tls12) {
      SSL_CTX_set_max_proto_version(client.get(), TLS1_2_VERSION);
      if (SSL_CTX_set_cipher_list(client.get(), kSuite12) != 1) failed("ciphers");
      SSL_CTX_set_options(server.get(), SSL_OP_NO_TICKET);
    }
  }

  SslPtr new_client() const {
    SslPtr ssl(SSL_new(client.get()));
    if (!ssl || SSL_set1_host(ssl.get(), "localhost") != 1 || SSL_set_tlsext_host_name(ssl.get(), "localhost") != 1) {
      failed("client SSL");
    }
    SSL_set_connect_state(ssl.get());
    return ssl;
  }
  SslPtr new_server() const {
    SslPtr ssl(SSL_new(server.get()));
    if (!ssl) failed("server SSL");
    SSL_set_accept_state(ssl.get());
    return ssl;
  }
};

// One libssl call (SSL_do_handshake, SSL_read), charged to `role`; true once it no longer
// waits for the peer.
template <class F>
bool step(RoleCost& role, SSL* ssl, F&& f) {
  return charged(role, [&] {
    const int r = f(ssl);
    if (r > 0) return true;
    const int err = SSL_get_error(ssl, r);
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) return false;
    failed("handshake (SSL_get_error " + std::to_string(err) + ")");
  });
}

Negotiated negotiated(const SSL* ssl) { return {SSL_get_version(ssl), SSL_CIPHER_get_name(SSL_get_current_cipher(ssl))}; }

struct Pair {
  SslPtr client, server;
};

// Closed without close_notify, as tlsock's side is: SSL_free() of a connection not shut down
// would take its session out of the cache and mark it not resumable.
void quiet_close(Pair& p) {
  for (SSL* ssl : {p.client.get(), p.server.get()}) SSL_set_shutdown(ssl, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
}

// Four bytes each way: an idle connection has carried data (both directions' keys in use).
void ping_both_ways(Pair& p) {
  char buf[4];
  for (auto [from, to] : {std::pair{p.client.get(), p.server.get()}, std::pair{p.server.get(), p.client.get()}}) {
    if (SSL_write(from, "ping", 4) != 4 || SSL_read(to, buf, 4) != 4) failed("ping");
  }
}

void handshake(const Contexts& ctx, Pair& p, HandshakeCost& cost, SSL_SESSION* session) {
  charged(cost.client, [&] {
    p.client = ctx.new_client();
    if (session && SSL_set_session(p.client.get(), session) != 1) failed("SSL_set_session");
  });
  charged(cost.server, [&] { p.server = ctx.new_server(); });
  BIO *client_end = nullptr, *server_end = nullptr;
  if (BIO_new_bio_pair(&client_end, 1 << 16, &server_end, 1 << 16) != 1) failed("BIO pair");
  SSL_set_bio(p.client.get(), client_end, client_end);
  SSL_set_bio(p.server.get(), server_end, server_end);
  bool client_done = false, server_done = false;
  for (int flight = 0; !(client_done && server_done); ++flight) {
    if (flight == kMaxFlights) throw std::runtime_error("OpenSSL handshake did not finish");
    if (!client_done) client_done = step(cost.client, p.client.get(), SSL_do_handshake);
    if (!server_done) server_done = step(cost.server, p.server.get(), SSL_do_handshake);
  }
}

}  // namespace

HandshakeCost openssl_handshakes(const Options& o, const HandshakeCase& c) {
  Contexts ctx(o, c);
  std::unique_ptr<SSL_SESSION, void (*)(SSL_SESSION*)> session(nullptr, SSL_SESSION_free);
  return repeat_handshakes(o, [&](HandshakeCost& cost) {
    Pair p;
    handshake(ctx, p, cost, session.get());
    check_negotiated("OpenSSL", c, nullptr, negotiated(p.client.get()));
    if (c.resume) {
      // The client takes the server's NewSessionTicket, sent after the handshake (SSL_read may
      // stop short of it: it reads until neither the transport nor libssl holds unread bytes).
      char byte;
      SSL* client = p.client.get();
      for (int read = 0; BIO_ctrl_pending(SSL_get_rbio(client)) > 0 || SSL_has_pending(client); ++read) {
        if (read == kMaxFlights) throw std::runtime_error("the OpenSSL client does not take its ticket");
        step(cost.client, client, [&](SSL* s) { return SSL_read(s, &byte, 1); });
      }
      if (session && !SSL_session_reused(p.client.get())) throw std::runtime_error("OpenSSL did not resume");
      session.reset(SSL_get1_session(p.client.get()));
      if (!session) throw std::runtime_error("the OpenSSL client got no ticket");
    }
    quiet_close(p);
    release(p, cost);
  });
}

double openssl_rate(const Options& o, const HandshakeCase& c, int threads) {
  Contexts ctx(o, c);
  return handshake_rate(o, threads, [&] {
    Pair p;
    HandshakeCost ignored;
    handshake(ctx, p, ignored, nullptr);
    quiet_close(p);
  });
}

BulkResult openssl_bulk(const Options& o, const char* suite, size_t total, size_t write_size) {
  const HandshakeCase& c = kPlainCase;
  Contexts ctx(o, c, suite);
  const auto [client_fd, server_fd] = tcp_pair();
  SslPtr client = ctx.new_client(), server = ctx.new_server();
  SSL_set_fd(client.get(), client_fd);
  SSL_set_fd(server.get(), server_fd);
  struct Close {
    int a, b;
    ~Close() {
      close(a);
      close(b);
    }
  } close_fds{client_fd, server_fd};
  return run_bulk(total, write_size,
                  {.client_setup = [&] {
                     if (SSL_do_handshake(client.get()) != 1) failed("bulk client handshake");
                     check_negotiated("OpenSSL", c, suite, negotiated(client.get()));
                   },
                   .server_setup = [&] {
                     if (SSL_do_handshake(server.get()) != 1) failed("bulk server handshake");
                   },
                   .send = [&](const char* data, size_t n) {
                     size_t written = 0;
                     if (SSL_write_ex(client.get(), data, n, &written) != 1 || written != n) failed("SSL_write_ex");
                   },
                   .receive = [&](char* buf, size_t n) {
                     size_t got = 0;
                     return SSL_read_ex(server.get(), buf, n, &got) == 1 ? got : size_t{0};
                   },
                   .client_fd = client_fd,
                   .server_fd = server_fd});
}

HeapPeak openssl_heap_peak(const Options& o) {
  Contexts ctx(o, kPlainCase);
  return handshake_heap_peak([&](HandshakeCost& cost) {
    Pair p;
    handshake(ctx, p, cost, nullptr);
    quiet_close(p);
    release(p, cost);
  });
}

IdleHeap openssl_idle(const Options& o, const char* suite) {
  Contexts ctx(o, kPlainCase, suite);
  std::vector<Pair> pairs(static_cast<size_t>(o.idle));
  HandshakeCost ignored;
  return idle_heap(
      o.idle,
      [&](int i) {
        Pair& p = pairs[static_cast<size_t>(i)];
        handshake(ctx, p, ignored, nullptr);
        ping_both_ways(p);
        // A socket BIO holds no buffer; the BIO pair's two 64 KiB rings are the benchmark's.
        SSL_set_bio(p.client.get(), BIO_new(BIO_s_null()), BIO_new(BIO_s_null()));
        SSL_set_bio(p.server.get(), BIO_new(BIO_s_null()), BIO_new(BIO_s_null()));
      },
      [&] {
        for (Pair& p : pairs) p.client.reset();
      });
}

}  // namespace compare
