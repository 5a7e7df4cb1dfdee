// What the QA report reads of each sentence, read once: its names, its figures and its letters
// by script. Each sentence is tokenized once for all three (the name check, the number check
// and the untranslated check each tokenized it before: a third of the report's time on a long
// pair). Internal to newsalign_report.
//
//   SideFacts source, target;
//   RETURN_IF_ERROR(ReadSentenceFacts(alignment, Script::kLatin, Script::kArabic, stop,
//                                     /*threads=*/2, &source, &target));
//   // source.names[i], source.figures[i]: source sentence i's; target.letters[j] likewise.
#ifndef NEWSALIGN_REPORT_SENTENCE_FACTS_H_
#define NEWSALIGN_REPORT_SENTENCE_FACTS_H_

#include <vector>

#include "absl/status/status.h"
#include "align/document_aligner.h"
#include "base/stop_condition.h"
#include "report/names.h"
#include "report/numbers.h"
#include "report/untranslated.h"
#include "text/tokenizer.h"

namespace newsalign::report_internal {

// One side's facts, parallel to its sentences.
struct SideFacts {
  // FindNames() of each sentence, facing the other side's script.
  std::vector<SideNames> names;
  // ExtractFigures() of each sentence.
  std::vector<NumberEvidence> figures;
  // CountLetters() of each sentence; empty when not asked for.
  std::vector<ScriptLetters> letters;
};

// Reads every sentence of both sides of `alignment` (their MatchingText()), the sides written in
// `source_script` and `target_script`; the target's letters are counted when `target_letters`.
// Word keys come from the alignment's memo when it kept one (DocumentAlignment::word_keys), and
// each sentence's tokens, dates and curated names from what the alignment read when it kept
// that (DocumentAlignment::readings): the same facts either way.
// With `threads` above 1 the target side is read on the task pool, unless both sides
// share one memo (the same language); the facts are the same. Returns `stop`'s error once it
// holds (polled every 256 sentences).
absl::Status ReadSentenceFacts(const DocumentAlignment& alignment, Script source_script,
                               Script target_script, bool target_letters,
                               const StopCondition& stop, int threads, SideFacts* source,
                               SideFacts* target);

}  // namespace newsalign::report_internal

#endif  // NEWSALIGN_REPORT_SENTENCE_FACTS_H_
