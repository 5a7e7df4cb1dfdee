// Word tokenization and normalisation for anchor matching (not for output: offsets are kept).
//
// A token is a maximal run of letters (with their combining marks) or of digits. Its `norm` is
// lower-cased; for Arabic it also has diacritics and tatweel removed, alef forms unified
// (أ إ آ ٱ -> ا), ى -> ي and ة -> ه, so spelling variants of one word compare equal.
//
//   for (const Token& t : Tokenize("Le Mali, le 15 novembre.")) ...
#ifndef NEWSALIGN_ALIGNMENT_TEXT_TOKENIZER_H_
#define NEWSALIGN_ALIGNMENT_TEXT_TOKENIZER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newsalign {

enum class Script { kOther, kLatin, kArabic };

struct Token {
  // Byte range in the text.
  size_t begin = 0;
  size_t end = 0;
  // Normalised form (UTF-8).
  std::string norm;
  Script script = Script::kOther;
  // Letters: first letter upper case; all upper case (acronyms like MINUSMA, ONU).
  bool capitalised = false;
  bool all_caps = false;
  bool is_number = false;
};

// Splits `text` (valid UTF-8) into word and digit tokens; punctuation and spaces are dropped.
std::vector<Token> Tokenize(absl::string_view text);

// Normalises one Arabic or Latin word as Tokenize() does.
std::string NormalizeWord(absl::string_view word);

// Returns `word` (normalised Arabic) without its proclitics (the first group of text/arabic.h
// that leaves three letters, longest first) and one common suffix, e.g.
// "والمجلس" -> "مجلس", "السلطات" -> "سلط". Returns `word` when stripping would leave fewer than
// three letters.
std::string StemArabic(absl::string_view word);

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_TEXT_TOKENIZER_H_
