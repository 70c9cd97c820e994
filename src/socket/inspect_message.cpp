// describe_handshake_message() of tlsock/inspect.hpp: one handshake message read by the
// handshake's own decoders (src/handshake/messages/, src/handshake/extensions/), so a trace
// shows what the state machines see.
#include "tlsock/inspect.hpp"

#include "handshake/messages/certificate.hpp"
#include "handshake/messages/certificate_request.hpp"
#include "handshake/messages/certificate_verify.hpp"
#include "handshake/messages/client_hello.hpp"
#include "handshake/messages/client_key_exchange.hpp"
#include "handshake/messages/encrypted_extensions.hpp"
#include "handshake/messages/end_of_early_data.hpp"
#include "handshake/messages/finished.hpp"
#include "handshake/messages/hello_request.hpp"
#include "handshake/messages/key_update.hpp"
#include "handshake/messages/new_session_ticket.hpp"
#include "handshake/messages/next_protocol.hpp"
#include "handshake/messages/server_hello.hpp"
#include "handshake/messages/server_hello_done.hpp"
#include "handshake/messages/server_key_exchange.hpp"
#include "handshake/extensions/supported_versions.hpp"
#include "socket/describe_extension.hpp"
#include "socket/python_dict.hpp"
#include "x509/certificate.hpp"

namespace tlsock {

namespace {

using detail::count;
using H = HandshakeType;
using Description = HandshakeMessageDescription;

// The names the RFCs give the messages (RFC 8446 §4, RFC 5246 §7.4).
std::string message_title(H type) {
  switch (type) {
    case H::hello_request: return "HelloRequest";
    case H::client_hello: return "ClientHello";
    case H::server_hello: return "ServerHello";
    case H::new_session_ticket: return "NewSessionTicket";
    case H::end_of_early_data: return "EndOfEarlyData";
    case H::encrypted_extensions: return "EncryptedExtensions";
    case H::certificate: return "Certificate";
    case H::server_key_exchange: return "ServerKeyExchange";
    case H::certificate_request: return "CertificateRequest";
    case H::server_hello_done: return "ServerHelloDone";
    case H::certificate_verify: return "CertificateVerify";
    case H::client_key_exchange: return "ClientKeyExchange";
    case H::finished: return "Finished";
    case H::key_update: return "KeyUpdate";
    case H::next_protocol: return "NextProtocol";
    case H::message_hash: return "MessageHash";
    default: return "HandshakeMessage";
  }
}

void add_extensions(Description& d, const Extensions& extensions, ExtensionContext context) {
  for (const Extension& e : extensions) d.lines.push_back(detail::describe_extension(e, context));
}

// "subject CN=..., issuer CN=..." of one DER certificate.
std::string certificate_line(size_t index, const Bytes& der) {
  std::string line = "certificate " + std::to_string(index) + ": " + count(der.size(), "bytes");
  auto cert = x509::Certificate::from_der(der);
  if (!cert) return line + ", undecodable certificate: " + cert.error().detail;
  auto dict = detail::to_peer_certificate(*cert);
  if (!dict) return line + ", undecodable certificate: " + dict.error().detail;
  return line + ", subject " + distinguished_name(dict->subject) + "; issuer " +
         distinguished_name(dict->issuer);
}

Status client_hello(ByteView body, Description& d) {
  TLSOCK_TRY_ASSIGN(ClientHello ch, ClientHello::decode(body));
  d.lines.push_back("version " + name(ch.legacy_version) + ", random 32 bytes, session_id " +
                    count(ch.legacy_session_id.size(), "bytes"));
  std::string suites;
  for (CipherSuite s : ch.cipher_suites) suites += (suites.empty() ? "" : ", ") + name(s);
  d.lines.push_back("cipher_suites: " + (suites.empty() ? "(none)" : suites));
  d.lines.push_back("compression_methods: " +
                    count(ch.legacy_compression_methods.size(), "methods"));
  add_extensions(d, ch.extensions, ExtensionContext::client_hello);
  return {};
}

Status server_hello(ByteView body, Description& d) {
  TLSOCK_TRY_ASSIGN(ServerHello sh, ServerHello::decode(body));
  const bool retry = sh.is_hello_retry_request();
  if (retry) d.title = "HelloRetryRequest";
  d.lines.push_back("version " + name(sh.legacy_version) +
                    (retry ? ", HelloRetryRequest" : ", random 32 bytes") + ", session_id " +
                    count(sh.legacy_session_id_echo.size(), "bytes") + ", cipher_suite " +
                    name(sh.cipher_suite));
  add_extensions(d, sh.extensions,
                 retry ? ExtensionContext::hello_retry_request : ExtensionContext::server_hello);
  // RFC 8446 §4.2.1: supported_versions in a ServerHello selects the version.
  if (const Extension* v = sh.extensions.find(ExtensionType::supported_versions)) {
    auto selected = SupportedVersionsServerHello::decode(v->body);
    d.selects_tls13 = selected && selected->selected == ProtocolVersion::tls1_3;
  }
  return {};
}

Status new_session_ticket(ByteView body, bool tls13, Description& d) {
  if (!tls13) {
    TLSOCK_TRY_ASSIGN(NewSessionTicket12 t, NewSessionTicket12::decode(body));
    d.lines.push_back("lifetime hint " + std::to_string(t.ticket_lifetime_hint) +
                      " s, ticket " + count(t.ticket.size(), "bytes"));
    return {};
  }
  TLSOCK_TRY_ASSIGN(NewSessionTicket13 t, NewSessionTicket13::decode(body));
  d.lines.push_back("lifetime " + std::to_string(t.ticket_lifetime) + " s, nonce " +
                    count(t.ticket_nonce.size(), "bytes") + ", ticket " +
                    count(t.ticket.size(), "bytes"));
  add_extensions(d, t.extensions, ExtensionContext::new_session_ticket);
  return {};
}

Status certificate(ByteView body, bool tls13, Description& d) {
  size_t n = 0;
  if (tls13) {
    TLSOCK_TRY_ASSIGN(Certificate13 c, Certificate13::decode(body));
    d.lines.push_back("request_context " + count(c.request_context.size(), "bytes"));
    for (const CertificateEntry& e : c.entries) {
      d.lines.push_back(certificate_line(n++, e.cert_data));
      add_extensions(d, e.extensions, ExtensionContext::certificate);
    }
  } else {
    TLSOCK_TRY_ASSIGN(Certificate12 c, Certificate12::decode(body));
    for (const Bytes& der : c.chain) d.lines.push_back(certificate_line(n++, der));
  }
  if (n == 0) d.lines.push_back("no certificate");
  return {};
}

Status certificate_request(ByteView body, bool tls13, Description& d) {
  if (tls13) {
    TLSOCK_TRY_ASSIGN(CertificateRequest13 r, CertificateRequest13::decode(body));
    d.lines.push_back("request_context " + count(r.request_context.size(), "bytes"));
    add_extensions(d, r.extensions, ExtensionContext::certificate_request);
    return {};
  }
  TLSOCK_TRY_ASSIGN(CertificateRequest12 r, CertificateRequest12::decode(body));
  d.lines.push_back("certificate_types " + count(r.certificate_types.size(), "types"));
  std::string schemes;
  for (SignatureScheme s : r.signature_algorithms.schemes)
    schemes += (schemes.empty() ? "" : ", ") + name(s);
  d.lines.push_back("signature_algorithms: " + (schemes.empty() ? "(none)" : schemes));
  d.lines.push_back("certificate_authorities " + count(r.authorities.names.size(), "names"));
  return {};
}

Status server_key_exchange(ByteView body, Description& d) {
  TLSOCK_TRY_ASSIGN(ServerKeyExchangeEcdhe k, ServerKeyExchangeEcdhe::decode(body));
  d.lines.push_back("curve_type " + std::to_string(kEcCurveTypeNamedCurve) + ", group " +
                    name(k.group) + ", public key " + count(k.public_point.size(), "bytes") +
                    ", signed with " + name(k.algorithm) + " (" +
                    count(k.signature.size(), "bytes") + ")");
  return {};
}

Status key_update(ByteView body, Description& d) {
  TLSOCK_TRY_ASSIGN(KeyUpdate k, KeyUpdate::decode(body));
  d.lines.push_back(k.request_update == KeyUpdateRequest::update_requested
                        ? "update_requested"
                        : "update_not_requested");
  return {};
}

// A message without fields: its decoder only checks that the body is empty.
template <typename Message>
Status empty_message(ByteView body) {
  TLSOCK_TRY(Message::decode(body));
  return {};
}

Status describe_body(H type, ByteView body, bool tls13, Description& d) {
  switch (type) {
    case H::client_hello: return client_hello(body, d);
    case H::server_hello: return server_hello(body, d);
    case H::encrypted_extensions: {
      TLSOCK_TRY_ASSIGN(EncryptedExtensions ee, EncryptedExtensions::decode(body));
      add_extensions(d, ee.extensions, ExtensionContext::encrypted_extensions);
      return {};
    }
    case H::new_session_ticket: return new_session_ticket(body, tls13, d);
    case H::certificate: return certificate(body, tls13, d);
    case H::certificate_request: return certificate_request(body, tls13, d);
    case H::server_key_exchange: return server_key_exchange(body, d);
    case H::client_key_exchange: {
      TLSOCK_TRY_ASSIGN(ClientKeyExchangeEcdhe k, ClientKeyExchangeEcdhe::decode(body));
      d.lines.push_back("public key " + count(k.public_point.size(), "bytes"));
      return {};
    }
    case H::certificate_verify: {
      TLSOCK_TRY_ASSIGN(CertificateVerify v, CertificateVerify::decode(body));
      d.lines.push_back("signed with " + name(v.algorithm) + " (" +
                        count(v.signature.size(), "bytes") + ")");
      return {};
    }
    case H::finished:  // its length is the suite's; any length reads here
      d.lines.push_back("verify_data " + count(body.size(), "bytes"));
      return {};
    case H::key_update: return key_update(body, d);
    case H::next_protocol: {
      TLSOCK_TRY_ASSIGN(NextProtocol p, NextProtocol::decode(body));
      d.lines.push_back("selected_protocol " + detail::text_or_hex(as_bytes(p.selected_protocol)) +
                        ", padding " + count(p.padding.size(), "bytes"));
      return {};
    }
    case H::hello_request: return empty_message<HelloRequest>(body);
    case H::server_hello_done: return empty_message<ServerHelloDone>(body);
    case H::end_of_early_data: return empty_message<EndOfEarlyData>(body);
    default:
      if (!body.empty()) d.lines.push_back("0x" + detail::short_hex(body, 32));
      return {};
  }
}

}  // namespace

HandshakeMessageDescription describe_handshake_message(ConstBuffer message, bool tls13) {
  ByteView bytes(reinterpret_cast<const uint8_t*>(message.data()), message.size());
  Description d;
  d.type = bytes.empty() ? 0 : bytes[0];
  d.title = message_title(static_cast<H>(d.type));
  if (bytes.size() < 4) {
    d.lines.push_back("(malformed: the 4-byte header is truncated)");
    return d;
  }
  d.length = size_t{bytes[1]} << 16 | size_t{bytes[2]} << 8 | bytes[3];
  ByteView body = bytes.subspan(4);
  Status decoded = describe_body(static_cast<H>(d.type), body, tls13, d);
  if (!decoded) {
    d.lines.push_back("(malformed: the message does not parse as " + d.title + ": " +
                      decoded.error().detail + ")");
  }
  if (d.length != body.size()) {
    d.lines.push_back("(malformed: the header gives " + count(d.length, "bytes") + ", the body has " +
                      count(body.size(), "bytes") + ")");
  }
  return d;
}

}  // namespace tlsock
