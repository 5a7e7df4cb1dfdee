#include "alignment/curated_names.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_split.h"
#include "alignment/lexicon.h"
#include "alignment/tokenizer.h"

namespace newsalign {
namespace {

struct Phrase {
  std::vector<std::string> keys;
  std::string concept;
};

// Phrases by primary language, longest first.
using PhraseTable = absl::flat_hash_map<std::string, std::vector<Phrase>>;

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
      if (!phrase.keys.empty()) (*t)[language].push_back(std::move(phrase));
    }
    for (auto& [language, phrases] : *t) {
      std::stable_sort(phrases.begin(), phrases.end(), [](const Phrase& a, const Phrase& b) {
        return a.keys.size() > b.keys.size();
      });
    }
    return t;
  }();
  return *table;
}

}  // namespace

std::vector<std::string> FindCuratedNames(const std::vector<std::string>& keys,
                                          absl::string_view language) {
  std::vector<std::string> found;
  const PhraseTable& table = Table();
  auto it = table.find(PrimaryLanguage(language));
  if (it == table.end()) return found;
  std::vector<std::pair<size_t, const std::string*>> at;
  std::vector<bool> used(keys.size(), false);
  for (const Phrase& phrase : it->second) {
    const size_t n = phrase.keys.size();
    for (size_t i = 0; i + n <= keys.size(); ++i) {
      bool match = true;
      for (size_t k = 0; k < n && match; ++k) match = !used[i + k] && keys[i + k] == phrase.keys[k];
      if (!match) continue;
      for (size_t k = 0; k < n; ++k) used[i + k] = true;
      at.emplace_back(i, &phrase.concept);
    }
  }
  std::sort(at.begin(), at.end());
  for (const auto& [position, concept] : at) found.push_back(*concept);
  return found;
}

}  // namespace newsalign
