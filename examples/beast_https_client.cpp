// An HTTPS GET with Boost.Beast over tlsock::asio::stream, using the synchronous calls.
//   beast_https_client URL [CAFILE]     (URL: https://host[:port][/path]; without CAFILE the
//                                        system's trust store)
// Prints the body on stdout; exits 0 for a 200 response.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <tlsock/asio.hpp>
#include <tlsock/tlsock.hpp>

#include <iostream>
#include <optional>
#include <string>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct Url {
  std::string host, port, target;
};

// https://host[:port][/path]; nullopt for anything else.
std::optional<Url> parse_url(const std::string& url) {
  const std::string scheme = "https://";
  if (url.rfind(scheme, 0) != 0) return std::nullopt;
  const std::string rest = url.substr(scheme.size());
  const size_t slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  Url parsed{authority, "443", slash == std::string::npos ? "/" : rest.substr(slash)};
  if (const size_t colon = authority.rfind(':'); colon != std::string::npos) {
    parsed.host = authority.substr(0, colon);
    parsed.port = authority.substr(colon + 1);
  }
  if (parsed.host.empty() || parsed.port.empty()) return std::nullopt;
  return parsed;
}

int main(int argc, char** argv) {
  std::optional<Url> url = argc == 2 || argc == 3 ? parse_url(argv[1]) : std::nullopt;
  if (!url) {
    std::cerr << "usage: beast_https_client https://host[:port][/path] [CAFILE]\n";
    return 2;
  }
  try {
    tlsock::SSLContext context = tlsock::create_default_context(
        tlsock::Purpose::SERVER_AUTH,
        argc == 3 ? tlsock::VerifyLocations{.cafile = argv[2]} : tlsock::VerifyLocations{});
    net::io_context io;
    tlsock::asio::stream<net::ip::tcp::socket> stream(net::ip::tcp::socket(io), context,
                                                      {.server_hostname = url->host});
    net::connect(stream.next_layer(), net::ip::tcp::resolver(io).resolve(url->host, url->port));
    boost::system::error_code ec;
    if (stream.handshake(tlsock::asio::stream_base::client, ec)) {
      std::cerr << "error: " << ec.message() << ": " << stream.last_error_message() << "\n";
      return 1;
    }

    http::request<http::empty_body> request{http::verb::get, url->target, 11};
    request.set(http::field::host, url->host);
    request.set(http::field::user_agent, "tlsock beast_https_client");
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    std::cout << response.body();

    stream.shutdown(ec);  // a server that already closed gives an error here: not ours to fix
    return response.result() == http::status::ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
