#include "text/latin.h"

#include "text/utf8.h"
#include "unicode/uchar.h"

namespace newsalign {

UChar32 FoldLatinLetter(UChar32 c, AccentFolding folding) {
  const UChar32 lower = u_tolower(c);
  switch (lower) {
    case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE4: case 0xE5: return 'a';  // à–å
    case 0xE7: return 'c';                                                          // ç
    case 0xE8: case 0xE9: case 0xEA: case 0xEB: return 'e';                         // è–ë
    case 0xEC: case 0xED: case 0xEE: case 0xEF: return 'i';                         // ì–ï
    case 0xF2: case 0xF3: case 0xF4: case 0xF5: case 0xF6: return 'o';              // ò–ö
    case 0xF9: case 0xFA: case 0xFB: case 0xFC: return 'u';                         // ù–ü
    default: break;
  }
  if (folding == AccentFolding::kLatin1) {
    switch (lower) {
      case 0xF1: return 'n';              // ñ
      case 0xFD: case 0xFF: return 'y';   // ý ÿ
      case 0xDF: return 's';              // ß
      default: break;
    }
  }
  return lower;
}

std::string FoldToAscii(absl::string_view word, AccentFolding folding) {
  std::string out;
  ForEachCodePoint(word, [&](UChar32 c) {
    const UChar32 folded = FoldLatinLetter(c, folding);
    if (folded < 0x80) out.push_back(static_cast<char>(folded));
  });
  return out;
}

}  // namespace newsalign
