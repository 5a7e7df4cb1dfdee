#include "anchors/anchor.h"

namespace newsalign {

absl::string_view AnchorKindName(AnchorKind kind) {
  switch (kind) {
    case AnchorKind::kNumber:
      return "number";
    case AnchorKind::kDate:
      return "date";
    case AnchorKind::kName:
      return "name";
    case AnchorKind::kToken:
      return "token";
    case AnchorKind::kPunctuation:
      return "punctuation";
    case AnchorKind::kLexicon:
      return "lexicon";
  }
  return "unknown";
}

bool ParseAnchorKind(absl::string_view name, AnchorKind* kind) {
  for (AnchorKind k : kAllAnchorKinds) {
    if (AnchorKindName(k) == name) {
      *kind = k;
      return true;
    }
  }
  return false;
}

}  // namespace newsalign
