#include "text/name_skeletons.h"

#include <cstdint>

#include "text/arabic.h"
#include "text/latin.h"
#include "text/utf8.h"

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

void Push(char cls, std::string* out) {
  if (cls != 0 && (out->empty() || out->back() != cls)) out->push_back(cls);
}

std::string SkeletonOf(absl::string_view arabic, bool* has_long_vowel) {
  std::string out;
  *has_long_vowel = false;
  ForEachCodePoint(arabic, [&](UChar32 c) {
    if (IsLongVowel(c)) *has_long_vowel = true;
    Push(ArabicClass(c), &out);
  });
  return out;
}

}  // namespace

std::string LatinSkeleton(absl::string_view word) {
  // The ASCII letters of `word`, every Latin-1 accent folded: "Pérez" -> "perez".
  std::string letters;
  ForEachCodePoint(word, [&letters](UChar32 c) {
    const UChar32 base = FoldLatinLetter(c, AccentFolding::kLatin1);
    if (base >= 'a' && base <= 'z') letters.push_back(static_cast<char>(base));
  });
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
  // Also without the longest proclitic group that leaves more than four bytes (three letters
  // or more): "وباماكو" -> "باماكو". Neither وبال nor كال (the stemmer strips them) is tried.
  constexpr ProcliticGroup kNameProclitics[] = {
      ProcliticGroup::kWaAl, ProcliticGroup::kBiAl, ProcliticGroup::kFaAl,
      ProcliticGroup::kLiAl, ProcliticGroup::kAl,   ProcliticGroup::kWa,
      ProcliticGroup::kBi,   ProcliticGroup::kLi,   ProcliticGroup::kFa};
  TryWithoutProclitic(word, kNameProclitics, [&](absl::string_view rest) {
    if (rest.size() <= 4) return false;
    add(rest);
    return true;
  });
  return out;
}

}  // namespace newsalign
