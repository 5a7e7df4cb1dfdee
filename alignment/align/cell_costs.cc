// BeadScorer's costs of the beads that end at one cell (bead_scorer.h): the beads share their
// sentence pairs' matches from the pair index (pair_index.cc). A bead of one sentence on a side
// (1-L, L-1) grows one pair at a time with a count per anchor; the others (2-2, 2-3, 3-2) keep
// an entry per anchor (found by its id), since which sentences hold an anchor matters to them.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <tuple>
#include <vector>

#include "align/bead_scorer.h"

namespace newsalign {

void BeadScorer::CellScratch::Clear() {
  for (const Entry& entry : chain_) entry_of_[entry.id] = 0;
  chain_.clear();
  sums_ = Sums();
}

void BeadScorer::CellScratch::DropTargetSlot(int d, size_t entries, const Sums& sums) {
  for (size_t k = entries; k < chain_.size(); ++k) entry_of_[chain_[k].id] = 0;
  chain_.resize(entries);
  const uint8_t bit = static_cast<uint8_t>(1u << d);
  for (Entry& entry : chain_) {
    if (entry.target_holds & bit) {
      entry.target_holds &= static_cast<uint8_t>(~bit);
      entry.target_total -= entry.target_of[d];
    }
  }
  sums_ = sums;
}

void BeadScorer::AddMatches(const Match* match, const Match* const end, int d_source,
                            int d_target, CellScratch* scratch) const {
  using Entry = CellScratch::Entry;
  const uint8_t source_bit = static_cast<uint8_t>(1u << d_source);
  const uint8_t target_bit = static_cast<uint8_t>(1u << d_target);
  const double* const weight = f_.vocabulary.weight.data();
  const double* const penalty = f_.vocabulary.penalty.data();
  // Each match's share goes straight into the sums: every term is a whole multiple of a weight
  // on the grid, so each sum is exact and the order of the terms does not matter.
  CellScratch::Sums& sums = scratch->sums_;
  for (; match != end; ++match) {
    // A sentence already holding the id (met through another pair) counts it once.
    Entry& entry = scratch->Find(match->id);
    const int before = std::min(entry.source_total, entry.target_total);
    const bool new_source = !(entry.source_holds & source_bit);
    const bool new_target = !(entry.target_holds & target_bit);
    if (new_source) {
      entry.source_holds |= source_bit;
      entry.source_of[d_source] = match->source_count;
      entry.source_total += match->source_count;
    }
    if (new_target) {
      entry.target_holds |= target_bit;
      entry.target_of[d_target] = match->target_count;
      entry.target_total += match->target_count;
    }
    // The bead matches the id min(source total, target total) times; each sentence holding it
    // finds it min(its count, that) times.
    const int after = std::min(entry.source_total, entry.target_total);
    if (after == before && !new_source && !new_target) continue;
    const double w = weight[match->id];
    if (after != before) {
      sums.gain += (after - before) * w;
      sums.matched_penalty += (after - before) * penalty[match->id];
    }
    auto find = [&](uint32_t holds, const uint16_t* count_of, int fresh, double* found) {
      for (uint32_t bits = holds; bits != 0; bits &= bits - 1) {
        const int d = __builtin_ctz(bits);
        const int was = d == fresh ? 0 : std::min<int>(count_of[d], before);
        const int now = std::min<int>(count_of[d], after);
        if (now != was) found[d] += (now - was) * w;
      }
    };
    find(entry.source_holds, entry.source_of, new_source ? d_source : -1, sums.found_source);
    find(entry.target_holds, entry.target_of, new_target ? d_target : -1, sums.found_target);
  }
}

double BeadScorer::ChainCost(int i0, int i1, int j0, int j1,
                             const CellScratch& scratch) const {
  const int ns = i1 - i0, nt = j1 - j0;
  const double all_penalties = penalty_source_[i1] - penalty_source_[i0] + penalty_target_[j1] -
                               penalty_target_[j0];
  Evidence e;
  e.gain = scratch.sums_.gain;
  e.loss = all_penalties - 2 * scratch.sums_.matched_penalty;
  if (w_.silent_sentence_penalty > 0 && (ns > 1 || nt > 1) && e.gain > 0) {
    const double threshold = w_.silent_sentence_threshold;
    // Sentence k of the bead is slot count - 1 - k.
    e.silent = bead_internal::Silence(f_.source, i0, ns, threshold,
                       [&](int k) { return scratch.sums_.found_source[ns - 1 - k]; }) +
               bead_internal::Silence(f_.target, j0, nt, threshold,
                       [&](int k) { return scratch.sums_.found_target[nt - 1 - k]; });
  }
  return Combine(i0, i1, j0, j1, e, nullptr, nullptr);
}

// Most sentence pairs share no anchor: then there is nothing to add.
void BeadScorer::AddPair(int s, int t, int d_source, int d_target, CellScratch* scratch) const {
  const int64_t at = row_base_[s] - first_[s] + t;
  if (offset_[at] == offset_[at + 1]) return;
  AddMatches(matches_.data() + offset_[at], matches_.data() + offset_[at + 1], d_source,
             d_target, scratch);
}

template <bool kOneSource>
void BeadScorer::AddToRun(int s, int t, int d, CellScratch* scratch) const {
  const int64_t at = row_base_[s] - first_[s] + t;
  const Match* match = matches_.data() + offset_[at];
  const Match* const end = matches_.data() + offset_[at + 1];
  const double* const weight = f_.vocabulary.weight.data();
  const double* const penalty = f_.vocabulary.penalty.data();
  int* const totals = scratch->run_totals_.data();
  CellScratch::Sums& sums = scratch->sums_;
  // Every term is a whole multiple of a weight on the grid: each sum is exact, in any order.
  double found = 0;
  for (; match != end; ++match) {
    // The lone sentence's count of the anchor, and the count of the sentence added.
    const int lone = kOneSource ? match->source_count : match->target_count;
    const int count = kOneSource ? match->target_count : match->source_count;
    int& total = totals[match->id];
    const int before = std::min(lone, total);
    total += count;
    const int after = std::min(lone, total);
    const double w = weight[match->id];
    if (after != before) {
      sums.gain += (after - before) * w;
      sums.matched_penalty += (after - before) * penalty[match->id];
    }
    found += std::min(lone, count) * w;
  }
  (kOneSource ? sums.found_target : sums.found_source)[d] = found;
}

void BeadScorer::ClearRun(int s, int t, CellScratch* scratch) const {
  const int64_t at = row_base_[s] - first_[s] + t;
  for (uint32_t k = offset_[at]; k < offset_[at + 1]; ++k) scratch->run_totals_[matches_[k].id] = 0;
}

void BeadScorer::CostsEndingAt(int i, int j, const std::vector<Move>& moves, uint32_t wanted,
                               double* costs, CellScratch* scratch) const {
  // The wanted moves of each family: 1-L by L, L-1 by L, and 2-2, 2-3, 3-2.
  int along_target[kMaxBeadSentences + 1], along_source[kMaxBeadSentences + 1];
  std::fill(std::begin(along_target), std::end(along_target), -1);
  std::fill(std::begin(along_source), std::end(along_source), -1);
  int two_two = -1, two_three = -1, three_two = -1;
  int longest_target = 0, longest_source = 0;
  for (size_t k = 0; k < moves.size(); ++k) {
    if (!(wanted & (uint32_t{1} << k))) continue;
    const Move& mv = moves[k];
    const int move = static_cast<int>(k);
    if (mv.source == 1 && mv.target >= 1) {
      along_target[mv.target] = move;
      longest_target = std::max(longest_target, mv.target);
    } else if (mv.target == 1 && mv.source >= 2) {
      along_source[mv.source] = move;
      longest_source = std::max(longest_source, mv.source);
    } else if (mv.source == 2 && mv.target == 2) {
      two_two = move;
    } else if (mv.source == 2 && mv.target == 3) {
      two_three = move;
    } else if (mv.source == 3 && mv.target == 2) {
      three_two = move;
    } else {
      costs[k] = Cost(i - mv.source, i, j - mv.target, j);
    }
  }
  // One source sentence and 1, 2, ... target sentences: each adds the pair of the source
  // sentence and the next target sentence back. A pair outside the index leaves this bead and
  // the longer ones (which hold it) to Cost().
  scratch->Fit(f_.vocabulary.size());
  scratch->sums_ = CellScratch::Sums();
  int added = 0;
  for (int length = 1; length <= longest_target; ++length) {
    if (!PairIndexed(i - 1, j - length, j)) {
      for (int rest = length; rest <= longest_target; ++rest) {
        if (along_target[rest] >= 0) costs[along_target[rest]] = Cost(i - 1, i, j - rest, j);
      }
      break;
    }
    AddToRun</*kOneSource=*/true>(i - 1, j - length, length - 1, scratch);
    added = length;
    if (along_target[length] >= 0) {
      costs[along_target[length]] = ChainCost(i - 1, i, j - length, j, *scratch);
    }
  }
  for (int length = 1; length <= added; ++length) ClearRun(i - 1, j - length, scratch);
  // One target sentence and 2, 3, ... source sentences.
  scratch->sums_ = CellScratch::Sums();
  added = 0;
  for (int length = 1; length <= longest_source; ++length) {
    if (!PairIndexed(i - length, j - 1, j)) {
      for (int rest = length; rest <= longest_source; ++rest) {
        if (along_source[rest] >= 0) costs[along_source[rest]] = Cost(i - rest, i, j - 1, j);
      }
      break;
    }
    AddToRun</*kOneSource=*/false>(i - length, j - 1, length - 1, scratch);
    added = length;
    if (along_source[length] >= 0) {
      costs[along_source[length]] = ChainCost(i - length, i, j - 1, j, *scratch);
    }
  }
  for (int length = 1; length <= added; ++length) ClearRun(i - length, j - 1, scratch);
  // 2-2, then 2-3 and 3-2 from it.
  if (two_two < 0 && two_three < 0 && three_two < 0) return;
  if (!PairIndexed(i - 1, j - 2, j) || !PairIndexed(i - 2, j - 2, j)) {
    for (const auto& [move, ns, nt] : {std::tuple<int, int, int>{two_two, 2, 2},
                                       {three_two, 3, 2},
                                       {two_three, 2, 3}}) {
      if (move >= 0) costs[move] = Cost(i - ns, i, j - nt, j);
    }
    return;
  }
  scratch->Clear();
  AddPair(i - 1, j - 1, 0, 0, scratch);
  AddPair(i - 1, j - 2, 0, 1, scratch);
  AddPair(i - 2, j - 1, 1, 0, scratch);
  AddPair(i - 2, j - 2, 1, 1, scratch);
  if (two_two >= 0) costs[two_two] = ChainCost(i - 2, i, j - 2, j, *scratch);
  if (two_three >= 0) {
    if (PairIndexed(i - 1, j - 3, j) && PairIndexed(i - 2, j - 3, j)) {
      const size_t entries = scratch->chain_.size();
      const CellScratch::Sums sums = scratch->sums_;
      AddPair(i - 1, j - 3, 0, 2, scratch);
      AddPair(i - 2, j - 3, 1, 2, scratch);
      costs[two_three] = ChainCost(i - 2, i, j - 3, j, *scratch);
      // Back to 2-2 for 3-2.
      if (three_two >= 0) scratch->DropTargetSlot(2, entries, sums);
    } else {
      costs[two_three] = Cost(i - 2, i, j - 3, j);
    }
  }
  if (three_two >= 0) {
    if (PairIndexed(i - 3, j - 2, j)) {
      AddPair(i - 3, j - 1, 2, 0, scratch);
      AddPair(i - 3, j - 2, 2, 1, scratch);
      costs[three_two] = ChainCost(i - 3, i, j - 2, j, *scratch);
    } else {
      costs[three_two] = Cost(i - 3, i, j - 2, j);
    }
  }
}

}  // namespace newsalign
