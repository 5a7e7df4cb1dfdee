#include "alignment/word_associations.h"

#include <algorithm>
#include <tuple>

namespace newsalign {

void WordAssociations::AddSentencePair(const std::vector<std::string>& source,
                                       const std::vector<std::string>& target) {
  const absl::flat_hash_set<std::string> ws(source.begin(), source.end());
  const absl::flat_hash_set<std::string> wt(target.begin(), target.end());
  ++sentence_pairs_;
  for (const std::string& a : ws) ++source_count_[a];
  for (const std::string& b : wt) ++target_count_[b];
  for (const std::string& a : ws) {
    auto& row = together_[a];
    for (const std::string& b : wt) {
      auto it = row.find(b);
      if (it != row.end()) {
        ++it->second;
      } else if (word_pairs_ < max_pairs_) {
        row.emplace(b, 1);
        ++word_pairs_;
      }
    }
  }
}

void WordAssociations::Merge(const WordAssociations& other) {
  sentence_pairs_ += other.sentence_pairs_;
  for (const auto& [word, count] : other.source_count_) source_count_[word] += count;
  for (const auto& [word, count] : other.target_count_) target_count_[word] += count;
  for (const auto& [a, other_row] : other.together_) {
    auto& row = together_[a];
    for (const auto& [b, count] : other_row) {
      auto it = row.find(b);
      if (it != row.end()) {
        it->second += count;
      } else if (word_pairs_ < max_pairs_) {
        row.emplace(b, count);
        ++word_pairs_;
      }
    }
  }
}

int WordAssociations::Together(const std::string& source, const std::string& target) const {
  auto row = together_.find(source);
  if (row == together_.end()) return 0;
  auto it = row->second.find(target);
  return it == row->second.end() ? 0 : it->second;
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
  auto count = [](const absl::flat_hash_map<std::string, int>& counts, const std::string& w) {
    auto it = counts.find(w);
    return it == counts.end() ? 0 : it->second;
  };
  std::vector<Association> out;
  auto consider = [&](const std::string& a, const std::string& b) {
    if (a == b || !target_words.contains(b)) return;
    int together = Together(a, b);
    int count_a = count(source_count_, a), count_b = count(target_count_, b);
    if (extra != nullptr) {
      together += extra->Together(a, b);
      count_a += count(extra->source_count_, a);
      count_b += count(extra->target_count_, b);
    }
    if (together < 2) return;
    const double dice = 2.0 * together / (count_a + count_b);
    if (dice < min_dice) return;
    out.push_back({a, b, dice});
  };
  StopPoller poll(stop, 1024);
  for (const std::string& a : source_words) {
    if (absl::Status status = poll.Tick(); !status.ok()) return status;
    auto row = together_.find(a);
    if (row != together_.end()) {
      for (const auto& [b, unused] : row->second) consider(a, b);
    }
    if (extra == nullptr) continue;
    auto extra_row = extra->together_.find(a);
    if (extra_row == extra->together_.end()) continue;
    for (const auto& [b, unused] : extra_row->second) {
      // Pairs this one counted too were considered above.
      if (Together(a, b) == 0) consider(a, b);
    }
  }
  // Hash order is not stable across processes; results must be.
  std::sort(out.begin(), out.end(), [](const Association& x, const Association& y) {
    return std::tie(x.source, x.target) < std::tie(y.source, y.target);
  });
  return out;
}

}  // namespace newsalign
