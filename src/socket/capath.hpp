// The trust store's files, read here so that the core never touches the filesystem: the
// capath directories (read when a context's configuration is first handed to a connection,
// config_snapshot(); their certificates join the store only when a handshake asks for them)
// and set_default_verify_paths().
#pragma once

#include "x509/trust_store.hpp"

namespace tlsock::detail {

// Hands the texts of the regular files of every directory store.unread_directories() names to
// store.add_directory_contents(); unreadable files and directories are skipped.
void read_capath(x509::TrustStore& store);

// set_default_verify_paths(): the PEM bundle SSL_CERT_FILE names (else kDefaultCaFile) and
// the directory SSL_CERT_DIR names (else kDefaultCaPath). Never fails: a missing or
// unreadable file is skipped, like OpenSSL.
void load_default_verify_paths(x509::TrustStore& store);

}  // namespace tlsock::detail
