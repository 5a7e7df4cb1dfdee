#include "report/untranslated.h"

#include <cmath>
#include <cstdint>

#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "report/text_helpers.h"
#include "text/utf8.h"
#include "unicode/uscript.h"

namespace newsalign::report_internal {
namespace {

// Calls `f(token)` for each of `tokens` (Tokenize(text)) that lies in a chunk of `text` between
// white space which is not a URL or an e-mail address. A token never spans white space, so each
// lies in one chunk, and reads as Tokenize(chunk) would read it (its offsets aside).
template <typename F>
void ForEachTokenOutsideAddresses(absl::string_view text, const std::vector<Token>& tokens, F f) {
  if (!MayHoldAddress(text)) {
    // No chunk can be an address: every token, without splitting (the split and the checks of
    // each chunk were half the letter count's instructions).
    for (const Token& token : tokens) f(token);
    return;
  }
  size_t k = 0;
  for (absl::string_view chunk :
       absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty())) {
    const size_t end = static_cast<size_t>(chunk.data() - text.data()) + chunk.size();
    const bool address = IsAddress(chunk);
    for (; k < tokens.size() && tokens[k].begin < end; ++k) {
      if (!address) f(tokens[k]);
    }
  }
}

}  // namespace

ScriptLetters CountLetters(absl::string_view text, const std::vector<Token>& tokens) {
  ScriptLetters counts;
  ForEachTokenOutsideAddresses(text, tokens, [&](const Token& t) {
    if (t.is_number || (t.all_caps && t.end - t.begin >= 2)) return;
    const absl::string_view word = text.substr(t.begin, t.end - t.begin);
    ForEachCodePoint(word, [&counts](UChar32 c) {
      // Basic Latin and the Arabic letters without ICU (most of a text; the same answers):
      // A-Z and a-z are Latin letters, U+0621-U+063A and U+0641-U+064A Arabic ones (not
      // the tatweel U+0640 between them, whose script is Common).
      if (c < 0x80) {
        counts.latin += (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        return;
      }
      if ((c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A)) {
        ++counts.arabic;
        return;
      }
      if (!IsLetter(c)) return;
      UErrorCode status = U_ZERO_ERROR;
      const UScriptCode script = uscript_getScript(c, &status);
      if (U_FAILURE(status)) return;
      if (script == USCRIPT_LATIN) ++counts.latin;
      if (script == USCRIPT_ARABIC) ++counts.arabic;
    });
  });
  return counts;
}

namespace {

// Whether `text` has language to translate, not only names, acronyms, codes and addresses: a
// word of two letters or more, outside URLs, that does not start with a capital. A list of names
// ("Nanga Parbat, Cho Oyu") reads the same in both languages.
bool HasCommonWord(absl::string_view text) {
  bool found = false;
  ForEachTokenOutsideAddresses(text, Tokenize(text), [&found](const Token& t) {
    found = found || (!t.is_number && !t.capitalised && CountCodePoints(t.norm) >= 2);
  });
  return found;
}

}  // namespace

bool ComparesScripts(Script source_script, Script target_script) {
  return source_script != target_script &&
         (source_script == Script::kLatin || source_script == Script::kArabic) &&
         (target_script == Script::kLatin || target_script == Script::kArabic);
}

bool CheckUntranslated(absl::string_view source_text, absl::string_view target_text,
                       Script source_script, Script target_script, const ReportOptions& options,
                       Finding* finding) {
  const ScriptLetters letters = ComparesScripts(source_script, target_script)
                                    ? CountLetters(target_text, Tokenize(target_text))
                                    : ScriptLetters();
  return CheckUntranslated(source_text, target_text, source_script, target_script, options,
                           letters, finding);
}

bool CheckUntranslated(absl::string_view source_text, absl::string_view target_text,
                       Script source_script, Script target_script, const ReportOptions& options,
                       const ScriptLetters& letters, Finding* finding) {
  finding->kind = FindingKind::kUntranslated;
  finding->severity = Severity::kError;
  if (EqualCollapsed(source_text, target_text) && HasCommonWord(target_text)) {
    finding->values = {"identical"};
    finding->message = "the target is the source text, left untranslated";
    return true;
  }
  if (!ComparesScripts(source_script, target_script)) return false;
  const int own = target_script == Script::kArabic ? letters.arabic : letters.latin;
  const int foreign = source_script == Script::kLatin ? letters.latin : letters.arabic;
  // A few letters (a name left in Latin letters) are no evidence.
  constexpr int kMinForeignLetters = 3;
  if (foreign < kMinForeignLetters) return false;
  const double share = static_cast<double>(foreign) / (foreign + own);
  if (share < options.untranslated_share) return false;
  finding->values = {Fixed(share, 2)};
  finding->message = absl::StrFormat("%.0f %% of the target's letters are in the source's script",
                                     std::floor(100 * share));
  return true;
}

}  // namespace newsalign::report_internal
