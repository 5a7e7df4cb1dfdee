#include "anchors/numbers.h"

#include <cmath>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "text/arabic.h"
#include "text/char_classes.h"
#include "text/tokenizer.h"
#include "text/utf8.h"
#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace newsalign {
namespace {

bool IsGroupSpace(UChar32 c) {
  return c == ' ' || c == 0x00A0 || c == 0x202F || c == 0x2009 || c == '\'' || c == 0x2019;
}
bool IsDotOrComma(UChar32 c) { return c == '.' || c == ','; }
bool IsArabicThousands(UChar32 c) { return c == 0x066C; }  // ٬
bool IsArabicDecimal(UChar32 c) { return c == 0x066B; }    // ٫

struct Cursor {
  const char* s;
  int32_t length;
  int32_t i;
  UChar32 Peek(int32_t* next) const {
    int32_t k = i;
    UChar32 c = -1;
    if (k < length) U8_NEXT(s, k, length, c);
    *next = k;
    return c;
  }
};

// Reads a run of digits at the cursor into `digits` (ASCII); returns how many.
int ReadDigits(Cursor* cur, std::string* digits) {
  int count = 0;
  while (true) {
    int32_t next;
    UChar32 c = cur->Peek(&next);
    if (c < 0 || !IsDecimalDigit(c)) break;
    digits->push_back(static_cast<char>('0' + u_charDigitValue(c)));
    cur->i = next;
    ++count;
  }
  return count;
}

// Counts the digits that start at byte `at`.
int DigitsAt(const Cursor& cur, int32_t at) {
  Cursor probe = cur;
  probe.i = at;
  std::string ignored;
  return ReadDigits(&probe, &ignored);
}

struct ScaleWord {
  absl::string_view word;  // normalised (see NormalizeWord)
  double factor;
  double implied;  // value when the word stands alone (duals), 0 if it needs a number
};

constexpr ScaleWord kScaleWords[] = {
    // Arabic (normalised: alef forms unified, ة -> ه)
    {"الف", 1e3, 0},       {"الاف", 1e3, 0},     {"آلاف", 1e3, 0},      {"ألف", 1e3, 0},
    {"الفا", 1e3, 0},      {"الفين", 1e3, 2e3},  {"الفان", 1e3, 2e3},   {"مليون", 1e6, 0},
    {"ملايين", 1e6, 0},    {"مليونا", 1e6, 0},   {"مليونين", 1e6, 2e6}, {"مليونان", 1e6, 2e6},
    {"مليار", 1e9, 0},     {"مليارات", 1e9, 0},  {"مليارا", 1e9, 0},    {"مليارين", 1e9, 2e9},
    {"ملياران", 1e9, 2e9}, {"بليون", 1e9, 0},
    // French
    {"mille", 1e3, 0},     {"million", 1e6, 0},  {"millions", 1e6, 0},  {"milliard", 1e9, 0},
    {"milliards", 1e9, 0},
    // German
    {"tausend", 1e3, 0},   {"million", 1e6, 0},  {"millionen", 1e6, 0}, {"mio", 1e6, 0},
    {"milliarde", 1e9, 0}, {"milliarden", 1e9, 0}, {"mrd", 1e9, 0},
    // English
    {"thousand", 1e3, 0},  {"billion", 1e9, 0},  {"billions", 1e9, 0},
};

const ScaleWord* FindScaleWord(absl::string_view norm) {
  for (const ScaleWord& w : kScaleWords) {
    if (w.word == norm) return &w;
  }
  return nullptr;
}

// Whether `word` may normalise to one of the Arabic duals of kScaleWords (the only words
// standing for a number alone), alone or after و or ب: past tatweel and vowel marks (which
// NormalizeWord drops), its first letter is an alef, meem, waw or beh and its last a noon
// (every dual ends in ين or ان). Most Arabic words start with an alef (ال); few of them pass.
// `word` is valid UTF-8 (letters and marks). The last letter is read first, from the end: few
// words end in a noon, where most start with an alef.
bool MayBeArabicDual(absl::string_view word) {
  const char* const s = word.data();
  int32_t k = static_cast<int32_t>(word.size());
  UChar32 last = -1;
  while (k > 0) {
    UChar32 c;
    U8_PREV(s, 0, k, c);
    if (!IsArabicMarkOrTatweel(c)) {
      last = c;
      break;
    }
  }
  if (last != kArabicNoon) return false;
  size_t i = 0;
  while (i < word.size()) {
    const UChar32 c = NextCodePoint(word, &i);
    if (IsArabicMarkOrTatweel(c)) continue;
    return c == kArabicAlef || IsAlefVariant(c) || c == kArabicMeem || c == kArabicWaw ||
           c == kArabicBeh;
  }
  return false;
}


// Reads the word starting at byte `at` after optional spaces; returns its normalised form and
// sets `*end` past it.
std::string NextWord(absl::string_view text, size_t at, size_t* end) {
  size_t i = at;
  while (i < text.size() && (text[i] == ' ' || text.substr(i, 2) == "\xC2\xA0" ||
                             text.substr(i, 3) == "\xE2\x80\xAF")) {
    i += text[i] == ' ' ? 1 : (text[i] == '\xC2' ? 2 : 3);
  }
  if (i == at && at != 0) {
    // The word must be separated by a space, except Arabic which may attach it.
  }
  // The word runs over letters and their marks, and stops at anything else: "milliards\u00a0$"
  // is "milliards".
  size_t j = i;
  while (j < text.size()) {
    size_t k = j;
    const UChar32 c = NextCodePoint(text, &k);
    if (c < 0 || !(u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK)) break;
    j = k;
  }
  *end = j;
  return NormalizeWord(text.substr(i, j - i));
}

}  // namespace

std::vector<std::string> ExtractNumbers(absl::string_view text) {
  std::vector<std::string> out;
  Cursor cur{text.data(), static_cast<int32_t>(text.size()), 0};
  while (cur.i < cur.length) {
    // Spaces and ASCII punctuation, most of what lies between words: neither a digit nor a
    // letter.
    if (const unsigned char byte = static_cast<unsigned char>(cur.s[cur.i]);
        byte < 0x80 && !absl::ascii_isalnum(byte)) {
      ++cur.i;
      continue;
    }
    int32_t next;
    UChar32 c = cur.Peek(&next);
    if (c < 0) {
      cur.i = next;
      continue;
    }
    if (!IsDecimalDigit(c)) {
      // A dual scale word standing alone: مليارين = 2 000 000 000.
      if (IsLetterCategory(c)) {
        int32_t start = cur.i;
        int32_t k = cur.i;
        while (k < cur.length) {
          const char byte = cur.s[k];
          if (static_cast<unsigned char>(byte) < 0x80) {
            // ASCII: a letter continues the word, anything else ends it (as ICU says).
            if (!absl::ascii_isalpha(static_cast<unsigned char>(byte))) break;
            ++k;
            continue;
          }
          size_t m = static_cast<size_t>(k);
          const UChar32 d = NextCodePoint(text, &m);
          if (d < 0 || !IsLetterOrMark(d)) break;
          k = static_cast<int32_t>(m);
        }
        if (!MayBeArabicDual(text.substr(start, k - start))) {
          cur.i = k;
          continue;
        }
        std::string word = NormalizeWord(text.substr(start, k - start));
        // Proclitic و or ب before a dual: بمليارين.
        const ScaleWord* w = FindScaleWord(word);
        if (w == nullptr) {
          constexpr ProcliticGroup kDualProclitics[] = {ProcliticGroup::kWa, ProcliticGroup::kBi};
          TryWithoutProclitic(word, kDualProclitics, [&w](absl::string_view rest) {
            w = FindScaleWord(rest);
            return true;
          });
        }
        if (w != nullptr && w->implied > 0) out.push_back(CanonicalNumber(w->implied));
        cur.i = k;
      } else {
        cur.i = next;
      }
      continue;
    }
    std::string integer;
    std::string fraction;
    ReadDigits(&cur, &integer);
    int groups_after_first = 0;
    while (true) {
      int32_t after_sep;
      UChar32 sep = cur.Peek(&after_sep);
      if (sep < 0) break;
      const int following = DigitsAt(cur, after_sep);
      if (following == 0) break;
      const bool exactly_three =
          following == 3 &&
          (groups_after_first > 0 || integer.size() <= 3);  // 1 234 567, not 12345 678
      if ((IsGroupSpace(sep) || IsDotOrComma(sep) || IsArabicThousands(sep)) && exactly_three) {
        cur.i = after_sep;
        ReadDigits(&cur, &integer);
        ++groups_after_first;
        continue;
      }
      if ((IsDotOrComma(sep) || IsArabicDecimal(sep)) && fraction.empty()) {
        cur.i = after_sep;
        ReadDigits(&cur, &fraction);
      }
      break;
    }
    double value = 0;
    for (char d : integer) value = value * 10 + (d - '0');
    double scale = 0.1;
    for (char d : fraction) {
      value += (d - '0') * scale;
      scale /= 10;
    }
    size_t word_end;
    std::string word = NextWord(text, static_cast<size_t>(cur.i), &word_end);
    if (const ScaleWord* w = FindScaleWord(word)) {
      value *= w->factor;
      cur.i = static_cast<int32_t>(word_end);
    }
    // Past a double's range the value is infinite: "inf" would match any other huge number.
    if (std::isfinite(value)) out.push_back(CanonicalNumber(value));
  }
  return out;
}

std::string CanonicalNumber(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e18) {
    return absl::StrFormat("%.0f", value);
  }
  std::string s = absl::StrFormat("%.6f", value);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace newsalign
