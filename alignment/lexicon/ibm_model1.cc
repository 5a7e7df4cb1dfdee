#include "lexicon/ibm_model1.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "text/tokenizer.h"

namespace newsalign {
namespace {

// Pairs between two polls of the stop condition.
constexpr size_t kStopCheckInterval = 1024;

// Largest number of pair indices (uint32_t) and of words a side.
constexpr int64_t kMaxIds = std::numeric_limits<uint32_t>::max();

// Returns the ids of the word keys of `text` (numbers left out), adding new words to the
// vocabulary.
void WordIds(absl::string_view text, absl::string_view language,
             absl::flat_hash_map<std::string, uint32_t>& ids, std::vector<std::string>& words,
             std::vector<uint32_t>& out) {
  out.clear();
  for (const Token& token : Tokenize(text)) {
    if (token.is_number) continue;
    std::string key = LexiconKey(token.norm, language);
    if (key.empty()) continue;
    auto [it, inserted] = ids.try_emplace(std::move(key), static_cast<uint32_t>(words.size()));
    if (inserted) words.push_back(it->first);
    out.push_back(it->second);
  }
}

}  // namespace

absl::Status IbmModel1Options::Validate() const {
  if (iterations < 1 || iterations > 1000) {
    return absl::InvalidArgumentError(
        absl::StrCat("iterations must be between 1 and 1000, got ", iterations));
  }
  if (!(min_probability > 0.0 && min_probability <= 1.0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("min_probability must be in (0, 1], got ", min_probability));
  }
  if (max_translations < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_translations must be at least 1, got ", max_translations));
  }
  if (min_count < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("min_count must be at least 1, got ", min_count));
  }
  if (!(max_word_share > 0.0 && max_word_share <= 1.0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_word_share must be in (0, 1], got ", max_word_share));
  }
  if (max_cooccurrences < 1 || max_cooccurrences > 4'000'000'000) {
    return absl::InvalidArgumentError(absl::StrCat(
        "max_cooccurrences must be between 1 and 4000000000, got ", max_cooccurrences));
  }
  return absl::OkStatus();
}

IbmModel1::IbmModel1(std::string source_language, std::string target_language)
    : source_language_(std::move(source_language)),
      target_language_(std::move(target_language)),
      source_words_{""} {}

absl::StatusOr<IbmModel1> IbmModel1::Create(const std::vector<SentencePair>& corpus,
                                            absl::string_view source_language,
                                            absl::string_view target_language,
                                            const IbmModel1Options& options,
                                            const StopCondition& stop) {
  if (absl::Status valid = options.Validate(); !valid.ok()) return valid;
  if (corpus.empty()) return absl::InvalidArgumentError("the corpus is empty");
  IbmModel1 model{std::string(source_language), std::string(target_language)};
  std::vector<uint32_t> source_ids, target_ids;
  // Run-length encodes sorted ids into `out`.
  auto append_counts = [](std::vector<uint32_t>& ids, std::vector<WordCount>& out) {
    std::sort(ids.begin(), ids.end());
    for (size_t i = 0; i < ids.size();) {
      size_t j = i;
      while (j < ids.size() && ids[j] == ids[i]) ++j;
      out.push_back({ids[i], static_cast<uint32_t>(j - i)});
      i = j;
    }
  };
  for (size_t k = 0; k < corpus.size(); ++k) {
    if (k % kStopCheckInterval == 0) {
      if (absl::Status status = stop.Check(); !status.ok()) return status;
    }
    WordIds(corpus[k].source, source_language, model.source_ids_, model.source_words_, source_ids);
    WordIds(corpus[k].target, target_language, model.target_ids_, model.target_words_, target_ids);
    if (source_ids.empty() || target_ids.empty()) continue;
    const size_t source_begin = model.source_.size();
    const size_t target_begin = model.target_.size();
    model.source_.push_back({0, 1});  // NULL
    append_counts(source_ids, model.source_);
    append_counts(target_ids, model.target_);
    const size_t source_size = model.source_.size() - source_begin;
    const size_t target_size = model.target_.size() - target_begin;
    if (static_cast<int64_t>(model.cells_.size() + source_size * target_size) >
        options.max_cooccurrences) {
      return absl::ResourceExhaustedError(
          absl::StrCat("the corpus has more than ", options.max_cooccurrences,
                       " word co-occurrences (max_cooccurrences) by sentence pair ", k + 1,
                       "; train on fewer pairs or raise the limit"));
    }
    for (size_t j = target_begin; j < model.target_.size(); ++j) {
      const uint32_t target_id = model.target_[j].id;
      for (size_t i = source_begin; i < model.source_.size(); ++i) {
        const uint32_t source_id = model.source_[i].id;
        auto [it, inserted] = model.pair_index_.try_emplace(
            PairKey(source_id, target_id), static_cast<uint32_t>(model.pair_source_.size()));
        if (inserted) {
          model.pair_source_.push_back(source_id);
          model.pair_target_.push_back(target_id);
          model.pair_sentences_.push_back(0);
        }
        ++model.pair_sentences_[it->second];
        model.cells_.push_back(it->second);
      }
    }
    model.source_offsets_.push_back(model.source_.size());
    model.target_offsets_.push_back(model.target_.size());
    model.cells_offsets_.push_back(model.cells_.size());
    model.source_lengths_.push_back(static_cast<uint32_t>(source_ids.size() + 1));
    model.source_pairs_.resize(model.source_words_.size(), 0);
    model.target_pairs_.resize(model.target_words_.size(), 0);
    for (size_t i = source_begin + 1; i < model.source_.size(); ++i) {
      ++model.source_pairs_[model.source_[i].id];
    }
    for (size_t j = target_begin; j < model.target_.size(); ++j) {
      ++model.target_pairs_[model.target_[j].id];
    }
  }
  if (model.sentence_pairs() == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("the corpus has no sentence pair with words on both sides (", corpus.size(),
                     " pair(s) read)"));
  }
  if (static_cast<int64_t>(model.source_words_.size()) > kMaxIds ||
      static_cast<int64_t>(model.target_words_.size()) > kMaxIds) {
    return absl::ResourceExhaustedError("the corpus has more than 2^32 distinct words a side");
  }
  // Uniform over the target words that co-occur with each source word.
  std::vector<uint32_t> partners(model.source_words_.size(), 0);
  for (uint32_t source_id : model.pair_source_) ++partners[source_id];
  model.probability_.resize(model.pair_source_.size());
  for (size_t p = 0; p < model.probability_.size(); ++p) {
    model.probability_[p] = 1.0 / partners[model.pair_source_[p]];
  }
  return model;
}

template <typename Visit>
absl::Status IbmModel1::ForEachTargetWord(const StopCondition& stop, Visit visit) const {
  for (size_t k = 0; k + 1 < source_offsets_.size(); ++k) {
    if (k % kStopCheckInterval == 0) {
      if (absl::Status status = stop.Check(); !status.ok()) return status;
    }
    const WordCount* source = source_.data() + source_offsets_[k];
    const size_t source_size = source_offsets_[k + 1] - source_offsets_[k];
    const uint32_t* cells = cells_.data() + cells_offsets_[k];
    for (size_t j = target_offsets_[k]; j < target_offsets_[k + 1]; ++j, cells += source_size) {
      double denominator = 0.0;
      for (size_t i = 0; i < source_size; ++i) {
        denominator += source[i].count * probability_[cells[i]];
      }
      visit(k, target_[j].count, source, source_size, cells, denominator);
    }
  }
  return absl::OkStatus();
}

absl::Status IbmModel1::Iterate(const StopCondition& stop) {
  // E-step: expected counts c(f, e) = sum over sentences of count(f) count(e) t(f|e) / denominator.
  std::vector<double> counts(probability_.size(), 0.0);
  const absl::Status status =
      ForEachTargetWord(stop, [&](size_t, uint32_t target_count, const WordCount* source,
                                  size_t source_size, const uint32_t* cells, double denominator) {
        if (!(denominator > 0.0)) return;
        const double scale = target_count / denominator;
        for (size_t i = 0; i < source_size; ++i) {
          counts[cells[i]] += scale * source[i].count * probability_[cells[i]];
        }
      });
  if (!status.ok()) return status;
  // M-step: t(f|e) = c(f, e) / sum_f' c(f', e).
  std::vector<double> totals(source_words_.size(), 0.0);
  for (size_t p = 0; p < counts.size(); ++p) totals[pair_source_[p]] += counts[p];
  for (size_t p = 0; p < counts.size(); ++p) {
    const double total = totals[pair_source_[p]];
    if (total > 0.0) probability_[p] = counts[p] / total;
  }
  ++iterations_;
  return absl::OkStatus();
}

double IbmModel1::LogLikelihood() const {
  double log_likelihood = 0.0;
  // With no stop condition this never fails.
  ForEachTargetWord(StopCondition(), [&](size_t k, uint32_t target_count, const WordCount*, size_t,
                                         const uint32_t*, double denominator) {
    log_likelihood += target_count * std::log(denominator / source_lengths_[k]);
  }).IgnoreError();
  return log_likelihood;
}

double IbmModel1::Probability(absl::string_view source_key, absl::string_view target_key) const {
  auto source = source_ids_.find(source_key);
  auto target = target_ids_.find(target_key);
  if (source == source_ids_.end() || target == target_ids_.end()) return 0.0;
  auto pair = pair_index_.find(PairKey(source->second, target->second));
  return pair == pair_index_.end() ? 0.0 : probability_[pair->second];
}

Lexicon IbmModel1::ToLexicon(const IbmModel1Options& options) const {
  // Candidates per source word (NULL, id 0, left out).
  std::vector<std::vector<std::pair<double, uint32_t>>> kept(source_words_.size());
  const double max_pairs = std::max<double>(
      options.max_word_share * static_cast<double>(sentence_pairs()), kMinFrequentWordPairs);
  for (size_t p = 0; p < probability_.size(); ++p) {
    if (pair_source_[p] == 0) continue;
    if (source_pairs_[pair_source_[p]] > max_pairs) continue;
    if (target_pairs_[pair_target_[p]] > max_pairs) continue;
    if (static_cast<int64_t>(pair_sentences_[p]) < options.min_count) continue;
    if (!(probability_[p] >= options.min_probability)) continue;
    kept[pair_source_[p]].emplace_back(probability_[p], pair_target_[p]);
  }
  Lexicon lexicon(source_language_, target_language_);
  for (size_t source_id = 1; source_id < kept.size(); ++source_id) {
    std::vector<std::pair<double, uint32_t>>& candidates = kept[source_id];
    // Best first; ties by target word, so the result does not depend on hash order.
    std::sort(candidates.begin(), candidates.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first > b.first;
      return target_words_[a.second] < target_words_[b.second];
    });
    if (candidates.size() > static_cast<size_t>(options.max_translations)) {
      candidates.resize(options.max_translations);
    }
    for (const auto& [probability, target_id] : candidates) {
      lexicon.AddKeys(source_words_[source_id], target_words_[target_id],
                      std::min(probability, 1.0));
    }
  }
  return lexicon;
}

absl::StatusOr<Lexicon> TrainIbmModel1(const std::vector<SentencePair>& corpus,
                                       absl::string_view source_language,
                                       absl::string_view target_language,
                                       const IbmModel1Options& options, const StopCondition& stop) {
  absl::StatusOr<IbmModel1> model =
      IbmModel1::Create(corpus, source_language, target_language, options, stop);
  if (!model.ok()) return model.status();
  for (int i = 0; i < options.iterations; ++i) {
    if (absl::Status status = model->Iterate(stop); !status.ok()) return status;
  }
  return model->ToLexicon(options);
}

}  // namespace newsalign
