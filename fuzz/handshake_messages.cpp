// Fuzzes every handshake message decoder and typed extension decoder. The first input byte
// picks the decoder, the rest is the body. Decoders must never read out of bounds or crash;
// every message that decodes must re-encode to exactly the bytes it came from (the codecs keep
// unknown values and order), and a TLS 1.3 message must pass or fail the §4.2 extension rules
// without crashing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "decoder_checks.hpp"
#include "handshake/extensions/alpn.hpp"
#include "handshake/extensions/certificate_authorities.hpp"
#include "handshake/extensions/cookie.hpp"
#include "handshake/extensions/early_data.hpp"
#include "handshake/extensions/extension_rules.hpp"
#include "handshake/extensions/key_share.hpp"
#include "handshake/extensions/pre_shared_key.hpp"
#include "handshake/extensions/psk_key_exchange_modes.hpp"
#include "handshake/extensions/record_size_limit.hpp"
#include "handshake/extensions/server_name.hpp"
#include "handshake/extensions/signature_algorithms.hpp"
#include "handshake/extensions/supported_groups.hpp"
#include "handshake/extensions/supported_versions.hpp"
#include "handshake/handshake_message.hpp"
#include "handshake/messages/certificate.hpp"
#include "handshake/messages/certificate_request.hpp"
#include "handshake/messages/certificate_verify.hpp"
#include "handshake/messages/client_hello.hpp"
#include "handshake/messages/encrypted_extensions.hpp"
#include "handshake/messages/end_of_early_data.hpp"
#include "handshake/messages/finished.hpp"
#include "handshake/messages/key_update.hpp"
#include "handshake/messages/new_session_ticket.hpp"
#include "handshake/messages/server_hello.hpp"

using namespace tlsock;

using fuzz::extension;
using fuzz::round_trip;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  ByteView body(data + 1, size - 1);
  switch (data[0] % 24) {
    case 0: {
      round_trip(body, ClientHello::decode);
      if (auto ch = ClientHello::decode(body)) {
        (void)check_extensions(ExtensionContext::client_hello, ch->extensions, nullptr);
      }
      break;
    }
    case 1: {
      round_trip(body, ServerHello::decode);
      if (auto sh = ServerHello::decode(body)) {
        (void)sh->is_hello_retry_request();
        (void)sh->has_downgrade_sentinel();
        (void)check_extensions(ExtensionContext::server_hello, sh->extensions, &sh->extensions);
      }
      break;
    }
    case 2: round_trip(body, EncryptedExtensions::decode); break;
    case 3: round_trip(body, Certificate13::decode); break;
    case 4: round_trip(body, Certificate12::decode); break;
    case 5: round_trip(body, CertificateRequest13::decode); break;
    case 6: round_trip(body, CertificateRequest12::decode); break;
    case 7: round_trip(body, CertificateVerify::decode); break;
    case 8: round_trip(body, [](ByteView b) { return Finished::decode(b, b.size()); }); break;
    case 9: round_trip(body, NewSessionTicket13::decode); break;
    case 10: round_trip(body, NewSessionTicket12::decode); break;
    case 11: round_trip(body, KeyUpdate::decode); break;
    case 12: round_trip(body, EndOfEarlyData::decode); break;
    case 13: (void)decode_handshake_message(body); break;
    case 14: extension(body, ServerNameList::decode); break;
    case 15: extension(body, SupportedGroups::decode); break;
    case 16: extension(body, [](ByteView b) { return SignatureSchemeList::decode(b); }); break;
    case 17:
      extension(body, KeyShareClientHello::decode);
      extension(body, KeyShareServerHello::decode);
      extension(body, KeyShareHelloRetryRequest::decode);
      break;
    case 18:
      extension(body, SupportedVersionsClientHello::decode);
      extension(body, SupportedVersionsServerHello::decode);
      break;
    case 19:
      extension(body, OfferedPsks::decode);
      extension(body, PreSharedKeyServerHello::decode);
      extension(body, PskKeyExchangeModes::decode);
      break;
    case 20: extension(body, ProtocolNameList::decode); (void)ProtocolNameList::decode_selected(body); break;
    case 21: extension(body, Cookie::decode); extension(body, EarlyDataTicket::decode); break;
    case 22: extension(body, RecordSizeLimit::decode); break;
    case 23: extension(body, CertificateAuthorities::decode); break;
  }
  return 0;
}
