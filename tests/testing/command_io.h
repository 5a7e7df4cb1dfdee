// The streams of one `newsalign` command run in a test, and the files it reads: the fixture the
// commands' tests share (tests/service/commands_test.cc, commands_in_process_test.cc).
//
//   TEST_F(CommandsTest, ...) {
//     EXPECT_EQ(RunHealth(command, stub, Io()), kExitOk);
//     EXPECT_EQ(out_.str(), "SERVING\n");
//   }
#ifndef NEWSALIGN_TESTS_TESTING_COMMAND_IO_H_
#define NEWSALIGN_TESTS_TESTING_COMMAND_IO_H_

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"

namespace newsalign::testing {

// Returns the path of examples/mali-minusma/`name` ("fr.txt", "ar.txt") in the source tree.
inline std::string ExamplePath(const std::string& name) {
  return absl::StrCat(NEWSALIGN_SOURCE_DIR, "/examples/mali-minusma/", name);
}

// Writes `content` to a fresh file under the test's temporary folder; returns its path.
inline std::string WriteTempFile(const std::string& name, const std::string& content) {
  const std::string path = UniqueTempPath("newsalign_commands_test", name);
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

// Streams and exit code of one command run.
class CommandsTest : public ::testing::Test {
 protected:
  client::CommandIo Io() {
    client::CommandIo io;
    io.in = &in_;
    io.out = &out_;
    io.err = &err_;
    io.columns = 100;
    return io;
  }

  std::istringstream in_;
  std::ostringstream out_;
  std::ostringstream err_;
};

}  // namespace newsalign::testing

#endif  // NEWSALIGN_TESTS_TESTING_COMMAND_IO_H_
