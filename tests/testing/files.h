// Reading test data (whole files, the sample pair in examples/mali-minusma/) and naming the
// temporary files a test writes.
#ifndef NEWSALIGN_TESTS_TESTING_FILES_H_
#define NEWSALIGN_TESTS_TESTING_FILES_H_

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace newsalign::testing {

// Returns the bytes of the file at `path`, or "" when it cannot be read.
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Returns examples/mali-minusma/`name` ("fr.txt", "ar.txt") of the source tree.
inline std::string ReadExample(const std::string& name) {
  return ReadFile(std::string(NEWSALIGN_SOURCE_DIR) + "/examples/mali-minusma/" + name);
}

// A path under the temporary folder that no other test can use: ctest runs each test of a
// binary as a process of its own, in parallel, so a name two tests of one binary shared was a
// race (one truncating the file while the other read it). The path holds `prefix`, the running
// test's name, the process id and `name`.
inline std::string UniqueTempPath(const std::string& prefix, const std::string& name) {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string test_name = test == nullptr
                              ? std::string("none")
                              : absl::StrCat(test->test_suite_name(), ".", test->name());
  for (char& c : test_name) {
    if (c == '/') c = '_';
  }
  std::string dir = ::testing::TempDir();  // "/tmp/": with its slash
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return absl::StrCat(dir, "/", prefix, "_", test_name, "_", getpid(), "_", name);
}

}  // namespace newsalign::testing

#endif  // NEWSALIGN_TESTS_TESTING_FILES_H_
