// Fuzzes the TLS 1.2-only message and extension decoders. The first input byte picks the
// decoder, the rest is the body. Decoders must never read out of bounds or crash; a message
// that decodes must re-encode to exactly the bytes it came from (NextProtocol keeps its
// padding as received), and an extension that decodes must encode again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "decoder_checks.hpp"
#include "handshake/extensions/ec_point_formats.hpp"
#include "handshake/extensions/extension_rules_12.hpp"
#include "handshake/extensions/max_fragment_length.hpp"
#include "handshake/extensions/next_protocol_negotiation.hpp"
#include "handshake/extensions/renegotiation_info.hpp"
#include "handshake/handshake_message.hpp"
#include "handshake/messages/client_key_exchange.hpp"
#include "handshake/messages/hello_request.hpp"
#include "handshake/messages/next_protocol.hpp"
#include "handshake/messages/server_hello_done.hpp"
#include "handshake/messages/server_key_exchange.hpp"
#include "handshake/session_12.hpp"

using namespace tlsock;

using fuzz::extension;
using fuzz::round_trip;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  ByteView body(data + 1, size - 1);
  switch (data[0] % 10) {
    case 0: round_trip(body, [](ByteView b) { return ServerKeyExchangeEcdhe::decode(b); }); break;
    case 1: round_trip(body, [](ByteView b) { return ClientKeyExchangeEcdhe::decode(b); }); break;
    case 2: round_trip(body, [](ByteView b) { return HelloRequest::decode(b); }); break;
    case 3: round_trip(body, [](ByteView b) { return ServerHelloDone::decode(b); }); break;
    case 4: round_trip(body, [](ByteView b) { return NextProtocol::decode(b); }); break;
    case 5: extension(body, [](ByteView b) { return RenegotiationInfo::decode(b); }); break;
    case 6: extension(body, [](ByteView b) { return EcPointFormats::decode(b); }); break;
    // Names the server sends are 1..255 bytes, so what decodes also encodes.
    case 7: extension(body, [](ByteView b) { return NextProtocolNegotiationServer::decode(b); }); break;
    case 8: extension(body, [](ByteView b) { return MaxFragmentLength::decode(b); }); break;
    case 9: {
      // A sealed ticket's plaintext (what a forged-but-authentic ticket could hold), and the
      // 1.2 ServerHello rules over an arbitrary extension block.
      auto s = Session12::decode(body);
      if (s.ok() && !s->encode().ok()) std::abort();
      auto exts = Extensions::decode(body, "fuzz");
      if (exts.ok()) (void)check_server_hello_extensions_12(*exts, *exts);
      break;
    }
  }
  return 0;
}
