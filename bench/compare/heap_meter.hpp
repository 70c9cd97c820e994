// Heap bytes in use and their high-water mark, for the peak-during-handshake rows.
//
// heap_meter.cpp interposes glibc's malloc family (glibc allows a program to replace it, and
// its own calls then go through the replacement), so both libraries are seen: tlsock through
// operator new, Botan's secure_vector and libsodium through calloc/malloc, OpenSSL through
// CRYPTO_malloc. Each call forwards to glibc and, while the meter is on, adds or subtracts
// malloc_usable_size() of the block; off, it costs one relaxed load.
#pragma once

namespace compare {

void heap_meter_on();
void heap_meter_off();
// Bytes allocated minus bytes freed while the meter was on.
long long heap_metered();
// The highest heap_metered() since the last call (which resets it to the current value).
long long heap_metered_peak();

}  // namespace compare
