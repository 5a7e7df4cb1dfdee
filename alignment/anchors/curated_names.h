// Curated names: general names (states, capitals, international organisations, frequent
// exonyms) that transliteration cannot match across scripts, as the team wrote them in
// alignment/anchors/data/curated_names.tsv (compiled in): الجزائر = Algérie, مجلس الأمن = Conseil de
// sécurité, الأمم المتحدة = ONU = Nations unies. One name form a line, with its kind (country,
// capital, city, organisation, region) and the source of the form (UNTERM, the organisation's own
// name...): "concept<TAB>kind<TAB>language<TAB>phrase<TAB>source". No domain vocabulary and
// nothing found only in the sample article or ../shared/eval (tests/curated_names_test.cc).
//
//   FindCuratedNames(keys_of("Le Conseil de sécurité de l'ONU"), "fr")
//       -> {"@security_council", "@un"}
#ifndef NEWSALIGN_ALIGNMENT_ANCHORS_CURATED_NAMES_H_
#define NEWSALIGN_ALIGNMENT_ANCHORS_CURATED_NAMES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace newsalign {

// Returns the concepts ("@" + concept id) of the curated names found in a sentence of
// `language`, given as the LexiconKey() of each of its word tokens in order. Longest phrase
// first; words are used by one name at most. Concepts come in order of appearance.
std::vector<std::string> FindCuratedNames(absl::Span<const absl::string_view> keys,
                                          absl::string_view language);
// The same, for keys held as strings.
std::vector<std::string> FindCuratedNames(const std::vector<std::string>& keys,
                                          absl::string_view language);

// Returns how a person names `concept` ("@un") in the two languages: the first listed form in
// each, "ONU / الأمم المتحدة"; one form when both are the same or a language has none; the
// concept id without its "@" when neither has one.
std::string CuratedNameDisplay(absl::string_view concept, absl::string_view first_language,
                               absl::string_view second_language);

// Returns the curated list's text (the TSV, five columns), for tests.
absl::string_view CuratedNamesTsv();

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_ANCHORS_CURATED_NAMES_H_
