// The tables behind NormalizeForMatching (text/normalization.h), computed from ICU's NFKC data:
// which code points the normaliser keeps as they are, which Arabic presentation forms hold only
// vowel marks, and NFKC's quick check of every code point below kStableLimit.
//
// Computing them took about 10.5 M instructions (ICU's property sets, 3,751 NFKC mappings and a
// 12,288-entry table), at the first normalisation of every process: 13 % of a client run on an
// article. The build computes them once (tools/gen_matching_tables_main.cc writes
// BuiltMatchingTables()'s source), and tests/normalization_test.cc checks that they are what the
// ICU the tests run with computes.
#ifndef NEWSALIGN_ALIGNMENT_TEXT_MATCHING_TABLES_H_
#define NEWSALIGN_ALIGNMENT_TEXT_MATCHING_TABLES_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace newsalign::internal {

// Code points below this are looked up in MatchingTables::stable: Latin, Arabic, general
// punctuation (’ « » and the French spaces), most of what news holds.
inline constexpr int32_t kStableLimit = 0x3000;

struct MatchingTables {
  // A MatchingTables::stable entry: a code point left as it is, or one NFKC's quick check
  // answers Maybe or No for (the others hold their canonical combining class, 1 to 254).
  static constexpr uint8_t kStarter = 0;
  static constexpr uint8_t kUnstable = 0xFF;

  // The code points kept as they are ([first, last] ranges, ascending): spaces, superscripts,
  // subscripts, fractions, the ellipsis, and those whose compatibility mapping holds a digit or
  // starts with a space.
  std::vector<std::pair<int32_t, int32_t>> kept;
  // The Arabic presentation forms whose NFKC mapping is a space or a tatweel and marks.
  std::vector<std::pair<int32_t, int32_t>> arabic_mark_forms;
  // By code point below kStableLimit: kStarter for kept code points and those NFKC's quick
  // check answers Yes for with combining class 0, the combining class of marks it answers Yes
  // for, kUnstable for the others.
  std::vector<uint8_t> stable;

  bool operator==(const MatchingTables& other) const {
    return kept == other.kept && arabic_mark_forms == other.arabic_mark_forms &&
           stable == other.stable;
  }
};

// Computes the tables from ICU's data. INTERNAL when ICU's data cannot be loaded.
absl::StatusOr<MatchingTables> ComputeMatchingTables();

// The C++ source of a BuiltMatchingTables() that returns `tables`.
std::string MatchingTablesSource(const MatchingTables& tables);

// The tables as the build computed them (defined in the generated matching_tables_data.cc).
const MatchingTables& BuiltMatchingTables();

}  // namespace newsalign::internal

#endif  // NEWSALIGN_ALIGNMENT_TEXT_MATCHING_TABLES_H_
