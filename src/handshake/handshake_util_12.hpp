// Pieces both TLS 1.2 state machines use: InstallKeys from the key block, Finished made and
// checked (RFC 5246 §7.4.9), the HandshakeSummary of a 1.2 handshake.
#pragma once

#include <vector>

#include "handshake/events_12.hpp"
#include "handshake/handshake_message.hpp"
#include "handshake/key_schedule_12.hpp"
#include "handshake/transcript.hpp"

namespace tlsock {

// InstallKeys for one direction: the client's keys when `sender` is the client.
InstallKeys install_keys_12(Direction direction, const CipherSuiteInfo& suite, const KeyBlock12& keys,
                            FinishedSender sender);

// Our Finished over the transcript so far: the whole message, and its verify_data (tls-unique).
struct OwnFinished12 {
  Bytes message;
  Bytes verify_data;
};
Result<OwnFinished12> make_finished_12(const CipherSuiteInfo& suite, ByteView master_secret,
                                       FinishedSender sender, const PendingTranscript& transcript);

// Checks the peer's Finished body against the transcript so far; returns its verify_data.
// RFC 5246 §7.4.9: "Recipients of Finished messages MUST verify that the contents are correct"
// -> decrypt_error (RFC 5246 §7.2.2), compared in constant time; a body that is not 12 bytes
// is a decode_error.
Result<Bytes> check_finished_12(const CipherSuiteInfo& suite, ByteView master_secret,
                                FinishedSender sender, const PendingTranscript& transcript,
                                ByteView body);

// Hash(handshake_messages) with the PRF hash.
Digest transcript_hash_12(const CipherSuiteInfo& suite, const PendingTranscript& transcript);

// RFC 6066 §4: "Once a maximum fragment length other than 2^14 has been successfully
// negotiated, the client and server MUST immediately begin fragmenting messages (including
// handshake messages)": a LimitRecordPlaintext event right after the ServerHello (sent by the
// server, read by the client) when `max_fragment_length` (an RFC 6066 code) is not 0.
void limit_fragments_12(Events& events, uint8_t max_fragment_length);

// RFC 8422 §5.3: "the public key in the server's certificate MUST respect the client's choice
// of elliptic curves". False for an ECDSA key whose curve is not in `groups` (the client's
// supported_groups); RSA and EdDSA keys are not bound to them.
bool key_curve_in_groups(KeyType key, const std::vector<NamedGroup>& groups);

// The summary a TLS 1.2 HandshakeDone carries.
HandshakeSummary summary_12(const ConnectionInfo12& info,
                            std::optional<SignatureScheme> peer_scheme, bool peer_authenticated);

// A handshake message once a TLS 1.2 connection is established: `renegotiation_request` (the
// HelloRequest a client gets, the ClientHello a server gets) is refused with a no_renegotiation
// warning (RFC 5746 §4.2, §4.4; tlsock does not renegotiate); anything else is
// unexpected_message.
Result<AlertDescription> refuse_renegotiation_12(const HandshakeMessage& m,
                                                 HandshakeType renegotiation_request);

}  // namespace tlsock
