// The QA report's name check: a name on one side of a bead only, though the document carries it
// across in other beads. Names are found as the name anchors match them: across scripts by
// consonant skeleton (Bamako = باماكو), within one script by their first four letters, and the
// curated names (ONU = الأمم المتحدة) by concept. A hint (info), never an error: translators
// write "le pays" for "le Mali" now and then. Internal to newsalign_report.
//
//   ASSIGN_OR_RETURN(std::vector<NameGaps> gaps,
//                    FindNameGaps(alignment, Script::kLatin, Script::kArabic, stop));
//   if (Finding f; CheckNames(gaps[b], &f)) ...   // a NAME_MISMATCH on bead b
#ifndef NEWSALIGN_REPORT_NAMES_H_
#define NEWSALIGN_REPORT_NAMES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "align/document_aligner.h"
#include "base/stop_condition.h"
#include "report/report.h"
#include "text/tokenizer.h"

namespace newsalign::report_internal {

// Names of one bead found on one side only, as they read ("Bamako", "un").
struct NameGaps {
  std::vector<std::string> source_only;
  std::vector<std::string> target_only;
};

// Returns the names each bead of `alignment` (with both sides) has on one side only, parallel
// to its beads, among those the document carries across reliably (kMinCarried and
// kCarriedPerDropped in names.cc); or `stop`'s error once it holds (polled every 256 sentences
// and beads). With `threads` above 1 the two sides' sentences are read on two threads (unless
// both sides share one memo of word keys: the same language); the result is the same.
absl::StatusOr<std::vector<NameGaps>> FindNameGaps(const DocumentAlignment& alignment,
                                                   Script source_script, Script target_script,
                                                   const StopCondition& stop, int threads = 1);

// Returns true and fills `finding` (a NAME_MISMATCH, info) when `gaps` names a name on either
// side; returns false when both lists are empty.
bool CheckNames(const NameGaps& gaps, Finding* finding);

}  // namespace newsalign::report_internal

#endif  // NEWSALIGN_REPORT_NAMES_H_
