// What the fuzz targets share: a check that aborts (a crash libFuzzer reports, with the input
// kept) when an invariant of the code under test does not hold, and the split of an input into
// a selector byte and the text.
#ifndef NEWSALIGN_FUZZ_FUZZ_CHECK_H_
#define NEWSALIGN_FUZZ_FUZZ_CHECK_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/string_view.h"

// Aborts with `message` (a string literal) and the place when `condition` is false.
#define FUZZ_CHECK(condition, message)                                                   \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      std::fprintf(stderr, "%s:%d: check failed: %s: %s\n", __FILE__, __LINE__,         \
                   #condition, message);                                                 \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

namespace newsalign::fuzz {

// An input as the targets read it: its first byte chooses among the target's variants
// (language, mode), the rest is the text. An empty input has selector 0 and no text.
struct SelectedInput {
  uint8_t selector = 0;
  absl::string_view text;
};

inline SelectedInput Select(const uint8_t* data, size_t size) {
  if (size == 0) return {};
  return {data[0], absl::string_view(reinterpret_cast<const char*>(data) + 1, size - 1)};
}

}  // namespace newsalign::fuzz

#endif  // NEWSALIGN_FUZZ_FUZZ_CHECK_H_
