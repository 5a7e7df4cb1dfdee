#include "text/matching_tables.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "unicode/normalizer2.h"
#include "unicode/uchar.h"
#include "unicode/uniset.h"
#include "unicode/unistr.h"
#include "unicode/uversion.h"

namespace newsalign::internal {
namespace {

// Characters kept as they are (see normalization.h): spaces, superscripts, subscripts,
// fractions and the ellipsis. Those NFKC would turn into digits or into a space and marks are
// added below.
constexpr char16_t kKeptPattern[] =
    u"[[:Zs:][:Decomposition_Type=Super:][:Decomposition_Type=Sub:]"
    u"[:Decomposition_Type=Fraction:]\u2026]";

// Characters with a compatibility mapping, other than digits: those whose mapping holds a
// digit though they are no digit themselves (circled and parenthesised numbers, squared units:
// ㎡), or starts with a space (the spacing accents: "´" -> " ́"; the Arabic mark forms among
// them are replaced before the filter, see ReplaceArabicMarkForms in normalization.cc), are
// kept.
constexpr char16_t kCompatibilityPattern[] =
    u"[[:^Decomposition_Type=None:]-[:Decomposition_Type=Canonical:]-[:Nd:]]";

// The Arabic presentation forms that hold only vowel marks: NFKC makes each a space or a
// tatweel and the marks. Those of them with such a mapping are read as the marks alone.
constexpr char16_t kArabicMarkFormsPattern[] = u"[\uFC5E-\uFC63\uFCF2-\uFCF4\uFE70-\uFE7F]";

std::vector<std::pair<int32_t, int32_t>> RangesOf(const icu::UnicodeSet& set) {
  std::vector<std::pair<int32_t, int32_t>> ranges;
  for (int32_t i = 0; i < set.getRangeCount(); ++i) {
    ranges.emplace_back(set.getRangeStart(i), set.getRangeEnd(i));
  }
  return ranges;
}

absl::Status IcuError(absl::string_view what, UErrorCode status) {
  return absl::InternalError(absl::StrCat(what, ": ", u_errorName(status)));
}

}  // namespace

absl::StatusOr<MatchingTables> ComputeMatchingTables() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return IcuError("loading ICU's NFKC data", status);
  icu::UnicodeSet kept(icu::UnicodeString(kKeptPattern), status);
  icu::UnicodeSet compatibility(icu::UnicodeString(kCompatibilityPattern), status);
  icu::UnicodeSet mark_forms(icu::UnicodeString(kArabicMarkFormsPattern), status);
  if (U_FAILURE(status)) return IcuError("reading ICU's character properties", status);
  for (int32_t i = 0; i < compatibility.getRangeCount(); ++i) {
    for (UChar32 c = compatibility.getRangeStart(i); c <= compatibility.getRangeEnd(i); ++c) {
      const icu::UnicodeString mapped = nfkc->normalize(icu::UnicodeString(c), status);
      if (mapped.length() > 1 && mapped[0] == u' ') {
        kept.add(c);
        continue;
      }
      for (int32_t k = 0; k < mapped.length();) {
        const UChar32 m = mapped.char32At(k);
        if (u_isdigit(m)) {
          kept.add(c);
          break;
        }
        k += U16_LENGTH(m);
      }
    }
  }
  icu::UnicodeSet arabic_mark_forms;
  for (int32_t i = 0; i < mark_forms.getRangeCount(); ++i) {
    for (UChar32 c = mark_forms.getRangeStart(i); c <= mark_forms.getRangeEnd(i); ++c) {
      const icu::UnicodeString mapped = nfkc->normalize(icu::UnicodeString(c), status);
      if (mapped.length() >= 2 && (mapped[0] == u' ' || mapped[0] == u'\u0640')) {
        arabic_mark_forms.add(c);
      }
    }
  }
  if (U_FAILURE(status)) return IcuError("normalising single characters", status);
  MatchingTables tables;
  tables.stable.resize(kStableLimit);
  for (UChar32 c = 0; c < kStableLimit; ++c) {
    const uint8_t combining = u_getCombiningClass(c);
    if (kept.contains(c)) {
      tables.stable[c] = MatchingTables::kStarter;  // left as it is
    } else if (u_getIntPropertyValue(c, UCHAR_NFKC_QUICK_CHECK) != UNORM_YES ||
               combining == MatchingTables::kUnstable) {
      tables.stable[c] = MatchingTables::kUnstable;
    } else {
      tables.stable[c] = combining;
    }
  }
  tables.kept = RangesOf(kept);
  tables.arabic_mark_forms = RangesOf(arabic_mark_forms);
  return tables;
}

std::string MatchingTablesSource(const MatchingTables& tables) {
  auto ranges = [](const std::vector<std::pair<int32_t, int32_t>>& of) {
    std::string out;
    for (size_t k = 0; k < of.size(); ++k) {
      absl::StrAppendFormat(&out, "%s{0x%04X, 0x%04X},", k % 4 == 0 ? "\n    " : " ",
                            of[k].first, of[k].second);
    }
    return out;
  };
  std::string stable;
  for (size_t c = 0; c < tables.stable.size(); ++c) {
    absl::StrAppendFormat(&stable, "%s%d,", c % 16 == 0 ? "\n    " : " ", tables.stable[c]);
  }
  return absl::StrCat(
      "// Generated at build time by newsalign-gen-matching-tables from ICU ", U_ICU_VERSION,
      "'s data\n// (text/matching_tables.h): do not edit.\n"
      "#include <cstdint>\n#include <iterator>\n#include <utility>\n\n"
      "#include \"text/matching_tables.h\"\n\n"
      "namespace newsalign::internal {\nnamespace {\n\n"
      "constexpr std::pair<int32_t, int32_t> kKept[] = {",
      ranges(tables.kept),
      "\n};\n\nconstexpr std::pair<int32_t, int32_t> kArabicMarkForms[] = {",
      ranges(tables.arabic_mark_forms),
      "\n};\n\nconstexpr uint8_t kStable[] = {", stable,
      "\n};\n\n}  // namespace\n\n"
      "const MatchingTables& BuiltMatchingTables() {\n"
      "  static const MatchingTables* const tables = new MatchingTables{\n"
      "      {std::begin(kKept), std::end(kKept)},\n"
      "      {std::begin(kArabicMarkForms), std::end(kArabicMarkForms)},\n"
      "      {std::begin(kStable), std::end(kStable)}};\n"
      "  return *tables;\n}\n\n}  // namespace newsalign::internal\n");
}

}  // namespace newsalign::internal
