#include "cli/message_trace.hpp"

#include <cstdio>
#include <memory>
#include <mutex>

#include "cli/byte_reader.hpp"
#include "cli/connection_report.hpp"
#include "tlsock/inspect.hpp"

namespace tlsock::cli {

namespace {

// RFC 8446 §4: handshake types, and the names of the messages as the RFC writes them.
constexpr uint8_t kClientHello = 1, kServerHello = 2, kNewSessionTicket = 4,
                  kEncryptedExtensions = 8, kCertificate = 11, kServerKeyExchange = 12,
                  kCertificateRequest = 13, kCertificateVerify = 15, kClientKeyExchange = 16,
                  kFinished = 20, kKeyUpdate = 24;

// RFC 8446 §4.1.3: the Random of a HelloRetryRequest, SHA-256("HelloRetryRequest").
constexpr std::string_view kHelloRetryRandom =
    "\xCF\x21\xAD\x74\xE5\x9A\x61\x11\xBE\x1D\x8C\x02\x1E\x65\xB8\x91"
    "\xC2\xA2\x11\x16\x7A\xBB\x8C\x5E\x07\x9E\x09\xE2\xC8\xA8\x33\x9C";

std::string message_title(uint8_t type) {
  switch (type) {
    case 0: return "HelloRequest";
    case kClientHello: return "ClientHello";
    case kServerHello: return "ServerHello";
    case kNewSessionTicket: return "NewSessionTicket";
    case 5: return "EndOfEarlyData";
    case kEncryptedExtensions: return "EncryptedExtensions";
    case kCertificate: return "Certificate";
    case kServerKeyExchange: return "ServerKeyExchange";
    case kCertificateRequest: return "CertificateRequest";
    case 14: return "ServerHelloDone";
    case kCertificateVerify: return "CertificateVerify";
    case kClientKeyExchange: return "ClientKeyExchange";
    case kFinished: return "Finished";
    case kKeyUpdate: return "KeyUpdate";
    case 67: return "NextProtocol";
    case 254: return "MessageHash";
    default: return "HandshakeMessage";
  }
}

std::string hex(std::string_view bytes, size_t max = 16) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes.size() && i < max; ++i) {
    auto b = static_cast<uint8_t>(bytes[i]);
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  if (bytes.size() > max) out += "...";
  return out;
}

std::string count(size_t n, const char* what) { return std::to_string(n) + " " + what; }

// Printable ASCII as is, anything else as hex.
std::string text_or_hex(std::string_view s) {
  for (char c : s)
    if (c < 0x20 || c > 0x7e) return "0x" + hex(s, 64);
  return std::string(s);
}

// Items of a list, each read by `item`, joined by ", ".
template <typename Item>
std::string list_of(ByteReader& r, Item item) {
  std::string out;
  while (r.ok() && !r.empty()) {
    if (!out.empty()) out += ", ";
    out += item(r);
  }
  return out.empty() ? "(none)" : out;
}

std::string group_item(ByteReader& r) { return named_group_name(static_cast<uint16_t>(r.u16())); }
std::string scheme_item(ByteReader& r) {
  return signature_scheme_name(static_cast<uint16_t>(r.u16()));
}
std::string version_item(ByteReader& r) {
  return protocol_version_name(static_cast<uint16_t>(r.u16()));
}
std::string opaque8_item(ByteReader& r) { return text_or_hex(r.bytes(r.u8())); }

std::string key_share_entry(ByteReader& r) {
  std::string group = named_group_name(static_cast<uint16_t>(r.u16()));
  return group + " (" + count(r.bytes(r.u16()).size(), "bytes") + ")";
}

// The value of one extension in the message `type` (some extensions read differently in the
// ClientHello and in the server's messages).
std::string extension_value(uint16_t ext, uint8_t type, bool hello_retry, ByteReader r) {
  const bool from_client = type == kClientHello;
  std::string v;
  switch (ext) {
    case 0:  // server_name: the client's list; the server's is empty
      if (r.empty()) return "(acknowledged)";
      {
        ByteReader list = r.sub(2);
        v = list_of(list, [](ByteReader& e) {
          uint8_t name_type = static_cast<uint8_t>(e.u8());
          std::string name = text_or_hex(e.bytes(e.u16()));
          return name_type == 0 ? name : "type " + std::to_string(name_type) + " " + name;
        });
        r.absorb(list);
      }
      break;
    case 1:  // max_fragment_length
      v = "2^" + std::to_string(8 + r.u8());
      break;
    case 10: {  // supported_groups
      ByteReader list = r.sub(2);
      v = list_of(list, group_item);
      r.absorb(list);
      break;
    }
    case 11: {  // ec_point_formats
      ByteReader list = r.sub(1);
      v = list_of(list, [](ByteReader& e) {
        uint32_t f = e.u8();
        return f == 0 ? std::string("uncompressed") : std::to_string(f);
      });
      r.absorb(list);
      break;
    }
    case 13:
    case 50: {  // signature_algorithms, signature_algorithms_cert
      ByteReader list = r.sub(2);
      v = list_of(list, scheme_item);
      r.absorb(list);
      break;
    }
    case 16: {  // application_layer_protocol_negotiation
      ByteReader list = r.sub(2);
      v = list_of(list, opaque8_item);
      r.absorb(list);
      break;
    }
    case 28:  // record_size_limit
      v = std::to_string(r.u16());
      break;
    case 41:  // pre_shared_key
      if (from_client) {
        ByteReader ids = r.sub(2);
        size_t n = 0;
        while (ids.ok() && !ids.empty()) {
          ids.bytes(ids.u16());
          ids.u32();
          ++n;
        }
        r.absorb(ids);
        ByteReader binders = r.sub(2);
        v = count(n, "identities") + ", binders " + count(binders.left(), "bytes");
      } else {
        v = "selected identity " + std::to_string(r.u16());
      }
      break;
    case 42:  // early_data: empty, or max_early_data_size in a NewSessionTicket
      v = r.empty() ? "(empty)" : "max_early_data_size " + std::to_string(r.u32());
      break;
    case 43:  // supported_versions
      if (from_client) {
        ByteReader list = r.sub(1);
        v = list_of(list, version_item);
        r.absorb(list);
      } else {
        v = version_item(r);
      }
      break;
    case 44:  // cookie
      v = count(r.sub(2).left(), "bytes");
      break;
    case 45: {  // psk_key_exchange_modes
      ByteReader list = r.sub(1);
      v = list_of(list, [](ByteReader& e) {
        uint32_t m = e.u8();
        return m == 0 ? std::string("psk_ke") : m == 1 ? std::string("psk_dhe_ke")
                                                       : std::to_string(m);
      });
      r.absorb(list);
      break;
    }
    case 47: {  // certificate_authorities
      ByteReader list = r.sub(2);
      size_t n = 0;
      while (list.ok() && !list.empty()) {
        list.bytes(list.u16());
        ++n;
      }
      r.absorb(list);
      v = count(n, "names");
      break;
    }
    case 51:  // key_share
      if (from_client) {
        ByteReader list = r.sub(2);
        v = list_of(list, key_share_entry);
        r.absorb(list);
      } else if (hello_retry) {
        v = "selected " + group_item(r);
      } else {
        v = key_share_entry(r);
      }
      break;
    case 13172: {  // next_protocol_negotiation: the server's list
      if (r.empty()) return "(empty)";
      v = list_of(r, opaque8_item);
      break;
    }
    case 65281:  // renegotiation_info
      v = "renegotiated_connection " + count(r.sub(1).left(), "bytes");
      break;
    default:
      return r.empty() ? "(empty)" : "0x" + hex(r.rest());
  }
  if (!r.ok() || !r.empty()) v += " (malformed)";
  return v;
}

// The extensions block of a message: one line each.
std::string extension_lines(ByteReader& r, uint8_t type, bool hello_retry) {
  if (r.empty()) return "";
  std::string out;
  ByteReader list = r.sub(2);
  while (list.ok() && !list.empty()) {
    auto ext = static_cast<uint16_t>(list.u16());
    std::string_view body = list.bytes(list.u16());
    out += "    extension " + extension_name(ext) + " (" + std::to_string(ext) + "), " +
           count(body.size(), "bytes") + ": " +
           extension_value(ext, type, hello_retry, ByteReader(body)) + "\n";
  }
  r.absorb(list);
  return out;
}

// "subject CN=..., issuer CN=..." of one DER certificate.
std::string certificate_line(std::string_view der) {
  try {
    PeerCertificate cert = decode_der_certificate(ConstBuffer(der.data(), der.size()));
    return "subject " + distinguished_name(cert.subject) + "; issuer " +
           distinguished_name(cert.issuer);
  } catch (const std::exception& e) {
    return std::string("undecodable certificate: ") + e.what();
  }
}

}  // namespace

std::string_view alert_meaning(uint8_t description) {
  switch (description) {
    case 0: return "the sender closes the connection (no more data)";
    case 10: return "a message was not appropriate here";
    case 20: return "a record could not be authenticated (wrong keys or tampering)";
    case 22: return "a record was longer than allowed";
    case 40: return "no acceptable set of parameters (suite, group, signature...) was found";
    case 42: return "the certificate was corrupt or its signature did not verify";
    case 43: return "the certificate is of an unsupported type";
    case 44: return "the certificate was revoked by its issuer";
    case 45: return "the certificate has expired or is not yet valid";
    case 46: return "the certificate was rejected (unknown issue)";
    case 47: return "a field was out of range or inconsistent";
    case 48: return "the certificate chain does not lead to a trusted CA";
    case 49: return "access denied by policy after a valid certificate";
    case 50: return "a message could not be decoded (bad length or value)";
    case 51: return "a handshake signature or Finished did not verify";
    case 70: return "the protocol version is not supported";
    case 71: return "the parameters offered are weaker than the server requires";
    case 80: return "an internal error unrelated to the peer";
    case 86: return "an inappropriate downgrade was detected";
    case 90: return "the user cancelled the handshake";
    case 100: return "renegotiation is not supported";
    case 109: return "a required extension is missing";
    case 110: return "an extension was sent that the peer did not offer or allow";
    case 112: return "the server name (SNI) is not recognised";
    case 115: return "the PSK identity is unknown";
    case 116: return "a client certificate is required";
    case 120: return "no application protocol (ALPN) in common";
    default: return "(no description)";
  }
}

std::string MessageTrace::describe(const TLSMessage& m) {
  const char* arrow = m.sent ? ">>> " : "<<< ";
  if (m.content_type == 21) {
    ByteReader r(m.data);
    auto level = static_cast<uint8_t>(r.u8());
    auto description = static_cast<uint8_t>(r.u8());
    if (!r.ok()) return std::string(arrow) + "Alert (malformed: " + hex(m.data) + ")\n";
    return std::string(arrow) + "Alert " + alert_level_name(level) + " " +
           alert_description_name(description) + " (" + std::to_string(description) +
           "): " + std::string(alert_meaning(description)) + "\n";
  }
  if (m.content_type == 20) return std::string(arrow) + "ChangeCipherSpec\n";
  if (m.content_type == 22) return describe_handshake(m.sent, m.data);
  return std::string(arrow) + content_type_name(static_cast<uint8_t>(m.content_type)) + ", " +
         count(m.data.size(), "bytes") + "\n";
}

std::string MessageTrace::describe_handshake(bool sent, std::string_view message) {
  ByteReader header(message);
  auto type = static_cast<uint8_t>(header.u8());
  size_t length = header.u24();
  ByteReader r(header.rest());
  bool hello_retry = false;
  std::string lines;
  auto field = [&](const std::string& text) { lines += "    " + text + "\n"; };

  switch (type) {
    case kClientHello: {
      tls13_ = false;
      std::string version = version_item(r);
      r.bytes(32);
      std::string session_id = count(r.bytes(r.u8()).size(), "bytes");
      field("version " + version + ", random 32 bytes, session_id " + session_id);
      ByteReader suites = r.sub(2);
      field("cipher_suites: " + list_of(suites, [](ByteReader& e) {
              return cipher_suite_name(static_cast<uint16_t>(e.u16()));
            }));
      r.absorb(suites);
      field("compression_methods: " + count(r.sub(1).left(), "methods"));
      lines += extension_lines(r, type, false);
      break;
    }
    case kServerHello: {
      std::string version = version_item(r);
      std::string_view random = r.bytes(32);
      hello_retry = random == kHelloRetryRandom;
      std::string session_id = count(r.bytes(r.u8()).size(), "bytes");
      std::string suite = cipher_suite_name(static_cast<uint16_t>(r.u16()));
      r.u8();  // compression
      field("version " + version + (hello_retry ? ", HelloRetryRequest" : ", random 32 bytes") +
            ", session_id " + session_id + ", cipher_suite " + suite);
      std::string extensions = extension_lines(r, type, hello_retry);
      // RFC 8446 §4.2.1: supported_versions (43) in a ServerHello means TLS 1.3.
      tls13_ = extensions.find("supported_versions (43)") != std::string::npos;
      lines += extensions;
      break;
    }
    case kEncryptedExtensions:
      lines += extension_lines(r, type, false);
      break;
    case kNewSessionTicket:
      if (tls13_) {
        uint32_t lifetime = r.u32();
        r.u32();  // ticket_age_add
        size_t nonce = r.bytes(r.u8()).size();
        size_t ticket = r.bytes(r.u16()).size();
        field("lifetime " + std::to_string(lifetime) + " s, nonce " + count(nonce, "bytes") +
              ", ticket " + count(ticket, "bytes"));
        lines += extension_lines(r, type, false);
      } else {
        uint32_t lifetime = r.u32();
        field("lifetime hint " + std::to_string(lifetime) + " s, ticket " +
              count(r.bytes(r.u16()).size(), "bytes"));
      }
      break;
    case kCertificate: {
      if (tls13_) field("request_context " + count(r.bytes(r.u8()).size(), "bytes"));
      ByteReader list = r.sub(3);
      size_t n = 0;
      while (list.ok() && !list.empty()) {
        std::string_view der = list.bytes(list.u24());
        field("certificate " + std::to_string(n++) + ": " + count(der.size(), "bytes") + ", " +
              certificate_line(der));
        if (tls13_) lines += extension_lines(list, type, false);
      }
      r.absorb(list);
      if (n == 0) field("no certificate");
      break;
    }
    case kCertificateRequest:
      if (tls13_) {
        field("request_context " + count(r.bytes(r.u8()).size(), "bytes"));
        lines += extension_lines(r, type, false);
      } else {
        field("certificate_types " + count(r.sub(1).left(), "types"));
        ByteReader schemes = r.sub(2);
        field("signature_algorithms: " + list_of(schemes, scheme_item));
        r.absorb(schemes);
        field("certificate_authorities " + count(r.sub(2).left(), "bytes"));
      }
      break;
    case kServerKeyExchange: {
      uint32_t curve_type = r.u8();  // 3: named_curve (RFC 8422 §5.4)
      std::string group = group_item(r);
      size_t point = r.bytes(r.u8()).size();
      std::string scheme = scheme_item(r);
      size_t signature = r.bytes(r.u16()).size();
      field("curve_type " + std::to_string(curve_type) + ", group " + group + ", public key " +
            count(point, "bytes") + ", signed with " + scheme + " (" +
            count(signature, "bytes") + ")");
      break;
    }
    case kClientKeyExchange:
      field("public key " + count(r.bytes(r.u8()).size(), "bytes"));
      break;
    case kCertificateVerify: {
      std::string scheme = scheme_item(r);
      field("signed with " + scheme + " (" + count(r.bytes(r.u16()).size(), "bytes") + ")");
      break;
    }
    case kFinished:
      field("verify_data " + count(r.rest().size(), "bytes"));
      break;
    case kKeyUpdate:
      field(r.u8() == 1 ? "update_requested" : "update_not_requested");
      break;
    default:
      if (!r.empty()) field("0x" + hex(r.rest(), 32));
      break;
  }
  if (!header.ok() || !r.ok() || !r.empty() || length != message.size() - 4) {
    field("(malformed: the message does not parse as " + message_title(type) + ")");
  }
  std::string title = hello_retry ? "HelloRetryRequest" : message_title(type);
  return std::string(sent ? ">>> " : "<<< ") + title + " (" + handshake_type_name(type) + ", " +
         std::to_string(type) + "), " + count(length, "bytes") + "\n" + lines;
}

MsgCallback MessageTrace::callback_to_stderr() {
  struct Shared {
    std::mutex mutex;
    MessageTrace trace;
  };
  auto shared = std::make_shared<Shared>();
  return [shared](const TLSMessage& m) {
    std::lock_guard lock(shared->mutex);
    std::string text = shared->trace.describe(m);
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
  };
}

}  // namespace tlsock::cli
