// Arabic letters and proclitics, as the core reads them.
//
// An Arabic word may begin with proclitics written as part of it: a conjunction (و "and",
// ف "so"), then a preposition (ب "with, by, in", ل "for, to", ك "like"), then the article ال
// "the" ("والأمم" = و + ال + أمم, "بالمئة" = ب + ال + مئة, "للحكومة" = ل + ال + حكومة, where ل
// before ال drops the alef). Matching a word against a list (months, scale words, stems, names)
// therefore also tries it without one such group of proclitics. This file holds the letters and
// the groups; each caller chooses which groups it strips, in which order, and what must remain
// (its policy), and says so where it calls TryWithoutProclitic():
//
//   constexpr ProcliticGroup kDateProclitics[] = {ProcliticGroup::kWa, ProcliticGroup::kBi,
//                                                 ProcliticGroup::kLi, ProcliticGroup::kFa};
//   TryWithoutProclitic("وفبراير", kDateProclitics, [&](absl::string_view rest) {
//     return rest.size() > 4 && Find(rest);   // rest is "فبراير"
//   });
//
// Spellings are in NormalizeWord() form (text/tokenizer.h): alef forms unified, no marks.
#ifndef NEWSALIGN_ALIGNMENT_TEXT_ARABIC_H_
#define NEWSALIGN_ALIGNMENT_TEXT_ARABIC_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "unicode/umachine.h"

namespace newsalign {

// Letters the core refers to by name.
inline constexpr UChar32 kArabicTatweel = 0x0640;  // ـ  (kashida, a stretch, no letter)
inline constexpr UChar32 kArabicAlef = 0x0627;     // ا
inline constexpr UChar32 kArabicBeh = 0x0628;      // ب  preposition "with, by, in"
inline constexpr UChar32 kArabicFeh = 0x0641;      // ف  conjunction "so, then"
inline constexpr UChar32 kArabicKaf = 0x0643;      // ك  preposition "like, as"
inline constexpr UChar32 kArabicLam = 0x0644;      // ل  preposition "for, to"
inline constexpr UChar32 kArabicMeem = 0x0645;     // م
inline constexpr UChar32 kArabicNoon = 0x0646;     // ن
inline constexpr UChar32 kArabicWaw = 0x0648;      // و  conjunction "and"

// Returns whether `c` is a vowel mark (harakat U+064B–U+065F, superscript alef U+0670) or the
// tatweel: what NormalizeWord() drops from Arabic words.
inline bool IsArabicMarkOrTatweel(UChar32 c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == kArabicTatweel;
}

// Returns whether `c` is an alef with a hamza or madda or a wasla (أ إ آ ٱ), which
// NormalizeWord() writes as the bare alef ا.
inline bool IsAlefVariant(UChar32 c) {
  return c == 0x0623 || c == 0x0625 || c == 0x0622 || c == 0x0671;
}

// A group of proclitics that one word may begin with: [conjunction][preposition][article],
// each optional. Declared longest first; those no caller strips (ك alone, فب, ولل, ...) are
// left out.
enum class ProcliticGroup : uint8_t {
  kWaBiAl,  // وبال  and with the
  kWaAl,    // وال   and the
  kBiAl,    // بال   with the
  kFaAl,    // فال   so the
  kKaAl,    // كال   like the
  kLiAl,    // لل    for the (ل + ال: the article's alef is not written)
  kAl,      // ال    the
  kWa,      // و     and
  kBi,      // ب     with, by, in
  kLi,      // ل     for, to
  kFa,      // ف     so, then
};

// Returns how `group` is written (UTF-8, NormalizeWord() form): kWaBiAl -> "وبال".
inline absl::string_view ProcliticSpelling(ProcliticGroup group) {
  // In the order of ProcliticGroup.
  static constexpr absl::string_view kSpellings[] = {"وبال", "وال", "بال", "فال", "كال", "لل",
                                                     "ال",   "و",   "ب",   "ل",   "ف"};
  return kSpellings[static_cast<int>(group)];
}

// Strips one proclitic group from `word`, trying `groups` in their order: for each group that
// `word` begins with and is longer than, calls `accept(rest)` with `word` without it, and stops
// at the first call that returns true. Returns whether one did; `accept` sees each candidate
// at most once and the callers' conditions on what remains (its length, its presence in a list)
// live in it. ("والأمم" normalised is "والامم": with {kWaAl, kWa} it offers "امم", then "الامم".)
template <typename Accept>
bool TryWithoutProclitic(absl::string_view word, absl::Span<const ProcliticGroup> groups,
                         Accept&& accept) {
  for (ProcliticGroup group : groups) {
    const absl::string_view p = ProcliticSpelling(group);
    // Every spelling starts with a two-byte letter; its second byte tells the letters apart
    // (the first is 0xD8 or 0xD9 for them all), so most words are told apart without memcmp.
    if (word.size() > p.size() && word[1] == p[1] && word.substr(0, p.size()) == p &&
        accept(word.substr(p.size()))) {
      return true;
    }
  }
  return false;
}

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_TEXT_ARABIC_H_
