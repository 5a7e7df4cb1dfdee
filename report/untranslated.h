// The QA report's untranslated check: a target that is its source left as it is, or that is
// written mostly in the source's script (French left in an Arabic translation). URLs, e-mail
// addresses and all-capital acronyms do not count. Internal to newsalign_report.
//
//   Finding f;
//   if (CheckUntranslated(source_text, target_text, Script::kLatin, Script::kArabic, options,
//                         &f)) ...   // an UNTRANSLATED error
#ifndef NEWSALIGN_REPORT_UNTRANSLATED_H_
#define NEWSALIGN_REPORT_UNTRANSLATED_H_

#include "absl/strings/string_view.h"
#include "report/report.h"
#include "text/tokenizer.h"

namespace newsalign::report_internal {

// Returns true and fills `finding` (an UNTRANSLATED error) when `target_text` is
// `source_text` itself (white space aside) and has a common word to translate, or, for
// documents in the Latin and Arabic scripts, when at least ReportOptions::untranslated_share of
// the target's letters (and three letters or more) are in the source's script. Returns false
// otherwise; `finding` is then not to be used.
bool CheckUntranslated(absl::string_view source_text, absl::string_view target_text,
                       Script source_script, Script target_script, const ReportOptions& options,
                       Finding* finding);

}  // namespace newsalign::report_internal

#endif  // NEWSALIGN_REPORT_UNTRANSLATED_H_
