// Terminal display width of UTF-8 text, and wrapping to a width, for the side-by-side table.
//
// Width is counted per code point: combining marks (Arabic harakat U+064B-U+065F, U+0670, Latin
// accents typed as combining) and format characters (bidi marks, ZWJ) take no column; East
// Asian wide and fullwidth characters take two; everything else one. Arabic is kept in logical
// order: terminals with bidi support render it right to left themselves.
//
//   DisplayWidth("مُحَمَّد") == 4
//   WrapToWidth("Le Mali a quitté l’ONU.", 10) == {"Le Mali a", "quitté", "l’ONU."}
#ifndef NEWSALIGN_CLIENT_DISPLAY_WIDTH_H_
#define NEWSALIGN_CLIENT_DISPLAY_WIDTH_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newsalign::client {

// Returns the number of terminal columns `text` takes. Malformed UTF-8 bytes count one each.
int DisplayWidth(absl::string_view text);

// Splits `text` into lines of at most `width` columns (width >= 1), breaking at spaces; a word
// wider than `width` is broken between characters, never inside one (combining marks stay with
// their base). Runs of whitespace, tabs and line breaks count as one space. Empty text gives no
// lines.
std::vector<std::string> WrapToWidth(absl::string_view text, int width);

// Returns `text` followed by spaces up to `width` columns (unchanged when already as wide).
std::string PadToWidth(absl::string_view text, int width);

}  // namespace newsalign::client

#endif  // NEWSALIGN_CLIENT_DISPLAY_WIDTH_H_
