#include "report/text_helpers.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "text/utf8.h"
#include "unicode/uchar.h"

namespace newsalign::report_internal {

std::string SideText(const SegmentedDocument& document, const std::vector<int>& indices) {
  std::vector<absl::string_view> parts;
  parts.reserve(indices.size());
  for (int i : indices) parts.push_back(MatchingText(document.sentences[i]));
  return absl::StrJoin(parts, " ");
}

double LengthOf(absl::string_view text) {
  return static_cast<double>(CountCodePointsExcept(text, " \t\r\n"));
}

std::string CollapseSpaces(absl::string_view text) {
  return absl::StrJoin(absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty()), " ");
}

bool IsAddress(absl::string_view chunk) {
  return absl::StrContains(chunk, "://") || absl::StartsWithIgnoreCase(chunk, "www.") ||
         (absl::StrContains(chunk, "@") && absl::StrContains(chunk, "."));
}

bool IsLetter(UChar32 c) {
  return c > 0 && u_hasBinaryProperty(c, UCHAR_ALPHABETIC) && !u_isdigit(c);
}

std::string Fixed(double value, int digits) { return absl::StrFormat("%.*f", digits, value); }

std::string SentenceRange(const std::vector<int>& indices) {
  if (indices.size() == 1) return absl::StrCat("sentence ", indices[0]);
  return absl::StrCat("sentences ", indices.front(), "-", indices.back());
}

std::string EnglishList(const std::vector<std::string>& items) {
  if (items.empty()) return "";
  if (items.size() == 1) return items[0];
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return absl::StrCat(absl::StrJoin(head, ", "), " and ", items.back());
}

std::string Plural(int count, absl::string_view one, absl::string_view many) {
  return absl::StrCat(count, " ", count == 1 ? one : many);
}

}  // namespace newsalign::report_internal
