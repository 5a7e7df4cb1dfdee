// IBM Model 1 (Brown et al. 1993): word translation probabilities t(target | source) learnt by EM
// from a parallel corpus, turned into a Lexicon the aligner reads as lexicon anchors.
//
// Translation teams own translation memories; training on them gives the aligner the word pairs
// of their own domain ("mission" -> "بعثة", "Sicherheitsrat" -> "Conseil") that FreeDict lacks.
// Words are lexicon keys (LexiconKey() of Tokenize()'s tokens; numbers are left out, they are
// anchors of their own), so the lexicon matches the way the aligner looks words up. The core reads
// no files: client/parallel_corpus.h reads TMX, TSV and line-aligned files into SentencePairs.
//
//   std::vector<SentencePair> corpus = {{"la mission de l'ONU", "بعثة الأمم المتحدة"}, ...};
//   ASSIGN_OR_RETURN(Lexicon lexicon, TrainIbmModel1(corpus, "fr", "ar", IbmModel1Options()));
//   std::string tsv = lexicon.ToTsv();
//
// Memory is proportional to the word co-occurrences (see max_cooccurrences): counts are sparse,
// one per (source word, target word) pair seen together, keyed by integer word ids. 2 000 TICO-19 sentence pairs
// train in 0.4 s, 20 000 in 3 s (most of it building the table; an EM iteration is ~0.15 s).
#ifndef NEWSALIGN_ALIGNMENT_LEXICON_IBM_MODEL1_H_
#define NEWSALIGN_ALIGNMENT_LEXICON_IBM_MODEL1_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "base/stop_condition.h"
#include "lexicon/lexicon.h"

namespace newsalign {

// See IbmModel1Options::max_word_share.
inline constexpr int kMinFrequentWordPairs = 20;

struct IbmModel1Options {
  // EM iterations, 1 to 1000. Model 1's likelihood is concave: 5 gets close to its maximum.
  int iterations = 5;
  // Smallest t(target | source) kept in the lexicon, in (0, 1].
  double min_probability = 0.05;
  // Most translations kept per source word, best first; at least 1.
  int max_translations = 5;
  // Word pairs seen together in fewer sentence pairs than this are dropped from the lexicon
  // (one co-occurrence is no evidence); at least 1.
  int min_count = 2;
  // Words found in more than this share of the sentence pairs (and in more than
  // kMinFrequentWordPairs of them: in a small corpus every word is frequent) are left out of the
  // lexicon, on either side. Function words ("de", "la", "في", "من") would link every sentence
  // to every other: their pairs are noise for the aligner (FLORES-200 strict F1 0.949 with
  // FreeDict alone, 0.914 with a TICO-19 lexicon of every word, 0.949 with this filter).
  // In (0, 1]; 1 keeps every word.
  double max_word_share = 0.05;
  // Most word co-occurrences: the sum over sentence pairs of (distinct source words + 1) x
  // distinct target words. Memory grows with them (4 bytes each, plus about 40 per distinct
  // word pair). Past it, training answers RESOURCE_EXHAUSTED; 1 to 4e9.
  int64_t max_cooccurrences = 50'000'000;

  // Returns INVALID_ARGUMENT naming the first field out of range and its allowed range.
  absl::Status Validate() const;
};

// One sentence and its translation.
struct SentencePair {
  std::string source;
  std::string target;
};

// The model while it trains: vocabularies, the sparse table t(target | source) over co-occurring
// word pairs (and the NULL source word, which lets a target word align to nothing), and the
// corpus as word ids. TrainIbmModel1() is the usual entry point; this class is for callers that
// want the figures (vocabulary sizes, likelihood) along the way.
//
//   ASSIGN_OR_RETURN(IbmModel1 model, IbmModel1::Create(corpus, "fr", "ar", options));
//   for (int i = 0; i < options.iterations; ++i) RETURN_IF_ERROR(model.Iterate(stop));
//   Lexicon lexicon = model.ToLexicon(options);
class IbmModel1 {
 public:
  // Reads `corpus` into word ids and sets t(target | source) uniform over the target words that
  // co-occur with each source word. INVALID_ARGUMENT on bad options or when no pair has words on
  // both sides; RESOURCE_EXHAUSTED past options.max_cooccurrences; DEADLINE_EXCEEDED or
  // CANCELLED when `stop` says so. Sentences must be valid UTF-8.
  static absl::StatusOr<IbmModel1> Create(const std::vector<SentencePair>& corpus,
                                          absl::string_view source_language,
                                          absl::string_view target_language,
                                          const IbmModel1Options& options,
                                          const StopCondition& stop = {});

  // Runs one EM iteration (expected counts over the corpus, then t re-estimated from them).
  // Never lowers LogLikelihood(). DEADLINE_EXCEEDED or CANCELLED when `stop` says so (the
  // model is then unchanged).
  absl::Status Iterate(const StopCondition& stop = {});

  // Returns log P(targets | sources) of the corpus under the current t, up to the length
  // model's constant: the sum over pairs and target words f of log(sum_e t(f | e) / (l + 1)),
  // e over the source words and NULL, l the number of source words.
  double LogLikelihood() const;

  // Returns t(target_key | source_key); 0 when the two never co-occur. Keys as LexiconKey().
  double Probability(absl::string_view source_key, absl::string_view target_key) const;

  // Returns, for each source word, its translations with t >= options.min_probability seen
  // together in at least options.min_count pairs, at most options.max_translations of them,
  // best first; weight = t. NULL's translations and frequent words (options.max_word_share)
  // are left out. `options` must be valid.
  Lexicon ToLexicon(const IbmModel1Options& options) const;

  // Distinct source and target words (NULL not counted); sentence pairs used (those with words
  // on both sides); distinct co-occurring word pairs (NULL's included); co-occurrences (see
  // IbmModel1Options::max_cooccurrences); iterations run.
  size_t source_vocabulary_size() const { return source_words_.size() - 1; }
  size_t target_vocabulary_size() const { return target_words_.size(); }
  size_t sentence_pairs() const { return source_offsets_.size() - 1; }
  size_t word_pairs() const { return probability_.size(); }
  size_t cooccurrences() const { return cells_.size(); }
  int iterations() const { return iterations_; }

 private:
  // A word of one sentence and how many times it occurs there.
  struct WordCount {
    uint32_t id;
    uint32_t count;
  };

  IbmModel1(std::string source_language, std::string target_language);

  static uint64_t PairKey(uint32_t source_id, uint32_t target_id) {
    return (static_cast<uint64_t>(source_id) << 32) | target_id;
  }
  // Calls visit(sentence, target word, denominator) for each distinct target word of each
  // sentence pair, the denominator being sum_e count(e) t(f | e), e over the sentence's source
  // words and NULL. Checks `stop` every 1024 sentence pairs.
  template <typename Visit>
  absl::Status ForEachTargetWord(const StopCondition& stop, Visit visit) const;

  std::string source_language_;
  std::string target_language_;
  // Words by id; source id 0 is NULL ("").
  std::vector<std::string> source_words_;
  std::vector<std::string> target_words_;
  absl::flat_hash_map<std::string, uint32_t> source_ids_;
  absl::flat_hash_map<std::string, uint32_t> target_ids_;
  // The corpus: sentence pair k has source words source_[source_offsets_[k],
  // source_offsets_[k + 1]) (NULL first) and target words likewise, each distinct word once with
  // its count.
  std::vector<WordCount> source_;
  std::vector<WordCount> target_;
  std::vector<size_t> source_offsets_ = {0};
  std::vector<size_t> target_offsets_ = {0};
  // Source words per sentence pair, NULL included: the l + 1 of the model.
  std::vector<uint32_t> source_lengths_;
  // For each sentence pair, target-major: the pair index of each (target word, source word) of
  // the sentence, so that EM never hashes (cells_offsets_ as source_offsets_).
  std::vector<uint32_t> cells_;
  std::vector<size_t> cells_offsets_ = {0};
  // The sparse table: one entry per co-occurring (source, target) pair.
  absl::flat_hash_map<uint64_t, uint32_t> pair_index_;
  std::vector<uint32_t> pair_source_;
  std::vector<uint32_t> pair_target_;
  // Sentence pairs in which both words occur.
  std::vector<uint32_t> pair_sentences_;
  // Sentence pairs in which each word occurs, by id.
  std::vector<uint32_t> source_pairs_;
  std::vector<uint32_t> target_pairs_;
  // t(target | source).
  std::vector<double> probability_;
  int iterations_ = 0;
};

// Trains IBM Model 1 t(target | source), with a NULL source word, by options.iterations EM
// iterations over `corpus` (words = LexiconKey() of Tokenize()'s tokens, numbers left out),
// starting uniform over co-occurring pairs, and returns IbmModel1::ToLexicon(options): a
// Lexicon of keys from `source_language` to `target_language`, weight = t in (0, 1].
// INVALID_ARGUMENT on bad options or a corpus with no pair that has words on both sides;
// RESOURCE_EXHAUSTED past options.max_cooccurrences; DEADLINE_EXCEEDED or CANCELLED when `stop`
// says so.
absl::StatusOr<Lexicon> TrainIbmModel1(const std::vector<SentencePair>& corpus,
                                       absl::string_view source_language,
                                       absl::string_view target_language,
                                       const IbmModel1Options& options,
                                       const StopCondition& stop = {});

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_LEXICON_IBM_MODEL1_H_
