// The QA report's untranslated check: a target that is its source left as it is, or that is
// written mostly in the source's script (French left in an Arabic translation). URLs, e-mail
// addresses and all-capital acronyms do not count. Internal to newsalign_report.
//
//   Finding f;
//   if (CheckUntranslated(source_text, target_text, Script::kLatin, Script::kArabic, options,
//                         &f)) ...   // an UNTRANSLATED error
#ifndef NEWSALIGN_REPORT_UNTRANSLATED_H_
#define NEWSALIGN_REPORT_UNTRANSLATED_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "report/report.h"
#include "text/tokenizer.h"

namespace newsalign::report_internal {

// The letters of a text by script, leaving out URLs, e-mail addresses, numbers and
// all-capital acronyms of two letters or more (MINUSMA, IEDCR, WHO), which translations keep as
// they are.
struct ScriptLetters {
  int latin = 0;
  int arabic = 0;
};

// Counts the letters of `text` by script (see ScriptLetters); `tokens` are Tokenize(text).
ScriptLetters CountLetters(absl::string_view text, const std::vector<Token>& tokens);

// Whether CheckUntranslated() counts the target's letters by script: for a source and target
// one in the Latin script and the other in the Arabic.
bool ComparesScripts(Script source_script, Script target_script);

// Returns true and fills `finding` (an UNTRANSLATED error) when `target_text` is
// `source_text` itself (white space aside) and has a common word to translate, or, for
// documents in the Latin and Arabic scripts, when at least ReportOptions::untranslated_share of
// the target's letters (and three letters or more) are in the source's script. Returns false
// otherwise; `finding` is then not to be used.
bool CheckUntranslated(absl::string_view source_text, absl::string_view target_text,
                       Script source_script, Script target_script, const ReportOptions& options,
                       Finding* finding);

// The same with the target's letters already counted (CountLetters(target_text, ...)), as the
// report has them for a target of one sentence.
bool CheckUntranslated(absl::string_view source_text, absl::string_view target_text,
                       Script source_script, Script target_script, const ReportOptions& options,
                       const ScriptLetters& target_letters, Finding* finding);

}  // namespace newsalign::report_internal

#endif  // NEWSALIGN_REPORT_UNTRANSLATED_H_
