// Anchors: pieces of a sentence that survive translation (numbers, dates, names, identical
// tokens, punctuation, dictionary words) and so tie a source sentence to its translation.
#ifndef NEWSALIGN_ALIGNMENT_ANCHORS_ANCHOR_H_
#define NEWSALIGN_ALIGNMENT_ANCHORS_ANCHOR_H_

#include <string>

#include "absl/strings/string_view.h"

namespace newsalign {

enum class AnchorKind {
  kNumber,       // 2024, 15 000, ١٥, 3,5 %
  kDate,         // months and weekdays by name: novembre = نوفمبر = تشرين الثاني
  kName,         // names across scripts: Bamako = باماكو
  kToken,        // identical tokens: MINUSMA, URLs, codes
  kPunctuation,  // ? ؟ ! quotes, parentheses, colons
  kLexicon,      // bilingual dictionary word pairs
};

inline constexpr AnchorKind kAllAnchorKinds[] = {
    AnchorKind::kNumber, AnchorKind::kDate,        AnchorKind::kName,
    AnchorKind::kToken,  AnchorKind::kPunctuation, AnchorKind::kLexicon};

// Returns the lower-case name of `kind` ("number", "date", ...), as used in options and output.
absl::string_view AnchorKindName(AnchorKind kind);

// Parses a name from AnchorKindName(); returns false when `name` is not one.
bool ParseAnchorKind(absl::string_view name, AnchorKind* kind);

// One anchor found on both sides of a bead: its kind and the value both sides share. Numbers
// are canonical decimals ("2024", "15000", "3.5"); dates "month:11" or "weekday:3"; names a
// consonant skeleton ("bmk" for Bamako = باماكو), the first four folded letters of a
// same-script name ("gute"), or a curated concept's key; tokens their normalised form
// ("minusma"); punctuation "?", "!", ":", "(" or "quote"; lexicon words "source=target" of
// their lexicon keys.
struct AnchorMatch {
  AnchorKind kind = AnchorKind::kNumber;
  std::string value;
};

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_ANCHORS_ANCHOR_H_
