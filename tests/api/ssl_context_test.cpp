// SSLContext's constructor and attributes: ports of CPython's ContextTests (test_ssl.py,
// each TEST_CASE named after its test), plus what C++ adds (handles, the engine's snapshot).
#include <doctest/doctest.h>

#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>

#include "socket/ssl_context_config.hpp"
#include "tlsock/tlsock.hpp"

using namespace tlsock;

namespace {

template <typename F>
std::string invalid_argument_message(F f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "<no std::invalid_argument>";
}

template <typename F>
std::string ssl_error_message(F f) {
  try {
    f();
  } catch (const SSLError& e) {
    return e.what();
  }
  return "<no SSLError>";
}

// Python's TypeError for set_ecdh_curve(None) is a compile error here.
template <typename T>
concept EcdhCurveArgument = requires(SSLContext& c, T t) { c.set_ecdh_curve(t); };

constexpr Options kPythonDefaultOptions =
    OP_ALL | OP_NO_SSLv2 | OP_NO_SSLv3 | OP_NO_COMPRESSION | OP_CIPHER_SERVER_PREFERENCE |
    OP_SINGLE_DH_USE | OP_SINGLE_ECDH_USE | OP_ENABLE_MIDDLEBOX_COMPAT;

}  // namespace

TEST_CASE("test_constructor") {
  for (SSLMethod protocol :
       {PROTOCOL_TLS, PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER, PROTOCOL_TLSv1_2}) {
    SSLContext ctx(protocol);
    CHECK(ctx.protocol() == protocol);
  }
  SSLContext ctx;
  CHECK(ctx.protocol() == PROTOCOL_TLS);
  CHECK(invalid_argument_message([] { SSLContext(-1); }) ==
        "invalid or unsupported protocol version -1");
  CHECK(invalid_argument_message([] { SSLContext(42); }) ==
        "invalid or unsupported protocol version 42");
  // HAS_TLSv1 and HAS_TLSv1_1 are false: their fixed-version methods do not exist.
  CHECK_THROWS_AS((void)SSLContext(PROTOCOL_TLSv1), std::invalid_argument);
  CHECK_THROWS_AS((void)SSLContext(PROTOCOL_TLSv1_1), std::invalid_argument);
  static_assert(std::is_same_v<decltype(ctx.protocol()), SSLMethod>);
}

TEST_CASE("test_context_client_server") {
  SSLContext client(PROTOCOL_TLS_CLIENT);
  CHECK(client.check_hostname());
  CHECK(client.verify_mode() == CERT_REQUIRED);
  SSLContext server(PROTOCOL_TLS_SERVER);
  CHECK_FALSE(server.check_hostname());
  CHECK(server.verify_mode() == CERT_NONE);
}

TEST_CASE("defaults shared by every protocol") {
  for (SSLMethod protocol : {PROTOCOL_TLS, PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER}) {
    SSLContext ctx(protocol);
    CHECK(ctx.options() == kPythonDefaultOptions);
    CHECK(ctx.minimum_version() == TLSVersion::TLSv1_2);
    CHECK(ctx.maximum_version() == TLSVersion::MAXIMUM_SUPPORTED);
    CHECK(ctx.verify_flags() == VERIFY_X509_TRUSTED_FIRST);
    CHECK_FALSE(ctx.post_handshake_auth());
    CHECK(ctx.num_tickets() == 2);
    CHECK(ctx.keylog_filename() == std::nullopt);
    CHECK_FALSE(ctx.sni_callback().has_value());
    CHECK(ctx.hostname_checks_common_name());
    CHECK(ctx.security_level() == 2);
  }
  SSLContext fixed(PROTOCOL_TLSv1_2);
  CHECK(fixed.verify_mode() == CERT_NONE);
  CHECK_FALSE(fixed.check_hostname());
  CHECK(fixed.minimum_version() == TLSVersion::MINIMUM_SUPPORTED);
  CHECK(fixed.maximum_version() == TLSVersion::MAXIMUM_SUPPORTED);
}

TEST_CASE("test_verify_mode_protocol") {
  SSLContext ctx(PROTOCOL_TLS);
  CHECK(ctx.verify_mode() == CERT_NONE);
  ctx.set_verify_mode(CERT_OPTIONAL);
  CHECK(ctx.verify_mode() == CERT_OPTIONAL);
  ctx.set_verify_mode(CERT_REQUIRED);
  CHECK(ctx.verify_mode() == CERT_REQUIRED);
  ctx.set_verify_mode(CERT_NONE);
  CHECK(ctx.verify_mode() == CERT_NONE);
  // verify_mode = None is a TypeError: here it does not compile.
  static_assert(!std::is_invocable_v<decltype(&SSLContext::set_verify_mode), SSLContext&,
                                     std::nullptr_t>);
  CHECK(invalid_argument_message([&] { ctx.set_verify_mode(static_cast<VerifyMode>(42)); }) ==
        "invalid value for verify_mode");

  SSLContext client(PROTOCOL_TLS_CLIENT);
  CHECK(client.verify_mode() == CERT_REQUIRED);
  CHECK(client.check_hostname());
  SSLContext server(PROTOCOL_TLS_SERVER);
  CHECK(server.verify_mode() == CERT_NONE);
  CHECK_FALSE(server.check_hostname());
}

TEST_CASE("test_options") {
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  const Options defaults = kPythonDefaultOptions;
  CHECK(ctx.options() == defaults);
  ctx.set_options(ctx.options() | OP_NO_TLSv1);
  CHECK(ctx.options() == (defaults | OP_NO_TLSv1));
  ctx.set_options(ctx.options() & ~OP_NO_TLSv1);
  CHECK(ctx.options() == defaults);
  ctx.set_options(Options{});
  CHECK((ctx.options() & ~OP_NO_SSLv3) == 0);
  // -1, 2**100 and "abc" cannot be an Options: the errors Python raises at run time are
  // compile errors here.
  static_assert(!std::is_invocable_v<decltype(&SSLContext::set_options), SSLContext&, int>);
  static_assert(!std::is_invocable_v<decltype(&SSLContext::set_options), SSLContext&,
                                     const char*>);
}

TEST_CASE("test_check_hostname") {
  SSLContext ctx(PROTOCOL_TLS);
  CHECK_FALSE(ctx.check_hostname());
  CHECK(ctx.verify_mode() == CERT_NONE);

  // Auto set CERT_REQUIRED
  ctx.set_check_hostname(true);
  CHECK(ctx.check_hostname());
  CHECK(ctx.verify_mode() == CERT_REQUIRED);
  ctx.set_check_hostname(false);
  ctx.set_verify_mode(CERT_REQUIRED);
  CHECK_FALSE(ctx.check_hostname());
  CHECK(ctx.verify_mode() == CERT_REQUIRED);

  // Changing verify_mode does not affect check_hostname
  ctx.set_check_hostname(false);
  ctx.set_verify_mode(CERT_NONE);
  ctx.set_check_hostname(false);
  CHECK_FALSE(ctx.check_hostname());
  CHECK(ctx.verify_mode() == CERT_NONE);
  // Auto set
  ctx.set_check_hostname(true);
  CHECK(ctx.check_hostname());
  CHECK(ctx.verify_mode() == CERT_REQUIRED);

  ctx.set_check_hostname(false);
  ctx.set_verify_mode(CERT_OPTIONAL);
  ctx.set_check_hostname(false);
  CHECK_FALSE(ctx.check_hostname());
  CHECK(ctx.verify_mode() == CERT_OPTIONAL);
  // keep CERT_OPTIONAL
  ctx.set_check_hostname(true);
  CHECK(ctx.check_hostname());
  CHECK(ctx.verify_mode() == CERT_OPTIONAL);

  // Cannot set CERT_NONE with check_hostname enabled
  CHECK(invalid_argument_message([&] { ctx.set_verify_mode(CERT_NONE); }) ==
        "Cannot set verify_mode to CERT_NONE when check_hostname is enabled.");
  CHECK(ctx.verify_mode() == CERT_OPTIONAL);
  ctx.set_check_hostname(false);
  CHECK_FALSE(ctx.check_hostname());
  ctx.set_verify_mode(CERT_NONE);
  CHECK(ctx.verify_mode() == CERT_NONE);
}

TEST_CASE("test_min_max_version") {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  CHECK(ctx.minimum_version() == TLSVersion::TLSv1_2);
  CHECK(ctx.maximum_version() == TLSVersion::MAXIMUM_SUPPORTED);

  // Versions below TLS 1.2 are accepted and read back (Python only warns).
  ctx.set_minimum_version(TLSVersion::TLSv1_1);
  ctx.set_maximum_version(TLSVersion::TLSv1_2);
  CHECK(ctx.minimum_version() == TLSVersion::TLSv1_1);
  CHECK(ctx.maximum_version() == TLSVersion::TLSv1_2);

  ctx.set_minimum_version(TLSVersion::MINIMUM_SUPPORTED);
  ctx.set_maximum_version(TLSVersion::TLSv1);
  CHECK(ctx.minimum_version() == TLSVersion::MINIMUM_SUPPORTED);
  CHECK(ctx.maximum_version() == TLSVersion::TLSv1);

  ctx.set_maximum_version(TLSVersion::MAXIMUM_SUPPORTED);
  CHECK(ctx.maximum_version() == TLSVersion::MAXIMUM_SUPPORTED);

  // The lowest version tlsock speaks is TLS 1.2; the highest TLS 1.3.
  ctx.set_maximum_version(TLSVersion::MINIMUM_SUPPORTED);
  CHECK(ctx.maximum_version() == TLSVersion::TLSv1_2);
  ctx.set_minimum_version(TLSVersion::MAXIMUM_SUPPORTED);
  CHECK(ctx.minimum_version() == TLSVersion::TLSv1_3);

  CHECK(invalid_argument_message([&] { ctx.set_minimum_version(static_cast<TLSVersion>(42)); }) ==
        "Unsupported TLS/SSL version 0x2a");
  CHECK_THROWS_AS(ctx.set_maximum_version(static_cast<TLSVersion>(0x305)), std::invalid_argument);

  SSLContext fixed(PROTOCOL_TLSv1_2);
  CHECK(invalid_argument_message([&] {
          fixed.set_minimum_version(TLSVersion::TLSv1_3);
        }) == "The context's protocol doesn't support modification of highest and lowest version.");
  CHECK_THROWS_AS(fixed.set_maximum_version(TLSVersion::TLSv1_2), std::invalid_argument);
}

TEST_CASE("minimum/maximum_version and OP_NO_TLS* become the versions a connection offers") {
  using detail::config_snapshot;
  auto versions = [](const SSLContext& ctx) { return config_snapshot(ctx)->versions; };
  const std::vector<ProtocolVersion> both{ProtocolVersion::tls1_3, ProtocolVersion::tls1_2};
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  CHECK(versions(ctx) == both);
  // A minimum below TLS 1.2 behaves as TLS 1.2: we never offer TLS 1.0 or 1.1.
  ctx.set_minimum_version(TLSVersion::TLSv1);
  CHECK(versions(ctx) == both);
  ctx.set_maximum_version(TLSVersion::TLSv1_2);
  CHECK(versions(ctx) == std::vector{ProtocolVersion::tls1_2});
  // A maximum below TLS 1.2 leaves nothing tlsock speaks: handshakes will fail.
  ctx.set_maximum_version(TLSVersion::TLSv1_1);
  CHECK(versions(ctx).empty());
  ctx.set_maximum_version(TLSVersion::MAXIMUM_SUPPORTED);
  ctx.set_minimum_version(TLSVersion::TLSv1_3);
  CHECK(versions(ctx) == std::vector{ProtocolVersion::tls1_3});
  ctx.set_minimum_version(TLSVersion::MINIMUM_SUPPORTED);
  ctx.set_options(ctx.options() | OP_NO_TLSv1_3);
  CHECK(versions(ctx) == std::vector{ProtocolVersion::tls1_2});
  ctx.set_options(ctx.options() | OP_NO_TLSv1_2);
  CHECK(versions(ctx).empty());

  SSLContext fixed(PROTOCOL_TLSv1_2);
  CHECK(versions(fixed) == std::vector{ProtocolVersion::tls1_2});
}

TEST_CASE("test_verify_flags") {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  CHECK(ctx.verify_flags() == (VERIFY_DEFAULT | VERIFY_X509_TRUSTED_FIRST));
  ctx.set_verify_flags(VERIFY_CRL_CHECK_LEAF);
  CHECK(ctx.verify_flags() == VERIFY_CRL_CHECK_LEAF);
  ctx.set_verify_flags(VERIFY_CRL_CHECK_CHAIN);
  CHECK(ctx.verify_flags() == VERIFY_CRL_CHECK_CHAIN);
  ctx.set_verify_flags(VERIFY_DEFAULT);
  CHECK(ctx.verify_flags() == VERIFY_DEFAULT);
  ctx.set_verify_flags(VERIFY_ALLOW_PROXY_CERTS);
  CHECK(ctx.verify_flags() == VERIFY_ALLOW_PROXY_CERTS);
  ctx.set_verify_flags(VERIFY_CRL_CHECK_LEAF | VERIFY_X509_STRICT);
  CHECK(ctx.verify_flags() == (VERIFY_CRL_CHECK_LEAF | VERIFY_X509_STRICT));
  static_assert(!std::is_invocable_v<decltype(&SSLContext::set_verify_flags), SSLContext&,
                                     std::nullptr_t>);
}

TEST_CASE("test_hostname_checks_common_name") {
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  CHECK(ctx.hostname_checks_common_name());
  ctx.set_hostname_checks_common_name(true);
  CHECK(ctx.hostname_checks_common_name());
  ctx.set_hostname_checks_common_name(false);
  CHECK_FALSE(ctx.hostname_checks_common_name());
  ctx.set_hostname_checks_common_name(true);
  CHECK(ctx.hostname_checks_common_name());
}

TEST_CASE("post_handshake_auth never changes verify_mode") {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  ctx.set_post_handshake_auth(true);
  CHECK(ctx.post_handshake_auth());
  CHECK(ctx.verify_mode() == CERT_NONE);
  ctx.set_post_handshake_auth(false);
  CHECK_FALSE(ctx.post_handshake_auth());
}

TEST_CASE("test_session_stats") {
  for (SSLMethod protocol : {PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER}) {
    SSLContext ctx(protocol);
    const SessionStats stats = ctx.session_stats();
    CHECK(stats == SessionStats{});
    std::vector<std::string> keys;
    for (const auto& [key, value] : stats.items()) {
      keys.emplace_back(key);
      CHECK(value == 0);
    }
    CHECK(keys == std::vector<std::string>{"number", "connect", "connect_good",
                                           "connect_renegotiate", "accept", "accept_good",
                                           "accept_renegotiate", "hits", "misses", "timeouts",
                                           "cache_full"});
  }
}

TEST_CASE("session_stats counters: the facade's increments, from many threads") {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([ctx] {
      for (int i = 0; i < 1000; ++i) {
        detail::count_session_event(ctx, detail::SessionEvent::accept);
        detail::count_session_event(ctx, detail::SessionEvent::accept_good);
      }
    });
  }
  for (auto& t : threads) t.join();
  detail::count_session_event(ctx, detail::SessionEvent::hits);
  const SessionStats s = ctx.session_stats();
  CHECK(s.accept == 4000);
  CHECK(s.accept_good == 4000);
  CHECK(s.number == 0);  // the TLS 1.2 session cache's size: nothing cached
  CHECK(s.hits == 1);
  CHECK(s.connect == 0);
}

TEST_CASE("test_num_tickest") {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  CHECK(ctx.num_tickets() == 2);
  ctx.set_num_tickets(1);
  CHECK(ctx.num_tickets() == 1);
  ctx.set_num_tickets(0);
  CHECK(ctx.num_tickets() == 0);
  CHECK(invalid_argument_message([&] { ctx.set_num_tickets(-1); }) ==
        "value must be non-negative");
  CHECK(detail::config_snapshot(ctx)->num_tickets == 0);

  SSLContext client(PROTOCOL_TLS_CLIENT);
  CHECK(client.num_tickets() == 2);
  CHECK(invalid_argument_message([&] { client.set_num_tickets(1); }) ==
        "SSLContext is not a server context.");
  // Python checks the protocol, not the role: PROTOCOL_TLS is no server context either.
  SSLContext generic(PROTOCOL_TLS);
  CHECK_THROWS_AS(generic.set_num_tickets(1), std::invalid_argument);
}

TEST_CASE("test_set_ecdh_curve") {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  ctx.set_ecdh_curve("prime256v1");
  CHECK(detail::config_snapshot(ctx)->groups == std::vector{NamedGroup::secp256r1});
  ctx.set_ecdh_curve(std::string("secp384r1"));
  CHECK(detail::config_snapshot(ctx)->groups == std::vector{NamedGroup::secp384r1});
  ctx.set_ecdh_curve("X25519");
  CHECK(detail::config_snapshot(ctx)->groups == std::vector{NamedGroup::x25519});
  CHECK(invalid_argument_message([&] { ctx.set_ecdh_curve("foo"); }) ==
        "unknown elliptic curve name 'foo'");
  // OpenSSL's short name is prime256v1; secp256r1 is no curve name to OBJ_sn2nid either.
  CHECK_THROWS_AS(ctx.set_ecdh_curve("secp256r1"), std::invalid_argument);
  // Known to OpenSSL, not implemented here: an SSLError that says so, and nothing changes.
  CHECK(ssl_error_message([&] { ctx.set_ecdh_curve("X448"); })
            .starts_with("[SSL: UNSUPPORTED_ELLIPTIC_CURVE] unsupported elliptic curve (X448"));
  CHECK(detail::config_snapshot(ctx)->groups == std::vector{NamedGroup::x25519});
  static_assert(!EcdhCurveArgument<std::nullptr_t>);
  static_assert(EcdhCurveArgument<const char*>);
}

TEST_CASE("test_ciphers") {
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  ctx.set_ciphers("ALL");
  ctx.set_ciphers("DEFAULT");
  CHECK(ssl_error_message([&] { ctx.set_ciphers("^$:,;?*'dorothyx"); }) ==
        "No cipher can be selected.");
  // A failed call leaves the list as it was.
  ctx.set_ciphers("CHACHA20");
  CHECK_THROWS_AS(ctx.set_ciphers("kRSA"), SSLError);
  CHECK(detail::config_snapshot(ctx)->cipher_suites_12 ==
        std::vector{CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                    CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256});
  // @SECLEVEL sets the security level.
  ctx.set_ciphers("DEFAULT:@SECLEVEL=1");
  CHECK(ctx.security_level() == 1);
}

TEST_CASE("test_get_ciphers") {
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  ctx.set_ciphers("AESGCM");
  std::set<std::string> names;
  for (const auto& c : ctx.get_ciphers()) names.insert(c.name);
  const std::set<std::string> expected{
      "AES128-GCM-SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
      "DHE-RSA-AES128-GCM-SHA256", "AES256-GCM-SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384",
      "ECDHE-RSA-AES256-GCM-SHA384", "DHE-RSA-AES256-GCM-SHA384"};
  int common = 0;
  for (const auto& n : names) common += expected.count(n) ? 1 : 0;
  CHECK(common >= 2);

  // TLS 1.3 suites first, in OpenSSL's order, unaffected by set_ciphers; then the 1.2 list.
  auto all = ctx.get_ciphers();
  REQUIRE(all.size() == 7);
  CHECK(all[0].name == "TLS_AES_256_GCM_SHA384");
  CHECK(all[1].name == "TLS_CHACHA20_POLY1305_SHA256");
  CHECK(all[2].name == "TLS_AES_128_GCM_SHA256");
  CHECK(all[0].protocol == "TLSv1.3");
  CHECK(all[3].name == "ECDHE-ECDSA-AES256-GCM-SHA384");
  CHECK(all[3].id == 0x0300C02Cu);
  CHECK(all[6].name == "ECDHE-RSA-AES128-GCM-SHA256");
  for (const auto& c : all) CHECK(c.aead);

  // The default list is Python's default string applied to our suites.
  SSLContext fresh(PROTOCOL_TLS_SERVER);
  std::vector<std::string> order;
  for (const auto& c : fresh.get_ciphers()) order.push_back(c.name);
  CHECK(order == std::vector<std::string>{
                     "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                     "TLS_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
                     "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-AES128-GCM-SHA256",
                     "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305",
                     "ECDHE-RSA-CHACHA20-POLY1305"});
}

TEST_CASE("set_alpn_protocols / set_npn_protocols") {
  SSLContext ctx(PROTOCOL_TLS_SERVER);
  ctx.set_alpn_protocols({"h2", "http/1.1"});
  CHECK(detail::config_snapshot(ctx)->alpn_protocols == std::vector<std::string>{"h2", "http/1.1"});
  CHECK(ssl_error_message([&] { ctx.set_alpn_protocols({std::string(256, 'a')}); }) ==
        "ALPN protocols must be 1 to 255 in length");
  CHECK(ssl_error_message([&] { ctx.set_alpn_protocols({""}); }) ==
        "ALPN protocols must be 1 to 255 in length");
  CHECK_THROWS_AS(ctx.set_alpn_protocols({"caf\xc3\xa9"}), std::invalid_argument);
  ctx.set_alpn_protocols({std::string(255, 'a')});
  ctx.set_alpn_protocols({});
  CHECK(detail::config_snapshot(ctx)->alpn_protocols.empty());

  ctx.set_npn_protocols({"h2"});
  CHECK(ssl_error_message([&] { ctx.set_npn_protocols({std::string(300, 'a')}); }) ==
        "NPN protocols must be 1 to 255 in length");
}

TEST_CASE("sni_callback / set_servername_callback") {
  SSLContext server(PROTOCOL_TLS_SERVER);
  int calls = 0;
  SNICallback cb = [&calls](SSLConnection&, std::optional<std::string_view>, SSLContext&)
      -> std::optional<AlertDescription> {
    ++calls;
    return std::nullopt;
  };
  server.set_sni_callback(cb);
  CHECK(server.sni_callback().has_value());
  CHECK(detail::config_snapshot(server)->sni_callback != nullptr);
  server.set_sni_callback(std::nullopt);
  CHECK_FALSE(server.sni_callback().has_value());
  server.set_servername_callback(cb);
  CHECK(server.sni_callback().has_value());
  server.set_servername_callback(SNICallback{});  // an empty function is None too
  CHECK_FALSE(server.sni_callback().has_value());
  CHECK(detail::config_snapshot(server)->sni_callback == nullptr);

  SSLContext generic(PROTOCOL_TLS);
  generic.set_sni_callback(cb);

  SSLContext client(PROTOCOL_TLS_CLIENT);
  CHECK(invalid_argument_message([&] { client.set_sni_callback(cb); }) ==
        "sni_callback cannot be set on TLS_CLIENT context");
  CHECK_THROWS_AS(client.set_servername_callback(cb), std::invalid_argument);
  CHECK(calls == 0);
}

TEST_CASE("a context is a handle: copies share one context") {
  SSLContext a(PROTOCOL_TLS_SERVER);
  SSLContext b = a;
  CHECK(a == b);
  b.set_verify_mode(CERT_REQUIRED);
  CHECK(a.verify_mode() == CERT_REQUIRED);
  SSLContext moved = std::move(b);
  CHECK(moved == a);
  CHECK(b.verify_mode() == CERT_REQUIRED);  // a moved-from handle still names the context
  CHECK_FALSE(a == SSLContext(PROTOCOL_TLS_SERVER));
}

TEST_CASE("config_snapshot: immutable, cached until the context changes") {
  SSLContext ctx(PROTOCOL_TLS_CLIENT);
  auto first = detail::config_snapshot(ctx);
  CHECK(detail::config_snapshot(ctx) == first);  // no change, same snapshot
  CHECK(first->protocol == PROTOCOL_TLS_CLIENT);
  CHECK(first->client_allowed);
  CHECK_FALSE(first->server_allowed);
  CHECK(first->verify_mode == CERT_REQUIRED);
  CHECK(first->check_hostname);
  CHECK(first->cipher_suites_13 == std::vector{CipherSuite::TLS_AES_256_GCM_SHA384,
                                               CipherSuite::TLS_CHACHA20_POLY1305_SHA256,
                                               CipherSuite::TLS_AES_128_GCM_SHA256});
  CHECK(first->cipher_suites_12.size() == 6);
  CHECK(first->groups == std::vector{NamedGroup::x25519, NamedGroup::secp256r1,
                                     NamedGroup::secp384r1});
  CHECK(first->trust_store != nullptr);
  CHECK(first->certificates.empty());
  CHECK(first->middlebox_compat());
  CHECK(first->server_preference());
  CHECK(first->tls12_session_tickets());
  CHECK(first->key_log == nullptr);

  ctx.set_check_hostname(false);
  ctx.set_verify_mode(CERT_NONE);
  auto second = detail::config_snapshot(ctx);
  CHECK(second != first);
  CHECK(second->verify_mode == CERT_NONE);
  CHECK(first->verify_mode == CERT_REQUIRED);  // the old snapshot did not change

  SSLContext server(PROTOCOL_TLS_SERVER);
  CHECK_FALSE(detail::config_snapshot(server)->client_allowed);
  CHECK(detail::config_snapshot(server)->server_allowed);
  SSLContext generic(PROTOCOL_TLS);
  CHECK(detail::config_snapshot(generic)->client_allowed);
  CHECK(detail::config_snapshot(generic)->server_allowed);
}
