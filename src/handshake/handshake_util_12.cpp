#include "handshake/handshake_util_12.hpp"

#include "common/fuzzer_mode.hpp"
#include "handshake/extensions/max_fragment_length.hpp"
#include "handshake/handshake_util.hpp"
#include "handshake/messages/finished.hpp"

namespace tlsock {

bool key_curve_in_groups(KeyType key, const std::vector<NamedGroup>& groups) {
  switch (key) {
    case KeyType::ec_p256: return contains(groups, NamedGroup::secp256r1);
    case KeyType::ec_p384: return contains(groups, NamedGroup::secp384r1);
    case KeyType::ec_p521: return contains(groups, NamedGroup::secp521r1);
    default: return true;
  }
}

InstallKeys install_keys_12(Direction direction, const CipherSuiteInfo& suite, const KeyBlock12& keys,
                            FinishedSender sender) {
  bool client = sender == FinishedSender::client;
  return InstallKeys{direction,
                     Epoch::application,
                     suite.id,
                     0,
                     Secret(),
                     TrafficKeys{client ? keys.client_write_key : keys.server_write_key,
                                 client ? keys.client_write_iv : keys.server_write_iv}};
}

Digest transcript_hash_12(const CipherSuiteInfo& suite, const PendingTranscript& transcript) {
  return Hash::compute(suite.hash, transcript.buffered());
}

Result<OwnFinished12> make_finished_12(const CipherSuiteInfo& suite, ByteView master_secret,
                                       FinishedSender sender, const PendingTranscript& transcript) {
  Bytes vd = verify_data_12(suite.hash, master_secret, sender, transcript_hash_12(suite, transcript));
  TLSOCK_TRY_ASSIGN(Bytes msg, Finished{vd}.encode());
  return OwnFinished12{std::move(msg), std::move(vd)};
}

Result<Bytes> check_finished_12(const CipherSuiteInfo& suite, ByteView master_secret,
                                FinishedSender sender, const PendingTranscript& transcript,
                                ByteView body) {
  TLSOCK_TRY_ASSIGN(Finished fin, Finished::decode(body, kVerifyDataLength12));
  Bytes expected = verify_data_12(suite.hash, master_secret, sender,
                                  transcript_hash_12(suite, transcript));
  if (!mac_equal_or_fuzzing(fin.verify_data, expected)) {
    return crypto_error(AlertDescription::decrypt_error,
                        std::string(sender == FinishedSender::client ? "client" : "server") +
                            " Finished does not verify");
  }
  return std::move(fin.verify_data);
}

void limit_fragments_12(Events& events, uint8_t max_fragment_length) {
  if (max_fragment_length != 0) {
    events.push_back(LimitRecordPlaintext{MaxFragmentLength{max_fragment_length}.length()});
  }
}

HandshakeSummary summary_12(const ConnectionInfo12& info,
                            std::optional<SignatureScheme> peer_scheme, bool peer_authenticated) {
  HandshakeSummary s;
  s.version = ProtocolVersion::tls1_2;
  s.suite = info.suite.id;
  s.group = info.group;
  s.peer_signature_scheme = peer_scheme;
  s.alpn = info.alpn;
  s.server_name = info.server_name;
  s.resumed = info.resumed;
  s.peer_authenticated = peer_authenticated;
  return s;
}

Result<AlertDescription> refuse_renegotiation_12(const HandshakeMessage& m,
                                                 HandshakeType renegotiation_request) {
  if (m.type != renegotiation_request) return unexpected(m, "Connected");
  return AlertDescription::no_renegotiation;
}

}  // namespace tlsock
