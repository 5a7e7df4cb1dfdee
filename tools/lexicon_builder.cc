#include "tools/lexicon_builder.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "lexicon/lexicon.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace newsalign {
namespace {

// English closed-class words: as pivots they would link every preposition, pronoun and auxiliary
// of one language with all those of the other.
const absl::flat_hash_set<absl::string_view>& FunctionWords() {
  static const auto* words = new absl::flat_hash_set<absl::string_view>{
      "a",      "about", "above",  "after",   "against", "all",   "also",    "am",
      "among",  "an",    "and",    "another", "any",     "are",   "as",      "at",
      "be",     "been",  "before", "behind",  "being",   "below", "between", "both",
      "but",    "by",    "can",    "could",   "did",     "do",    "does",    "down",
      "during", "each",  "either", "every",   "for",     "from",  "had",     "has",
      "have",   "he",    "her",    "here",    "hers",    "him",   "his",     "how",
      "i",      "if",    "in",     "into",    "is",      "it",    "its",     "me",
      "might",  "mine",  "must",   "my",      "neither", "no",    "nor",     "not",
      "of",     "off",   "on",     "onto",    "or",      "our",   "ours",    "out",
      "over",   "shall", "she",    "should",  "so",      "some",  "such",    "than",
      "that",   "the",   "their",  "theirs",  "them",    "then",  "there",   "these",
      "they",   "this",  "those",  "through", "to",      "too",   "toward",  "towards",
      "under",  "until", "up",     "upon",    "us",      "very",  "was",     "we",
      "were",   "what",  "when",   "where",   "which",   "while", "who",     "whom",
      "whose",  "why",   "with",   "within",  "without", "would", "yes",     "you",
      "your",   "yours"};
  return *words;
}

// Lower-cases ASCII and folds the accented Latin-1 letters and "œ", "æ" to ASCII; other bytes
// are kept.
std::string FoldLatin(absl::string_view word) {
  // Base letters of U+00C0..U+00FF ('\0' where there is none).
  static constexpr char kFold[] =
      "aaaaaaeceeeeiiiidnooooo\0ouuuuyts"   // U+00C0..U+00DF (Æ -> a + e below)
      "aaaaaaeceeeeiiiidnooooo\0ouuuuyty";  // U+00E0..U+00FF
  std::string out;
  out.reserve(word.size());
  for (size_t i = 0; i < word.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    if (c == 0xC3 && i + 1 < word.size()) {
      const unsigned char next = static_cast<unsigned char>(word[i + 1]);
      if (next >= 0x80 && next <= 0xBF) {
        const int index = next - 0x80;  // U+00C0 + index
        if (index == 0x06 || index == 0x26) {
          out += "ae";
        } else if (kFold[index] != '\0') {
          out.push_back(kFold[index]);
        }
        ++i;
        continue;
      }
    }
    if (c == 0xC5 && i + 1 < word.size() &&
        (static_cast<unsigned char>(word[i + 1]) == 0x92 ||
         static_cast<unsigned char>(word[i + 1]) == 0x93)) {  // Œ œ
      out += "oe";
      ++i;
      continue;
    }
    out.push_back(absl::ascii_tolower(static_cast<char>(c)));
  }
  return out;
}

// The lookup key of `word`, or "" when it is not one lexicon word (see IsLexiconWord).
std::string WordKey(absl::string_view word, absl::string_view language) {
  if (!IsLexiconWord(word, language)) return "";
  return LexiconKey(word, language);
}

// A word linked to another by a dictionary: its key (or pivot) and the surface it came from.
struct Link {
  std::string key;
  std::string surface;
};

// Appends a link unless `links` has its key already (the lists are short).
void AddLink(std::vector<Link>* links, std::string key, absl::string_view surface) {
  if (std::none_of(links->begin(), links->end(),
                   [&](const Link& link) { return link.key == key; })) {
    links->push_back({std::move(key), std::string(surface)});
  }
}

// A translation of one source key: the surfaces of its best path, its weight, its place in its
// entry (0 for the first sense's first translation or pivot) and the order in which it was first
// found. Ties on weight go to the smaller place, then to the first found: when several headwords
// share a key ("sicher", "Sicherheit"), each keeps its first translations under the cap.
struct Candidate {
  std::string target_key;
  std::string source_surface;
  std::string target_surface;
  double weight = 0.0;
  size_t place = 0;
  size_t rank = 0;
};

// Keeps each source's best candidates and lists them by source key, best weight first.
std::vector<SurfacePair> Finish(absl::flat_hash_map<std::string, std::vector<Candidate>> candidates,
                                const LexiconBuildOptions& options, LexiconBuildStats* stats) {
  std::vector<std::pair<absl::string_view, std::vector<Candidate>*>> sources;
  for (auto& [key, list] : candidates) {
    if (stats != nullptr) stats->candidate_pairs += list.size();
    list.erase(
        std::remove_if(list.begin(), list.end(),
                       [&](const Candidate& c) { return c.weight < options.min_weight - 1e-12; }),
        list.end());
    if (list.empty()) continue;
    std::sort(list.begin(), list.end(), [](const Candidate& a, const Candidate& b) {
      if (a.weight != b.weight) return a.weight > b.weight;
      if (a.place != b.place) return a.place < b.place;
      return a.rank < b.rank;
    });
    if (list.size() > static_cast<size_t>(options.max_translations)) {
      list.resize(options.max_translations);
    }
    sources.emplace_back(key, &list);
  }
  std::sort(sources.begin(), sources.end());
  std::vector<SurfacePair> pairs;
  for (const auto& [key, list] : sources) {
    for (const Candidate& c : *list)
      pairs.push_back({c.source_surface, c.target_surface, c.weight});
  }
  if (stats != nullptr) {
    stats->source_words = sources.size();
    stats->pairs = pairs.size();
  }
  return pairs;
}

}  // namespace

absl::Status LexiconBuildOptions::Validate() const {
  if (source_language.empty() || target_language.empty()) {
    return absl::InvalidArgumentError("source_language and target_language must be set");
  }
  if (max_translations < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_translations must be at least 1, got ", max_translations));
  }
  const std::pair<const char*, double> unit_fields[] = {
      {"pivot_weight", pivot_weight},
      {"secondary_pivot_factor", secondary_pivot_factor},
      {"cognate_similarity", cognate_similarity}};
  for (const auto& [name, value] : unit_fields) {
    if (!(value > 0.0 && value <= 1.0)) {
      return absl::InvalidArgumentError(absl::StrCat(name, " must be in (0, 1], got ", value));
    }
  }
  if (!(min_weight >= 0.0 && min_weight < 1.0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("min_weight must be in [0, 1), got ", min_weight));
  }
  return absl::OkStatus();
}

bool IsLexiconWord(absl::string_view word, absl::string_view language) {
  const std::vector<Token> tokens = Tokenize(word);
  if (tokens.size() != 1) return false;
  const Token& token = tokens.front();
  if (token.is_number || token.begin != 0 || token.end != word.size()) return false;
  if (CountCodePoints(token.norm) < 2) return false;
  const absl::string_view primary = language.substr(0, language.find_first_of("-_"));
  if (absl::EqualsIgnoreCase(primary, "ar")) return token.script == Script::kArabic;
  if (absl::EqualsIgnoreCase(primary, "fr") || absl::EqualsIgnoreCase(primary, "de") ||
      absl::EqualsIgnoreCase(primary, "en")) {
    return token.script == Script::kLatin;
  }
  return true;
}

std::string PivotKey(absl::string_view english) {
  std::vector<std::string> words;
  for (absl::string_view w :
       absl::StrSplit(english, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty())) {
    words.push_back(NormalizeWord(w));
  }
  // "to go" -> "go", "the army" -> "army"; once each, in that order.
  size_t first = 0;
  if (first + 1 < words.size() && words[first] == "to") ++first;
  if (first + 1 < words.size() &&
      (words[first] == "a" || words[first] == "an" || words[first] == "the")) {
    ++first;
  }
  std::string key = absl::StrJoin(words.begin() + first, words.end(), " ");
  // Punctuation the dictionary leaves around a word ("etc.", "!").
  while (!key.empty() && absl::ascii_ispunct(key.back()) && key.back() != '-') key.pop_back();
  while (!key.empty() && absl::ascii_ispunct(key.front()) && key.front() != '-') key.erase(0, 1);
  if (FunctionWords().contains(key)) return "";
  return key;
}

double CognateSimilarity(absl::string_view a, absl::string_view b) {
  auto bigrams = [](const std::string& word) {
    absl::flat_hash_set<std::string> set;
    for (size_t i = 0; i + 1 < word.size(); ++i) set.insert(word.substr(i, 2));
    return set;
  };
  const absl::flat_hash_set<std::string> x = bigrams(FoldLatin(a));
  const absl::flat_hash_set<std::string> y = bigrams(FoldLatin(b));
  if (x.empty() || y.empty()) return 0.0;
  size_t shared = 0;
  for (const std::string& bigram : x) shared += y.contains(bigram);
  return 2.0 * shared / (x.size() + y.size());
}

std::vector<DictEntry> WithReversed(std::vector<DictEntry> forward,
                                    const std::vector<DictEntry>& backward) {
  for (const DictEntry& entry : backward) {
    for (const std::string& translation : entry.translations) {
      forward.push_back(DictEntry{translation, {entry.headword}});
    }
  }
  return forward;
}

std::vector<SurfacePair> BuildDirectLexicon(const std::vector<DictEntry>& entries,
                                            const LexiconBuildOptions& options,
                                            LexiconBuildStats* stats) {
  absl::flat_hash_map<std::string, std::vector<Candidate>> candidates;
  size_t rank = 0;
  for (const DictEntry& entry : entries) {
    const std::string source_key = WordKey(entry.headword, options.source_language);
    if (source_key.empty()) continue;
    size_t place = 0;
    for (const std::string& translation : entry.translations) {
      std::string target_key = WordKey(translation, options.target_language);
      if (target_key.empty()) continue;
      std::vector<Candidate>& list = candidates[source_key];
      auto it = std::find_if(list.begin(), list.end(),
                             [&](const Candidate& c) { return c.target_key == target_key; });
      if (it == list.end()) {
        list.push_back({std::move(target_key), entry.headword, translation, 1.0, place, rank++});
      } else if (place < it->place) {
        it->place = place;
      }
      ++place;
    }
  }
  if (stats != nullptr) *stats = LexiconBuildStats();
  return Finish(std::move(candidates), options, stats);
}

std::vector<SurfacePair> BuildPivotLexicon(const PivotDictionaries& dictionaries,
                                           const LexiconBuildOptions& options,
                                           LexiconBuildStats* stats) {
  const std::string& source_language = options.source_language;
  const std::string& target_language = options.target_language;

  // Source key -> its pivots (with the source surface), in dictionary order.
  absl::flat_hash_map<std::string, std::vector<Link>> source_pivots;
  for (const DictEntry& entry : dictionaries.source_to_pivot) {
    const std::string source_key = WordKey(entry.headword, source_language);
    if (source_key.empty()) continue;
    for (const std::string& translation : entry.translations) {
      std::string pivot = PivotKey(translation);
      if (!pivot.empty()) AddLink(&source_pivots[source_key], std::move(pivot), entry.headword);
    }
  }
  for (const DictEntry& entry : dictionaries.pivot_to_source) {
    const std::string pivot = PivotKey(entry.headword);
    if (pivot.empty()) continue;
    for (const std::string& translation : entry.translations) {
      const std::string source_key = WordKey(translation, source_language);
      if (!source_key.empty()) AddLink(&source_pivots[source_key], pivot, translation);
    }
  }

  // Pivot -> target keys (with the target surface).
  absl::flat_hash_map<std::string, std::vector<Link>> pivot_targets;
  for (const DictEntry& entry : dictionaries.pivot_to_target) {
    const std::string pivot = PivotKey(entry.headword);
    if (pivot.empty()) continue;
    for (const std::string& translation : entry.translations) {
      std::string target_key = WordKey(translation, target_language);
      if (!target_key.empty()) AddLink(&pivot_targets[pivot], std::move(target_key), translation);
    }
  }
  for (const DictEntry& entry : dictionaries.target_to_pivot) {
    const std::string target_key = WordKey(entry.headword, target_language);
    if (target_key.empty()) continue;
    for (const std::string& translation : entry.translations) {
      const std::string pivot = PivotKey(translation);
      if (!pivot.empty()) AddLink(&pivot_targets[pivot], target_key, entry.headword);
    }
  }

  // How many source keys each pivot links.
  absl::flat_hash_map<absl::string_view, int> pivot_sources;
  for (const auto& [source_key, pivots] : source_pivots) {
    for (const Link& pivot : pivots) ++pivot_sources[pivot.key];
  }

  absl::flat_hash_map<std::string, std::vector<Candidate>> candidates;
  for (const auto& [source_key, pivots] : source_pivots) {
    std::vector<bool> cognate(pivots.size());
    bool has_cognate = false;
    for (size_t i = 0; i < pivots.size(); ++i) {
      cognate[i] =
          CognateSimilarity(pivots[i].surface, pivots[i].key) >= options.cognate_similarity;
      has_cognate = has_cognate || cognate[i];
    }
    absl::flat_hash_map<absl::string_view, size_t> position;  // target key -> index in list
    std::vector<Candidate> list;
    std::vector<double> best_step;  // the largest single-pivot weight of each candidate
    for (size_t i = 0; i < pivots.size(); ++i) {
      auto it = pivot_targets.find(pivots[i].key);
      if (it == pivot_targets.end()) continue;
      const double senses = static_cast<double>(it->second.size()) *
                            (cognate[i] ? 1.0 : pivot_sources[pivots[i].key]);
      const double primacy = (has_cognate && !cognate[i]) ? options.secondary_pivot_factor : 1.0;
      const double step = options.pivot_weight * primacy / std::sqrt(senses);
      for (const Link& target : it->second) {
        auto [pos, inserted] = position.try_emplace(target.key, list.size());
        if (inserted) {
          list.push_back({target.key, pivots[i].surface, target.surface, 1.0, i, list.size()});
          best_step.push_back(0.0);
        }
        Candidate& c = list[pos->second];
        c.weight *= 1.0 - step;  // prod (1 - step) until the end
        if (step > best_step[pos->second]) {
          best_step[pos->second] = step;
          c.source_surface = pivots[i].surface;
          c.target_surface = target.surface;
        }
      }
    }
    if (list.empty()) continue;
    for (Candidate& c : list) c.weight = 1.0 - c.weight;
    candidates.emplace(source_key, std::move(list));
  }
  if (stats != nullptr) {
    *stats = LexiconBuildStats();
    for (const auto& [pivot, count] : pivot_sources) {
      auto it = pivot_targets.find(pivot);
      if (it != pivot_targets.end() && !it->second.empty()) ++stats->pivots_used;
    }
  }
  return Finish(std::move(candidates), options, stats);
}

namespace {

// `header`'s lines as '#' comment lines.
std::string CommentLines(absl::string_view header) {
  std::string out;
  for (absl::string_view line : absl::StrSplit(header, '\n', absl::SkipEmpty())) {
    absl::StrAppend(&out, absl::StartsWith(line, "#") ? "" : "# ", line, "\n");
  }
  return out;
}

}  // namespace

std::string SurfacePairsToTsv(const std::vector<SurfacePair>& pairs, absl::string_view header) {
  std::string tsv = CommentLines(header);
  for (const SurfacePair& pair : pairs) {
    absl::StrAppend(&tsv, pair.source, "\t", pair.target, "\t",
                    absl::StrFormat("%.4g", pair.weight), "\n");
  }
  return tsv;
}

std::string KeyedLexiconTsv(const Lexicon& lexicon, absl::string_view header) {
  return absl::StrCat(CommentLines(header), lexicon.ToTsv());
}

}  // namespace newsalign
