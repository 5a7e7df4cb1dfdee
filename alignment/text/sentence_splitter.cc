#include "text/sentence_splitter.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "text/abbreviations.h"
#include "text/utf8.h"

namespace newsalign {
namespace {

// How the splitter works:
//
//  1. The text is cut into lines (LF, CR, CRLF, VT, FF, NEL, U+2028, U+2029). A line that is all
//     whitespace is blank; blank lines (and FF, U+2029) separate paragraphs. Every line end ends
//     a sentence, so headlines and "Source" lines without a final stop are segments of their own.
//  2. Each non-blank line goes through ICU's sentence BreakIterator (plain UAX #29 rules) over a
//     UTF-8 UText, so ICU's boundaries are byte offsets. To them are added the candidates ICU
//     does not see: after "…" (U+2026 is no stop for ICU) before a new sentence, and after a
//     period before a digit (ICU does not break "efficace. 35 patients ont" as it looks past
//     the number for a lowercase letter).
//  3. Every candidate is then judged, in order, by the project's rules:
//     - a closing quote or bracket that ICU left at the start of the next sentence (« Il part. »,
//       where ICU cuts before "»" because of the space) moves back to its sentence, and when a
//       lowercase letter follows it the sentence goes on ("« Quoi ? » demanda-t-il.");
//     - a period after an abbreviation does not end a sentence: the French, German and English
//       lists (text/abbreviations.h), single-letter initials in any script ("J. Dupont",
//       "د. أحمد": ICU breaks there as Arabic has no case), dotted acronyms ("O.N.U.", "ق.م."),
//       compound initials ("J.-P."), a list number opening the sentence ("1. Le départ"),
//       German ordinals ("am 3. Oktober");
//     - but an initial or acronym followed by a word that usually opens a sentence ("vitamine D.
//       Des études", "عام 1950 م. وفي") ends it: when unsure, split, since the aligner can join
//       two segments and cannot cut one.
//     Scans around a candidate are capped (kMaxScan), so splitting is linear in the text size.
//
// ICU's own abbreviation lists (the "ss=standard" locale keyword) are not used unless the caller's
// tag asks for them ("fr-u-ss-standard"): the French list keeps "mer.", "jeu.", "sept.", "Var."
// and "av. J.-C." from ending a sentence, and under-splitting cannot be repaired by the aligner.

// Scans around a candidate boundary never look further than this many code points, which keeps
// the corrections linear on pathological input (a megabyte of "ق.ق.ق." or of ")))))").
constexpr int kMaxScan = 32;

// The longest abbreviation looked up, in code points with its opening punctuation and elision:
// "(l’O.N.U." and "S.M.A.R.T." fit.
constexpr int kMaxWord = 16;

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
  return type == U_END_PUNCTUATION || type == U_FINAL_PUNCTUATION || type == U_INITIAL_PUNCTUATION;
}

// Punctuation that may open a sentence: "(", "«", "„", "“", '"'.
bool IsOpener(UChar32 c) {
  if (c == '"' || c == '\'') return true;
  const int8_t type = u_charType(c);
  return type == U_START_PUNCTUATION || type == U_INITIAL_PUNCTUATION;
}

bool IsTerminal(UChar32 c) {
  switch (c) {
    case '.':
    case '!':
    case '?':
    case 0x2026 /* … */:
    case 0x061F /* ؟ */:
    case 0x06D4 /* ۔ */:
    case 0x203C:
    case 0x2047:
    case 0x2048:
    case 0x2049:
      return true;
    default:
      return false;
  }
}

// Line terminators; `paragraph` is set for the ones that also end a paragraph.
bool IsLineBreak(UChar32 c, bool* paragraph) {
  switch (c) {
    case '\n':
    case '\r':
    case '\v':
    case 0x0085:
    case 0x2028:
      *paragraph = false;
      return true;
    case '\f':
    case 0x2029:
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
    if (!IsSpace(DecodeUtf8At(text, i, &length))) break;
    i += length;
  }
  return i;
}

// Returns the offset just past the last non-space in [begin, i), or `begin`.
size_t TrimBack(absl::string_view text, size_t begin, size_t i) {
  while (i > begin) {
    size_t start;
    if (!IsSpace(DecodeUtf8Before(text, begin, i, &start))) break;
    i = start;
  }
  return i;
}

// Returns the number of decimal digits (any script) when `word` is digits and a final period
// ("3.", "١٢."), else 0.
int NumberLength(absl::string_view word) {
  int digits = 0;
  size_t i = 0;
  while (i + 1 < word.size()) {
    size_t length;
    if (!u_isdigit(DecodeUtf8At(word, i, &length))) return 0;
    ++digits;
    i += length;
  }
  return i + 1 == word.size() && word.back() == '.' ? digits : 0;
}

// For one or more single letters each followed by a period, possibly joined by hyphens ("J.",
// "د.", "U.S.", "O.N.U.", "J.-P.", "ق.م."), returns how many letters; else 0. A lone lowercase
// letter ("a.") gives 0: the lowercase one-letter abbreviations are in the lists.
struct Initials {
  int letters = 0;
  bool hyphenated = false;
};
Initials ParseInitials(absl::string_view word) {
  Initials result;
  size_t i = 0;
  bool lone_letter_ok = false;
  while (i < word.size()) {
    if (result.letters > 0 && word[i] == '-') {
      result.hyphenated = true;
      ++i;
    }
    if (i >= word.size()) return {};
    size_t length;
    const UChar32 c = DecodeUtf8At(word, i, &length);
    if (!u_isUAlphabetic(c)) return {};
    lone_letter_ok = !IsLower(c);
    i += length;
    // Combining marks (Arabic harakat) belong to the letter.
    while (i < word.size()) {
      const UChar32 mark = DecodeUtf8At(word, i, &length);
      if (u_charType(mark) != U_NON_SPACING_MARK) break;
      i += length;
    }
    if (i >= word.size() || word[i] != '.') return {};
    ++i;
    ++result.letters;
  }
  if (result.letters == 1 && !lone_letter_ok) return {};
  return result;
}

// Returns the word that ends at `end`, from the previous space (not before `line_begin`), and
// sets `*begin` to where it starts. Returns "" for a word longer than kMaxWord code points,
// which is no abbreviation.
absl::string_view RawWordBefore(absl::string_view text, size_t line_begin, size_t end,
                                size_t* begin) {
  size_t i = end;
  int count = 0;
  while (i > line_begin) {
    size_t start;
    if (IsSpace(DecodeUtf8Before(text, line_begin, i, &start))) break;
    if (++count > kMaxWord) return {};
    i = start;
  }
  *begin = i;
  return text.substr(i, end - i);
}

// Drops opening punctuation and French elision from a word: "(cf." -> "cf.",
// "l'O.N.U." -> "O.N.U.", "«M." -> "M.".
absl::string_view Bare(absl::string_view word) {
  size_t after_apostrophe = 0;
  const size_t ascii = word.rfind('\'');
  if (ascii != absl::string_view::npos) after_apostrophe = ascii + 1;
  const size_t typographic = word.rfind("\xE2\x80\x99");  // ’
  if (typographic != absl::string_view::npos) {
    after_apostrophe = std::max(after_apostrophe, typographic + 3);
  }
  if (after_apostrophe < word.size()) word.remove_prefix(after_apostrophe);
  while (!word.empty()) {
    size_t length;
    if (!IsOpener(DecodeUtf8At(word, 0, &length))) break;
    word.remove_prefix(length);
  }
  return word;
}

// Returns the word that starts at `i`, up to a space or punctuation other than an apostrophe or
// hyphen, after opening punctuation: "« Des" -> "Des", "L’armée," -> "L’armée".
absl::string_view WordAt(absl::string_view text, size_t i, size_t line_end) {
  int count = 0;
  while (i < line_end && count++ < kMaxScan) {
    size_t length;
    if (!IsOpener(DecodeUtf8At(text, i, &length))) break;
    i += length;
  }
  size_t j = i;
  count = 0;
  while (j < line_end && count++ < kMaxScan) {
    size_t length;
    const UChar32 c = DecodeUtf8At(text, j, &length);
    if (!u_isUAlphabetic(c) && u_charType(c) != U_NON_SPACING_MARK && !u_isdigit(c) && c != '\'' &&
        c != 0x2019 && c != '-') {
      break;
    }
    j += length;
  }
  return text.substr(i, j - i);
}

// One line being split: offsets are into `text`; [begin, end) holds no line break and starts
// and ends with a non-space.
struct Line {
  absl::string_view text;
  size_t begin;
  size_t end;
  SplitterLanguage language;
};

// True when the period just before `stop` (the end of the sentence that starts at
// `sentence_begin`) is part of an abbreviation rather than the end of the sentence; `next` is
// where the next sentence would start.
bool IsAbbreviationPeriod(const Line& line, size_t sentence_begin, size_t stop, size_t next) {
  const absl::string_view text = line.text;
  if (stop <= line.begin || text[stop - 1] != '.') return false;
  size_t raw_begin;
  const absl::string_view raw = RawWordBefore(text, line.begin, stop, &raw_begin);
  const absl::string_view word = Bare(raw);
  if (word.size() < 2) return false;  // a bare "." or "»."
  size_t length;
  const UChar32 next_char = DecodeUtf8At(text, next, &length);

  if (InWordSet(Abbreviations(line.language), word)) return true;
  if (u_isdigit(next_char) && InWordSet(AbbreviationsBeforeNumber(line.language), word)) {
    return true;
  }

  if (const int digits = NumberLength(word); digits > 0) {
    // A list number opening the sentence: "1. Le départ", "12. Dans".
    if (raw_begin == sentence_begin && raw.size() == word.size() && digits <= 3) return true;
    // German ordinals: "am 3. Oktober", "im 19. Jahrhundert", "die 8. und 9. Stelle".
    return line.language == SplitterLanguage::kGerman && digits <= 2;
  }

  const Initials initials = ParseInitials(word);
  if (initials.letters == 0) return false;
  if (line.language == SplitterLanguage::kFrench && word == "J.-C.") {
    // "av. J.-C." is an era and may end a sentence; elsewhere "J.-C." is a first name.
    size_t previous_begin;
    const absl::string_view previous = Bare(
        RawWordBefore(text, line.begin, TrimBack(text, line.begin, raw_begin), &previous_begin));
    if (previous == "av." || previous == "apr." || previous == "ap.") return false;
  }
  // Compound initials are first names ("J.-P. Sartre"); others may end a sentence when a word
  // that opens sentences follows ("la vitamine D. Des études").
  return initials.hyphenated || !IsSentenceOpener(WordAt(text, next, line.end), line.language);
}

// True for what goes on with a sentence after a closing quote: a lowercase letter, a comma.
bool ContinuesSentence(UChar32 c) {
  return IsLower(c) || c == ',' || c == ';' || c == ':' || c == 0x060C /* ، */ ||
         c == 0x061B /* ؛ */;
}

// Returns where the next sentence starts when a sentence ends at `i`: past spaces and closing
// quotes and brackets that belong to the ending sentence ("part. » Puis", "part. ) » Puis"), or
// `i` past spaces when the closing marks are not followed by a space. Sets `*closed` when
// closing marks were passed.
size_t NextSentenceStart(absl::string_view text, size_t i, size_t line_end, bool* closed) {
  *closed = false;
  size_t start = SkipSpaces(text, i, line_end);
  size_t j = start;
  for (int count = 0; j < line_end && count < kMaxScan; ++count) {
    size_t length;
    const UChar32 c = DecodeUtf8At(text, j, &length);
    if (!IsCloser(c) && !(j > start && IsTerminal(c))) break;
    j += length;
    if (j == line_end) return j;
    const UChar32 after = DecodeUtf8At(text, j, &length);
    if (IsSpace(after)) {
      // A closing run followed by a space: it belongs to the sentence before.
      *closed = true;
      start = SkipSpaces(text, j, line_end);
      j = start;
    } else if (ContinuesSentence(after)) {
      // "« Non ! », dit-il."
      *closed = true;
      return j;
    }
  }
  return start;
}

// True when a new sentence may start at `i`: a letter that is not lowercase, possibly after
// opening punctuation ("« Non", "(Voir", "\"Il").
bool StartsSentence(absl::string_view text, size_t i, size_t line_end) {
  for (int count = 0; i < line_end && count < kMaxScan; ++count) {
    size_t length;
    const UChar32 c = DecodeUtf8At(text, i, &length);
    if (IsSentenceStartLetter(c)) return true;
    if (!IsOpener(c) && !IsSpace(c)) return false;
    i += length;
  }
  return false;
}

// Adds to `candidates` the boundaries ICU does not propose: after "…" before a new sentence, and
// after a period before a digit. Each is the offset just after the stop.
void AddCandidates(const Line& line, std::vector<size_t>& candidates) {
  const absl::string_view text = line.text;
  const absl::string_view body = text.substr(line.begin, line.end - line.begin);
  static constexpr absl::string_view kEllipsis = "\xE2\x80\xA6";
  for (size_t i = 0; i < body.size(); ++i) {
    size_t after;
    if (body[i] == '.') {
      after = line.begin + i + 1;
    } else if (body.substr(i, kEllipsis.size()) == kEllipsis) {
      after = line.begin + i + kEllipsis.size();
    } else {
      continue;
    }
    size_t length;
    if (after >= line.end) continue;
    const UChar32 c = DecodeUtf8At(text, after, &length);
    if (!IsSpace(c) && !IsCloser(c)) continue;
    bool closed;
    const size_t next = NextSentenceStart(text, after, line.end, &closed);
    if (next == after || next >= line.end) continue;  // "3.5", "»X"
    const bool added = body[i] == '.' ? u_isdigit(DecodeUtf8At(text, next, &length))
                                      : StartsSentence(text, next, line.end);
    if (added) candidates.push_back(after);
  }
}

// Lines up to this many bytes are given to ICU in UTF-16: the converted line and its offsets
// (6 bytes a unit) stay with the thread, so a line of hundreds of megabytes is read as UTF-8.
constexpr size_t kMostUtf16LineBytes = size_t{1} << 20;

// Sets `boundaries` to the offsets where ICU's rules (`breaker`) break `text`[begin, end),
// before `end`, ascending. ICU reads the text as UTF-16, converted here (a malformed sequence
// becomes U+FFFD, as ICU's UTF-8 text would read it), with each unit's byte offset: over a UTF-8
// UText it refilled a chunk of a few dozen characters at a time, about a third of its work on
// the sample article. Unless `utf16`, or past kMostUtf16LineBytes, over the UTF-8 text itself
// (the same boundaries; tests compare the two).
absl::Status IcuBreaks(absl::string_view text, size_t begin, size_t end,
                       icu::BreakIterator& breaker, bool utf16, std::vector<size_t>& boundaries) {
  thread_local std::vector<UChar> units;
  thread_local std::vector<uint32_t> unit_offsets;  // from `begin`
  utf16 = utf16 && end - begin <= kMostUtf16LineBytes;
  UErrorCode status = U_ZERO_ERROR;
  UText utext = UTEXT_INITIALIZER;
  if (utf16) {
    // Sized once: a byte gives at most one unit (a four-byte sequence gives two), plus the end.
    units.resize(end - begin);
    unit_offsets.resize(end - begin + 1);
    size_t count = 0;
    const absl::string_view line = text.substr(0, end);
    for (size_t i = begin; i < end;) {
      const size_t start = i;
      UChar32 c = static_cast<uint8_t>(line[i]);
      if (c < 0x80) {
        ++i;
      } else {
        c = NextCodePoint(line, &i);
        if (c < 0) c = 0xFFFD;
      }
      const auto offset = static_cast<uint32_t>(start - begin);
      if (c <= 0xFFFF) {
        units[count] = static_cast<UChar>(c);
        unit_offsets[count++] = offset;
      } else {
        units[count] = U16_LEAD(c);
        unit_offsets[count++] = offset;
        units[count] = U16_TRAIL(c);
        unit_offsets[count++] = offset;
      }
    }
    unit_offsets[count] = static_cast<uint32_t>(end - begin);
    utext_openUChars(&utext, units.data(), static_cast<int64_t>(count), &status);
  } else {
    utext_openUTF8(&utext, text.data() + begin, static_cast<int64_t>(end - begin), &status);
  }
  breaker.setText(&utext, status);  // ICU keeps a shallow clone of `utext`
  if (U_FAILURE(status)) {
    utext_close(&utext);
    return absl::InternalError(absl::StrCat("ICU could not read the text: ", u_errorName(status)));
  }
  boundaries.clear();
  for (int32_t b = breaker.next(); b != icu::BreakIterator::DONE; b = breaker.next()) {
    const size_t offset =
        begin + (utf16 ? unit_offsets[static_cast<size_t>(b)] : static_cast<size_t>(b));
    if (offset < end) boundaries.push_back(offset);
  }
  utext_close(&utext);
  return absl::OkStatus();
}

// Appends to `cuts` the offsets in the line where a sentence starts (after the first).
absl::Status CutLine(const Line& line, icu::BreakIterator& breaker, std::vector<size_t>& candidates,
                     std::vector<size_t>& cuts) {
  const absl::string_view text = line.text;
  RETURN_IF_ERROR(IcuBreaks(text, line.begin, line.end, breaker, /*utf16=*/true, candidates));
  const size_t icu_count = candidates.size();
  AddCandidates(line, candidates);
  std::inplace_merge(candidates.begin(), candidates.begin() + icu_count, candidates.end());

  size_t sentence_begin = line.begin;
  for (const size_t candidate : candidates) {
    bool closed;
    const size_t cut = NextSentenceStart(text, candidate, line.end, &closed);
    if (cut >= line.end || cut <= sentence_begin) continue;
    size_t length;
    // After closing quotes, a lowercase letter or a comma goes on with the sentence:
    // "« Quoi ? » demanda-t-il.", "« Non ! », dit-il."
    if (closed && ContinuesSentence(DecodeUtf8At(text, cut, &length))) continue;
    if (IsAbbreviationPeriod(line, sentence_begin, TrimBack(text, sentence_begin, cut), cut)) {
      continue;
    }
    cuts.push_back(cut);
    sentence_begin = cut;
  }
  return absl::OkStatus();
}

// Returns the ICU locale of a BCP 47 tag, or INVALID_ARGUMENT naming the tag.
absl::StatusOr<icu::Locale> ParseLanguage(absl::string_view language) {
  // Real tags are short; the bound keeps the length within ICU's int32_t.
  if (!language.empty() && language.size() <= 256) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(
        icu::StringPiece(language.data(), static_cast<int32_t>(language.size())), status);
    if (U_SUCCESS(status) && !locale.isBogus()) return locale;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "language \"", absl::Utf8SafeCHexEscape(language.substr(0, 64)),
      "\" is not a BCP 47 language tag; use a tag such as \"fr\", \"ar\" or \"de-CH\""));
}

// Locales whose sentence BreakIterator a thread keeps (SentenceBreaker()); past them it forgets
// them all, so that tags sent by callers cannot grow it without end.
constexpr size_t kKeptBreakers = 16;

// The sentence BreakIterator of `locale` (parsed from `language`, named in errors), made once
// per thread and locale: ICU caches the compiled rules, but making an iterator from them still
// cost ~80,000 instructions, 0.5 % of a sample article's request. SplitSentences() gives it each
// line's text with setText(), which resets it; it keeps a reference to the last text it read
// until the next, but reads nothing between calls.
absl::StatusOr<icu::BreakIterator*> SentenceBreaker(const icu::Locale& locale,
                                                    absl::string_view language) {
  thread_local absl::flat_hash_map<std::string, std::unique_ptr<icu::BreakIterator>> kept;
  const std::string name = locale.getName();
  if (auto it = kept.find(name); it != kept.end()) return it->second.get();
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> breaker(
      icu::BreakIterator::createSentenceInstance(locale, status));
  if (U_FAILURE(status) || breaker == nullptr) {
    return absl::InternalError(absl::StrCat("ICU has no sentence rules for \"",
                                            absl::Utf8SafeCHexEscape(language),
                                            "\": ", u_errorName(status)));
  }
  if (kept.size() >= kKeptBreakers) kept.clear();
  return kept.emplace(name, std::move(breaker)).first->second.get();
}

}  // namespace

namespace splitter_internal {

absl::StatusOr<std::vector<size_t>> IcuBoundaries(absl::string_view line,
                                                  absl::string_view language, bool utf16) {
  if (line.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    return absl::InvalidArgumentError("the line is too long for ICU (2 GiB at most)");
  }
  ASSIGN_OR_RETURN(const icu::Locale locale, ParseLanguage(language));
  ASSIGN_OR_RETURN(icu::BreakIterator* const breaker, SentenceBreaker(locale, language));
  std::vector<size_t> boundaries;
  RETURN_IF_ERROR(IcuBreaks(line, 0, line.size(), *breaker, utf16, boundaries));
  return boundaries;
}

}  // namespace splitter_internal

absl::StatusOr<std::vector<Segment>> SplitSentences(absl::string_view text,
                                                    absl::string_view language) {
  absl::StatusOr<icu::Locale> locale = ParseLanguage(language);
  if (!locale.ok()) return locale.status();
  const absl::string_view code = locale->getLanguage();
  const SplitterLanguage rules = code == "fr"   ? SplitterLanguage::kFrench
                                 : code == "de" ? SplitterLanguage::kGerman
                                 : code == "en" ? SplitterLanguage::kEnglish
                                                : SplitterLanguage::kOther;

  absl::StatusOr<icu::BreakIterator*> breaker = SentenceBreaker(*locale, language);
  if (!breaker.ok()) return breaker.status();

  std::vector<Segment> segments;
  std::vector<size_t> candidates;
  std::vector<size_t> cuts;
  int paragraph = 0;
  bool blank_seen = false;
  size_t line_begin = 0;
  while (line_begin < text.size()) {
    size_t line_end = line_begin;
    size_t next_line = text.size();
    bool paragraph_break = false;
    while (line_end < text.size()) {
      size_t length;
      const UChar32 c = DecodeUtf8At(text, line_end, &length);
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
            "a line of ", end - begin, " bytes is too long to split (ICU takes up to 2 GiB)"));
      }
      cuts.clear();
      // The line's text stops at its end, so that no decoding reads past it.
      const Line line{text.substr(0, end), begin, end, rules};
      const absl::Status cut_status = CutLine(line, **breaker, candidates, cuts);
      if (!cut_status.ok()) return cut_status;
      cuts.push_back(end);
      size_t start = begin;
      for (const size_t cut : cuts) {
        const size_t stop = TrimBack(text, start, cut);
        if (stop > start) segments.push_back({start, stop, paragraph});
        start = cut;
      }
    }
    if (paragraph_break) blank_seen = true;
    line_begin = next_line;
  }
  return segments;
}

}  // namespace newsalign
