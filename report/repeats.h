// The QA report's repeat check: a target sentence that repeats an earlier one of the target,
// whose source the document does not repeat, is extra content, even where the aligner hid it in
// a bead with a source (a 1-2 bead) rather than leave it alone in a 0-1 bead. Only sentences of
// 20 code points or more count: short lines ("Source", "Photo : AFP") legitimately repeat.
// Internal to newsalign_report.
//
//   const std::vector<int> repeats = FindRepeats(alignment);
//   if (Finding f; CheckRepeats(alignment.beads[b], repeats, &f)) ...   // an ADDITION
#ifndef NEWSALIGN_REPORT_REPEATS_H_
#define NEWSALIGN_REPORT_REPEATS_H_

#include <vector>

#include "align/document_aligner.h"
#include "report/report.h"

namespace newsalign::report_internal {

// Returns, for each target sentence, the index of an earlier identical target sentence when
// the aligner gave both a source, and the source of this one is not itself a repeat: the copy is
// extra content the beads hide (a duplicated passage whose copy landed in a 1-2 bead). -1
// otherwise. A copy alone in a 0-1 bead is an addition already.
std::vector<int> FindRepeats(const DocumentAlignment& alignment);

// Returns true and fills `finding` (an ADDITION error: "target sentence 7 repeats target
// sentence 3") when a target sentence of `bead` is a repeat (`repeats` as FindRepeats gives
// it); returns false otherwise.
bool CheckRepeats(const Bead& bead, const std::vector<int>& repeats, Finding* finding);

}  // namespace newsalign::report_internal

#endif  // NEWSALIGN_REPORT_REPEATS_H_
