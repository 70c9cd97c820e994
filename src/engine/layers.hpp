// The layers the engine drives, included together in one place.
//
// Workaround (to remove when fixed below): record/record_limits.hpp and
// handshake/handshake_message.hpp both define tlsock::kHandshakeHeaderLength (same value, 4), so
// a translation unit cannot include both the record layer and the handshake state machines.
// Here the handshake layer's copy is renamed for this translation unit only. It is a constant
// of the same value, used by neither layer's inline code, so nothing observable changes.
// (record/handshake_deframer.hpp's HandshakeMessage clashes with the handshake layer's too;
// engine/handshake_reader.hpp keeps it in its own translation unit.)
#pragma once

#include "record/alert.hpp"
#include "record/record_layer.hpp"

#define kHandshakeHeaderLength kHandshakeHeaderLength_of_handshake_layer
#include "handshake/client_13.hpp"
#include "handshake/events.hpp"
#include "handshake/key_schedule_13.hpp"
#include "handshake/server_13.hpp"
#undef kHandshakeHeaderLength
