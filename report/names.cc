#include "report/names.h"

#include <algorithm>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "anchors/curated_names.h"
#include "base/status_macros.h"
#include "lexicon/lexicon.h"
#include "report/text_helpers.h"
#include "text/name_skeletons.h"
#include "text/utf8.h"

namespace newsalign::report_internal {

// Finds the names of one sentence. In a Latin-script sentence facing Arabic: capitalised
// words (not the first) and acronyms, by consonant skeleton. Within one script: capitalised
// words of five letters or more (not the first), by their first four letters. Either way the
// curated names (ONU = الأمم المتحدة), by concept.
// `keys` memoises the words' lexicon keys (stemming is most of a word's work) and Arabic
// skeletons for the side.
SideNames FindNames(absl::string_view text, const std::vector<Token>& tokens, LexiconKeys* keys,
                    Script own, Script other, const std::vector<std::string>* curated_names) {
  const std::string& language = keys->language();
  SideNames names;
  const bool cross_script = own != other;
  // Views of the memo's keys, which stay put while it lives.
  std::vector<absl::string_view> lexicon_keys;
  lexicon_keys.reserve(tokens.size());
  // About a key a word (an Arabic word may give a few skeletons, a number none).
  names.keys.reserve(tokens.size());
  for (size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    if (t.is_number) continue;
    if (curated_names == nullptr) lexicon_keys.push_back(keys->Of(t.norm));
    // The word as the text writes it, and its letters: read only for a name.
    auto surface = [&] { return std::string(text.substr(t.begin, t.end - t.begin)); };
    auto letters = [&] { return CountCodePoints(t.norm); };
    if (cross_script) {
      if (t.script == Script::kLatin) {
        names.keys.push_back(absl::StrCat("=", t.norm));
        if ((t.all_caps || (t.capitalised && k > 0)) && letters() >= 3) {
          std::string skeleton = LatinSkeleton(t.norm);
          if (skeleton.size() >= 2) {
            names.keys.push_back(skeleton);
            names.mentions.push_back({std::move(skeleton), surface()});
          }
        }
      } else if (t.script == Script::kArabic) {
        const std::vector<std::string>& skeletons = keys->ArabicSkeletonsOf(t.norm);
        names.keys.insert(names.keys.end(), skeletons.begin(), skeletons.end());
      }
    } else {
      std::string folded;
      for (char c : t.norm) {
        if (static_cast<unsigned char>(c) < 0x80) folded.push_back(c);
      }
      if (folded.size() >= 4) names.keys.push_back(folded.substr(0, 4));
      if (t.capitalised && k > 0 && folded.size() >= 4 && letters() >= 5) {
        names.mentions.push_back({folded.substr(0, 4), surface()});
      }
    }
  }
  const std::vector<std::string> found =
      curated_names != nullptr ? std::vector<std::string>()
                               : FindCuratedNames(absl::MakeConstSpan(lexicon_keys), language);
  for (const std::string& concept : curated_names != nullptr ? *curated_names : found) {
    names.keys.push_back(concept);
    names.mentions.push_back({concept, concept});
  }
  return names;
}

namespace {

// A name is flagged only where the document itself shows that it is carried across: found on
// both sides of at least kMinCarried other beads, and carried at least kCarriedPerDropped times
// for each bead that drops it. Translators write "le pays" for "le Mali" now and then, and a
// skeleton can meet a common word by chance; a name that is seldom matched says nothing.
constexpr int kMinCarried = 2;
constexpr int kCarriedPerDropped = 2;

}  // namespace

absl::StatusOr<std::vector<NameGaps>> NameGapsOf(const DocumentAlignment& alignment,
                                                 const std::vector<SideNames>& source_names,
                                                 const std::vector<SideNames>& target_names,
                                                 const StopCondition& stop) {
  StopPoller poll(stop, 256);
  struct Dropped {
    size_t bead;
    bool source_side;
    std::string key;
    std::string surface;
  };
  std::vector<Dropped> dropped;
  // Per side (0 source, 1 target): beads that carry / drop each key.
  absl::flat_hash_map<std::string, int> carried[2], drops[2];
  // Whether one of `sentences` (their `names`) holds `key`.
  auto holds = [](const std::vector<SideNames>& names, const std::vector<int>& sentences,
                  const std::string& key) {
    for (int s : sentences) {
      if (names[s].Holds(key)) return true;
    }
    return false;
  };
  const std::vector<SideNames>* names[2] = {&source_names, &target_names};
  absl::flat_hash_set<absl::string_view> seen;
  for (size_t b = 0; b < alignment.beads.size(); ++b) {
    RETURN_IF_ERROR(poll.Tick());
    const Bead& bead = alignment.beads[b];
    if (bead.source.empty() || bead.target.empty()) continue;
    const std::vector<int>* sentences[2] = {&bead.source, &bead.target};
    for (int own = 0; own < 2; ++own) {
      const int other = 1 - own;
      seen.clear();
      // The mentions of the bead's sentences in order, each key once.
      for (int s : *sentences[own]) {
        for (const NameMention& m : (*names[own])[s].mentions) {
          if (!seen.insert(m.key).second) continue;
          if (holds(*names[other], *sentences[other], m.key) ||
              holds(*names[other], *sentences[other],
                    absl::StrCat("=", absl::AsciiStrToLower(m.surface)))) {
            ++carried[own][m.key];
          } else {
            ++drops[own][m.key];
            dropped.push_back({b, own == 0, m.key, m.surface});
          }
        }
      }
    }
  }
  std::vector<NameGaps> gaps(alignment.beads.size());
  for (const Dropped& d : dropped) {
    const int own = d.source_side ? 0 : 1;
    const int carried_count = carried[own].contains(d.key) ? carried[own].at(d.key) : 0;
    if (carried_count < kMinCarried || carried_count < kCarriedPerDropped * drops[own].at(d.key)) {
      continue;
    }
    std::vector<std::string>& list =
        d.source_side ? gaps[d.bead].source_only : gaps[d.bead].target_only;
    // A curated name is shown as a person names it, in both languages ("ONU / الأمم المتحدة"),
    // not by its concept id ("@un").
    const std::string shown =
        absl::StartsWith(d.surface, "@")
            ? CuratedNameDisplay(d.surface, alignment.source.language, alignment.target.language)
            : d.surface;
    if (!absl::c_linear_search(list, shown)) list.push_back(shown);
  }
  return gaps;
}

bool CheckNames(const NameGaps& gaps, Finding* finding) {
  if (gaps.source_only.empty() && gaps.target_only.empty()) return false;
  finding->kind = FindingKind::kNameMismatch;
  finding->severity = Severity::kInfo;
  finding->source_only = gaps.source_only;
  finding->target_only = gaps.target_only;
  finding->values = finding->source_only;
  finding->values.insert(finding->values.end(), finding->target_only.begin(),
                         finding->target_only.end());
  std::vector<std::string> parts;
  if (!finding->source_only.empty()) {
    parts.push_back(absl::StrCat(EnglishList(finding->source_only), " in the source ",
                                 finding->source_only.size() == 1 ? "is" : "are",
                                 " not in the target"));
  }
  if (!finding->target_only.empty()) {
    parts.push_back(absl::StrCat(EnglishList(finding->target_only), " in the target ",
                                 finding->target_only.size() == 1 ? "is" : "are",
                                 " not in the source"));
  }
  finding->message =
      absl::StrCat(absl::StrJoin(parts, "; "), ", though the document translates it elsewhere");
  return true;
}

}  // namespace newsalign::report_internal
