// examples/beast_https_server over boost::asio::ssl::stream (OpenSSL) instead of
// tlsock::asio::stream: the same server (examples/beast_https_server.hpp), the same
// certificate and ALPN, so that bench/compare/beast_h2load.sh compares the TLS stacks alone.
//   beast_openssl_server CERT KEY PORT    (PORT 0: the system picks one; "port N" is printed)
#include <utility>  // before Boost 1.74's awaitable.hpp, which uses std::exchange without it

#include <boost/asio/ssl.hpp>
#include <openssl/ssl.h>

#include "beast_https_server.hpp"

namespace ssl = boost::asio::ssl;
using tls_stream = ssl::stream<boost::beast::tcp_stream>;

namespace {

// ALPN "http/1.1" as the tlsock server offers it (set_alpn_protocols): chosen when the client
// offers it, no ALPN otherwise.
int select_http11(SSL*, const unsigned char** out, unsigned char* outlen, const unsigned char* in,
                  unsigned int inlen, void*) {
  static const unsigned char ours[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
  unsigned char* chosen = nullptr;
  if (SSL_select_next_proto(&chosen, outlen, ours, sizeof ours, in, inlen) != OPENSSL_NPN_NEGOTIATED)
    return SSL_TLSEXT_ERR_NOACK;
  *out = chosen;
  return SSL_TLSEXT_ERR_OK;
}

}  // namespace

int main(int argc, char** argv) {
  return beast_https_server::server_main<tls_stream>(
      argc, argv, "beast_openssl_server", [](const char* cert, const char* key) {
        ssl::context context(ssl::context::tls_server);
        context.use_certificate_chain_file(cert);
        context.use_private_key_file(key, ssl::context::pem);
        SSL_CTX_set_alpn_select_cb(context.native_handle(), select_http11, nullptr);
        return context;
      });
}
