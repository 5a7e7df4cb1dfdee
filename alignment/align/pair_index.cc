// BeadScorer's pair index (bead_scorer.h): the anchors each source sentence shares with each
// target sentence it can meet in a bead of the search region, found once, and the anchor
// evidence of a bead read from it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/types/span.h"
#include "align/bead_scorer.h"
#include "base/status_macros.h"
#include "base/stop_condition.h"

namespace newsalign {
namespace {

// The pair index is built on two threads when given them and it has at least this many
// entries (sentence pairs, about a millisecond of work): below, a thread costs more than it
// saves.
constexpr int64_t kCellsPerIndexThread = int64_t{1} << 14;

// The silent sentences of a merged side of `count` sentences from `begin` (none for one
// sentence): each holding anchors of its own counts 1 when none is found across the bead
// (`threshold` 0), else how far the weight found falls short of `threshold`. found(k) is the
// weight found of the side's k-th sentence in the bead.
template <typename Found>
double Silence(const SideFeatures& side, int begin, int count, double threshold, Found found) {
  double sum = 0;
  if (count < 2) return sum;
  for (int k = 0; k < count; ++k) {
    if (side.anchors[begin + k].empty()) continue;
    const double weight = found(k);
    sum += threshold <= 0 ? (weight == 0) : std::max(0.0, 1.0 - weight / threshold);
  }
  return sum;
}

}  // namespace

void BeadScorer::BuildPairIndex(const Band& region, int max_run, const StopCondition& stop,
                                int threads) {
  const int n = static_cast<int>(f_.source.anchors.size());
  const int m = static_cast<int>(f_.target.anchors.size());
  if (region.rows() != n + 1 || n == 0 || m == 0) return;
  // A sentence's row gathers every match of its anchors across its window (a common anchor
  // matches most of it): ~1.4 ms a sentence at 20,000 sentences a side, so checked often.
  StopPoller poll(stop, 16);
  // Where each anchor occurs in the target: (sentence, count), by sentence; anchor `id`'s are
  // where_data[where_offset[id] .. where_offset[id + 1]), counted first and then placed (one
  // allocation, where a vector per anchor grew a push at a time).
  const size_t vocabulary = f_.vocabulary.size();
  std::vector<uint32_t> where_offset(vocabulary + 1, 0);
  // Calls visit(t, id, count) for each distinct anchor of each target sentence t.
  auto for_each_target_anchor = [&](auto visit) -> absl::Status {
    for (int t = 0; t < m; ++t) {
      RETURN_IF_ERROR(poll.Tick());
      const std::vector<uint32_t>& ids = f_.target.anchors[t];
      for (size_t k = 0; k < ids.size();) {
        size_t end = k;
        while (end < ids.size() && ids[end] == ids[k]) ++end;
        visit(t, ids[k], static_cast<uint16_t>(std::min<size_t>(end - k, 0xFFFF)));
        k = end;
      }
    }
    return absl::OkStatus();
  };
  status_ = for_each_target_anchor([&](int, uint32_t id, uint16_t) { ++where_offset[id + 1]; });
  if (!status_.ok()) return;
  for (size_t id = 0; id < vocabulary; ++id) where_offset[id + 1] += where_offset[id];
  std::vector<std::pair<int, uint16_t>> where_data(where_offset[vocabulary]);
  {
    std::vector<uint32_t> placed(where_offset.begin(), where_offset.end() - 1);
    status_ = for_each_target_anchor(
        [&](int t, uint32_t id, uint16_t count) { where_data[placed[id]++] = {t, count}; });
    if (!status_.ok()) return;
  }
  first_.resize(n);
  last_.resize(n);
  row_base_.resize(n);
  int64_t total = 0;
  for (int s = 0; s < n; ++s) {
    // A bead holding source sentence s starts at a row >= s - max_run + 1 and ends at a row
    // <= s + max_run; its target sentences lie between those rows' bounds.
    first_[s] = std::min(m, region.lo(std::max(0, s - max_run + 1)));
    last_[s] = std::max(first_[s], std::min(m, region.hi(std::min(n, s + max_run))));
    row_base_[s] = total;
    total += last_[s] - first_[s] + 1;
  }
  offset_.assign(total, 0);
  // Rows [begin, end) into `matches`, each row's offsets counted from the start of `matches`.
  // False when stopped (`*status` says why) or past 32-bit offsets.
  auto build_rows = [&](int begin, int end, std::vector<Match>* matches,
                        absl::Status* status) -> bool {
    StopPoller poll(stop, 16);
    std::vector<std::pair<int, Match>> row;
    // Where each anchor's last look ended in its list of target sentences: a window's first
    // sentence only moves on from row to row, so the next look starts there (galloping) instead
    // of searching the whole list again (the binary searches were a quarter of the index's
    // time at 100,000 sentences).
    std::vector<uint32_t> cursor(vocabulary, 0);
    for (int s = begin; s < end; ++s) {
      if (*status = poll.Tick(); !status->ok()) return false;
      row.clear();
      const std::vector<uint32_t>& ids = f_.source.anchors[s];
      for (size_t k = 0; k < ids.size();) {
        size_t next = k;
        while (next < ids.size() && ids[next] == ids[k]) ++next;
        const uint16_t count = static_cast<uint16_t>(std::min<size_t>(next - k, 0xFFFF));
        const absl::Span<const std::pair<int, uint16_t>> at(
            where_data.data() + where_offset[ids[k]],
            where_offset[ids[k] + 1] - where_offset[ids[k]]);
        // The first entry at or past first_[s]: from the cursor when every entry before it
        // lies before first_[s], else (a window that moved back) by a search of the whole list.
        size_t from = cursor[ids[k]];
        if (from > 0 && at[from - 1].first >= first_[s]) {
          from = 0;
        }
        size_t step = 1, to = from;
        while (to < at.size() && at[to].first < first_[s]) {
          from = to + 1;
          to = std::min(at.size(), to + step);
          step *= 2;
        }
        auto it = std::lower_bound(at.begin() + static_cast<std::ptrdiff_t>(from),
                                   at.begin() + static_cast<std::ptrdiff_t>(to),
                                   std::make_pair(first_[s], uint16_t{0}));
        cursor[ids[k]] = static_cast<uint32_t>(it - at.begin());
        for (; it != at.end() && it->first < last_[s]; ++it) {
          row.push_back({it->first, Match{ids[k], count, it->second}});
        }
        k = next;
      }
      std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second.id < b.second.id;
      });
      size_t next = 0;
      for (int t = first_[s]; t <= last_[s]; ++t) {
        if (matches->size() > 0xFFFFFFFFu) return false;
        offset_[row_base_[s] + (t - first_[s])] = static_cast<uint32_t>(matches->size());
        while (next < row.size() && row[next].first == t) matches->push_back(row[next++].second);
      }
    }
    return true;
  };
  // On a long document the rows are split between two threads (the index took a tenth of a
  // 20,000-sentence alignment on one core); the second half's offsets are then moved past the
  // first half's matches. The same index either way.
  const int split = threads > 1 && total >= kCellsPerIndexThread ? n / 2 : n;
  std::vector<Match> second;
  absl::Status second_status;
  bool second_ok = true;
  std::thread helper;
  if (split < n) {
    helper = std::thread([&] { second_ok = build_rows(split, n, &second, &second_status); });
  }
  const bool first_ok = build_rows(0, split, &matches_, &status_);
  if (helper.joinable()) helper.join();
  if (status_.ok()) status_ = second_status;
  const uint64_t size = uint64_t{matches_.size()} + second.size();
  if (!first_ok || !second_ok || !status_.ok() || size > 0xFFFFFFFFu) {
    // Stopped (the caller stops), or too many for 32-bit offsets (every cost by merging).
    first_.clear();
    offset_.clear();
    matches_.clear();
    return;
  }
  if (split < n) {
    const uint32_t shift = static_cast<uint32_t>(matches_.size());
    for (int64_t k = row_base_[split]; k < total; ++k) offset_[k] += shift;
    matches_.insert(matches_.end(), second.begin(), second.end());
  }
}

bool BeadScorer::Indexed(int i0, int i1, int j0, int j1) const {
  if (i1 - i0 > 8 || j1 - j0 > 8) return false;
  for (int s = i0; s < i1; ++s) {
    if (!PairIndexed(s, j0, j1)) return false;
  }
  return !first_.empty();
}

BeadScorer::Evidence BeadScorer::EvidenceByIndex(int i0, int i1, int j0, int j1,
                                                 std::vector<uint32_t>* matched) const {
  const int ns = i1 - i0, nt = j1 - j0;
  const auto& weight = f_.vocabulary.weight;
  const auto& penalty = f_.vocabulary.penalty;
  const double all_penalties = penalty_source_[i1] - penalty_source_[i0] + penalty_target_[j1] -
                               penalty_target_[j0];
  if (ns == 1 && nt == 1) {
    // One sentence pair: its matches are the bead's, one per id, ascending.
    Evidence e;
    double matched_penalty = 0;
    const int64_t at = row_base_[i0] - first_[i0] + j0;
    for (uint32_t k = offset_[at]; k < offset_[at + 1]; ++k) {
      const Match& match = matches_[k];
      const int both = std::min(match.source_count, match.target_count);
      for (int r = 0; r < both; ++r) {
        e.gain += weight[match.id];
        if (matched) matched->push_back(match.id);
      }
      matched_penalty += both * penalty[match.id];
    }
    e.loss = all_penalties - 2 * matched_penalty;
    return e;
  }
  // Each sentence pair's matches are ascending by id: merge the bead's lists (at most 8 x 8)
  // id by id. Every sentence of the bead holding an id meets every one of the other side's
  // that does, so the pairs at one id give each side's occurrences of it.
  struct Cursor {
    const Match* at;
    const Match* end;
    uint8_t source;  // offset of the source sentence in the bead
    uint8_t target;
  };
  Cursor cursors[64];
  int live = 0;
  for (int s = i0; s < i1; ++s) {
    const int64_t base = row_base_[s] - first_[s];
    for (int t = j0; t < j1; ++t) {
      const uint32_t begin = offset_[base + t], end = offset_[base + t + 1];
      if (begin == end) continue;
      cursors[live++] = Cursor{matches_.data() + begin, matches_.data() + end,
                               static_cast<uint8_t>(s - i0), static_cast<uint8_t>(t - j0)};
    }
  }
  if (live == 0) {
    Evidence e;
    e.loss = all_penalties;
    return e;
  }
  const bool silent = w_.silent_sentence_penalty > 0 && (ns > 1 || nt > 1);
  // Weight of each sentence's own anchors matched across the bead (for silent sentences).
  double found_source[8] = {0}, found_target[8] = {0};
  Evidence e;
  double matched_penalty = 0;
  if (live == 1) {
    // One sentence pair of the bead shares anchors (the common case): each of its matches is
    // an id of its own, met by that pair alone.
    const Cursor& only = cursors[0];
    for (const Match* match = only.at; match != only.end; ++match) {
      const int both = std::min(match->source_count, match->target_count);
      const double w = weight[match->id];
      for (int r = 0; r < both; ++r) {
        e.gain += w;
        if (matched) matched->push_back(match->id);
        if (silent) {
          found_source[only.source] += w;
          found_target[only.target] += w;
        }
      }
      matched_penalty += both * penalty[match->id];
    }
    live = 0;
  }
  // One id of the bead: the bead's sentences holding it (bit k: the k-th of the bead), their
  // counts of it, and the counts summed over each side.
  auto account = [&](uint32_t id, uint32_t source_holds, uint32_t target_holds,
                     const uint16_t* source_of, const uint16_t* target_of, int source_count,
                     int target_count) {
    const int both = std::min(source_count, target_count);
    const double w = weight[id];
    for (int r = 0; r < both; ++r) {
      e.gain += w;
      if (matched) matched->push_back(id);
    }
    matched_penalty += both * penalty[id];
    if (!silent) return;
    // A side of one sentence has no silent sentence (Silence() above): its found weight is
    // never read.
    if (both == 1) {
      // Each holder found it once (most ids: one occurrence a side); the same sums as below.
      for (uint32_t bits = ns > 1 ? source_holds : 0; bits != 0; bits &= bits - 1) {
        found_source[__builtin_ctz(bits)] += w;
      }
      for (uint32_t bits = nt > 1 ? target_holds : 0; bits != 0; bits &= bits - 1) {
        found_target[__builtin_ctz(bits)] += w;
      }
      return;
    }
    if (silent && ns > 1) {
      for (uint32_t bits = source_holds; bits != 0; bits &= bits - 1) {
        const int k = __builtin_ctz(bits);
        for (int r = 0; r < std::min<int>(source_of[k], both); ++r) found_source[k] += w;
      }
    }
    if (silent && nt > 1) {
      for (uint32_t bits = target_holds; bits != 0; bits &= bits - 1) {
        const int k = __builtin_ctz(bits);
        for (int r = 0; r < std::min<int>(target_of[k], both); ++r) found_target[k] += w;
      }
    }
  };
  uint16_t source_of[8], target_of[8];
  if (live == 2) {
    // Two sentence pairs share anchors (the most common merge): walk their lists side by side.
    const Cursor& a = cursors[0];
    const Cursor& b = cursors[1];
    const Match* x = a.at;
    const Match* y = b.at;
    auto alone = [&](const Cursor& cursor, const Match* match) {
      source_of[cursor.source] = match->source_count;
      target_of[cursor.target] = match->target_count;
      account(match->id, 1u << cursor.source, 1u << cursor.target, source_of, target_of,
              match->source_count, match->target_count);
    };
    while (x != a.end || y != b.end) {
      if (y == b.end || (x != a.end && x->id < y->id)) {
        alone(a, x++);
      } else if (x == a.end || y->id < x->id) {
        alone(b, y++);
      } else {
        // Both pairs hold the id; a sentence they share counts it once.
        source_of[a.source] = x->source_count;
        target_of[a.target] = x->target_count;
        int source_count = x->source_count, target_count = x->target_count;
        if (b.source != a.source) {
          source_of[b.source] = y->source_count;
          source_count += y->source_count;
        }
        if (b.target != a.target) {
          target_of[b.target] = y->target_count;
          target_count += y->target_count;
        }
        account(x->id, (1u << a.source) | (1u << b.source), (1u << a.target) | (1u << b.target),
                source_of, target_of, source_count, target_count);
        ++x;
        ++y;
      }
    }
    live = 0;
  }
  while (live > 0) {
    uint32_t id = cursors[0].at->id;
    for (int c = 1; c < live; ++c) id = std::min(id, cursors[c].at->id);
    uint32_t source_holds = 0, target_holds = 0;
    int source_count = 0, target_count = 0;
    for (int c = 0; c < live;) {
      Cursor& cursor = cursors[c];
      if (cursor.at->id != id) {
        ++c;
        continue;
      }
      if (!(source_holds & (1u << cursor.source))) {
        source_holds |= 1u << cursor.source;
        source_of[cursor.source] = cursor.at->source_count;
        source_count += cursor.at->source_count;
      }
      if (!(target_holds & (1u << cursor.target))) {
        target_holds |= 1u << cursor.target;
        target_of[cursor.target] = cursor.at->target_count;
        target_count += cursor.at->target_count;
      }
      if (++cursor.at == cursor.end) {
        cursor = cursors[--live];  // done: the last cursor takes its place
      } else {
        ++c;
      }
    }
    account(id, source_holds, target_holds, source_of, target_of, source_count, target_count);
  }
  e.loss = all_penalties - 2 * matched_penalty;
  if (silent && e.gain > 0) {
    const double threshold = w_.silent_sentence_threshold;
    e.silent =
        Silence(f_.source, i0, ns, threshold, [&](int k) { return found_source[k]; }) +
        Silence(f_.target, j0, nt, threshold, [&](int k) { return found_target[k]; });
  }
  return e;
}

void BeadScorer::CellScratch::Clear() {
  for (const Entry& entry : chain_) table_[entry.slot] = 0;
  chain_.clear();
  sums_ = Sums();
}

void BeadScorer::CellScratch::DropTargetSlot(int d, size_t entries, const Sums& sums) {
  for (size_t k = entries; k < chain_.size(); ++k) table_[chain_[k].slot] = 0;
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

uint32_t BeadScorer::CellScratch::FirstSlot(uint32_t id) const {
  // Fibonacci hashing: the top bits of the low word of id times 2^32 / golden ratio.
  return static_cast<uint32_t>(id * 2654435769u) >> shift_;
}

void BeadScorer::CellScratch::Grow() {
  table_.assign(table_.size() * 2, 0);
  --shift_;
  const uint32_t mask = static_cast<uint32_t>(table_.size()) - 1;
  for (size_t k = 0; k < chain_.size(); ++k) {
    uint32_t slot = FirstSlot(chain_[k].id);
    while (table_[slot] != 0) slot = (slot + 1) & mask;
    table_[slot] = static_cast<uint32_t>(k + 1);
    chain_[k].slot = slot;
  }
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
  scratch->Clear();
  for (int length = 1; length <= longest_target; ++length) {
    if (!PairIndexed(i - 1, j - length, j)) {
      for (int rest = length; rest <= longest_target; ++rest) {
        if (along_target[rest] >= 0) costs[along_target[rest]] = Cost(i - 1, i, j - rest, j);
      }
      break;
    }
    AddPair(i - 1, j - length, 0, length - 1, scratch);
    if (along_target[length] >= 0) {
      costs[along_target[length]] = ChainCost(i - 1, i, j - length, j, *scratch);
    }
  }
  // One target sentence and 2, 3, ... source sentences.
  scratch->Clear();
  for (int length = 1; length <= longest_source; ++length) {
    if (!PairIndexed(i - length, j - 1, j)) {
      for (int rest = length; rest <= longest_source; ++rest) {
        if (along_source[rest] >= 0) costs[along_source[rest]] = Cost(i - rest, i, j - 1, j);
      }
      break;
    }
    AddPair(i - length, j - 1, length - 1, 0, scratch);
    if (along_source[length] >= 0) {
      costs[along_source[length]] = ChainCost(i - length, i, j - 1, j, *scratch);
    }
  }
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

void BeadScorer::AddMatches(const Match* match, const Match* const end, int d_source,
                            int d_target, CellScratch* scratch) const {
  using Entry = CellScratch::Entry;
  const uint8_t source_bit = static_cast<uint8_t>(1u << d_source);
  const uint8_t target_bit = static_cast<uint8_t>(1u << d_target);
  const double* const weight = f_.vocabulary.weight.data();
  const double* const penalty = f_.vocabulary.penalty.data();
  scratch->Reserve(static_cast<size_t>(end - match));
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
    e.silent = Silence(f_.source, i0, ns, threshold,
                       [&](int k) { return scratch.sums_.found_source[ns - 1 - k]; }) +
               Silence(f_.target, j0, nt, threshold,
                       [&](int k) { return scratch.sums_.found_target[nt - 1 - k]; });
  }
  return Combine(i0, i1, j0, j1, e, nullptr, nullptr);
}
}  // namespace newsalign
