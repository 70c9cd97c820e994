// SSLContext's trust anchors: load_verify_locations, load_default_certs,
// set_default_verify_paths, get_ca_certs, cert_store_stats (Python's ssl docs,
// SSL Contexts).
#include <filesystem>
#include <stdexcept>
#include <string>

#include "socket/capath.hpp"
#include "socket/library_error.hpp"
#include "socket/python_dict.hpp"
#include "socket/read_file.hpp"
#include "socket/ssl_context_state.hpp"
#include "tlsock/ssl_context.hpp"
#include "x509/pem.hpp"

namespace tlsock {

namespace {

// Checks a cafile the way OpenSSL reports on it: a block that does not decode is "PEM lib",
// a file with neither certificate nor CRL is NO_CERTIFICATE_OR_CRL_FOUND.
void check_cafile(const std::string& text, const std::string& cafile) {
  auto blocks = x509::pem_decode_all(text);
  if (!blocks) throw detail::pem_lib_error("X509", "cafile '" + cafile + "': " + blocks.error().detail);
  for (const auto& b : *blocks)
    if (b.label == "CERTIFICATE" || b.label == "TRUSTED CERTIFICATE" || b.label == "X509 CRL")
      return;
  throw detail::LibraryError("X509", "NO_CERTIFICATE_OR_CRL_FOUND", true,
                             "no certificate or crl found", "cafile '" + cafile + "'");
}

}  // namespace

void SSLContext::load_verify_locations(const VerifyLocations& locations) {
  const auto& [cafile, capath, cadata, cadata_der] = locations;
  if (!cafile && !capath && !cadata && !cadata_der)
    throw std::invalid_argument("cafile, capath and cadata cannot be all omitted");
  if ((cadata && cadata->empty()) || (cadata_der && cadata_der->empty()))
    throw std::invalid_argument("Empty certificate data");

  // Python's order: cadata, then cafile, then capath; what was loaded before an error stays.
  auto lock = state_->lock_for_change();
  x509::TrustStore& store = state_->trust_store_for_change();
  // cadata: the trust store's messages are Python's ("no start line: cadata does not contain
  // a certificate", "not enough data: ...").
  if (cadata) {
    if (auto s = store.load_pem(*cadata); !s) throw SSLError(s.error().detail);
  }
  if (cadata_der) {
    if (auto s = store.load_der(as_bytes(*cadata_der)); !s) {
      // OpenSSL (and so Python) words a failure on the first certificate as "nothing there";
      // a failure after one is reported as it is.
      if (!x509::starts_with_certificate(as_bytes(*cadata_der)))
        throw SSLError("not enough data: cadata does not contain a certificate");
      throw SSLError(s.error().detail);
    }
  }
  if (cafile) {
    const std::string text = detail::read_file(*cafile, "cafile");
    check_cafile(text, *cafile);
    if (auto s = store.load_pem(text); !s)
      throw detail::pem_lib_error("X509", "cafile '" + *cafile + "': " + s.error().detail);
  }
  // OpenSSL looks into a capath only when it needs an issuer, so a directory that does not
  // exist (yet) is no error; one that exists is searched from then on.
  std::error_code ec;
  if (capath && std::filesystem::is_directory(*capath, ec)) store.add_directory(*capath);
}

void SSLContext::load_default_certs(Purpose purpose) {
  if (purpose != Purpose::SERVER_AUTH && purpose != Purpose::CLIENT_AUTH)
    throw std::invalid_argument("load_default_certs: not a Purpose");
  set_default_verify_paths();
}

void SSLContext::set_default_verify_paths() {
  auto lock = state_->lock_for_change();
  detail::load_default_verify_paths(state_->trust_store_for_change());
}

std::vector<PeerCertificate> SSLContext::get_ca_certs() const {
  std::shared_ptr<const x509::TrustStore> store;
  {
    std::lock_guard lock(state_->mutex);
    store = state_->trust_store;
  }
  std::vector<PeerCertificate> out;
  for (const auto& cert : store->certificates()) {
    if (!cert.is_ca()) continue;
    auto dict = detail::to_peer_certificate(cert);
    // Python raises where the dict cannot be built (an attribute that is no valid string).
    if (!dict) throw SSLError("get_ca_certs: " + dict.error().detail);
    out.push_back(std::move(*dict));
  }
  return out;
}

std::vector<std::string> SSLContext::get_ca_certs_der() const {
  std::shared_ptr<const x509::TrustStore> store;
  {
    std::lock_guard lock(state_->mutex);
    store = state_->trust_store;
  }
  std::vector<std::string> out;
  for (const auto& cert : store->certificates())
    if (cert.is_ca()) out.emplace_back(as_chars(cert.der()));
  return out;
}

CertStoreStats SSLContext::cert_store_stats() const {
  std::shared_ptr<const x509::TrustStore> store;
  {
    std::lock_guard lock(state_->mutex);
    store = state_->trust_store;
  }
  const x509::TrustStoreStats s = store->stats();
  return {s.x509, s.crl, s.x509_ca};
}

}  // namespace tlsock
