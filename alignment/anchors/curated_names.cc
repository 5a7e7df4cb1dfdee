#include "anchors/curated_names.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lexicon/lexicon.h"
#include "text/tokenizer.h"

namespace newsalign {
namespace {

struct Phrase {
  std::vector<std::string> keys;
  std::string concept;
};

// The phrases of one language, longest first, and where to find those that begin with a key.
struct Phrases {
  std::vector<Phrase> longest_first;
  absl::flat_hash_map<std::string, std::vector<size_t>> by_first_key;
};

// Phrases by primary language.
using PhraseTable = absl::flat_hash_map<std::string, Phrases>;

const PhraseTable& Table() {
  static const PhraseTable* table = [] {
    auto* t = new PhraseTable();
    for (absl::string_view line : absl::StrSplit(CuratedNamesTsv(), '\n')) {
      if (line.empty() || line[0] == '#') continue;
      // concept, kind, language, phrase, source: the kind and the source are for the curators
      // (and tests/curated_names_test.cc); matching needs the concept, language and phrase.
      std::vector<absl::string_view> cols = absl::StrSplit(line, '\t');
      if (cols.size() != 5) continue;
      Phrase phrase;
      phrase.concept = "@" + std::string(cols[0]);
      const std::string language = PrimaryLanguage(cols[2]);
      const std::string text(cols[3]);
      for (const Token& token : Tokenize(text)) {
        std::string key = LexiconKey(token.norm, language);
        if (!key.empty()) phrase.keys.push_back(std::move(key));
      }
      if (!phrase.keys.empty()) (*t)[language].longest_first.push_back(std::move(phrase));
    }
    for (auto& [language, phrases] : *t) {
      std::stable_sort(phrases.longest_first.begin(), phrases.longest_first.end(),
                       [](const Phrase& a, const Phrase& b) { return a.keys.size() > b.keys.size(); });
      for (size_t p = 0; p < phrases.longest_first.size(); ++p) {
        phrases.by_first_key[phrases.longest_first[p].keys[0]].push_back(p);
      }
    }
    return t;
  }();
  return *table;
}

// The first listed form of each concept ("@un") in each primary language.
using DisplayForms = absl::flat_hash_map<std::string, absl::flat_hash_map<std::string, std::string>>;

const DisplayForms& Forms() {
  static const DisplayForms* forms = [] {
    auto* f = new DisplayForms();
    for (absl::string_view line : absl::StrSplit(CuratedNamesTsv(), '\n')) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<absl::string_view> cols = absl::StrSplit(line, '\t');
      if (cols.size() != 5) continue;
      (*f)["@" + std::string(cols[0])].emplace(PrimaryLanguage(cols[2]), std::string(cols[3]));
    }
    return f;
  }();
  return *forms;
}

}  // namespace

std::string CuratedNameDisplay(absl::string_view concept, absl::string_view first_language,
                               absl::string_view second_language) {
  const DisplayForms& forms = Forms();
  auto it = forms.find(concept);
  if (it == forms.end()) return std::string(absl::StripPrefix(concept, "@"));
  std::vector<std::string> names;
  for (absl::string_view language : {first_language, second_language}) {
    auto form = it->second.find(PrimaryLanguage(language));
    if (form == it->second.end()) continue;
    if (std::find(names.begin(), names.end(), form->second) == names.end()) {
      names.push_back(form->second);
    }
  }
  if (names.empty()) return std::string(absl::StripPrefix(concept, "@"));
  return absl::StrJoin(names, " / ");
}

std::vector<std::string> FindCuratedNames(const std::vector<std::string>& keys,
                                          absl::string_view language) {
  const std::vector<absl::string_view> views(keys.begin(), keys.end());
  return FindCuratedNames(absl::MakeConstSpan(views), language);
}

std::vector<std::string> FindCuratedNames(absl::Span<const absl::string_view> keys,
                                          absl::string_view language) {
  std::vector<std::string> found;
  const PhraseTable& table = Table();
  auto it = table.find(PrimaryLanguage(language));
  if (it == table.end()) return found;
  const Phrases& phrases = it->second;
  // The phrases that could start at each position, tried longest phrase first and, for one
  // phrase, leftmost first: a word goes to the longest name that takes it.
  std::vector<std::pair<size_t, size_t>> candidates;  // (phrase, position)
  for (size_t i = 0; i < keys.size(); ++i) {
    auto starting = phrases.by_first_key.find(keys[i]);
    if (starting == phrases.by_first_key.end()) continue;
    for (size_t p : starting->second) candidates.emplace_back(p, i);
  }
  std::sort(candidates.begin(), candidates.end());
  std::vector<std::pair<size_t, const std::string*>> at;
  std::vector<bool> used(keys.size(), false);
  for (const auto& [p, i] : candidates) {
    const Phrase& phrase = phrases.longest_first[p];
    const size_t n = phrase.keys.size();
    if (i + n > keys.size()) continue;
    bool match = true;
    for (size_t k = 0; k < n && match; ++k) match = !used[i + k] && keys[i + k] == phrase.keys[k];
    if (!match) continue;
    for (size_t k = 0; k < n; ++k) used[i + k] = true;
    at.emplace_back(i, &phrase.concept);
  }
  std::sort(at.begin(), at.end());
  for (const auto& [position, concept] : at) found.push_back(*concept);
  return found;
}

}  // namespace newsalign
