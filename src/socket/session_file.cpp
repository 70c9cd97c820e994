// session_to_pem / session_from_pem (tlsock/session_file.hpp): PEM around the handshake's
// encoding of a saved session (handshake/saved_session.hpp), bound to a context on reading.
// Every buffer that held the secret is wiped.
#include "tlsock/session_file.hpp"

#include <memory>
#include <stdexcept>

#include "common/codec.hpp"
#include "handshake/saved_session.hpp"
#include "socket/ssl_session_state.hpp"
#include "x509/pem.hpp"

namespace tlsock {

namespace {

constexpr std::string_view kLabel = "TLSOCK SESSION";

// A buffer that wipes itself (the encoding holds the secret).
struct WipedBytes {
  Bytes bytes;
  ~WipedBytes() { secure_wipe(bytes.data(), bytes.size()); }
};

}  // namespace

std::string session_to_pem(const SSLSession& session) {
  WipedBytes body;
  Writer w(body.bytes);
  Status st = encode_saved_session(detail::SessionAccess::state(session), w);
  if (!st) throw std::invalid_argument("session cannot be saved: " + st.error().detail);
  return x509::pem_encode(kLabel, body.bytes);
}

SSLSession session_from_pem(const SSLContext& context, std::string_view pem) {
  auto blocks = x509::pem_decode_label(pem, kLabel);
  if (!blocks || blocks->size() != 1) {
    throw std::invalid_argument("not a tlsock session (one TLSOCK SESSION PEM block expected)");
  }
  WipedBytes body{std::move(blocks->front())};
  auto saved = decode_saved_session(body.bytes);
  if (!saved) throw std::invalid_argument("not a tlsock session: " + saved.error().detail);
  auto state = std::make_shared<detail::SessionState>();
  static_cast<SavedSession&>(*state) = std::move(*saved);
  state->context = context;
  return detail::SessionAccess::make(std::move(state));
}

}  // namespace tlsock
