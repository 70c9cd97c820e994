// compare_openssl's tlsock side, through the public API only (include/tlsock).
#include <sys/socket.h>

#include <optional>
#include <stdexcept>
#include <vector>

#include <tlsock/tlsock.hpp>

#include "harness.hpp"

namespace compare {

namespace {

struct Contexts {
  tlsock::SSLContext server{tlsock::PROTOCOL_TLS_SERVER};
  tlsock::SSLContext client{tlsock::PROTOCOL_TLS_CLIENT};

  Contexts(const Options& o, const HandshakeCase& c, const char* suite = nullptr) {
    const std::string base = vector_file(o, c.server);
    server.load_cert_chain(base + ".pem", base + ".key.pem");
    server.set_num_tickets(c.resume ? 1 : 0);
    client.load_verify_locations({.cafile = vector_file(o, "ca.pem")});
    for (tlsock::SSLContext* ctx : {&server, &client}) ctx->set_groups(groups(c));
    client.set_ciphersuites(suite ? suite : kHandshakeSuite);
    if (c.tls12) {
      client.set_maximum_version(tlsock::TLSVersion::TLSv1_2);
      client.set_ciphers(kSuite12);
      server.set_options(server.options() | tlsock::OP_NO_TICKET);
    }
  }
};

// One call of `step`, charged to `role`; true once it no longer waits for the peer.
template <class F>
bool step(RoleCost& role, F&& f) {
  return charged(role, [&] {
    try {
      f();
      return true;
    } catch (const tlsock::SSLWantReadError&) {
      return false;
    }
  });
}

Negotiated negotiated(const tlsock::SSLConnection& conn) {
  return {conn.version().value_or("none"), conn.cipher() ? conn.cipher()->name : "none"};
}

struct Pair {
  tlsock::MemoryBIO c2s, s2c;
  std::optional<tlsock::SSLObject> client, server;
};

void handshake(Contexts& ctx, Pair& p, HandshakeCost& cost, const std::optional<tlsock::SSLSession>& session) {
  charged(cost.client, [&] {
    p.client.emplace(ctx.client.wrap_bio(p.s2c, p.c2s, {.server_hostname = "localhost", .session = session}));
  });
  charged(cost.server, [&] { p.server.emplace(ctx.server.wrap_bio(p.c2s, p.s2c, {.server_side = true})); });
  bool client_done = false, server_done = false;
  for (int flight = 0; !(client_done && server_done); ++flight) {
    if (flight == kMaxFlights) throw std::runtime_error("tlsock handshake did not finish");
    if (!client_done) client_done = step(cost.client, [&] { p.client->do_handshake(); });
    if (!server_done) server_done = step(cost.server, [&] { p.server->do_handshake(); });
  }
}

// Four bytes each way: an idle connection has carried data (both directions' keys in use).
void ping_both_ways(Pair& p) {
  for (auto [from, to] : {std::pair{&*p.client, &*p.server}, std::pair{&*p.server, &*p.client}}) {
    from->write(tlsock::ConstBuffer("ping", 4));
    if (to->read(4) != "ping") throw std::runtime_error("tlsock ping");
  }
}

}  // namespace

HandshakeCost tlsock_handshakes(const Options& o, const HandshakeCase& c) {
  Contexts ctx(o, c);
  std::optional<tlsock::SSLSession> session;
  return repeat_handshakes(o, [&](HandshakeCost& cost) {
    Pair p;
    handshake(ctx, p, cost, session);
    check_negotiated("tlsock", c, nullptr, negotiated(*p.client));
    if (c.resume) {
      // The client takes the server's NewSessionTicket, sent after the handshake.
      step(cost.client, [&] { p.client->read(1); });
      if (session && !p.client->session_reused().value_or(false)) throw std::runtime_error("tlsock did not resume");
      session = p.client->session();
      if (!session) throw std::runtime_error("the tlsock client got no ticket");
    }
    release(p, cost);
  });
}

HeapPeak tlsock_heap_peak(const Options& o) {
  Contexts ctx(o, kPlainCase);
  return handshake_heap_peak([&](HandshakeCost& cost) {
    Pair p;
    handshake(ctx, p, cost, std::nullopt);
    release(p, cost);
  });
}

double tlsock_rate(const Options& o, const HandshakeCase& c, int threads) {
  Contexts ctx(o, c);
  return handshake_rate(o, threads, [&] {
    Pair p;
    HandshakeCost ignored;
    handshake(ctx, p, ignored, std::nullopt);
  });
}

BulkResult tlsock_bulk(const Options& o, const char* suite, size_t total, size_t write_size) {
  const HandshakeCase& c = kPlainCase;
  Contexts ctx(o, c, suite);
  const auto [client_fd, server_fd] = tcp_pair();
  // The Sockets own the descriptors from here on.
  tlsock::Socket client_sock(AF_INET, SOCK_STREAM, 0, client_fd), server_sock(AF_INET, SOCK_STREAM, 0, server_fd);
  std::optional<tlsock::SSLSocket> client, server;
  return run_bulk(total, write_size,
                  {.client_setup = [&] {
                     client.emplace(ctx.client.wrap_socket(std::move(client_sock), {.server_hostname = "localhost"}));
                     check_negotiated("tlsock", c, suite, negotiated(*client));
                   },
                   .server_setup = [&] {
                     server.emplace(ctx.server.wrap_socket(std::move(server_sock), {.server_side = true}));
                   },
                   .send = [&](const char* data, size_t n) { client->sendall(tlsock::ConstBuffer(data, n)); },
                   .receive = [&](char* buf, size_t n) { return server->recv_into(tlsock::MutableBuffer(buf, n)); },
                   .client_fd = client_fd,
                   .server_fd = server_fd});
}

IdleHeap tlsock_idle(const Options& o, const char* suite) {
  Contexts ctx(o, kPlainCase, suite);
  std::vector<Pair> pairs(static_cast<size_t>(o.idle));
  HandshakeCost ignored;
  return idle_heap(
      o.idle,
      [&](int i) {
        Pair& p = pairs[static_cast<size_t>(i)];
        handshake(ctx, p, ignored, std::nullopt);
        ping_both_ways(p);
      },
      [&] {
        for (Pair& p : pairs) p.client.reset();
      });
}

}  // namespace compare
