#include "common/result.hpp"

namespace tlsock {

std::string name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::decode: return "decode";
    case ErrorKind::protocol: return "protocol";
    case ErrorKind::crypto: return "crypto";
    case ErrorKind::certificate: return "certificate";
    case ErrorKind::config: return "config";
    case ErrorKind::limit: return "limit";
    case ErrorKind::peer_alert: return "peer_alert";
    case ErrorKind::closed: return "closed";
    case ErrorKind::internal: return "internal";
  }
  return "unknown";
}

std::string Error::message() const {
  if (kind == ErrorKind::config) return detail;
  return name(alert) + ": " + detail;
}

}  // namespace tlsock
