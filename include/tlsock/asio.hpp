// tlsock::asio::stream<NextLayer>: TLS over an Asio stream (a tcp::socket, a beast::tcp_stream),
// for Boost.Asio and Boost.Beast, as boost::asio::ssl::stream is over OpenSSL. Header-only,
// over the public SSLObject + MemoryBIO API: the library itself does not depend on Boost, and
// this header is usable only where Boost (1.74 or later) is installed.
//
//   boost::asio::ip::tcp::socket sock(io);
//   tlsock::asio::stream<boost::asio::ip::tcp::socket> tls(std::move(sock), ctx,
//                                                         {.server_hostname = "example.com"});
//   co_await tls.async_handshake(tlsock::asio::stream_base::client, boost::asio::use_awaitable);
//
// How it works
// - Every operation is one loop (an Asio composed operation for the async forms, so any
//   completion token works: callbacks, use_awaitable, use_future): call the SSLObject; send
//   what it wrote to the outgoing BIO; when it raised SSLWantReadError, read once from the
//   next layer into the incoming BIO and call again.
// - As with ssl::stream, one read and one write may be outstanding at a time (after the
//   handshake), and the stream is not thread-safe: run its operations on one thread or strand.
//   Writes to the next layer are never interleaved: an operation that finds another one
//   sending leaves its bytes in the outgoing BIO, and the sender drains the BIO before it
//   stops (a write_some can then complete before its bytes are on the wire).
// - Cancellation and timeouts go through the next layer, Asio's usual way: cancel() or close()
//   the socket (from a steady_timer for a deadline) and the pending operation completes with
//   boost::asio::error::operation_aborted (or bad_descriptor).
// - Errors are boost::system::error_code. TLS failures are in tlsock::asio::error_category():
//   a TCP EOF without close_notify is error::stream_truncated (ssl::error::stream_truncated's
//   equivalent), a failed certificate check error::certificate_verify_failed, any other TLS
//   failure error::ssl_error; the peer's close_notify is boost::asio::error::eof. The full
//   text of the last failure (Python's str(e), with the verification reason) is kept in
//   last_error_message(), the exception itself in last_exception().
#pragma once

// Before any Boost header: Boost 1.74's awaitable.hpp (pulled in by <boost/asio.hpp>) uses
// std::exchange without including <utility>, so include this header first.
#include <utility>

#include <boost/asio/async_result.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/error_code.hpp>

#include <algorithm>
#include <cstddef>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "tlsock/errors.hpp"
#include "tlsock/memory_bio.hpp"
#include "tlsock/ssl_context.hpp"
#include "tlsock/ssl_object.hpp"

namespace tlsock::asio {

enum class error {
  stream_truncated = 1,       // the peer closed the transport without close_notify
  certificate_verify_failed,  // the peer's certificate chain or name did not verify
  ssl_error,                  // any other TLS failure (an alert sent or received, bad input)
};

class error_category_impl : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "tlsock"; }
  std::string message(int value) const override {
    switch (static_cast<error>(value)) {
      case error::stream_truncated: return "stream truncated";
      case error::certificate_verify_failed: return "certificate verify failed";
      case error::ssl_error: return "TLS error";
    }
    return "unknown tlsock error";
  }
};

inline const boost::system::error_category& error_category() noexcept {
  static const error_category_impl category;
  return category;
}

inline boost::system::error_code make_error_code(error e) noexcept {
  return {static_cast<int>(e), error_category()};
}

}  // namespace tlsock::asio

template <>
struct boost::system::is_error_code_enum<tlsock::asio::error> : std::true_type {};

namespace tlsock::asio {

// The roles of handshake(), spelled as boost::asio::ssl::stream_base spells them.
struct stream_base {
  enum handshake_type { client, server };
};

namespace detail {

// What one call into the SSLObject asks for next.
struct step_result {
  bool want_input = false;  // SSLWantReadError: read from the next layer, then call again
  std::size_t bytes = 0;
  boost::system::error_code ec;
};

// The asynchronous loop of the header comment. Step is `std::size_t(SSLObject&)`; WithBytes
// says whether the handler takes the byte count (read/write) or only the error (handshake,
// shutdown).
template <typename Stream, typename Step, bool WithBytes>
class io_op {
 public:
  io_op(Stream& stream, Step step) : stream_(stream), step_(std::move(step)) {}

  template <typename Self>
  void operator()(Self& self, boost::system::error_code ec = {}, std::size_t n = 0) {
    switch (phase_) {
      case phase::starting:
        break;
      case phase::sending:
        stream_.sending_ = false;
        if (ec) return complete(self, ec, 0);
        return proceed(self);
      case phase::receiving:
        if (ec && ec != boost::asio::error::eof) return complete(self, ec, 0);
        stream_.take_input(ec, n);
        break;
      case phase::posted:
        return complete(self, result_.ec, result_.bytes);
    }
    result_ = stream_.run_step(step_);
    proceed(self);
  }

 private:
  enum class phase { starting, sending, receiving, posted };

  // After a step: send its output, then read if it wants input, else complete.
  template <typename Self>
  void proceed(Self& self) {
    if (stream_.outgoing_.pending() > 0 && !stream_.sending_) {
      stream_.sending_ = true;
      stream_.send_buffer_ = stream_.outgoing_.read();
      phase_ = phase::sending;
      went_async_ = true;
      boost::asio::async_write(stream_.next_layer_, boost::asio::buffer(stream_.send_buffer_),
                               std::move(self));
      return;
    }
    if (result_.want_input) {
      phase_ = phase::receiving;
      went_async_ = true;
      stream_.next_layer_.async_read_some(boost::asio::buffer(stream_.receive_buffer_),
                                          std::move(self));
      return;
    }
    complete(self, result_.ec, result_.bytes);
  }

  // A result known before any I/O (buffered plaintext, an error) is posted, so that a handler
  // never runs inside the initiating call.
  template <typename Self>
  void complete(Self& self, boost::system::error_code ec, std::size_t n) {
    if (!went_async_) {
      result_ = {false, n, ec};
      phase_ = phase::posted;
      went_async_ = true;
      boost::asio::post(stream_.get_executor(), std::move(self));
      return;
    }
    if constexpr (WithBytes) {
      self.complete(ec, n);
    } else {
      self.complete(ec);
    }
  }

  Stream& stream_;
  Step step_;
  phase phase_ = phase::starting;
  step_result result_;
  bool went_async_ = false;
};

}  // namespace detail

template <typename NextLayer>
class stream : public stream_base {
 public:
  using next_layer_type = std::remove_reference_t<NextLayer>;
  using executor_type = typename next_layer_type::executor_type;

  // The SSLObject is made at the first handshake (or ssl_object() call) from `context` and
  // `options` (server_hostname, session); its role is handshake()'s, or before that
  // options.server_side, or server when the context is PROTOCOL_TLS_SERVER.
  template <typename Arg>
  stream(Arg&& next_layer, SSLContext context, WrapBioOptions options = {})
      : next_layer_(std::forward<Arg>(next_layer)),
        context_(std::move(context)),
        options_(std::move(options)),
        receive_buffer_(kReceiveBufferSize) {}

  stream(stream&&) = default;

  executor_type get_executor() noexcept { return next_layer_.get_executor(); }
  next_layer_type& next_layer() noexcept { return next_layer_; }
  const next_layer_type& next_layer() const noexcept { return next_layer_; }
  decltype(auto) lowest_layer()
    requires requires(next_layer_type& n) { n.lowest_layer(); }
  {
    return next_layer_.lowest_layer();
  }

  // The TLS connection: version(), cipher(), selected_alpn_protocol(), getpeercert(),
  // session(), ... Its I/O methods must not be called while an operation is outstanding.
  SSLObject& ssl_object() {
    if (!tls_) wrap(options_.server_side || context_.protocol() == PROTOCOL_TLS_SERVER);
    return *tls_;
  }

  // The text of the last failure (what() of the exception the SSLObject raised), e.g.
  // "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer
  // certificate (...)"; empty when none failed.
  const std::string& last_error_message() const noexcept { return last_error_message_; }
  std::exception_ptr last_exception() const noexcept { return last_exception_; }

  // --- synchronous operations (SyncReadStream / SyncWriteStream) -----------------------------
  // Each without an error_code argument throws boost::system::system_error instead.
  void handshake(handshake_type type) {
    or_throw([&](boost::system::error_code& ec) { return handshake(type, ec); });
  }
  boost::system::error_code handshake(handshake_type type, boost::system::error_code& ec) {
    run_sync(handshake_step(type), ec);
    return ec;
  }

  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers) {
    return or_throw([&](boost::system::error_code& ec) { return read_some(buffers, ec); });
  }
  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers, boost::system::error_code& ec) {
    return run_sync(read_step(first_buffer(buffers)), ec);
  }

  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers) {
    return or_throw([&](boost::system::error_code& ec) { return write_some(buffers, ec); });
  }
  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers, boost::system::error_code& ec) {
    return run_sync(write_step(buffers), ec);
  }

  // Sends close_notify and waits for the peer's (SSLObject::unwrap()). The next layer stays
  // open: closing it is the caller's.
  void shutdown() {
    or_throw([&](boost::system::error_code& ec) { return shutdown(ec); });
  }
  boost::system::error_code shutdown(boost::system::error_code& ec) {
    run_sync(shutdown_step(), ec);
    return ec;
  }

  // --- asynchronous operations (AsyncReadStream / AsyncWriteStream) --------------------------
  template <typename Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_handshake(handshake_type type,
                       Token&& token = boost::asio::default_completion_token_t<executor_type>()) {
    return start<false, void(boost::system::error_code)>(handshake_step(type),
                                                          std::forward<Token>(token));
  }

  template <typename MutableBufferSequence,
            typename Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_read_some(const MutableBufferSequence& buffers,
                       Token&& token = boost::asio::default_completion_token_t<executor_type>()) {
    return start<true, void(boost::system::error_code, std::size_t)>(
        read_step(first_buffer(buffers)), std::forward<Token>(token));
  }

  template <typename ConstBufferSequence,
            typename Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_write_some(const ConstBufferSequence& buffers,
                        Token&& token = boost::asio::default_completion_token_t<executor_type>()) {
    return start<true, void(boost::system::error_code, std::size_t)>(
        write_step(buffers), std::forward<Token>(token));
  }

  template <typename Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_shutdown(Token&& token = boost::asio::default_completion_token_t<executor_type>()) {
    return start<false, void(boost::system::error_code)>(shutdown_step(),
                                                          std::forward<Token>(token));
  }

 private:
  template <typename, typename, bool>
  friend class detail::io_op;

  // A few TLS records per read of the next layer (RFC 8446 §5.1: at most 2^14 bytes of
  // plaintext per record); a write_some encrypts at most kMaxWrite bytes.
  static constexpr std::size_t kReceiveBufferSize = 64 * 1024;
  static constexpr std::size_t kMaxWrite = 64 * 1024;

  template <typename Call>
  static auto or_throw(Call call) {
    boost::system::error_code ec;
    auto result = call(ec);
    if (ec) throw boost::system::system_error(ec);
    return result;
  }

  void wrap(bool server_side) {
    WrapBioOptions options = options_;
    options.server_side = server_side;
    tls_.reset();
    tls_.emplace(context_.wrap_bio(incoming_, outgoing_, options));
  }

  template <typename MutableBufferSequence>
  static boost::asio::mutable_buffer first_buffer(const MutableBufferSequence& buffers) {
    for (auto it = boost::asio::buffer_sequence_begin(buffers);
         it != boost::asio::buffer_sequence_end(buffers); ++it) {
      boost::asio::mutable_buffer b(*it);
      if (b.size() > 0) return b;
    }
    return {};
  }

  // The steps: each calls the SSLObject once and may raise what it raises.
  auto handshake_step(handshake_type type) {
    return [type](stream& s) -> std::size_t {
      const bool server_side = type == server;
      if (!s.tls_ || s.tls_->server_side() != server_side) s.wrap(server_side);
      s.tls_->do_handshake();
      return 0;
    };
  }
  auto read_step(boost::asio::mutable_buffer buffer) {
    return [buffer](stream& s) -> std::size_t {
      if (buffer.size() == 0) return 0;
      std::size_t n = s.ssl_object().read(MutableBuffer(buffer.data(), buffer.size()));
      if (n == 0) throw SSLZeroReturnError();  // the peer's close_notify
      return n;
    };
  }
  // The plaintext is gathered once, so that a retry after SSLWantReadError passes the same
  // bytes (SSLObject::write's rule).
  template <typename ConstBufferSequence>
  auto write_step(const ConstBufferSequence& buffers) {
    write_buffer_.resize(std::min(boost::asio::buffer_size(buffers), kMaxWrite));
    boost::asio::buffer_copy(boost::asio::buffer(write_buffer_), buffers);
    return [](stream& s) -> std::size_t { return s.ssl_object().write(s.write_buffer_); };
  }
  auto shutdown_step() {
    return [](stream& s) -> std::size_t {
      s.ssl_object().unwrap();
      return 0;
    };
  }

  // Calls step once and sorts what it raised into "wants input" or an error_code.
  template <typename Step>
  detail::step_result run_step(Step& step) {
    detail::step_result result;
    try {
      result.bytes = step(*this);
      return result;
    } catch (const SSLWantReadError&) {
      result.want_input = true;
      return result;
    } catch (const SSLZeroReturnError&) {
      result.ec = boost::asio::error::eof;
      return result;
    } catch (const SSLEOFError& e) {
      result.ec = failed(e, error::stream_truncated);
    } catch (const SSLCertVerificationError& e) {
      result.ec = failed(e, error::certificate_verify_failed);
    } catch (const SSLError& e) {
      result.ec = failed(e, error::ssl_error);
    } catch (const std::system_error& e) {
      result.ec = failed(e, e.code().category() == std::generic_category()
                                ? boost::system::error_code(e.code().value(),
                                                            boost::system::generic_category())
                                : make_error_code(error::ssl_error));
    } catch (const std::logic_error& e) {  // std::invalid_argument from a misuse of the API
      result.ec = failed(e, make_error_code(boost::system::errc::invalid_argument));
    }
    return result;
  }

  boost::system::error_code failed(const std::exception& e, boost::system::error_code ec) {
    last_error_message_ = e.what();
    last_exception_ = std::current_exception();
    return ec;
  }

  // What a read of the next layer brought: bytes, or its end (ec == eof).
  void take_input(const boost::system::error_code& ec, std::size_t n) {
    if (ec == boost::asio::error::eof) {
      incoming_.write_eof();
    } else {
      incoming_.write(ConstBuffer(receive_buffer_.data(), n));
    }
  }

  template <typename Step>
  std::size_t run_sync(Step step, boost::system::error_code& ec) {
    for (;;) {
      detail::step_result result = run_step(step);
      if (outgoing_.pending() > 0) {
        std::string out = outgoing_.read();
        boost::asio::write(next_layer_, boost::asio::buffer(out), ec);
        if (ec) return 0;
      }
      if (!result.want_input) {
        ec = result.ec;
        return result.bytes;
      }
      std::size_t n = next_layer_.read_some(boost::asio::buffer(receive_buffer_), ec);
      if (ec && ec != boost::asio::error::eof) return 0;
      take_input(ec, n);
    }
  }

  template <bool WithBytes, typename Signature, typename Step, typename Token>
  auto start(Step step, Token&& token) {
    return boost::asio::async_compose<Token, Signature>(
        detail::io_op<stream, Step, WithBytes>(*this, std::move(step)), token, next_layer_);
  }

  NextLayer next_layer_;
  SSLContext context_;
  WrapBioOptions options_;
  MemoryBIO incoming_;
  MemoryBIO outgoing_;
  std::optional<SSLObject> tls_;
  std::vector<char> receive_buffer_;
  std::string send_buffer_;   // what the outstanding write of the next layer is sending
  bool sending_ = false;      // a write of the next layer is outstanding
  std::string write_buffer_;  // the plaintext of the outstanding write_some
  std::string last_error_message_;
  std::exception_ptr last_exception_;
};

}  // namespace tlsock::asio
