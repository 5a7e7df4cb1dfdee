// BeadScorer's pair index (bead_scorer.h): the anchors each source sentence shares with each
// target sentence it can meet in a bead of the search region, found once, and the anchor
// evidence of a bead read from it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/types/span.h"
#include "align/bead_scorer.h"
#include "base/status_macros.h"
#include "base/task_pool.h"
#include "base/stop_condition.h"

namespace newsalign {
namespace {

// The pair index is built on two threads (the second half on the task pool) when given them
// and it has at least this many entries (sentence pairs): the sample article's index (about
// 400) gains with the other side steps lowered to articles (1.64-1.98 ms against 1.76-2.05 on
// two threads, alternated).
constexpr int64_t kCellsPerIndexThread = 256;

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
    std::vector<uint32_t> place;
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
      // Placed by target sentence, each target's ascending by id: the anchors came in that
      // order, so counting each target's matches and placing them in turn keeps it (a sort of
      // the row by target and id took a tenth of the index's time).
      const size_t start = matches->size();
      if (start + row.size() > 0xFFFFFFFFu) return false;
      const int width = last_[s] - first_[s] + 1;
      place.assign(width + 1, 0);
      for (const auto& [t, match] : row) ++place[t - first_[s] + 1];
      for (int k = 0; k < width; ++k) {
        place[k + 1] += place[k];
        offset_[row_base_[s] + k] = static_cast<uint32_t>(start + place[k]);
      }
      matches->resize(start + row.size());
      for (const auto& [t, match] : row) (*matches)[start + place[t - first_[s]]++] = match;
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
  TaskPool::Task helper;
  if (split < n) {
    helper = TaskPool::Shared().Start(
        [&] { second_ok = build_rows(split, n, &second, &second_status); });
  }
  const bool first_ok = build_rows(0, split, &matches_, &status_);
  helper.Join();
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
    // A side of one sentence has no silent sentence (bead_internal::Silence): its found weight
    // is never read.
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
        bead_internal::Silence(f_.source, i0, ns, threshold,
                               [&](int k) { return found_source[k]; }) +
        bead_internal::Silence(f_.target, j0, nt, threshold,
                               [&](int k) { return found_target[k]; });
  }
  return e;
}

}  // namespace newsalign
