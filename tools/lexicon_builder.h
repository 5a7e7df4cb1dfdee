// Builds word-pair lexicons (see alignment/lexicon/lexicon.h) from FreeDict dictionaries.
//
// Two ways:
//  - Direct (de-fr from deu-fra): every single-word headword with each single-word translation,
//    weight 1.
//  - Pivot (fr-ar through English: fra-eng and eng-fra give French -> English, eng-ara and ara-eng
//    give English -> Arabic): a French word f and an Arabic word a are paired when they share
//    English pivots e, with
//      weight = 1 - prod_e (1 - pivot_weight * specificity(e) * primacy(f, e)),
//    i.e. 1 - 0.5^k for k shared pivots that are specific and primary.
//
// Pivot noise is the risk: "gouvernement" -> "rule" -> "القاعدة" (rule as in "base"). Against it:
//  - function words are never pivots (they would pair every preposition with every other);
//  - specificity(e) = 1 / sqrt(targets(e) * sources(e)), the number of Arabic and French keys that
//    e links: a pivot many French words share ("rule": règle, régner, gouverner, ...) has many
//    senses, and each costs it weight. A cognate pivot (see primacy) is the French word's own
//    sense, so its French synonyms ("accord", "entente" -> "accord") do not count against it;
//  - primacy(f, e) = 1, but secondary_pivot_factor for a pivot that is not a cognate of f when f
//    has a cognate pivot: "gouvernement" -> "government" is its first sense, "rule" a far one;
//  - pairs under min_weight are dropped and each source keeps its max_translations best.
//
// Pairs are deduplicated by their lookup keys (LexiconKey), keeping the larger weight, and each
// keeps the surface words it came from (the first dictionary path with its weight).
// Lexicon::FromTsv normalises them back to exactly those keys. The built lexicons are written as
// those keys (KeyedLexiconTsv), as `newsalign lexicon train` writes its own: loading them then
// normalises no word, where normalising the 20,000 words of fr-ar took half of an article's
// time through the client.
//
//   LexiconBuildStats stats;
//   std::vector<SurfacePair> pairs = BuildPivotLexicon(dictionaries, options, &stats);
//   std::string header = "# fr-ar from FreeDict (GPL): do not commit";
//   ASSIGN_OR_RETURN(Lexicon lexicon, Lexicon::FromTsv(SurfacePairsToTsv(pairs, header), "fr", "ar"));
//   std::string tsv = KeyedLexiconTsv(lexicon, header);
#ifndef NEWSALIGN_TOOLS_LEXICON_BUILDER_H_
#define NEWSALIGN_TOOLS_LEXICON_BUILDER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "lexicon/lexicon.h"
#include "tools/freedict_reader.h"

namespace newsalign {

// One lexicon line in surface form.
struct SurfacePair {
  std::string source;
  std::string target;
  double weight = 1.0;
};

struct LexiconBuildOptions {
  // BCP 47 languages of the lexicon's two sides (they pick LexiconKey's rules and the script a
  // word must be written in).
  std::string source_language = "fr";
  std::string target_language = "ar";
  // Most translations kept per source key, best weight first (then dictionary order).
  int max_translations = 8;
  // Pivot only: the weight one specific, primary shared pivot gives, in (0, 1].
  double pivot_weight = 0.5;
  // Pivot only: the factor on a non-cognate pivot of a word that has a cognate pivot, in (0, 1].
  double secondary_pivot_factor = 0.5;
  // Pivot only: the bigram Dice similarity (accents removed) from which a source word and a pivot
  // are cognates ("gouvernement"/"government" 0.7, "soldat"/"soldier" 0.55), in (0, 1].
  double cognate_similarity = 0.5;
  // Pivot only: pairs weighing less are dropped, in [0, 1).
  double min_weight = 0.1;

  // Returns INVALID_ARGUMENT naming the field that is out of range.
  absl::Status Validate() const;
};

// The four dictionaries of a pivot through English. The pivot_to_source and target_to_pivot ones
// are read reversed: an entry "army -> armée" of eng-fra gives "armée -> army".
struct PivotDictionaries {
  std::vector<DictEntry> source_to_pivot;  // fra-eng
  std::vector<DictEntry> pivot_to_source;  // eng-fra
  std::vector<DictEntry> pivot_to_target;  // eng-ara
  std::vector<DictEntry> target_to_pivot;  // ara-eng
};

struct LexiconBuildStats {
  // Source keys that kept at least one translation.
  size_t source_words = 0;
  // Pivot only: distinct English pivots that have both source and target words.
  size_t pivots_used = 0;
  // Key pairs before the min_weight and max_translations cuts, and written.
  size_t candidate_pairs = 0;
  size_t pairs = 0;
};

// Returns true if `word` is one word of `language` as the aligner tokenizes it: a single
// Tokenize() token covering all of it, of at least two letters, in the language's script (Arabic
// for "ar", Latin for "fr", "de" and "en", any for the others).
bool IsLexiconWord(absl::string_view word, absl::string_view language);

// Returns `english` as a pivot: lower case, without "to " (verbs) and articles "a ", "an ",
// "the ", spaces collapsed; empty for function words ("of", "to", "be", ...), which would pair
// everything with everything.
std::string PivotKey(absl::string_view english);

// Returns the Dice coefficient of the letter-bigram sets of `a` and `b`, lower-cased and with
// Latin accents removed: 1 for "Sécurité"/"securite", 0.7 for "gouvernement"/"government".
double CognateSimilarity(absl::string_view a, absl::string_view b);

// Builds the direct lexicon of `entries` (headword -> translations, weight 1). Pairs are grouped
// by source key in byte order of the key, best weight first. `stats` may be null.
// Returns `forward`'s entries followed by `backward`'s read the other way round: each
// translation of a `backward` entry becomes a headword translated by that entry's headword, so
// ara-eng's "جندي -> soldier" joins eng-ara as "soldier -> جندي". For a direct lexicon from both
// dictionaries of a pair (en-ar from eng-ara and ara-eng).
std::vector<DictEntry> WithReversed(std::vector<DictEntry> forward,
                                    const std::vector<DictEntry>& backward);

std::vector<SurfacePair> BuildDirectLexicon(const std::vector<DictEntry>& entries,
                                            const LexiconBuildOptions& options,
                                            LexiconBuildStats* stats);

// Builds the pivot lexicon of `dictionaries` (see the file comment), ordered as
// BuildDirectLexicon's. `stats` may be null.
std::vector<SurfacePair> BuildPivotLexicon(const PivotDictionaries& dictionaries,
                                           const LexiconBuildOptions& options,
                                           LexiconBuildStats* stats);

// Writes `pairs` as lexicon TSV "source<TAB>target<TAB>weight" (weights with 4 significant
// digits), after `header`'s lines as '#' comments.
std::string SurfacePairsToTsv(const std::vector<SurfacePair>& pairs, absl::string_view header);

// Writes `lexicon` as its lookup keys (Lexicon::ToTsv, which opens with kNormalisedMarker), after
// `header`'s lines as '#' comments: Lexicon::FromTsv reads it back to the same lexicon without
// normalising a word.
std::string KeyedLexiconTsv(const Lexicon& lexicon, absl::string_view header);

}  // namespace newsalign

#endif  // NEWSALIGN_TOOLS_LEXICON_BUILDER_H_
