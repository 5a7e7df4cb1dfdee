// Reading test data: whole files, and the sample pair in examples/mali-minusma/.
#ifndef NEWSALIGN_TESTS_TESTING_FILES_H_
#define NEWSALIGN_TESTS_TESTING_FILES_H_

#include <fstream>
#include <sstream>
#include <string>

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

}  // namespace newsalign::testing

#endif  // NEWSALIGN_TESTS_TESTING_FILES_H_
