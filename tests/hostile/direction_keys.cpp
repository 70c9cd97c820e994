#include "hostile/direction_keys.hpp"

#include "crypto/hash.hpp"
#include "crypto/hkdf.hpp"

namespace tlsock::hostile {
namespace {
// How many epochs past the current one open() tries: a flight of KeyUpdates moves one epoch
// per record.
constexpr size_t kEpochLookahead = 3;
}  // namespace

void DirectionKeys::set_secret_13(size_t e, ByteView secret) {
  if (epochs_.size() <= e) epochs_.resize(e + 1);
  epochs_[e].secret = Secret(secret);
}

void DirectionKeys::set_key_12(AeadAlgorithm alg, ByteView key, ByteView fixed_iv) {
  alg12_ = alg;
  epochs_.clear();
  epochs_.emplace_back();
  epochs_[0].opener = RecordProtector::create_12(alg, key, fixed_iv).value();
  epochs_[0].sealer = RecordProtector::create_12(alg, key, fixed_iv).value();
}

bool DirectionKeys::has_keys() const {
  return alg12_.has_value() || (suite_.has_value() && !epochs_.empty() && !epochs_[0].secret.empty());
}

std::optional<RecordProtector> DirectionKeys::protector(const Epoch& e) const {
  auto p = RecordProtector::from_traffic_secret_13(suite_->aead, suite_->hash, e.secret.view());
  if (!p.ok()) return std::nullopt;
  return std::move(*p);
}

DirectionKeys::Epoch* DirectionKeys::epoch(size_t e) {
  if (alg12_) return e == 0 ? &epochs_[0] : nullptr;
  if (!suite_) return nullptr;
  if (e < epochs_.size() && !epochs_[e].secret.empty()) return &epochs_[e];
  // RFC 8446 §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(N, "traffic upd", "", Hash.length).
  if (e < 2) return nullptr;
  Epoch* previous = epoch(e - 1);
  if (previous == nullptr) return nullptr;
  auto next = hkdf_expand_label(suite_->hash, previous->secret.view(), "traffic upd", {},
                                hash_length(suite_->hash));
  if (!next.ok()) return nullptr;
  if (epochs_.size() <= e) epochs_.resize(e + 1);
  epochs_[e].secret = std::move(*next);
  return &epochs_[e];
}

std::optional<OpenedRecord> DirectionKeys::open(const WireRecord& record) {
  Bytes header = frame(record.type, {}, record.version);
  header[3] = static_cast<uint8_t>(record.body.size() >> 8);
  header[4] = static_cast<uint8_t>(record.body.size());
  for (size_t e = current_; e <= current_ + kEpochLookahead; ++e) {
    Epoch* ep = epoch(e);
    if (ep == nullptr) return std::nullopt;
    std::optional<RecordProtector> trial;
    RecordProtector* opener = nullptr;
    if (ep->opener) {
      opener = &*ep->opener;
    } else {
      trial = protector(*ep);
      if (!trial) return std::nullopt;
      opener = &*trial;
    }
    Bytes body = record.body;
    auto opened = opener->open(header, MutableByteView(body));
    if (!opened.ok()) continue;
    OpenedRecord out{opened->type, Bytes(opened->content.begin(), opened->content.end()), e};
    if (trial) ep->opener = std::move(trial);
    current_ = e;
    return out;
  }
  return std::nullopt;
}

Bytes DirectionKeys::seal(size_t e, ContentType type, ByteView content, size_t padding) {
  Epoch* ep = epoch(e);
  if (ep == nullptr) return {};
  if (!ep->sealer) ep->sealer = protector(*ep);
  if (!ep->sealer) return {};
  RecordProtector& p = *ep->sealer;
  Bytes record(p.sealed_length(content.size(), padding));
  std::copy(content.begin(), content.end(), record.begin() + static_cast<std::ptrdiff_t>(p.content_offset()));
  auto n = p.seal(type, MutableByteView(record), content.size(), padding);
  if (!n.ok()) return {};
  record.resize(*n);
  return record;
}

}  // namespace tlsock::hostile
