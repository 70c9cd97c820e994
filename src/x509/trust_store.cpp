#include "x509/trust_store.hpp"

#include <algorithm>

#include "x509/pem.hpp"

namespace tlsock::x509 {

TrustStore::TrustStore(const TrustStore& other) { *this = other; }

TrustStore& TrustStore::operator=(const TrustStore& other) {
  if (this == &other) return *this;
  std::scoped_lock lock(mutex_, other.mutex_);
  certs_ = other.certs_;
  unread_directories_ = other.unread_directories_;
  directory_certs_ = other.directory_certs_;
  directory_crls_ = other.directory_crls_;
  crls_ = other.crls_;
  signature_cache_.clear();  // this store's own, from now on
  return *this;
}

bool TrustStore::add_locked(Certificate cert) const {
  for (const auto& c : certs_)
    if (c == cert) return false;
  certs_.push_back(std::move(cert));
  signature_cache_.clear();
  return true;
}

bool TrustStore::add(Certificate cert) {
  std::lock_guard lock(mutex_);
  return add_locked(std::move(cert));
}

bool TrustStore::add_crl_locked(Crl crl) const {
  for (const auto& c : crls_)
    if (c == crl) return false;
  crls_.push_back(std::move(crl));
  signature_cache_.clear();
  return true;
}

bool TrustStore::add_crl(Crl crl) {
  std::lock_guard lock(mutex_);
  return add_crl_locked(std::move(crl));
}

Status TrustStore::load_pem(std::string_view text) {
  TLSOCK_TRY_ASSIGN(auto blocks, pem_decode_all(text));
  std::vector<Certificate> certs;
  std::vector<Crl> crls;
  for (auto& b : blocks) {
    if (b.label == "X509 CRL") {
      TLSOCK_TRY_ASSIGN(Crl crl, Crl::from_der(std::move(b.der)));
      crls.push_back(std::move(crl));
    } else if (b.label == "CERTIFICATE" || b.label == "TRUSTED CERTIFICATE") {
      TLSOCK_TRY_ASSIGN(Certificate cert, Certificate::from_der(std::move(b.der)));
      certs.push_back(std::move(cert));
    }
  }
  if (certs.empty() && crls.empty()) return config_error("no start line: cadata does not contain a certificate");
  std::lock_guard lock(mutex_);
  for (auto& c : certs) add_locked(std::move(c));
  for (auto& c : crls) add_crl_locked(std::move(c));
  return {};
}

Status TrustStore::load_der(ByteView der) {
  std::vector<Certificate> certs;
  std::vector<Crl> crls;
  DerReader r(der, 0, "cadata");
  if (r.empty()) return config_error("not enough data: cadata does not contain a certificate");
  while (!r.empty()) {
    auto e = r.read(tag::sequence);
    if (!e) return config_error("not enough data: " + e.error().detail);
    auto cert = Certificate::from_der(e->tlv);
    if (cert) {
      certs.push_back(std::move(*cert));
      continue;
    }
    // Certificate and CertificateList share their outer shape; what is no certificate may be
    // a CRL, and otherwise the certificate's error is the one to report.
    auto crl = Crl::from_der(e->tlv);
    if (!crl) return cert.error();
    crls.push_back(std::move(*crl));
  }
  std::lock_guard lock(mutex_);
  for (auto& c : certs) add_locked(std::move(c));
  for (auto& c : crls) add_crl_locked(std::move(c));
  return {};
}

void TrustStore::add_directory(std::string path) {
  std::lock_guard lock(mutex_);
  unread_directories_.push_back(std::move(path));
  signature_cache_.clear();
}

std::vector<std::string> TrustStore::unread_directories() const {
  std::lock_guard lock(mutex_);
  return unread_directories_;
}

void TrustStore::add_directory_contents(const std::vector<std::string>& texts) {
  std::lock_guard lock(mutex_);
  unread_directories_.clear();
  for (const std::string& text : texts) {
    auto blocks = pem_decode_all(text);
    if (!blocks) continue;
    for (auto& b : *blocks) {
      if (b.label == "CERTIFICATE") {
        auto c = Certificate::from_der(std::move(b.der));
        if (c && std::find(directory_certs_.begin(), directory_certs_.end(), *c) == directory_certs_.end())
          directory_certs_.push_back(std::move(*c));
      } else if (b.label == "X509 CRL") {
        auto c = Crl::from_der(std::move(b.der));
        if (c && std::find(directory_crls_.begin(), directory_crls_.end(), *c) == directory_crls_.end())
          directory_crls_.push_back(std::move(*c));
      }
    }
  }
}

std::vector<Certificate> TrustStore::find_by_subject(const DistinguishedName& issuer) const {
  std::lock_guard lock(mutex_);
  for (const auto& c : directory_certs_)
    if (c.subject().matches(issuer)) add_locked(c);
  std::vector<Certificate> out;
  for (const auto& c : certs_)
    if (c.subject().matches(issuer)) out.push_back(c);
  return out;
}

bool TrustStore::contains(const Certificate& cert) const {
  std::lock_guard lock(mutex_);
  for (const auto& c : certs_)
    if (c == cert) return true;
  return false;
}

std::vector<Crl> TrustStore::find_crls(const DistinguishedName& issuer) const {
  std::lock_guard lock(mutex_);
  for (const auto& c : directory_crls_)
    if (c.issuer().matches(issuer)) add_crl_locked(c);
  std::vector<Crl> out;
  for (const auto& c : crls_)
    if (c.issuer().matches(issuer)) out.push_back(c);
  return out;
}

std::vector<Certificate> TrustStore::certificates() const {
  std::lock_guard lock(mutex_);
  return certs_;
}

TrustStoreStats TrustStore::stats() const {
  std::lock_guard lock(mutex_);
  TrustStoreStats s;
  s.x509 = certs_.size();
  s.crl = crls_.size();
  for (const auto& c : certs_)
    if (c.is_ca()) ++s.x509_ca;
  return s;
}

size_t TrustStore::size() const {
  std::lock_guard lock(mutex_);
  return certs_.size();
}

}  // namespace tlsock::x509
