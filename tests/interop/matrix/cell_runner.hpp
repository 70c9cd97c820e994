// Runs one matrix cell: the peer program as a child process, tlsock through its public API
// (SSLContext / SSLSocket) on 127.0.0.1. Every wait is bounded; a cell never throws, it
// reports what went wrong (with the end of the peer's output).
#pragma once

#include <string>

#include "matrix_case.hpp"
#include "peer_command.hpp"

namespace tlsock::interop::matrix {

struct CellResult {
  bool passed = false;
  std::string detail;  // why it failed
  double seconds = 0;
};

CellResult run_cell(const Column& column, const Case& c, const BulkData& bulk);

// 10 MiB of deterministic bytes written to a temporary file, with their SHA-256.
BulkData make_bulk_data();

}  // namespace tlsock::interop::matrix
