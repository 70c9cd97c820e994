// libFuzzer: the path builder over a fuzzed pool. The input is split on the byte sequence
// "\xff\xfe\xfd" into DER certificates: the first is the leaf, the second the trust anchor,
// the rest intermediates. Budgets must bound the work whatever the graph.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "x509/cert_verifier.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<tlsock::ByteView> parts;
  size_t pos = 0;
  while (parts.size() < 16) {
    size_t end = in.find("\xff\xfe\xfd", pos);
    std::string_view p = in.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    parts.push_back({reinterpret_cast<const uint8_t*>(p.data()), p.size()});
    if (end == std::string_view::npos) break;
    pos = end + 3;
  }
  if (parts.size() < 2) return 0;
  auto store = std::make_shared<tlsock::x509::TrustStore>();
  auto anchor = tlsock::x509::Certificate::from_der(parts[1]);
  if (anchor) store->add(*anchor);
  tlsock::x509::VerifyRequest req;
  req.peer_chain.push_back(parts[0]);
  for (size_t i = 2; i < parts.size(); ++i) req.peer_chain.push_back(parts[i]);
  req.hostname = "example.com";
  req.time = 1700000000;
  tlsock::x509::WebPkiVerifier verifier(store);
  (void)verifier.verify(req);
  return 0;
}
