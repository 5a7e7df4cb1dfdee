// Loads the built-in lexicons: every "<source>-<target>.tsv" of a folder (the FreeDict lexicons
// the build generates into build/lexicon, or any the operator adds).
//
//   ASSIGN_OR_RETURN(LexiconSet lexicons, LoadLexiconDir("build/lexicon"));
#ifndef NEWSALIGN_SERVER_LEXICON_LOADER_H_
#define NEWSALIGN_SERVER_LEXICON_LOADER_H_

#include <optional>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "lexicon/lexicon.h"

namespace newsalign {

// The folder the build wrote its lexicons to (NEWSALIGN_LEXICON_DIR at build time).
std::string DefaultLexiconDir();

// Loads each file of `dir` named "<source>-<target>.tsv" (e.g. "fr-ar.tsv") as the lexicon from
// <source> to <target>; with `between`, only the lexicons between its two languages (primary
// subtags, either direction: {"fr-FR", "ar"} loads fr-ar.tsv and ar-fr.tsv). NOT_FOUND when
// `dir` is not a folder; INVALID_ARGUMENT naming the file and line for a malformed lexicon.
absl::StatusOr<LexiconSet> LoadLexiconDir(
    const std::string& dir,
    const std::optional<std::pair<std::string, std::string>>& between = std::nullopt);

}  // namespace newsalign

#endif  // NEWSALIGN_SERVER_LEXICON_LOADER_H_
