#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <ostream>

namespace {

// A test that cannot run in this build is a doctest skip (`* doctest::skip(cond)`) with its
// reason in `* doctest::description(...)`; doctest counts skips but never says why, so this
// listener prints the reason of each one skipped.
struct SkipReasons : doctest::IReporter {
  explicit SkipReasons(const doctest::ContextOptions& options) : out(*options.cout) {}

  void test_case_skipped(const doctest::TestCaseData& test) override {
    if (!test.m_skip || test.m_description == nullptr || *test.m_description == '\0') return;
    out << "[doctest] skipped: " << test.m_name << ": " << test.m_description << "\n";
  }

  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_start(const doctest::TestCaseData&) override {}
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}

  std::ostream& out;
};

REGISTER_LISTENER("skip_reasons", 1, SkipReasons);

}  // namespace
