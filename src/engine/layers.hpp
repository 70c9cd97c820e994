// The layers the engine drives, included together in one place.
#pragma once

#include "record/alert.hpp"
#include "record/record_layer.hpp"

#include "handshake/client.hpp"
#include "handshake/events.hpp"
#include "handshake/events_12.hpp"
#include "handshake/key_schedule_13.hpp"
#include "handshake/server_12.hpp"
#include "handshake/server.hpp"
