#include "anchors/names.h"

#include <cstdint>

#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace newsalign {
namespace {

// Consonant class of an Arabic letter, or 0 when it is dropped.
char ArabicClass(UChar32 c) {
  switch (c) {
    case 0x0628: return 'b';  // ب
    case 0x067E: return 'b';  // پ
    case 0x062A: return 't';  // ت
    case 0x0637: return 't';  // ط
    case 0x062B: return 's';  // ث
    case 0x0633: return 's';  // س
    case 0x0634: return 's';  // ش
    case 0x0635: return 's';  // ص
    case 0x0686: return 's';  // چ
    case 0x062C: return 'g';  // ج
    case 0x063A: return 'g';  // غ
    case 0x06AF: return 'g';  // گ
    case 0x062E: return 'k';  // خ
    case 0x0642: return 'k';  // ق
    case 0x0643: return 'k';  // ك
    case 0x062F: return 'd';  // د
    case 0x0636: return 'd';  // ض
    case 0x0630: return 'z';  // ذ
    case 0x0632: return 'z';  // ز
    case 0x0638: return 'z';  // ظ
    case 0x0631: return 'r';  // ر
    case 0x0641: return 'f';  // ف
    case 0x06A4: return 'f';  // ڤ
    case 0x0644: return 'l';  // ل
    case 0x0645: return 'm';  // م
    case 0x0646: return 'n';  // ن
    default: return 0;        // ا و ي ء ع ح ه ة ى and marks
  }
}

bool IsLongVowel(UChar32 c) { return c == 0x0627 || c == 0x0648 || c == 0x064A; }

// Strips Latin accents from one lower-case letter.
char LatinBase(UChar32 c) {
  if (c < 0x80) return static_cast<char>(c);
  switch (c) {
    case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE4: case 0xE5: return 'a';
    case 0xE7: return 'c';
    case 0xE8: case 0xE9: case 0xEA: case 0xEB: return 'e';
    case 0xEC: case 0xED: case 0xEE: case 0xEF: return 'i';
    case 0xF1: return 'n';
    case 0xF2: case 0xF3: case 0xF4: case 0xF5: case 0xF6: return 'o';
    case 0xF9: case 0xFA: case 0xFB: case 0xFC: return 'u';
    case 0xFF: case 0xFD: return 'y';
    case 0xDF: return 's';
    default: return 0;
  }
}

void Push(char cls, std::string* out) {
  if (cls != 0 && (out->empty() || out->back() != cls)) out->push_back(cls);
}

std::string SkeletonOf(absl::string_view arabic, bool* has_long_vowel) {
  std::string out;
  *has_long_vowel = false;
  const char* s = arabic.data();
  const int32_t length = static_cast<int32_t>(arabic.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (IsLongVowel(c)) *has_long_vowel = true;
    Push(ArabicClass(c), &out);
  }
  return out;
}

}  // namespace

std::string LatinSkeleton(absl::string_view word) {
  std::string letters;
  const char* s = word.data();
  const int32_t length = static_cast<int32_t>(word.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (char b = LatinBase(u_tolower(c)); b >= 'a' && b <= 'z') letters.push_back(b);
  }
  std::string out;
  for (size_t k = 0; k < letters.size(); ++k) {
    const char c = letters[k];
    const char next = k + 1 < letters.size() ? letters[k + 1] : 0;
    switch (c) {
      case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'h': case 'w':
        break;
      case 'b': Push('b', &out); break;
      case 'p':
        if (next == 'h') {
          Push('f', &out);
          ++k;
        } else {
          Push('b', &out);
        }
        break;
      case 'c':
        if (next == 'h') {
          Push('s', &out);
          ++k;
        } else {
          Push(next == 'e' || next == 'i' || next == 'y' ? 's' : 'k', &out);
        }
        break;
      case 'g': Push('g', &out); break;
      case 'j': Push('g', &out); break;
      case 'k': case 'q': Push('k', &out); break;
      case 'x': Push('k', &out); Push('s', &out); break;
      case 'v': case 'f': Push('f', &out); break;
      case 's':
        if (next == 'h') ++k;
        Push('s', &out);
        break;
      case 't':
        if (next == 'h') ++k;
        Push('t', &out);
        break;
      default:
        Push(c, &out);  // d l m n r z
    }
  }
  return out;
}

std::vector<std::string> ArabicSkeletons(absl::string_view word) {
  std::vector<std::string> out;
  auto add = [&](absl::string_view w) {
    bool long_vowel;
    std::string skeleton = SkeletonOf(w, &long_vowel);
    if (skeleton.size() < 2 || (skeleton.size() == 2 && !long_vowel)) return;
    for (const std::string& s : out) {
      if (s == skeleton) return;
    }
    out.push_back(std::move(skeleton));
  };
  add(word);
  constexpr absl::string_view kProclitics[] = {"وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف"};
  for (absl::string_view p : kProclitics) {
    if (word.size() > p.size() + 4 && word.substr(0, p.size()) == p) {
      add(word.substr(p.size()));
      break;
    }
  }
  return out;
}

}  // namespace newsalign
