// Runs inputs through a fuzz target's LLVMFuzzerTestOneInput without libFuzzer, so that the
// normal (gcc) build compiles every entry point and ctest replays the inputs a fuzzer once
// crashed on (fuzz/regressions/<target>/) and the seeds.
//
//   sentence_splitter_replay fuzz/regressions/sentence_splitter build/fuzz/seeds/sentence_splitter
//
// Each argument is a file or a folder (its files, in name order; not recursive). A missing
// folder counts as empty, as a target may have no regressions yet. Exits non-zero when an
// argument cannot be read or
// there is no input at all; a failing input aborts inside the target, as under libFuzzer.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

// Returns the files `path` names (itself, or a folder's regular files sorted by name).
std::vector<std::filesystem::path> InputFiles(const std::filesystem::path& path,
                                              std::error_code& error) {
  std::vector<std::filesystem::path> files;
  const std::filesystem::file_status status = std::filesystem::status(path, error);
  if (status.type() == std::filesystem::file_type::not_found) {
    error.clear();
    return files;
  }
  if (error) return files;
  if (!std::filesystem::is_directory(status)) {
    files.push_back(path);
    return files;
  }
  for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  int inputs = 0;
  for (int i = 1; i < argc; ++i) {
    std::error_code error;
    const std::filesystem::path path(argv[i]);
    const std::vector<std::filesystem::path> files = InputFiles(path, error);
    if (error) {
      std::fprintf(stderr, "%s: %s\n", argv[i], error.message().c_str());
      return 1;
    }
    for (const std::filesystem::path& file : files) {
      std::ifstream in(file, std::ios::binary);
      const std::string data((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
      if (!in.good() && !in.eof()) {
        std::fprintf(stderr, "%s: cannot read\n", file.c_str());
        return 1;
      }
      std::fprintf(stderr, "replay %s (%zu bytes)\n", file.c_str(), data.size());
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()), data.size());
      ++inputs;
    }
  }
  std::fprintf(stderr, "replayed %d inputs\n", inputs);
  // No input at all means the seeds were not written: the test would check nothing.
  return inputs > 0 ? 0 : 1;
}
