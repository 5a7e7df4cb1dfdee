#include "report/text_helpers.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "text/utf8.h"
#include "unicode/uchar.h"

namespace newsalign::report_internal {

absl::string_view SideText(const SegmentedDocument& document, const std::vector<int>& indices,
                           std::string* joined) {
  // Most beads are 1-1: their sides are read where they are, not copied.
  if (indices.size() == 1) return MatchingText(document.sentences[indices[0]]);
  std::vector<absl::string_view> parts;
  parts.reserve(indices.size());
  for (int i : indices) parts.push_back(MatchingText(document.sentences[i]));
  *joined = absl::StrJoin(parts, " ");
  return *joined;
}

double LengthOf(absl::string_view text) {
  return static_cast<double>(CountCodePointsExcept(text, " \t\r\n"));
}

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The next run of text between white space at or after `*at` (empty past the last), and
// `*at` moved past it.
absl::string_view NextWord(absl::string_view text, size_t* at) {
  size_t begin = *at;
  while (begin < text.size() && IsSpace(text[begin])) ++begin;
  size_t end = begin;
  while (end < text.size() && !IsSpace(text[end])) ++end;
  *at = end;
  return text.substr(begin, end - begin);
}

}  // namespace

std::string CollapseSpaces(absl::string_view text) {
  // One pass, a word at a time (a split and a join cost a tenth of a long pair's report, a
  // byte at a time most of the repeat check's).
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  for (absl::string_view word = NextWord(text, &at); !word.empty();
       word = NextWord(text, &at)) {
    if (!out.empty()) out.push_back(' ');
    out.append(word.data(), word.size());
  }
  return out;
}

bool EqualCollapsed(absl::string_view a, absl::string_view b) {
  // Words never hold white space, so the collapsed texts are equal when their words are.
  size_t at_a = 0, at_b = 0;
  while (true) {
    const absl::string_view word_a = NextWord(a, &at_a);
    const absl::string_view word_b = NextWord(b, &at_b);
    if (word_a != word_b) return false;
    if (word_a.empty()) return true;
  }
}

bool MayHoldAddress(absl::string_view text) {
  if (text.find('@') != absl::string_view::npos) return true;
  if (text.find("://") != absl::string_view::npos) return true;
  // "www." in any case.
  for (size_t at = text.find('.', 3); at != absl::string_view::npos; at = text.find('.', at + 1)) {
    if ((text[at - 3] | 0x20) == 'w' && (text[at - 2] | 0x20) == 'w' &&
        (text[at - 1] | 0x20) == 'w') {
      return true;
    }
  }
  return false;
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
