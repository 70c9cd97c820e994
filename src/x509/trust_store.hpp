// The trust anchors of a context (Python's load_verify_locations / load_default_certs).
//
// Certificates are kept once each (duplicates, compared by DER, are ignored silently, as
// OpenSSL does). cafile and cadata are loaded eagerly; a capath directory is searched lazily
// when the path builder asks for an issuer, and what it finds joins the store then (so
// cert_store_stats() and get_ca_certs() see capath certificates only after use, like Python).
// Every certificate in the store is a trust anchor (OpenSSL's X509_V_FLAG_PARTIAL_CHAIN,
// which Python 3.13's create_default_context() sets).
// CRLs (RFC 5280 §5) found beside the certificates are kept too, once each: PEM "X509 CRL"
// blocks in cafile, cadata and capath files, DER CertificateLists in DER cadata. capath CRLs
// join the store when a revocation check asks for their issuer (OpenSSL's lazy lookup). CPython
// loads CRLs only from cafile and capath; tlsock takes them from cadata too.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "x509/certificate.hpp"
#include "x509/crl.hpp"
#include "x509/signature_cache.hpp"

namespace tlsock::x509 {

struct TrustStoreStats {
  size_t x509 = 0;     // every certificate
  size_t crl = 0;      // CRLs
  size_t x509_ca = 0;  // certificates with basicConstraints cA
};

class TrustStore {
 public:
  TrustStore() = default;
  TrustStore(const TrustStore& other);
  TrustStore& operator=(const TrustStore& other);

  // cafile: a PEM bundle. config_error when it cannot be read or holds no certificate.
  Status load_file(const std::string& path);
  // capath: a directory of PEM files (OpenSSL's hashed layout or any names), searched lazily.
  Status add_directory(const std::string& path);
  // cadata as str: PEM, junk between blocks ignored.
  Status load_pem(std::string_view text);
  // cadata as bytes: concatenated DER certificates and CRLs, no trailing garbage.
  Status load_der(ByteView der);
  // set_default_verify_paths(): SSL_CERT_FILE / SSL_CERT_DIR when set, else the Debian paths.
  // Never fails (missing files are skipped), like OpenSSL.
  void load_default();

  // Adds one certificate; false when it was already there.
  bool add(Certificate cert);
  // Adds one CRL; false when it was already there.
  bool add_crl(Crl crl);

  std::vector<Certificate> certificates() const;
  // Anchors whose subject matches this issuer name (capath searched on demand).
  std::vector<Certificate> find_by_subject(const DistinguishedName& issuer) const;
  bool contains(const Certificate& cert) const;
  // CRLs whose issuer name matches this one (capath searched on demand).
  std::vector<Crl> find_crls(const DistinguishedName& issuer) const;
  TrustStoreStats stats() const;
  size_t size() const;
  // The signatures verified on paths to this store's anchors (x509/signature_cache.hpp):
  // cleared by every change to the store; a copy starts with an empty one.
  SignatureCache& signature_cache() const { return signature_cache_; }

 private:
  bool add_locked(Certificate cert) const;
  bool add_crl_locked(Crl crl) const;
  void scan_directories_locked() const;

  mutable std::mutex mutex_;
  mutable std::vector<Certificate> certs_;
  std::vector<std::string> directories_;
  mutable std::vector<Certificate> directory_certs_;  // parsed capath contents, not yet used
  mutable std::vector<Crl> directory_crls_;
  mutable bool directories_scanned_ = false;
  mutable std::vector<Crl> crls_;
  mutable SignatureCache signature_cache_;
};

// The Debian defaults (Python's get_default_verify_paths()).
inline constexpr const char* kDefaultCaFile = "/etc/ssl/certs/ca-certificates.crt";
inline constexpr const char* kDefaultCaPath = "/etc/ssl/certs";

}  // namespace tlsock::x509
