// The QA report's name check: a name on one side of a bead only, though the document carries it
// across in other beads. Names are found as the name anchors match them: across scripts by
// consonant skeleton (Bamako = باماكو), within one script by their first four letters, and the
// curated names (ONU = الأمم المتحدة) by concept. A hint (info), never an error: translators
// write "le pays" for "le Mali" now and then. Internal to newsalign_report.
//
//   // source_names[i]: FindNames() of source sentence i; target_names alike.
//   ASSIGN_OR_RETURN(std::vector<NameGaps> gaps,
//                    NameGapsOf(alignment, source_names, target_names, stop));
//   if (Finding f; CheckNames(gaps[b], &f)) ...   // a NAME_MISMATCH on bead b
#ifndef NEWSALIGN_REPORT_NAMES_H_
#define NEWSALIGN_REPORT_NAMES_H_

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "align/document_aligner.h"
#include "base/stop_condition.h"
#include "lexicon/lexicon.h"
#include "report/report.h"
#include "text/tokenizer.h"

namespace newsalign::report_internal {

// A name as one side writes it: how it is matched, and how it reads.
struct NameMention {
  std::string key;
  std::string surface;
};

// The names of one sentence (FindNames).
struct SideNames {
  // Names found the way the other side can confirm them.
  std::vector<NameMention> mentions;
  // Keys under which the other side's names are found in this side (Arabic skeletons of every
  // word, Latin tokens, curated concepts), as found. Neither a hash set nor a sorted vector:
  // every sentence of both sides builds one and few are asked (only the names of the bead it
  // faces), so building is what costs; sorting them was a quarter of the name check at
  // 100,000 sentences.
  std::vector<std::string> keys;

  bool Holds(const std::string& key) const {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
  }
};

// Finds the names of one sentence, `text`, whose tokens are `tokens` (Tokenize(text)), written
// in `own` script and facing `other`. In a Latin-script sentence facing Arabic: capitalised
// words (not the first) and acronyms, by consonant skeleton. Within one script: capitalised
// words of five letters or more (not the first), by their first four letters. Either way the
// curated names (ONU = الأمم المتحدة), by concept. `keys` memoises the words' lexicon keys for
// the side's language. With `curated_names` (the sentence's FindCuratedNames(), read while
// aligning: SentenceReading), they are not looked up again.
SideNames FindNames(absl::string_view text, const std::vector<Token>& tokens, LexiconKeys* keys,
                    Script own, Script other,
                    const std::vector<std::string>* curated_names = nullptr);

// Names of one bead found on one side only, as they read ("Bamako", "un").
struct NameGaps {
  std::vector<std::string> source_only;
  std::vector<std::string> target_only;
};

// Returns the names each bead of `alignment` (with both sides) has on one side only, parallel
// to its beads, among those the document carries across reliably (kMinCarried and
// kCarriedPerDropped in names.cc), from the names of every sentence of each side (FindNames(),
// parallel to the sides' sentences); or `stop`'s error once it holds (polled every 256
// beads).
absl::StatusOr<std::vector<NameGaps>> NameGapsOf(const DocumentAlignment& alignment,
                                                 const std::vector<SideNames>& source_names,
                                                 const std::vector<SideNames>& target_names,
                                                 const StopCondition& stop);

// Returns true and fills `finding` (a NAME_MISMATCH, info) when `gaps` names a name on either
// side; returns false when both lists are empty.
bool CheckNames(const NameGaps& gaps, Finding* finding);

}  // namespace newsalign::report_internal

#endif  // NEWSALIGN_REPORT_NAMES_H_
