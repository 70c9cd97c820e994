// The interop matrix: every case of matrix_case.cpp against `openssl s_server`,
// `openssl s_client` (3.0), `gnutls-serv` and `gnutls-cli` (3.7), tlsock on the other end
// through its public API. The four columns run concurrently, each on its own thread, cells
// one after another; the gnutls-serv thread first moves into a loopback-only network
// namespace (loopback_namespace.hpp), since gnutls-serv listens on every interface.
// The matrix is printed at the end; each failing cell fails the test with its reason.
// TLSOCK_MATRIX_ONLY=<text> runs only the cells whose "column | case" contains the text.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

#include "cell_runner.hpp"
#include "loopback_namespace.hpp"
#include "matrix_case.hpp"

namespace tlsock::interop::matrix {
namespace {

using Results = std::vector<std::vector<std::optional<CellResult>>>;  // [column][case]

bool selected(const Column& column, const Case& c) {
  const char* only = std::getenv("TLSOCK_MATRIX_ONLY");
  return only == nullptr || (std::string(column.name) + " | " + c.name).find(only) != std::string::npos;
}

void run_column(size_t col, const BulkData& bulk, Results& results, std::string& setup_error) {
  const Column& column = all_columns()[col];
  if (column.tool == Tool::gnutls && column.peer_is_server) {
    setup_error = enter_loopback_namespace();
    if (!setup_error.empty()) return;
  }
  const auto& cases = all_cases();
  for (size_t row = 0; row < cases.size(); ++row) {
    if (applies(column, cases[row]) == Applies::run && selected(column, cases[row])) {
      const CellResult& r = results[col][row].emplace(run_cell(column, cases[row], bulk));
      // One line per cell as it ends: a hang shows where it is.
      std::ostringstream line;
      line << "matrix: " << column.name << " | " << cases[row].name << ": "
           << (r.passed ? "pass" : "FAIL") << " (" << std::fixed << std::setprecision(1) << r.seconds
           << " s)\n";
      std::cout << line.str() << std::flush;
    }
  }
}

const char* cell_text(const Column& column, const Case& c, const std::optional<CellResult>& r) {
  switch (applies(column, c)) {
    case Applies::not_applicable: return "-";
    case Applies::covered_elsewhere: return "cov";
    case Applies::run: break;
  }
  if (!r) return "skip";  // filtered out by TLSOCK_MATRIX_ONLY
  return r->passed ? "pass" : "FAIL";
}

std::string render(const Results& results, double seconds) {
  const auto& cases = all_cases();
  const auto& columns = all_columns();
  std::ostringstream out;
  out << "\ninterop matrix (pass / FAIL; - not applicable; cov: run by openssl_interop_test.cpp "
         "or openssl12_interop_test.cpp)\n";
  out << std::left << std::setw(52) << "case";
  for (const Column& column : columns) out << std::setw(18) << column.name;
  out << "\n";
  int passed = 0, failed = 0;
  for (size_t row = 0; row < cases.size(); ++row) {
    out << std::setw(52) << cases[row].name;
    for (size_t col = 0; col < columns.size(); ++col) {
      const auto& r = results[col][row];
      out << std::setw(18) << cell_text(columns[col], cases[row], r);
      if (r) (r->passed ? passed : failed)++;
    }
    out << "\n";
  }
  out << "cells: " << passed << " passed, " << failed << " failed; " << std::fixed
      << std::setprecision(1) << seconds << " s\n";
  return out.str();
}

}  // namespace

TEST_CASE("interop matrix: OpenSSL and GnuTLS, both directions, TLS 1.3 and 1.2") {
  const auto start = std::chrono::steady_clock::now();
  const BulkData bulk = make_bulk_data();
  REQUIRE(!bulk.path.empty());
  const auto& columns = all_columns();
  const auto& cases = all_cases();
  Results results(columns.size(), std::vector<std::optional<CellResult>>(cases.size()));
  std::vector<std::string> setup_errors(columns.size());
  std::vector<std::thread> workers;
  for (size_t col = 0; col < columns.size(); ++col) {
    workers.emplace_back(run_column, col, std::cref(bulk), std::ref(results), std::ref(setup_errors[col]));
  }
  for (auto& w : workers) w.join();
  std::remove(bulk.path.c_str());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << render(results, seconds) << std::flush;

  for (size_t col = 0; col < columns.size(); ++col) {
    if (!setup_errors[col].empty()) FAIL_CHECK(std::string(columns[col].name) << ": " << setup_errors[col]);
    for (size_t row = 0; row < cases.size(); ++row) {
      const auto& r = results[col][row];
      if (r && !r->passed) {
        FAIL_CHECK(std::string(columns[col].name) << " | " << cases[row].name << ": " << r->detail);
      }
    }
  }
}

}  // namespace tlsock::interop::matrix
