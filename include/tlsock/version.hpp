#pragma once

namespace tlsock {

// The library version ("0.1.0").
const char* version();

}  // namespace tlsock
