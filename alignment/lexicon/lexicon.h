// A bilingual word lexicon: the anchors that tell the aligner which words translate each other.
//
// Pairs are stored under lookup keys (see LexiconKey): lower case, then stemmed, so "soldats"
// finds the pair learnt from "soldat" and "والمجلس" finds the one learnt from "المجلس". The
// lexicon is read from TSV text that the caller loaded (the core does no I/O); the TSV files are
// generated from FreeDict at build time by `newsalign-build-lexicon` and are never committed.
//
//   ASSIGN_OR_RETURN(Lexicon lexicon, Lexicon::FromTsv(tsv, "fr", "ar"));
//   for (const Token& t : Tokenize(french_sentence)) {
//     if (const auto* translations = lexicon.Translations(LexiconKey(t.norm, "fr"))) {
//       for (const auto& [arabic_key, weight] : *translations) ...
//     }
//   }
//
// TSV format, one pair a line: "source<TAB>target[<TAB>weight]", weight in (0, 1], 1 when
// omitted; '#' starts a comment line; blank lines are skipped. Words are normalised with
// LexiconKey() when loaded, unless a line that is exactly kNormalisedMarker comes before the first
// pair: then the words are keys already and are taken as they are. ToTsv() writes that marker,
// because normalising twice is not idempotent (stemming a stem can strip it again), so
// FromTsv(ToTsv()) gives back the same lexicon.
#ifndef NEWSALIGN_ALIGNMENT_LEXICON_LEXICON_H_
#define NEWSALIGN_ALIGNMENT_LEXICON_LEXICON_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/call_once.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newsalign {

// The comment line that marks a TSV whose words are lookup keys already.
inline constexpr absl::string_view kNormalisedMarker = "# normalised";

// Word-pair lexicon: source word -> target words with weights in (0, 1].
class Lexicon {
 public:
  // One translation: the target's lookup key and the pair's weight.
  using Translation = std::pair<std::string, double>;

  Lexicon() = default;
  Lexicon(std::string source_language, std::string target_language);

  // Parses TSV lines "source<TAB>target<TAB>weight" ('#' comments and blank lines skipped; weight
  // optional, 1 when omitted). Words are normalised with LexiconKey() for their languages unless
  // the text is marked with kNormalisedMarker. Returns INVALID_ARGUMENT naming the line number on
  // a malformed line: not valid UTF-8, not 2 or 3 fields, an empty word, a word with spaces, a
  // word that normalises to nothing or to a key starting with '#' (ToTsv() could not write it),
  // or a weight that is not a number in (0, 1].
  static absl::StatusOr<Lexicon> FromTsv(absl::string_view tsv, absl::string_view source_language,
                                         absl::string_view target_language);

  // Adds a pair of surface words, normalised with LexiconKey(). A pair already present keeps the
  // larger weight. Weights are kept to six significant digits, as ToTsv() writes them (so a
  // memory read back orders its translations the same way). Weights above 1 count as 1; pairs
  // with a weight <= 0 (or NaN) or a word that normalises to nothing are ignored.
  void Add(absl::string_view source_word, absl::string_view target_word, double weight);

  // Adds a pair of lookup keys as they are (no normalisation), with Add()'s rules on weights.
  void AddKeys(absl::string_view source_key, absl::string_view target_key, double weight);

  // Adds `other`'s pairs (the larger weight on duplicates). `other` should have the same
  // languages: its keys are taken as they are.
  void Merge(const Lexicon& other);

  // Returns the same pairs read the other way: the target language's keys to the source's.
  Lexicon Inverted() const;

  // Translations of a normalised source key (see LexiconKey), best weight first (ties by key),
  // or nullptr when the key has none.
  const std::vector<Translation>* Translations(absl::string_view source_key) const;

  // Number of pairs.
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  const std::string& source_language() const { return source_language_; }
  const std::string& target_language() const { return target_language_; }

  // Writes the lexicon as TSV of keys, marked with kNormalisedMarker: sources in byte order, each
  // source's translations best weight first (ties by key), weights with 6 significant digits.
  // FromTsv(ToTsv()) gives back the same pairs, and its ToTsv() the same text.
  std::string ToTsv() const;

 private:
  std::string source_language_;
  std::string target_language_;
  absl::flat_hash_map<std::string, std::vector<Translation>> translations_;
  size_t size_ = 0;
};

// Lexicons by language pair: the built-in FreeDict ones and any the caller adds. Every lexicon
// serves both directions: fr-ar is found for ar-fr too, inverted, unless an ar-fr lexicon of its
// own was added.
//
//   LexiconSet set;
//   set.Add(std::make_shared<const Lexicon>(*Lexicon::FromTsv(tsv, "fr", "ar")));
//   std::shared_ptr<const Lexicon> fr_ar = set.Find("fr-FR", "ar");
class LexiconSet {
 public:
  // Adds `lexicon` under its languages' primary subtags; one already there for the same pair is
  // replaced. Its inversion serves the reverse pair while no lexicon is added for that one.
  void Add(std::shared_ptr<const Lexicon> lexicon);
  // Returns the lexicon from `source_language` to `target_language` (primary subtags compared:
  // "fr-CA" finds "fr"), or null. An inversion is made at the first Find() that asks for it
  // (most processes use one direction of a pair; inverting fr-ar took about 10 M instructions),
  // once, whichever thread asks first; later calls share it.
  std::shared_ptr<const Lexicon> Find(absl::string_view source_language,
                                      absl::string_view target_language) const;
  // Returns "fr-ar", "de-fr", ... for the pairs held, sorted.
  std::vector<std::string> Pairs() const;
  bool empty() const { return lexicons_.empty(); }

 private:
  // A pair's lexicon: one added, or another pair's inversion (which one of its own replaces),
  // made when first asked for.
  class Entry {
   public:
    Entry(std::shared_ptr<const Lexicon> lexicon, bool inverted)
        : added_(std::move(lexicon)), inverted_(inverted) {}
    bool inverted() const { return inverted_; }
    const std::shared_ptr<const Lexicon>& Get() const;

   private:
    // The lexicon added, or the one whose inversion this is.
    std::shared_ptr<const Lexicon> added_;
    bool inverted_;
    mutable absl::once_flag inverting_;
    mutable std::shared_ptr<const Lexicon> inversion_;
  };
  // Entries are shared: copies of the set share an inversion made by any of them.
  absl::flat_hash_map<std::string, std::shared_ptr<const Entry>> lexicons_;
};

// Returns `lexicon` oriented from `source_language` to `target_language`: itself when its
// languages are those (primary subtags compared), its inversion when they are those the other
// way round, and null otherwise (or when `lexicon` is null).
std::shared_ptr<const Lexicon> OrientLexicon(std::shared_ptr<const Lexicon> lexicon,
                                             absl::string_view source_language,
                                             absl::string_view target_language);

// Returns the primary language subtag of a BCP 47 tag, lower case: "fr-CA" -> "fr".
std::string PrimaryLanguage(absl::string_view tag);

// Returns the lookup key of `word` in `language` (its BCP 47 primary subtag decides, e.g. "fr-FR"
// is French): lower case, and
//  - Arabic ("ar"): NormalizeWord() (diacritics, tatweel, alef forms, ى -> ي, ة -> ه), then
//    StemArabic() (proclitics and common suffixes): "والمجلس", "المجلس", "مجلس" -> "مجلس";
//  - French, German, English ("fr", "de", "en"): the Snowball stem: "Soldats" -> "soldat";
//  - other languages: lower case only.
// Thread-safe (one Snowball stemmer per thread and language).
std::string LexiconKey(absl::string_view word, absl::string_view language);

namespace lexicon_internal {
// LexiconKey() with French, German and English words always stemmed by Snowball's UTF-8
// stemmer; LexiconKey() takes its ISO-8859-1 stemmer where the word fits that encoding, which
// must give the same key (for tests, which check it).
std::string LexiconKeyByUtf8Stemmer(absl::string_view word, absl::string_view language);
}  // namespace lexicon_internal

// LexiconKey() of one language, remembered per word: a document repeats its words, and
// stemming them is the costliest step of building its features. Also remembers the name
// skeletons of Arabic words (text/name_skeletons.h), which the features and then the QA report
// both ask for. One per thread.
//
//   LexiconKeys keys("fr");
//   for (const Token& t : Tokenize(sentence)) words.push_back(keys.Of(t.norm));
class LexiconKeys {
 public:
  explicit LexiconKeys(absl::string_view language) : language_(language) {}
  // Returns LexiconKey(word, language); the reference lives as long as this object (or until
  // Clear()).
  const std::string& Of(absl::string_view word);
  // Returns ArabicSkeletons(word) (`word` normalised Arabic, as that function asks), the
  // reference living as long as Of()'s.
  const std::vector<std::string>& ArabicSkeletonsOf(absl::string_view word);
  const std::string& language() const { return language_; }
  // Words remembered (by the larger of the two memos), and calls of Of() so far.
  size_t size() const { return std::max(keys_.size(), skeletons_.size()); }
  int64_t lookups() const { return lookups_; }
  void Clear() {
    keys_.clear();
    skeletons_.clear();
  }

 private:
  std::string language_;
  absl::node_hash_map<std::string, std::string> keys_;
  absl::node_hash_map<std::string, std::vector<std::string>> skeletons_;
  int64_t lookups_ = 0;
};

// LexiconKeys of each language, kept across documents: news repeats its words from one
// article to the next, so a server that keeps one of these per worker stems most words once
// for all its calls (AlignResources::word_keys), and the QA report reads the keys the
// alignment found (DocumentAlignment::word_keys) instead of stemming every word again. Keys
// are a function of the word alone: a result never depends on what the cache holds.
// One document at a time (not thread-safe); a language's words are dropped by Trim() once
// they pass `max_words`.
//
//   WordKeyCache cache;
//   const std::string& key = cache.For("fr").Of("soldats");  // "soldat"
class WordKeyCache {
 public:
  // About 100 bytes a word: the default holds a few megabytes a language.
  static constexpr size_t kDefaultMaxWords = 50000;
  explicit WordKeyCache(size_t max_words = kDefaultMaxWords) : max_words_(max_words) {}
  // The memo of `language`, made on first use; the reference lives as long as this object.
  LexiconKeys& For(absl::string_view language);
  // Forgets the words of each language that holds more than max_words (between documents:
  // keys handed out before are then dangling).
  void Trim();
  // Words remembered over all languages.
  size_t words() const;

 private:
  size_t max_words_;
  absl::node_hash_map<std::string, LexiconKeys> languages_;
};

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_LEXICON_LEXICON_H_
