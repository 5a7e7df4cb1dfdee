#include "lexicon/word_associations.h"

#include <algorithm>
#include <tuple>

#include "base/status_macros.h"

namespace newsalign {

uint32_t WordAssociations::Side::Intern(const std::string& word) {
  const auto [it, inserted] = ids.try_emplace(word, static_cast<uint32_t>(words.size()));
  if (inserted) {
    words.push_back(word);
    count.push_back(0);
  }
  return it->second;
}

std::vector<uint32_t> WordAssociations::Side::InternDistinct(
    const std::vector<std::string>& words) {
  std::vector<uint32_t> ids;
  ids.reserve(words.size());
  for (const std::string& word : words) ids.push_back(Intern(word));
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<uint32_t> WordAssociations::Side::InternDistinct(
    const std::vector<uint32_t>& words, const std::vector<std::string>& names,
    std::vector<int64_t>* memo) {
  std::vector<uint32_t> ids;
  ids.reserve(words.size());
  for (uint32_t w : words) {
    int64_t& id = (*memo)[w];
    if (id < 0) id = Intern(names[w]);
    ids.push_back(static_cast<uint32_t>(id));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

int64_t WordAssociations::Side::Find(const std::string& word) const {
  const auto it = ids.find(word);
  return it == ids.end() ? -1 : int64_t{it->second};
}

int WordAssociations::Together(int64_t source, int64_t target) const {
  if (source < 0 || target < 0) return 0;
  const auto it = together_.find(Key(static_cast<uint32_t>(source), static_cast<uint32_t>(target)));
  return it == together_.end() ? 0 : it->second;
}

void WordAssociations::AddTogether(uint32_t source, uint32_t target, int count) {
  if (word_pairs_ >= max_pairs_) {
    // Full: known pairs still count, new ones do not.
    if (const auto it = together_.find(Key(source, target)); it != together_.end()) {
      it->second += count;
    }
    return;
  }
  const auto [it, inserted] = together_.try_emplace(Key(source, target), 0);
  it->second += count;
  if (inserted) {
    if (partners_.size() <= source) partners_.resize(source_.words.size());
    partners_[source].push_back(target);
    ++word_pairs_;
  }
}

void WordAssociations::CountPair(const std::vector<uint32_t>& source,
                                 const std::vector<uint32_t>& target) {
  ++sentence_pairs_;
  for (uint32_t a : source) ++source_.count[a];
  for (uint32_t b : target) ++target_.count[b];
  for (uint32_t a : source) {
    for (uint32_t b : target) AddTogether(a, b, 1);
  }
}

void WordAssociations::AddSentencePair(const std::vector<std::string>& source,
                                       const std::vector<std::string>& target) {
  CountPair(source_.InternDistinct(source), target_.InternDistinct(target));
}

void WordAssociations::AddSentencePairs(const std::vector<SentencePair>& pairs,
                                        const std::vector<std::string>& source_words,
                                        const std::vector<std::string>& target_words) {
  std::vector<int64_t> source_memo(source_words.size(), -1), target_memo(target_words.size(), -1);
  // One pair at a time, as AddSentencePair: a word pair new to a full table is not counted,
  // so the order of first sightings matters.
  for (const SentencePair& pair : pairs) {
    CountPair(source_.InternDistinct(*pair.source, source_words, &source_memo),
              target_.InternDistinct(*pair.target, target_words, &target_memo));
  }
}

void WordAssociations::Merge(const WordAssociations& other) {
  sentence_pairs_ += other.sentence_pairs_;
  // The other's ids, as this one's.
  std::vector<uint32_t> source_id(other.source_.words.size()), target_id(other.target_.words.size());
  for (size_t k = 0; k < other.source_.words.size(); ++k) {
    source_id[k] = source_.Intern(other.source_.words[k]);
    source_.count[source_id[k]] += other.source_.count[k];
  }
  for (size_t k = 0; k < other.target_.words.size(); ++k) {
    target_id[k] = target_.Intern(other.target_.words[k]);
    target_.count[target_id[k]] += other.target_.count[k];
  }
  // In the other's order of first sighting, so that the result is the same on every run.
  for (size_t a = 0; a < other.partners_.size(); ++a) {
    for (uint32_t b : other.partners_[a]) {
      AddTogether(source_id[a], target_id[b],
                  other.together_.at(Key(static_cast<uint32_t>(a), b)));
    }
  }
}

absl::StatusOr<std::vector<WordAssociations::CountedPair>> WordAssociations::StrongOfDocument(
    const std::vector<SentencePair>& pairs, const std::vector<std::string>& source_words,
    const std::vector<std::string>& target_words, double min_dice, const StopCondition& stop,
    size_t max_pairs, size_t max_dense_cells) {
  RETURN_IF_ERROR(stop.Check());
  StopPoller poll(stop, 256);
  // Each side's words get ids in the order AddSentencePairs() interns them (the order of first
  // sighting), so that with `max_pairs` reached the same pairs are left out; `word` maps an id
  // back to its index in the list.
  struct Ids {
    std::vector<int64_t> of;
    std::vector<uint32_t> word;
    std::vector<int> count;
  };
  auto intern = [&pairs](const std::vector<uint32_t>* SentencePair::*words, size_t names,
                         Ids* side, std::vector<std::vector<uint32_t>>* ids) {
    side->of.assign(names, -1);
    side->word.reserve(names);
    side->count.reserve(names);
    ids->reserve(pairs.size());
    for (const SentencePair& pair : pairs) {
      std::vector<uint32_t>& distinct = ids->emplace_back();
      distinct.reserve((pair.*words)->size());
      for (const uint32_t w : *(pair.*words)) {
        int64_t& id = side->of[w];
        if (id < 0) {
          id = static_cast<int64_t>(side->word.size());
          side->word.push_back(w);
          side->count.push_back(0);
        }
        distinct.push_back(static_cast<uint32_t>(id));
      }
      std::sort(distinct.begin(), distinct.end());
      distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
      for (const uint32_t id : distinct) ++side->count[id];
    }
  };
  Ids source, target;
  std::vector<std::vector<uint32_t>> source_ids, target_ids;
  intern(&SentencePair::source, source_words.size(), &source, &source_ids);
  intern(&SentencePair::target, target_words.size(), &target, &target_ids);
  // The pairs that can be strong, counted as AddSentencePairs() counts them (a pair new to a
  // full table is not counted), each source id's partners in the order first counted. Only
  // words in two pairs or more are ever counted: renumbered densely, their counts fit a table
  // of a cell per pair of them on any article (at most max_dense_cells cells; a hash map
  // beyond, where that table would be larger than the counts).
  auto dense_ids = [](const Ids& side, uint32_t* size) {
    std::vector<uint32_t> dense(side.count.size(), 0);
    for (size_t id = 0; id < side.count.size(); ++id) {
      if (side.count[id] >= 2) dense[id] = (*size)++;
    }
    return dense;
  };
  uint32_t source_dense_size = 0, target_dense_size = 0;
  const std::vector<uint32_t> source_dense = dense_ids(source, &source_dense_size);
  const std::vector<uint32_t> target_dense = dense_ids(target, &target_dense_size);
  const bool dense = static_cast<uint64_t>(source_dense_size) * target_dense_size <= max_dense_cells;
  std::vector<int> table(dense ? size_t{source_dense_size} * target_dense_size : 0, 0);
  absl::flat_hash_map<uint64_t, int> together;
  // The count of source id `a` (in two pairs or more) with target id `b` (the same).
  auto cell = [&](uint32_t a, uint32_t b) -> int* {
    if (dense) return &table[size_t{source_dense[a]} * target_dense_size + target_dense[b]];
    const auto it = together.find(Key(a, b));
    return it == together.end() ? nullptr : &it->second;
  };
  // The pairs counted, (source id, target id), in the order first counted: the result is
  // sorted by their words at the end, so one list serves (a list a source id cost a small
  // vector grown one partner at a time).
  std::vector<std::pair<uint32_t, uint32_t>> partners;
  size_t counted = 0;
  std::vector<uint32_t> repeated;
  for (size_t k = 0; k < pairs.size(); ++k) {
    RETURN_IF_ERROR(poll.Tick());
    repeated.clear();
    for (const uint32_t b : target_ids[k]) {
      if (target.count[b] >= 2) repeated.push_back(b);
    }
    if (repeated.empty()) continue;
    for (const uint32_t a : source_ids[k]) {
      const int count_a = source.count[a];
      if (count_a < 2) continue;
      for (const uint32_t b : repeated) {
        const int count_b = target.count[b];
        if (2.0 * std::min(count_a, count_b) / (count_a + count_b) < min_dice) continue;
        int* const both = cell(a, b);
        if (both != nullptr && *both > 0) {
          ++*both;
        } else if (counted < max_pairs) {
          if (both != nullptr) {
            *both = 1;
          } else {
            together.emplace(Key(a, b), 1);
          }
          partners.emplace_back(a, b);
          ++counted;
        }
      }
    }
  }
  // Strong()'s test of each pair, and its order: by the two words.
  std::vector<CountedPair> out;
  for (const auto& [a, b] : partners) {
    RETURN_IF_ERROR(poll.Tick());
    const std::string& source_word = source_words[source.word[a]];
    const std::string& target_word = target_words[target.word[b]];
    if (source_word == target_word) continue;
    const int both = *cell(a, b);
    if (both < 2) continue;
    const double dice = 2.0 * both / (source.count[a] + target.count[b]);
    if (dice < min_dice) continue;
    out.push_back({source.word[a], target.word[b], dice});
  }
  std::sort(out.begin(), out.end(), [&](const CountedPair& x, const CountedPair& y) {
    return std::tie(source_words[x.source], target_words[x.target]) <
           std::tie(source_words[y.source], target_words[y.target]);
  });
  return out;
}

std::vector<WordAssociations::Association> WordAssociations::Strong(
    const absl::flat_hash_set<std::string>& source_words,
    const absl::flat_hash_set<std::string>& target_words, double min_dice,
    const WordAssociations* extra) const {
  // Never stops, so never fails.
  return *Strong(source_words, target_words, min_dice, extra, StopCondition());
}

absl::StatusOr<std::vector<WordAssociations::Association>> WordAssociations::Strong(
    const absl::flat_hash_set<std::string>& source_words,
    const absl::flat_hash_set<std::string>& target_words, double min_dice,
    const WordAssociations* extra, const StopCondition& stop) const {
  StopPoller poll(stop, 1024);
  // The target words asked about, by this table's id (and that id in `extra`, or -1), and by
  // `extra`'s id (and this table's, or -1).
  std::vector<int64_t> asked(target_.words.size(), -2);  // -2: not asked
  absl::flat_hash_map<uint32_t, int64_t> extra_asked;
  for (const std::string& word : target_words) {
    if (absl::Status status = poll.Tick(); !status.ok()) return status;
    const int64_t own = target_.Find(word);
    const int64_t theirs = extra != nullptr ? extra->target_.Find(word) : -1;
    if (own >= 0) asked[own] = theirs;
    if (theirs >= 0) extra_asked.emplace(static_cast<uint32_t>(theirs), own);
  }
  std::vector<Association> out;
  // The pair of source word `a` and target word `b` (their ids here and in `extra`, -1 where
  // absent), counted in both tables.
  auto consider = [&](const std::string& a, int64_t a_own, int64_t a_extra, const std::string& b,
                      int64_t b_own, int64_t b_extra) {
    if (a == b) return;
    int together = Together(a_own, b_own);
    int count_a = a_own >= 0 ? source_.count[a_own] : 0;
    int count_b = b_own >= 0 ? target_.count[b_own] : 0;
    if (extra != nullptr) {
      together += extra->Together(a_extra, b_extra);
      count_a += a_extra >= 0 ? extra->source_.count[a_extra] : 0;
      count_b += b_extra >= 0 ? extra->target_.count[b_extra] : 0;
    }
    if (together < 2) return;
    const double dice = 2.0 * together / (count_a + count_b);
    if (dice < min_dice) return;
    out.push_back({a, b, dice});
  };
  for (const std::string& a : source_words) {
    if (absl::Status status = poll.Tick(); !status.ok()) return status;
    const int64_t a_own = source_.Find(a);
    const int64_t a_extra = extra != nullptr ? extra->source_.Find(a) : -1;
    if (a_own >= 0 && static_cast<size_t>(a_own) < partners_.size()) {
      for (uint32_t b : partners_[a_own]) {
        if (asked[b] == -2) continue;
        consider(a, a_own, a_extra, target_.words[b], b, asked[b]);
      }
    }
    if (a_extra < 0 || static_cast<size_t>(a_extra) >= extra->partners_.size()) continue;
    for (uint32_t b_extra : extra->partners_[a_extra]) {
      const auto it = extra_asked.find(b_extra);
      if (it == extra_asked.end()) continue;
      // Pairs this one counted too were considered above.
      if (Together(a_own, it->second) > 0) continue;
      consider(a, a_own, a_extra, extra->target_.words[b_extra], it->second, b_extra);
    }
  }
  // Hash order is not stable across processes; results must be.
  std::sort(out.begin(), out.end(), [](const Association& x, const Association& y) {
    return std::tie(x.source, x.target) < std::tie(y.source, y.target);
  });
  return out;
}

}  // namespace newsalign
