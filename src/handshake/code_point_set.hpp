// CodePointSet: a set of 16-bit code points (extension types, named groups) with O(1) insert and
// lookup. A ClientHello's 64 KiB of extensions can hold 16,000 extensions or 13,000 key shares;
// checking such a list for duplicates, or against another list, must stay linear in its length.
#pragma once

#include <bitset>
#include <cstdint>

namespace tlsock {

class CodePointSet {
 public:
  // Adds v; false when it was there already.
  bool insert(uint16_t v) {
    if (bits_.test(v)) return false;
    bits_.set(v);
    return true;
  }
  bool contains(uint16_t v) const { return bits_.test(v); }

 private:
  std::bitset<65536> bits_;  // 8 KiB
};

}  // namespace tlsock
