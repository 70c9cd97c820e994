// The trust anchors of a context (Python's load_verify_locations / load_default_certs).
//
// Certificates are kept once each (duplicates, compared by DER, are ignored silently, as
// OpenSSL does). cafile and cadata are loaded eagerly; a capath directory's certificates are
// held aside and join the store when the path builder asks for their subject (so
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

  // capath: a directory of PEM files (OpenSSL's hashed layout or any names). The store keeps
  // the path only: the core reads no file. The facade (src/socket/capath.hpp) reads the files
  // of unread_directories() and hands their texts to add_directory_contents().
  void add_directory(std::string path);
  std::vector<std::string> unread_directories() const;
  // The PEM texts of capath files (text that is no PEM is skipped): their certificates and CRLs
  // join the store only when a lookup asks for their subject or issuer (OpenSSL's lazy capath
  // lookup). Marks every directory read.
  void add_directory_contents(const std::vector<std::string>& texts);
  // cadata as str (or a cafile's text): PEM, junk between blocks ignored.
  Status load_pem(std::string_view text);
  // cadata as bytes: concatenated DER certificates and CRLs, no trailing garbage.
  Status load_der(ByteView der);

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

  mutable std::mutex mutex_;
  mutable std::vector<Certificate> certs_;
  std::vector<std::string> unread_directories_;
  std::vector<Certificate> directory_certs_;  // parsed capath contents, not yet used
  std::vector<Crl> directory_crls_;
  mutable std::vector<Crl> crls_;
  mutable SignatureCache signature_cache_;
};

// The Debian defaults (Python's get_default_verify_paths()), which set_default_verify_paths()
// reads unless SSL_CERT_FILE / SSL_CERT_DIR say otherwise.
inline constexpr const char* kDefaultCaFile = "/etc/ssl/certs/ca-certificates.crt";
inline constexpr const char* kDefaultCaPath = "/etc/ssl/certs";

}  // namespace tlsock::x509
