#include "text/tokenizer.h"

#include <array>
#include <cstdint>

#include "text/arabic.h"
#include "text/utf8.h"
#include "unicode/uchar.h"
#include "unicode/uscript.h"
#include "unicode/utf8.h"

namespace newsalign {
namespace {

// Maps one code point to its normalised form; returns 0 to drop it.
UChar32 NormalizeCodePoint(UChar32 c) {
  if (IsArabicMarkOrTatweel(c)) return 0;
  if (IsAlefVariant(c)) return kArabicAlef;
  switch (c) {
    case 0x0649:  // ى
      return 0x064A;
    case 0x0629:  // ة
      return 0x0647;
    case 0x2019:  // ’ inside words (aujourd’hui)
      return '\'';
    default:
      break;
  }
  return u_tolower(c);
}

void AppendUtf8(UChar32 c, std::string* out) {
  if (c >= 0 && c < 0x80) {
    out->push_back(static_cast<char>(c));
    return;
  }
  char buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(buffer, length, U8_MAX_LENGTH, c, error);
  if (!error) out->append(buffer, length);
}

Script ScriptOf(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &status);
  if (U_FAILURE(status)) return Script::kOther;
  if (script == USCRIPT_LATIN) return Script::kLatin;
  if (script == USCRIPT_ARABIC) return Script::kArabic;
  return Script::kOther;
}

bool IsWordPart(UChar32 c) {
  return u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || (u_getCombiningClass(c) != 0) ||
         u_charType(c) == U_NON_SPACING_MARK || c == kArabicTatweel;
}

// What the tokenizer asks of one code point.
struct CodePointInfo {
  UChar32 normalized = 0;  // NormalizeCodePoint()
  Script script = Script::kOther;
  bool digit = false;
  bool word_part = false;
  bool alpha = false;
  bool upper = false;
};

// With `full` false, a code point that neither starts nor continues a token gets nothing more
// (Tokenize() reads nothing more of it).
CodePointInfo ComputeInfo(UChar32 c, bool full) {
  CodePointInfo info;
  info.digit = u_isdigit(c);
  info.word_part = IsWordPart(c);
  if (!full && !info.digit && !info.word_part) return info;
  info.normalized = NormalizeCodePoint(c);
  info.script = ScriptOf(c);
  info.alpha = u_isalpha(c);
  info.upper = u_isupper(c);
  return info;
}

// Code points below this (Latin, Greek, Cyrillic, Hebrew, Arabic and Arabic Supplement) are
// looked up in a table built once; the others ask ICU each time.
constexpr UChar32 kTabled = 0x800;

using InfoTable = std::array<CodePointInfo, kTabled>;

const InfoTable& Table() {
  static const InfoTable* const table = [] {
    auto* t = new InfoTable;
    for (UChar32 k = 0; k < kTabled; ++k) (*t)[k] = ComputeInfo(k, /*full=*/true);
    return t;
  }();
  return *table;
}

CodePointInfo InfoOf(UChar32 c) {
  return c >= 0 && c < kTabled ? Table()[c] : ComputeInfo(c, /*full=*/false);
}

// Appends `c` (valid, or nothing) to `out` a byte at a time: a token's few bytes cost less so
// than through a copy of a buffer.
inline void PushUtf8(UChar32 c, std::string* out) {
  if (c < 0) return;
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    AppendUtf8(c, out);
  }
}

// Reads the code point at byte `*i` of `text` (negative if malformed) with what the tokenizer
// asks of it, and moves `*i` past it. Most code points (ASCII, Arabic) are read from `table`
// in place; the others ask ICU (ComputeInfo(), as InfoOf() does).
struct Read {
  UChar32 c;
  const CodePointInfo* info;
};
inline Read ReadAt(absl::string_view text, size_t* i, const InfoTable& table,
                   CodePointInfo* other) {
  const unsigned char byte = static_cast<unsigned char>(text[*i]);
  if (byte < 0x80) {
    ++*i;
    return {byte, &table[byte]};
  }
  const UChar32 c = NextCodePoint(text, i);
  if (c >= 0 && c < kTabled) return {c, &table[c]};
  *other = ComputeInfo(c, /*full=*/false);
  return {c, other};
}

}  // namespace

std::vector<Token> Tokenize(absl::string_view text) {
  const InfoTable& table = Table();
  std::vector<Token> tokens;
  // News averages a token per 6 to 7 bytes in French and Arabic: growing the vector one
  // doubling at a time moved every token's string several times.
  tokens.reserve(text.size() / 6 + 1);
  CodePointInfo other;
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i;
    Read read = ReadAt(text, &i, table, &other);
    const bool digit = read.info->digit;
    if (!digit && !read.info->word_part) continue;
    // Built in place (a moved token would copy its string's bytes again).
    Token& token = tokens.emplace_back();
    token.begin = start;
    token.is_number = digit;
    token.script = read.info->script;
    token.capitalised = read.info->upper;
    bool all_caps = read.info->upper;
    int letters = 1;
    if (digit) {
      PushUtf8(read.c, &token.norm);
    } else if (read.info->normalized != 0) {
      PushUtf8(read.info->normalized, &token.norm);
    }
    size_t end = i;
    while (i < text.size()) {
      size_t next = i;
      read = ReadAt(text, &next, table, &other);
      const CodePointInfo& info = *read.info;
      const bool continues = digit ? info.digit : info.word_part;
      if (!continues) break;
      i = next;
      end = i;
      if (!digit) {
        if (info.alpha) {
          ++letters;
          if (!info.upper) all_caps = false;
        }
        if (info.normalized != 0) PushUtf8(info.normalized, &token.norm);
      } else {
        PushUtf8(read.c, &token.norm);
      }
    }
    token.end = end;
    token.all_caps = !digit && all_caps && letters >= 2;
    if (token.norm.empty()) tokens.pop_back();
  }
  return tokens;
}

std::string NormalizeWord(absl::string_view word) {
  std::string out;
  out.reserve(word.size());
  ForEachCodePoint(word, [&out](UChar32 c) {
    if (c < 0) return;
    if (UChar32 n = c < kTabled ? InfoOf(c).normalized : NormalizeCodePoint(c)) {
      PushUtf8(n, &out);  // an Arabic letter's two bytes without a call
    }
  });
  return out;
}

namespace {

// The proclitic groups StemArabic() strips, longest first: every group of text/arabic.h.
constexpr ProcliticGroup kStemProclitics[] = {
    ProcliticGroup::kWaBiAl, ProcliticGroup::kWaAl, ProcliticGroup::kBiAl, ProcliticGroup::kFaAl,
    ProcliticGroup::kKaAl,   ProcliticGroup::kLiAl, ProcliticGroup::kAl,   ProcliticGroup::kWa,
    ProcliticGroup::kBi,     ProcliticGroup::kLi,   ProcliticGroup::kFa};
// Normalised Arabic suffixes, longest first (UTF-8).
constexpr absl::string_view kSuffixes[] = {"ات", "ون", "ين", "ان", "يه", "ها", "هم", "ه", "ي"};

}  // namespace

std::string StemArabic(absl::string_view word) {
  absl::string_view w = word;
  // The first group that leaves three letters or more.
  TryWithoutProclitic(word, kStemProclitics, [&w](absl::string_view rest) {
    if (CountCodePoints(rest) < 3) return false;
    w = rest;
    return true;
  });
  for (absl::string_view x : kSuffixes) {
    if (w.size() > x.size() && w.substr(w.size() - x.size()) == x &&
        CountCodePoints(w.substr(0, w.size() - x.size())) >= 3) {
      w.remove_suffix(x.size());
      break;
    }
  }
  return std::string(w);
}

}  // namespace newsalign
