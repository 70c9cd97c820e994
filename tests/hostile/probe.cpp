#include "hostile/probe.hpp"

#include <algorithm>
#include <cstdio>

#include "tlsock/constants.hpp"

namespace tlsock::hostile {

ProbeResult run_probe(const Probe& probe) {
  ProbeResult r;
  Role peer_role = probe.facade.role == Role::server ? Role::client : Role::server;
  r.facade = run_facade(
      probe.facade, probe.wall_bound,
      [&](Socket& socket, std::chrono::steady_clock::time_point deadline,
          const std::function<Socket&()>& next_connection) {
        if (!probe.facade.resume) {
          HostilePeer peer(peer_role, probe.peer, socket, deadline);
          return probe.script(peer);
        }
        PeerSpec second = probe.peer;
        {
          HostilePeer first(peer_role, probe.peer, socket, deadline);
          probe.warmup(first, second);
        }
        HostilePeer peer(peer_role, second, next_connection(), deadline);
        return probe.script(peer);
      },
      r.peer);
  char bounds[160];
  std::snprintf(bounds, sizeof bounds, "wall %.3f s (bound %.1f), CPU %.3f s (bound %.3f)",
                r.facade.wall, probe.wall_bound, r.facade.cpu, probe.cpu_bound);
  if (!r.facade.finished || r.facade.wall > probe.wall_bound) {
    r.why = std::string("did not finish in time: ") + bounds;
  } else if (r.facade.cpu > probe.cpu_bound) {
    r.why = std::string("CPU bound exceeded: ") + bounds;
  } else if (probe.expect_peer != "*" && r.peer != probe.expect_peer) {
    r.why = "peer saw '" + r.peer + "', expected '" + probe.expect_peer + "'";
  } else if (!r.facade.outcome.starts_with(probe.expect_facade)) {
    r.why = "facade: '" + r.facade.outcome + "', expected '" + probe.expect_facade + "...'";
  } else {
    r.pass = true;
  }
  return r;
}

OutRecord* find_message(Flight& flight, HandshakeType type) {
  for (OutRecord& o : flight)
    if (o.type == ContentType::handshake && !o.content.empty() &&
        o.content[0] == static_cast<uint8_t>(type))
      return &o;
  return nullptr;
}

void one_message_per_record(Flight& flight) {
  Flight out;
  for (size_t i = 0; i < flight.size();) {
    if (flight[i].type != ContentType::handshake) {
      out.push_back(std::move(flight[i++]));
      continue;
    }
    // Join a run of handshake records of one epoch, then cut it at message boundaries.
    OutRecord joined = flight[i++];
    while (i < flight.size() && flight[i].type == ContentType::handshake &&
           flight[i].epoch == joined.epoch) {
      joined.content.insert(joined.content.end(), flight[i].content.begin(), flight[i].content.end());
      ++i;
    }
    size_t pos = 0;
    while (pos < joined.content.size()) {
      size_t length = 4;
      if (joined.content.size() - pos >= 4)
        length += (size_t{joined.content[pos + 1]} << 16) | (size_t{joined.content[pos + 2]} << 8) |
                  joined.content[pos + 3];
      length = std::min(length, joined.content.size() - pos);
      OutRecord o = joined;
      o.content.assign(joined.content.begin() + static_cast<std::ptrdiff_t>(pos),
                       joined.content.begin() + static_cast<std::ptrdiff_t>(pos + length));
      out.push_back(std::move(o));
      pos += length;
    }
  }
  flight = std::move(out);
}

void split_records(Flight& flight, size_t size) {
  Flight out;
  for (OutRecord& o : flight) {
    if (o.content.size() <= size) {
      out.push_back(std::move(o));
      continue;
    }
    for (size_t pos = 0; pos < o.content.size(); pos += size) {
      OutRecord piece = o;
      size_t n = std::min(size, o.content.size() - pos);
      piece.content.assign(o.content.begin() + static_cast<std::ptrdiff_t>(pos),
                           o.content.begin() + static_cast<std::ptrdiff_t>(pos + n));
      out.push_back(std::move(piece));
    }
  }
  flight = std::move(out);
}

void facade_tls12(SSLContext& ctx) { ctx.set_maximum_version(TLSVersion::TLSv1_2); }

PeerSpec peer_tls12() {
  PeerSpec spec;
  spec.min_version = ProtocolVersion::tls1_2;
  spec.max_version = ProtocolVersion::tls1_2;
  return spec;
}

std::string drain_verdict(HostilePeer& peer) {
  peer.drain();
  return peer.verdict();
}

std::string refusal(HostilePeer& peer, const Edit& edit) {
  peer.relay(edit, [&] { return peer.engine().handshake_done() || peer.engine().failed(); });
  for (int i = 0; i < 6 && peer.receive(0.05); ++i) {
  }
  if (!peer.eof() && !peer.engine().failed()) {
    (void)peer.engine().close();
    peer.send(peer.take_flight());
  }
  return drain_verdict(peer);
}

}  // namespace tlsock::hostile
