#include "tlsock/ssl_object.hpp"

#include <stdexcept>
#include <utility>

#include "socket/tls_driver.hpp"
#include "tlsock/errors.hpp"

namespace tlsock {
namespace {

// The MemoryBIO pair as the driver's transport: output never blocks (the BIO is unbounded),
// input is what the incoming BIO holds, EOF once write_eof() was called and it is drained.
class BioTransport final : public detail::TlsTransport {
 public:
  BioTransport(MemoryBIO incoming, MemoryBIO outgoing)
      : incoming_(std::move(incoming)), outgoing_(std::move(outgoing)) {}

  std::optional<size_t> send(ByteView data) override {
    return outgoing_.write(ConstBuffer(data.data(), data.size()));
  }
  std::optional<size_t> send_now(ByteView data) override { return send(data); }
  std::optional<size_t> recv(MutableByteView out) override {
    if (incoming_.pending() == 0) {
      if (incoming_.eof()) return 0;
      return std::nullopt;
    }
    return incoming_.read_into(MutableBuffer(out.data(), out.size()));
  }
  void discard_available() noexcept override {}  // a BIO has no connection to reset
  // The outgoing BIO always takes everything, so nothing waits to be written.
  Ready wait(bool or_writable) override {
    if (incoming_.pending() != 0 || incoming_.eof()) return Ready::read;
    return or_writable ? Ready::write : Ready::none;
  }

 private:
  MemoryBIO incoming_;
  MemoryBIO outgoing_;
};

}  // namespace

SSLObject SSLContext::wrap_bio(const MemoryBIO& incoming, const MemoryBIO& outgoing,
                               const WrapBioOptions& options) {
  return SSLObject(*this, incoming, outgoing, options);
}

SSLObject::SSLObject(const SSLContext& context, MemoryBIO incoming, MemoryBIO outgoing,
                     const WrapBioOptions& options)
    : SSLConnection(context, options.server_side, options.server_hostname, options.session),
      incoming_(std::move(incoming)),
      outgoing_(std::move(outgoing)) {
  start_tls();
}

SSLObject::SSLObject(SSLObject&&) noexcept = default;
SSLObject& SSLObject::operator=(SSLObject&&) noexcept = default;
SSLObject::~SSLObject() = default;

void SSLObject::do_handshake() {
  BioTransport transport(incoming_, outgoing_);
  tls()->do_handshake(transport);
}

std::string SSLObject::read(std::ptrdiff_t len) {
  if (len < 0) throw std::invalid_argument("size should not be negative");
  std::string out(static_cast<size_t>(len), '\0');
  out.resize(read(MutableBuffer(out.data(), out.size()), len));
  return out;
}

size_t SSLObject::read(MutableBuffer buffer, std::ptrdiff_t len) {
  if (len > 0 && static_cast<size_t>(len) < buffer.size()) buffer = buffer.first(static_cast<size_t>(len));
  if (buffer.empty()) return 0;
  BioTransport transport(incoming_, outgoing_);
  // suppress_ragged_eofs never applies to SSLObject: a bare EOF is SSLEOFError.
  return tls()->read(transport,
                     MutableByteView(reinterpret_cast<uint8_t*>(buffer.data()), buffer.size()),
                     false);
}

size_t SSLObject::write(ConstBuffer data) {
  if (data.empty()) return 0;
  BioTransport transport(incoming_, outgoing_);
  return tls()->write(transport,
                      ByteView(reinterpret_cast<const uint8_t*>(data.data()), data.size()));
}

void SSLObject::unwrap() {
  BioTransport transport(incoming_, outgoing_);
  // Bytes after the peer's close_notify are not TLS: they stay in the incoming BIO, unread.
  tls()->unwrap(transport);
}

}  // namespace tlsock
