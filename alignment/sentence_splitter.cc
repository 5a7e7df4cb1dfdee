#include "alignment/sentence_splitter.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace newsalign {
namespace {

// How the splitter works, in three steps:
//
//  1. The text is cut into lines (LF, CR, CRLF, VT, FF, NEL, U+2028, U+2029). A line that is all
//     whitespace is blank; blank lines (and U+2029, FF) separate paragraphs. Every line end ends
//     a sentence, so headlines and "Source" lines without a final stop are segments of their own.
//  2. Each non-blank line goes through ICU's sentence BreakIterator (plain rules, UAX #29) over a
//     UTF-8 UText, so ICU's boundaries are byte offsets.
//  3. ICU's boundaries are post-corrected, each in O(1) amortised (scans are capped), so the whole
//     is linear in the size of the text:
//     - a closing quote or bracket that ICU left at the start of the next sentence (« Il part. »,
//       where ICU cuts before "»" because of the space) moves back to its sentence;
//     - a cut before a lowercase letter is dropped ("« Quoi ? » demanda-t-il." is one sentence;
//       ICU breaks after "?" or "!" whatever follows);
//     - a cut after an abbreviation is dropped: single-letter initials in any script ("J. Dupont",
//       "د. أحمد", where ICU breaks since Arabic has no case), dotted acronyms ("O.N.U.",
//       "J.-P.", "ق.م."), and the French and German lists below;
//     - a cut is added after "…" followed by a space and a new sentence (ICU ignores U+2026).
//
// ICU's own abbreviation lists (the "ss=standard" locale keyword) are not used unless the caller's
// tag asks for them ("fr-u-ss-standard"): the French list keeps "mer.", "jeu.", "sept.", "Var."
// and "av. J.-C." from ending a sentence, and under-splitting cannot be repaired by the aligner.

// Scans past the end of an ICU boundary never look further than this many code points, which
// keeps the corrections linear on pathological input (a megabyte of "ق.ق.ق.").
constexpr int kMaxScan = 32;

// Decodes the code point that starts at byte `i` of `text` and stores its length in `*length`.
// The text is valid UTF-8 by contract; a malformed byte decodes as U+FFFD of length 1, and no
// read goes past the end of `text`.
UChar32 DecodeAt(absl::string_view text, size_t i, size_t* length) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  const uint8_t b0 = byte(i);
  *length = 1;
  if (b0 < 0x80) return b0;
  size_t n;
  UChar32 c;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
    c = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    c = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    c = b0 & 0x07;
  } else {
    return 0xFFFD;
  }
  if (i + n > text.size()) return 0xFFFD;
  for (size_t k = 1; k < n; ++k) {
    const uint8_t b = byte(i + k);
    if ((b & 0xC0) != 0x80) return 0xFFFD;
    c = (c << 6) | (b & 0x3F);
  }
  *length = n;
  return c;
}

// Returns the byte offset where the code point that ends at byte `i` (> 0) starts.
size_t PreviousStart(absl::string_view text, size_t i) {
  size_t j = i - 1;
  while (j > 0 && i - j < 4 && (static_cast<uint8_t>(text[j]) & 0xC0) == 0x80) --j;
  return j;
}

UChar32 DecodeBefore(absl::string_view text, size_t i, size_t* start) {
  *start = PreviousStart(text, i);
  size_t length;
  return DecodeAt(text, *start, &length);
}

// Unicode White_Space (which holds U+00A0, U+202F, U+3000, ...) plus the zero-width space and the
// byte-order mark, which are invisible and never start or end a sentence.
bool IsSpace(UChar32 c) { return u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF; }

bool IsLower(UChar32 c) { return u_isULowercase(c); }

// A letter that may start a sentence: uppercase, titlecase, or of a script without case (Arabic).
bool IsSentenceStartLetter(UChar32 c) { return u_isUAlphabetic(c) && !u_isULowercase(c); }

// Closing punctuation, and quotation marks that close when followed by a space: "»", "”", "“"
// (closing in much Arabic typing), ")", "]", '"'. Not "«" and "‹", which open in French and Arabic.
bool IsCloser(UChar32 c) {
  if (c == '"' || c == '\'') return true;
  if (c == 0x00AB || c == 0x2039) return false;
  const int8_t type = u_charType(c);
  return type == U_END_PUNCTUATION || type == U_FINAL_PUNCTUATION ||
         type == U_INITIAL_PUNCTUATION;
}

// Punctuation that may open a sentence: "(", "«", "„", "“", '"'.
bool IsOpener(UChar32 c) {
  if (c == '"' || c == '\'') return true;
  const int8_t type = u_charType(c);
  return type == U_START_PUNCTUATION || type == U_INITIAL_PUNCTUATION;
}

bool IsTerminal(UChar32 c) {
  switch (c) {
    case '.': case '!': case '?': case 0x2026 /* … */: case 0x061F /* ؟ */:
    case 0x06D4 /* ۔ */: case 0x203C: case 0x2047: case 0x2048: case 0x2049:
      return true;
    default:
      return false;
  }
}

// Line terminators; `paragraph` is set for the ones that also end a paragraph.
bool IsLineBreak(UChar32 c, bool* paragraph) {
  switch (c) {
    case '\n': case '\r': case '\v': case 0x0085: case 0x2028:
      *paragraph = false;
      return true;
    case '\f': case 0x2029:
      *paragraph = true;
      return true;
    default:
      return false;
  }
}

// Returns the first offset in [i, end) that is not a space, or `end`.
size_t SkipSpaces(absl::string_view text, size_t i, size_t end) {
  while (i < end) {
    size_t length;
    if (!IsSpace(DecodeAt(text, i, &length))) break;
    i += length;
  }
  return i;
}

// Returns the offset just past the last non-space in [begin, i), or `begin`.
size_t TrimBack(absl::string_view text, size_t begin, size_t i) {
  while (i > begin) {
    size_t start;
    if (!IsSpace(DecodeBefore(text, i, &start))) break;
    i = start;
  }
  return i;
}

enum class Language { kOther, kFrench, kGerman };

// Abbreviations that never end a sentence, with their period. Matched case-sensitively, and
// also with the first letter lowercased ("Cf." at the start of a sentence is "cf.").
// Left out on purpose: "etc." and "usw." (they end a sentence when a capital follows, which
// ICU already does), "sept." (also "seven"), "hab.", "cit.".
const absl::flat_hash_set<absl::string_view>& FrenchAbbreviations() {
  static const auto* const kSet = new absl::flat_hash_set<absl::string_view>({
      "M.",    "MM.",   "Mme.",  "Mmes.", "Mlle.", "Mlles.", "Mgr.",  "Dr.",   "Drs.",
      "Pr.",   "Me.",   "St.",   "Ste.",  "Sts.",  "Jr.",    "cf.",   "p.",    "pp.",
      "ex.",   "art.",  "n°.",   "vol.",  "env.",  "min.",   "max.",  "av.",   "apr.",
      "ap.",   "chap.", "fig.",  "éd.",   "réf.",  "coll.",  "dir.",  "trad.", "vs.",
      "bd.",   "janv.", "févr.", "avr.",  "juil.", "oct.",   "nov.",  "déc.",
  });
  return *kSet;
}

const absl::flat_hash_set<absl::string_view>& GermanAbbreviations() {
  static const auto* const kSet = new absl::flat_hash_set<absl::string_view>({
      "Dr.",   "Prof.", "Hr.",   "Hrn.",  "Fr.",   "Frl.",  "St.",   "Nr.",   "Str.",
      "Abs.",  "Abt.",  "Art.",  "Bd.",   "Kap.",  "Hrsg.", "Jh.",   "Jhd.",  "Mio.",
      "Mrd.",  "ca.",   "vgl.",  "bzw.",  "evtl.", "ggf.",  "inkl.", "exkl.", "zzgl.",
      "sog.",  "geb.",  "gest.", "a.",    "d.",    "n.",    "o.",    "s.",    "u.",
      "v.",    "z.",    "Jan.",  "Feb.",  "Febr.", "Apr.",  "Aug.",  "Sep.",  "Sept.",
      "Okt.",  "Nov.",  "Dez.",
  });
  return *kSet;
}

bool InList(absl::string_view token, Language language) {
  const absl::flat_hash_set<absl::string_view>* list = nullptr;
  if (language == Language::kFrench) list = &FrenchAbbreviations();
  if (language == Language::kGerman) list = &GermanAbbreviations();
  if (list == nullptr || token.empty()) return false;
  if (list->contains(token)) return true;
  size_t length;
  const UChar32 first = DecodeAt(token, 0, &length);
  const UChar32 lower = u_tolower(first);
  if (lower == first) return false;
  std::string lowered;
  char buffer[U8_MAX_LENGTH];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buffer, n, lower);
  lowered.append(buffer, n);
  lowered.append(token.substr(length));
  return list->contains(lowered);
}

// True for one or more single letters each followed by a period, possibly joined by hyphens:
// "J.", "د.", "U.S.", "O.N.U.", "J.-P.", "ق.م.". A lone letter must not be lowercase ("a." is
// a word in some languages); lowercase one-letter abbreviations live in the lists.
bool IsInitials(absl::string_view token) {
  size_t i = 0;
  int letters = 0;
  bool lone_letter_ok = false;
  while (i < token.size()) {
    if (letters > 0 && token[i] == '-') ++i;
    if (i >= token.size()) return false;
    size_t length;
    const UChar32 c = DecodeAt(token, i, &length);
    if (!u_isUAlphabetic(c)) return false;
    lone_letter_ok = !IsLower(c);
    i += length;
    // Combining marks (Arabic harakat) belong to the letter.
    while (i < token.size()) {
      const UChar32 mark = DecodeAt(token, i, &length);
      if (u_charType(mark) != U_NON_SPACING_MARK) break;
      i += length;
    }
    if (i >= token.size() || token[i] != '.') return false;
    ++i;
    ++letters;
  }
  return letters > 1 || (letters == 1 && lone_letter_ok);
}

// Returns the word that ends at `end` (just past a period): from the previous space, without
// opening punctuation and French elision ("(cf." -> "cf.", "l'O.N.U." -> "O.N.U."). Sets
// `*begin` to where the word starts. Returns "" for words longer than kMaxScan code points,
// which are no abbreviations.
absl::string_view WordBefore(absl::string_view text, size_t line_begin, size_t end,
                             size_t* begin) {
  size_t i = end;
  int count = 0;
  while (i > line_begin) {
    size_t start;
    const UChar32 c = DecodeBefore(text, i, &start);
    if (IsSpace(c)) break;
    if (++count > kMaxScan) return {};
    i = start;
  }
  *begin = i;
  absl::string_view word = text.substr(i, end - i);
  const size_t apostrophe = std::max(word.rfind('\''), word.rfind("\xE2\x80\x99") == absl::string_view::npos
                                                           ? absl::string_view::npos
                                                           : word.rfind("\xE2\x80\x99") + 2);
  if (apostrophe != absl::string_view::npos && apostrophe + 1 < word.size()) {
    word.remove_prefix(apostrophe + 1);
  }
  while (!word.empty()) {
    size_t length;
    if (!IsOpener(DecodeAt(word, 0, &length))) break;
    word.remove_prefix(length);
  }
  return word;
}

// True when the period that ends at `end` belongs to an abbreviation and does not end the
// sentence.
bool EndsWithAbbreviation(absl::string_view text, size_t line_begin, size_t end,
                          Language language) {
  if (end == line_begin || text[end - 1] != '.') return false;
  size_t word_begin;
  const absl::string_view word = WordBefore(text, line_begin, end, &word_begin);
  if (word.size() < 2) return false;  // a bare "."
  if (InList(word, language)) return true;
  if (!IsInitials(word)) return false;
  if (language == Language::kFrench && word == "J.-C.") {
    // "J.-C." after "av." is the era and may end a sentence; elsewhere it is a first name.
    const size_t previous_end = TrimBack(text, line_begin, word_begin);
    size_t previous_begin;
    const absl::string_view previous =
        WordBefore(text, line_begin, previous_end, &previous_begin);
    if (previous == "av." || previous == "apr." || previous == "ap.") return false;
  }
  return true;
}

// The end of the run of closing punctuation (and stops inside it) that starts at `i`, when the
// run is followed by a space or the line end, else `i`: "» ", ") ", "”. ".
size_t ClosingRunEnd(absl::string_view text, size_t i, size_t line_end) {
  size_t j = i;
  size_t length;
  if (j >= line_end || !IsCloser(DecodeAt(text, j, &length))) return i;
  for (int count = 0; j < line_end && count < kMaxScan; ++count) {
    const UChar32 c = DecodeAt(text, j, &length);
    if (IsSpace(c)) return j;
    if (!IsCloser(c) && !IsTerminal(c)) return i;
    j += length;
  }
  return j == line_end ? j : i;
}

// True when a new sentence may start at `i`: a letter that is not lowercase, possibly after
// opening punctuation ("« Non", "(Voir", "\"Il").
bool StartsSentence(absl::string_view text, size_t i, size_t line_end) {
  for (int count = 0; i < line_end && count < kMaxScan; ++count) {
    size_t length;
    const UChar32 c = DecodeAt(text, i, &length);
    if (IsSentenceStartLetter(c)) return true;
    if (!IsOpener(c) && !IsSpace(c)) return false;
    i += length;
  }
  return false;
}

// Appends to `cuts` the sentence boundaries of the line [begin, end), which holds no line break
// and starts and ends with a non-space. Boundaries are offsets where a sentence starts.
absl::Status CutLine(absl::string_view text, size_t begin, size_t end, Language language,
                     icu::BreakIterator& breaker, std::vector<size_t>& cuts) {
  const size_t first_cut = cuts.size();
  UErrorCode status = U_ZERO_ERROR;
  UText utext = UTEXT_INITIALIZER;
  utext_openUTF8(&utext, text.data() + begin, static_cast<int64_t>(end - begin), &status);
  breaker.setText(&utext, status);
  if (U_FAILURE(status)) {
    utext_close(&utext);
    return absl::InternalError(
        absl::StrCat("ICU could not read the text: ", u_errorName(status)));
  }
  for (int32_t b = breaker.next(); b != icu::BreakIterator::DONE; b = breaker.next()) {
    const size_t icu_cut = begin + static_cast<size_t>(b);
    if (icu_cut >= end) break;
    // A closing quote or bracket after a space: back to the sentence it closes.
    size_t cut = SkipSpaces(text, ClosingRunEnd(text, icu_cut, end), end);
    if (cut >= end) continue;
    size_t length;
    // Lowercase next: the sentence goes on ("« Quoi ? » demanda-t-il.").
    if (IsLower(DecodeAt(text, cut, &length))) continue;
    // An abbreviation or initial before the cut: "M. Dupont", "د. أحمد", "ق.م".
    if (cut == SkipSpaces(text, icu_cut, end) &&
        EndsWithAbbreviation(text, begin, TrimBack(text, begin, icu_cut), language)) {
      continue;
    }
    cuts.push_back(cut);
  }
  // We close the UText after the iterator is done with it; ICU keeps a shallow clone.
  utext_close(&utext);

  // "…" (U+2026, which ICU does not treat as a stop) followed by a space and a new sentence.
  static constexpr absl::string_view kEllipsis = "\xE2\x80\xA6";
  bool added = false;
  for (size_t i = text.find(kEllipsis, begin); i < end; i = text.find(kEllipsis, i + 1)) {
    const size_t after = i + kEllipsis.size();
    size_t run_end = ClosingRunEnd(text, after, end);
    if (run_end == after) {
      size_t length;
      if (after >= end || !IsSpace(DecodeAt(text, after, &length))) continue;
    }
    const size_t next = SkipSpaces(text, run_end, end);
    if (next < end && StartsSentence(text, next, end)) {
      cuts.push_back(next);
      added = true;
    }
  }
  if (added) std::sort(cuts.begin() + first_cut, cuts.end());
  cuts.erase(std::unique(cuts.begin() + first_cut, cuts.end()), cuts.end());
  return absl::OkStatus();
}

absl::StatusOr<icu::Locale> ParseLanguage(absl::string_view language) {
  if (!language.empty()) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(
        icu::StringPiece(language.data(), static_cast<int32_t>(language.size())), status);
    if (U_SUCCESS(status) && !locale.isBogus()) return locale;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "language \"", absl::CHexEscape(language.substr(0, 64)),
      "\" is not a BCP 47 language tag; use a tag such as \"fr\", \"ar\" or \"de-CH\""));
}

}  // namespace

absl::StatusOr<std::vector<Segment>> SplitSentences(absl::string_view text,
                                                    absl::string_view language) {
  absl::StatusOr<icu::Locale> locale = ParseLanguage(language);
  if (!locale.ok()) return locale.status();
  const absl::string_view code = locale->getLanguage();
  const Language rules = code == "fr"   ? Language::kFrench
                         : code == "de" ? Language::kGerman
                                        : Language::kOther;

  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> breaker(
      icu::BreakIterator::createSentenceInstance(*locale, status));
  if (U_FAILURE(status) || breaker == nullptr) {
    return absl::InternalError(absl::StrCat("ICU has no sentence break rules for \"", language,
                                            "\": ", u_errorName(status)));
  }

  std::vector<Segment> segments;
  std::vector<size_t> cuts;
  int paragraph = 0;
  bool blank_seen = false;
  size_t line_begin = 0;
  while (line_begin < text.size()) {
    // Find the line end and the start of the next line.
    size_t line_end = line_begin;
    size_t next_line = text.size();
    bool paragraph_break = false;
    while (line_end < text.size()) {
      size_t length;
      const UChar32 c = DecodeAt(text, line_end, &length);
      if (IsLineBreak(c, &paragraph_break)) {
        next_line = line_end + length;
        if (c == '\r' && next_line < text.size() && text[next_line] == '\n') ++next_line;
        break;
      }
      line_end += length;
    }

    const size_t begin = SkipSpaces(text, line_begin, line_end);
    const size_t end = TrimBack(text, begin, line_end);
    if (begin == end) {
      blank_seen = true;
    } else {
      if (blank_seen && !segments.empty()) ++paragraph;
      blank_seen = false;
      if (end - begin > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
        return absl::InvalidArgumentError(absl::StrCat(
            "a line of ", end - begin, " bytes is too long to split; ICU takes up to 2 GiB"));
      }
      cuts.clear();
      const absl::Status cut_status = CutLine(text, begin, end, rules, *breaker, cuts);
      if (!cut_status.ok()) return cut_status;
      size_t start = begin;
      cuts.push_back(end);
      for (const size_t cut : cuts) {
        const size_t stop = TrimBack(text, start, cut);
        if (stop > start) segments.push_back({start, stop, paragraph});
        start = SkipSpaces(text, cut, end);
      }
    }
    if (paragraph_break) blank_seen = true;
    line_begin = next_line;
  }
  return segments;
}

}  // namespace newsalign
