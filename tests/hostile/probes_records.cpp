// Rows: records around the handshake. ChangeCipherSpec in TLS 1.3 (RFC 8446 §5: one record
// holding 0x01, only between the first hello and the peer's Finished) and 1.2; application data
// before the handshake is done; plaintext after keys; one-byte records and whole flights in
// one record; handshake messages skipped, reordered, repeated.
#include <algorithm>

#include "handshake/session_cache_12.hpp"
#include "hostile/probe.hpp"

namespace tlsock::hostile {
namespace {

// The edit applies only to flight `n`.
Edit on_flight(size_t n, std::function<void(Flight&)> change) {
  return [n, change](Flight& flight, size_t index) {
    if (index == n) change(flight);
  };
}

// Index of the first record of `type` (flight.size() when none).
size_t index_of(const Flight& flight, ContentType type) {
  auto it = std::find_if(flight.begin(), flight.end(), [&](const OutRecord& o) { return o.type == type; });
  return static_cast<size_t>(it - flight.begin());
}

size_t index_of_message(Flight& flight, HandshakeType type) {
  OutRecord* m = find_message(flight, type);
  return m == nullptr ? flight.size() : static_cast<size_t>(m - flight.data());
}

OutRecord ccs(Bytes body = {0x01}) { return OutRecord{ContentType::change_cipher_spec, std::move(body)}; }

// A record of `type` sealed like the message at `at` (same epoch), inserted before it.
void insert_before(Flight& flight, size_t at, ContentType type, Bytes content, size_t padding = 0) {
  std::optional<size_t> epoch = at < flight.size() ? flight[at].epoch : std::nullopt;
  flight.insert(flight.begin() + static_cast<std::ptrdiff_t>(std::min(at, flight.size())),
                OutRecord{type, std::move(content), epoch, padding});
}

// Joins each run of protected handshake records of one epoch into one record.
void merge_protected_handshake(Flight& flight) {
  Flight out;
  for (OutRecord& o : flight) {
    if (!out.empty() && o.type == ContentType::handshake && o.epoch &&
        out.back().type == ContentType::handshake && out.back().epoch == o.epoch &&
        out.back().content.size() + o.content.size() <= (size_t{1} << 14)) {
      out.back().content.insert(out.back().content.end(), o.content.begin(), o.content.end());
    } else {
      out.push_back(std::move(o));
    }
  }
  flight = std::move(out);
}

// Completes the handshake through `edit`, then sends what `after` adds (nothing: close_notify)
// and reads to the end.
std::string handshake_then(HostilePeer& peer, const Edit& edit, std::function<void(HostilePeer&)> after) {
  peer.relay_handshake(edit);
  if (!peer.engine().failed()) {
    if (after) {
      after(peer);
    } else {
      (void)peer.engine().close();
      peer.send(peer.take_flight());
    }
  }
  return drain_verdict(peer);
}

// TLS 1.2 resumption shows on the wire: the server's first flight holds its ChangeCipherSpec
// instead of ending with ServerHelloDone (RFC 5246 §7.3, abbreviated handshake).
bool server_flight_resumes(const std::vector<SeenRecord>& seen) {
  for (const SeenRecord& s : seen) {
    if (s.type == ContentType::change_cipher_spec) return true;
    if (s.type == ContentType::handshake && !s.protected_record && !s.content.empty() &&
        s.content[0] == static_cast<uint8_t>(HandshakeType::server_hello_done))
      return false;
  }
  return false;
}

Probe row(std::string name, std::string rfc, std::string does, Role role, FacadeAction action,
          std::function<std::string(HostilePeer&)> script, std::string expect_peer,
          std::string expect_facade, PeerSpec peer = {}, std::function<void(SSLContext&)> setup = {}) {
  return {.name = std::move(name),
          .rfc = std::move(rfc),
          .does = std::move(does),
          .facade = {.role = role, .mode = Mode::blocking, .action = action, .setup = std::move(setup)},
          .peer = std::move(peer),
          .script = std::move(script),
          .expect_peer = std::move(expect_peer),
          .expect_facade = std::move(expect_facade)};
}

// A row whose peer edits its flights and expects the facade to refuse with unexpected_message.
Probe unexpected(std::string name, std::string rfc, std::string does, Role role, Edit edit,
                 PeerSpec peer = {}, std::function<void(SSLContext&)> setup = {},
                 FacadeAction action = FacadeAction::read_all) {
  return row(std::move(name), std::move(rfc), std::move(does), role, action,
             [edit](HostilePeer& p) { return refusal(p, edit); }, "alert:unexpected_message",
             "SSLError", std::move(peer), std::move(setup));
}

// After the handshake, the peer sends `records` in the clear or sealed.
Probe unexpected_after_handshake(std::string name, std::string rfc, std::string does, Role role,
                                 std::function<Flight(HostilePeer&)> records) {
  return row(std::move(name), std::move(rfc), std::move(does), role, FacadeAction::read_all,
             [records](HostilePeer& p) {
               return handshake_then(p, {}, [records](HostilePeer& q) { q.send(records(q)); });
             },
             "alert:unexpected_message", "SSLError");
}

Probe succeeds(std::string name, std::string rfc, std::string does, Role role, Edit edit) {
  return row(std::move(name), std::move(rfc), std::move(does), role, FacadeAction::read_all,
             [edit](HostilePeer& p) { return handshake_then(p, edit, {}); }, "eof", "ok:eof");
}

}  // namespace

std::vector<Probe> ccs_and_record_probes() {
  const std::string ccs_rule = "RFC 8446 §5";
  std::vector<Probe> rows;
  // --- TLS 1.3 ChangeCipherSpec, facade server (the client's flight 1 is [CCS] Finished) ------
  rows.push_back(unexpected("1.3 CCS body 0x02 (server)", ccs_rule, "sends its CCS with the byte 0x02",
                            Role::server, on_flight(1, [](Flight& f) {
                              f[index_of(f, ContentType::change_cipher_spec)].content = {0x02};
                            })));
  rows.push_back(unexpected("1.3 CCS body 01 01 (server)", ccs_rule, "sends a two-byte CCS",
                            Role::server, on_flight(1, [](Flight& f) {
                              f[index_of(f, ContentType::change_cipher_spec)].content = {0x01, 0x01};
                            })));
  rows.push_back(unexpected("1.3 empty CCS (server)", ccs_rule, "sends a CCS record of length 0",
                            Role::server, on_flight(1, [](Flight& f) {
                              f[index_of(f, ContentType::change_cipher_spec)].content = {};
                            })));
  rows.push_back(unexpected("1.3 second CCS (server)", ccs_rule,
                            "sends a CCS after its ClientHello and another before Finished",
                            Role::server, on_flight(0, [](Flight& f) { f.push_back(ccs()); })));
  rows.push_back(unexpected("1.3 three CCS in one segment (server)", ccs_rule,
                            "sends three CCS records in one write before Finished", Role::server,
                            on_flight(1, [](Flight& f) {
                              size_t at = index_of(f, ContentType::change_cipher_spec);
                              f.insert(f.begin() + static_cast<std::ptrdiff_t>(at), {ccs(), ccs()});
                            })));
  rows.push_back(unexpected("1.3 CCS before ClientHello (server)", ccs_rule,
                            "sends a CCS before its first hello", Role::server,
                            on_flight(0, [](Flight& f) { f.insert(f.begin(), ccs()); })));
  rows.push_back(unexpected("1.3 CCS after the client's Finished (server)", ccs_rule,
                            "sends a CCS right after its Finished, same write", Role::server,
                            on_flight(1, [](Flight& f) { f.push_back(ccs()); })));
  rows.push_back(unexpected_after_handshake("1.3 CCS after the handshake (server)", ccs_rule,
                                            "sends a CCS once the handshake is done", Role::server,
                                            [](HostilePeer&) { return Flight{ccs()}; }));
  // --- TLS 1.3 ChangeCipherSpec, facade client ---------------------------------------------------
  rows.push_back(unexpected("1.3 CCS body 0x02 (client)", ccs_rule, "sends a CCS 0x02 after ServerHello",
                            Role::client, on_flight(0, [](Flight& f) {
                              size_t sh = index_of_message(f, HandshakeType::server_hello);
                              f.insert(f.begin() + static_cast<std::ptrdiff_t>(sh + 1), ccs({0x02}));
                            })));
  rows.push_back(unexpected_after_handshake("1.3 CCS after the handshake (client)", ccs_rule,
                                            "sends a CCS once the handshake is done", Role::client,
                                            [](HostilePeer&) { return Flight{ccs()}; }));
  rows.push_back(succeeds("1.3 CCS between encrypted handshake records is dropped (client)", ccs_rule,
                          "sends its one CCS between EncryptedExtensions and Certificate", Role::client,
                          on_flight(0, [](Flight& f) {
                            one_message_per_record(f);
                            size_t at = index_of(f, ContentType::change_cipher_spec);
                            if (at < f.size()) f.erase(f.begin() + static_cast<std::ptrdiff_t>(at));
                            size_t cert = index_of_message(f, HandshakeType::certificate);
                            f.insert(f.begin() + static_cast<std::ptrdiff_t>(cert), ccs());
                          })));
  // --- application data before the handshake is done (TLS 1.3) ---------------------------------
  const std::string early_rule = "RFC 8446 §2, §5.1";
  rows.push_back(unexpected("1.3 zero-length app data before Finished (server)", early_rule,
                            "seals an empty application_data record before its Finished", Role::server,
                            on_flight(1, [](Flight& f) {
                              insert_before(f, index_of_message(f, HandshakeType::finished),
                                            ContentType::application_data, {});
                            })));
  rows.push_back(unexpected("1.3 padded empty app data before Finished (server)", early_rule,
                            "seals application_data of 0 bytes + 100 bytes of padding before Finished",
                            Role::server, on_flight(1, [](Flight& f) {
                              insert_before(f, index_of_message(f, HandshakeType::finished),
                                            ContentType::application_data, {}, 100);
                            })));
  rows.push_back(unexpected("1.3 app data before Finished (server)", early_rule,
                            "seals 'early' as application data before its Finished", Role::server,
                            on_flight(1, [](Flight& f) {
                              insert_before(f, index_of_message(f, HandshakeType::finished),
                                            ContentType::application_data, {'e', 'a', 'r', 'l', 'y'});
                            })));
  rows.push_back(unexpected("1.3 app data before server Finished (client)", early_rule,
                            "seals application data under its handshake key before Finished",
                            Role::client, on_flight(0, [](Flight& f) {
                              insert_before(f, index_of_message(f, HandshakeType::finished),
                                            ContentType::application_data, {'e', 'a', 'r', 'l', 'y'});
                            })));
  // --- plaintext records after keys -------------------------------------------------------------
  rows.push_back(unexpected("1.3 Finished in the clear (server)", "RFC 8446 §5.1, §5.2",
                            "sends its Finished as a plaintext handshake record", Role::server,
                            on_flight(1, [](Flight& f) {
                              f[index_of_message(f, HandshakeType::finished)].epoch.reset();
                            })));
  // (A plaintext application_data record cannot be told from a forged protected one: that is
  // bad_record_mac, RFC 8446 §5.2. A plaintext handshake record can.)
  rows.push_back(unexpected_after_handshake(
      "1.3 plaintext KeyUpdate after the handshake (server)", "RFC 8446 §5.1, §5.2",
      "sends KeyUpdate(update_not_requested) in a plaintext record", Role::server, [](HostilePeer&) {
        return Flight{OutRecord{ContentType::handshake, {static_cast<uint8_t>(HandshakeType::key_update), 0, 0, 1, 0}}};
      }));
  // --- record boundaries: legal, so the handshake must succeed ----------------------------------
  const std::string frag_rule = "RFC 8446 §5.1";
  rows.push_back(succeeds("client's handshake in 1-byte records (server)", frag_rule,
                          "sends ClientHello, CCS and Finished one byte per record", Role::server,
                          [](Flight& f, size_t) { split_records(f, 1); }));
  rows.push_back(succeeds("server flight in 1-byte records (client)", frag_rule,
                          "sends every handshake record of its flight one byte at a time",
                          Role::client, [](Flight& f, size_t) { split_records(f, 1); }));
  rows.push_back(succeeds("server's encrypted flight in one record (client)", frag_rule,
                          "puts EncryptedExtensions..Finished in one record", Role::client,
                          [](Flight& f, size_t) {
                            one_message_per_record(f);
                            merge_protected_handshake(f);
                          }));
  // --- handshake messages out of order ----------------------------------------------------------
  const std::string order_rule = "RFC 8446 §4, §6.2";
  rows.push_back(unexpected("Certificate and CertificateVerify swapped (client)", order_rule,
                            "sends CertificateVerify before Certificate", Role::client,
                            on_flight(0, [](Flight& f) {
                              one_message_per_record(f);
                              std::swap(f[index_of_message(f, HandshakeType::certificate)],
                                        f[index_of_message(f, HandshakeType::certificate_verify)]);
                            })));
  rows.push_back(unexpected("CertificateVerify skipped (client)", order_rule,
                            "sends Certificate then Finished", Role::client, on_flight(0, [](Flight& f) {
                              one_message_per_record(f);
                              f.erase(f.begin() + static_cast<std::ptrdiff_t>(
                                                      index_of_message(f, HandshakeType::certificate_verify)));
                            })));
  rows.push_back(unexpected("EncryptedExtensions twice (client)", order_rule,
                            "repeats EncryptedExtensions", Role::client, on_flight(0, [](Flight& f) {
                              one_message_per_record(f);
                              size_t ee = index_of_message(f, HandshakeType::encrypted_extensions);
                              f.insert(f.begin() + static_cast<std::ptrdiff_t>(ee + 1), f[ee]);
                            })));
  // --- TLS 1.2: ChangeCipherSpec and data between CCS and Finished -------------------------------
  rows.push_back(unexpected("1.2 CCS body 0x02 (server)", "RFC 5246 §7.1", "sends its CCS as 0x02",
                            Role::server, on_flight(1, [](Flight& f) {
                              f[index_of(f, ContentType::change_cipher_spec)].content = {0x02};
                            }),
                            peer_tls12(), facade_tls12, FacadeAction::handshake));
  rows.push_back(unexpected("1.2 CCS body 0x02 (client)", "RFC 5246 §7.1", "sends its CCS as 0x02",
                            Role::client, on_flight(1, [](Flight& f) {
                              f[index_of(f, ContentType::change_cipher_spec)].content = {0x02};
                            }),
                            peer_tls12(), {}, FacadeAction::handshake));
  const std::string between_rule = "RFC 5246 §7.1, §7.4.9";
  auto data_after_ccs = [](Bytes data) {
    return [data](Flight& f) {
      size_t at = index_of(f, ContentType::change_cipher_spec) + 1;
      insert_before(f, at, ContentType::application_data, data);
    };
  };
  // Application data that waits to be read in the middle of a handshake: run in every mode,
  // since each mode's handshake loop waits for input its own way.
  for (Mode mode : kAllModes) {
    Probe p = unexpected("1.2 app data between CCS and Finished (server, full, " + name(mode) + ")",
                         between_rule, "seals 'x' as application data after its CCS, before Finished",
                         Role::server, on_flight(1, data_after_ccs({'x'})), peer_tls12(),
                         facade_tls12, FacadeAction::handshake);
    p.facade.mode = mode;
    rows.push_back(std::move(p));
  }
  rows.push_back(unexpected("1.2 empty app data between CCS and Finished (server, full)", between_rule,
                            "seals an empty application data record after its CCS", Role::server,
                            on_flight(1, data_after_ccs({})), peer_tls12(), facade_tls12,
                            FacadeAction::handshake));
  rows.push_back(unexpected("1.2 app data between CCS and Finished (client, full)", between_rule,
                            "seals 'x' as application data after its CCS, before Finished",
                            Role::client, on_flight(1, data_after_ccs({'x'})), peer_tls12(), {},
                            FacadeAction::handshake));
  // Resumed: the server's flight is ServerHello, CCS, Finished; the client's is CCS, Finished.
  Probe resumed_server = unexpected(
      "1.2 app data between CCS and Finished (server, resumed)", between_rule,
      "resumes a session, then seals 'x' as application data after its CCS", Role::server,
      on_flight(1, data_after_ccs({'x'})), peer_tls12(), facade_tls12, FacadeAction::handshake);
  resumed_server.facade.resume = true;
  resumed_server.warmup = [](HostilePeer& first, PeerSpec& second) {
    handshake_then(first, {}, {});
    second.client_setup = [session = first.engine().latest_session12()](ClientConfig&, ConnectionOptions& o) {
      o.session12 = session;
    };
  };
  resumed_server.script = [edit = on_flight(1, data_after_ccs({'x'}))](HostilePeer& p) {
    std::string verdict = refusal(p, edit);
    return server_flight_resumes(p.seen()) ? verdict : verdict + " (not resumed)";
  };
  rows.push_back(std::move(resumed_server));

  auto cache = std::make_shared<SessionCache12>(16, 3600);
  PeerSpec caching_server = peer_tls12();
  caching_server.server_setup = [cache](ServerConfig& c, ConnectionOptions&) { c.session_cache = cache.get(); };
  Probe resumed_client = unexpected(
      "1.2 app data between CCS and Finished (client, resumed)", between_rule,
      "resumes the facade's session, then seals 'x' as application data after its CCS",
      Role::client, {}, caching_server, {}, FacadeAction::handshake);
  resumed_client.facade.resume = true;
  resumed_client.warmup = [](HostilePeer& first, PeerSpec&) { handshake_then(first, {}, {}); };
  resumed_client.script = [data_after_ccs](HostilePeer& p) {
    bool resumed = false;
    std::string verdict = refusal(p, [&](Flight& f, size_t index) {
      if (index != 0) return;
      resumed = index_of(f, ContentType::change_cipher_spec) < f.size();
      if (resumed) data_after_ccs({'x'})(f);
    });
    return resumed ? verdict : verdict + " (not resumed)";
  };
  rows.push_back(std::move(resumed_client));
  return rows;
}

}  // namespace tlsock::hostile
