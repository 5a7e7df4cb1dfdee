// Word co-occurrence counts from sentence pairs the aligner is sure of, for learning word
// associations in the manner of Moore (2002). One document's confident 1-1 pairs teach a few;
// a batch of documents (an AlignStream, a directory) teaches more, so the counts can be carried
// from one document to the next of the same batch and language pair.
#ifndef NEWSALIGN_ALIGNMENT_LEXICON_WORD_ASSOCIATIONS_H_
#define NEWSALIGN_ALIGNMENT_LEXICON_WORD_ASSOCIATIONS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "base/stop_condition.h"

namespace newsalign {

class WordAssociations {
 public:
  // One associated word pair and its Dice coefficient.
  struct Association {
    std::string source;
    std::string target;
    double dice = 0.0;
  };

  // `max_pairs` bounds the memory: word pairs beyond it are not counted (the words themselves
  // still are).
  static constexpr size_t kDefaultMaxPairs = 2'000'000;
  explicit WordAssociations(size_t max_pairs = kDefaultMaxPairs) : max_pairs_(max_pairs) {}

  // Counts the words of one sentence pair (each distinct word once).
  void AddSentencePair(const std::vector<std::string>& source,
                       const std::vector<std::string>& target);

  // The words of a document's sentences as indices into its list of distinct words (one list a
  // side, given with them).
  struct SentencePair {
    const std::vector<uint32_t>* source;
    const std::vector<uint32_t>* target;
  };
  // Counts `pairs` as AddSentencePair on each would with the words they name in
  // `source_words` and `target_words`, each word looked up once.
  void AddSentencePairs(const std::vector<SentencePair>& pairs,
                        const std::vector<std::string>& source_words,
                        const std::vector<std::string>& target_words);
  // Adds every count of `other`.
  void Merge(const WordAssociations& other);

  // Returns the pairs of a word of `source_words` and a word of `target_words` that were seen
  // together in at least two sentence pairs, with a Dice coefficient of at least `min_dice`,
  // and are not the same string. Counts of `extra`, when given, are added to this one's.
  std::vector<Association> Strong(const absl::flat_hash_set<std::string>& source_words,
                                  const absl::flat_hash_set<std::string>& target_words,
                                  double min_dice,
                                  const WordAssociations* extra = nullptr) const;
  // The same, or `stop`'s error once it holds (polled every few thousand words).
  absl::StatusOr<std::vector<Association>> Strong(
      const absl::flat_hash_set<std::string>& source_words,
      const absl::flat_hash_set<std::string>& target_words, double min_dice,
      const WordAssociations* extra, const StopCondition& stop) const;

  // A word pair of StrongOfDocument(): each word as its index in its side's list of words.
  struct CountedPair {
    uint32_t source = 0;
    uint32_t target = 0;
    double dice = 0.0;
  };
  // For one document alone, with nothing else to learn from: what Strong(..., min_dice)
  // returns, asked about every word of `source_words` and `target_words` (each list's words
  // distinct), of a table filled by AddSentencePairs(pairs, source_words, target_words); in the
  // same order, each word given by its index in its list. Counted on the indices: no word is
  // copied, hashed or looked up by its text, and only the word pairs that can reach `min_dice`
  // are counted (both words in two sentence pairs or more, counts close enough for
  // 2 * min(a, b) / (a + b) to reach it), at most `max_pairs` of them (a pair first met past
  // them is not counted). `stop`'s error once it holds. The counts are kept in a table of a
  // cell per pair of words seen twice or more up to `max_dense_cells` cells (every article),
  // in a hash map beyond; the result is the same (tests ask for either).
  static constexpr size_t kMaxDenseCells = size_t{1} << 20;
  static absl::StatusOr<std::vector<CountedPair>> StrongOfDocument(
      const std::vector<SentencePair>& pairs, const std::vector<std::string>& source_words,
      const std::vector<std::string>& target_words, double min_dice, const StopCondition& stop,
      size_t max_pairs = kDefaultMaxPairs, size_t max_dense_cells = kMaxDenseCells);

  // Number of sentence pairs counted.
  int sentence_pairs() const { return sentence_pairs_; }
  // Number of distinct word pairs counted.
  size_t word_pairs() const { return word_pairs_; }

 private:
  // The words of one side, each with an id (its index in `words`) and the number of sentence
  // pairs holding it.
  struct Side {
    absl::flat_hash_map<std::string, uint32_t> ids;
    std::vector<std::string> words;
    std::vector<int> count;

    uint32_t Intern(const std::string& word);
    // The ids of `words`, each once, ascending.
    std::vector<uint32_t> InternDistinct(const std::vector<std::string>& words);
    // The same for words given as indices into `names`; memo[k] keeps the id of names[k] (-1
    // before its first use).
    std::vector<uint32_t> InternDistinct(const std::vector<uint32_t>& words,
                                         const std::vector<std::string>& names,
                                         std::vector<int64_t>* memo);
    // The word's id, or -1.
    int64_t Find(const std::string& word) const;
  };

  static uint64_t Key(uint32_t source, uint32_t target) {
    return (uint64_t{source} << 32) | target;
  }
  // Sentence pairs holding both words (ids of this table's sides; -1 for a word it lacks).
  int Together(int64_t source, int64_t target) const;
  // Counts one occurrence of the word pair, unless `max_pairs_` is reached and it is new.
  void AddTogether(uint32_t source, uint32_t target, int count);
  // Counts one sentence pair: its words (ids of this table, each once) and every pair of them.
  void CountPair(const std::vector<uint32_t>& source, const std::vector<uint32_t>& target);

  size_t max_pairs_;
  int sentence_pairs_ = 0;
  size_t word_pairs_ = 0;
  Side source_;
  Side target_;
  // (source id, target id) -> sentence pairs holding both.
  absl::flat_hash_map<uint64_t, int> together_;
  // Source id -> the target ids counted with it, in the order first counted.
  std::vector<std::vector<uint32_t>> partners_;
};

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_LEXICON_WORD_ASSOCIATIONS_H_
