#include "align/lattice.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>
#include <functional>
#include <iterator>
#include <limits>
#include <random>
#include <thread>
#include <type_traits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "base/status_macros.h"

namespace newsalign {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// A path closer than this to the band's edge may have been bent by the band.
constexpr int kEdgeMargin = 3;
// The sweeps check the stop condition once per this many cells (about 15 costs each: a few
// milliseconds of work at most).
constexpr int kCellsPerCheck = 1024;
// The same for the sweep that computes the costs.
constexpr int kScoredCellsPerCheck = 64;

// Most moves of the dynamic programme (1-1, 1-0, 0-1 and the twelve merges up to 1-5).
constexpr int kMaxMoves = 16;

// log(sum of exp(x)) over the few terms of one cell: the terms are kept and summed once around
// their maximum, one exp each and one log in all (adding them pairwise in log space costs an exp
// and a log1p per term).
class LogSum {
 public:
  void Add(double x) {
    terms_[size_++] = x;
    if (x > max_) max_ = x;
  }
  double Result() const {
    if (max_ == -kInf) return -kInf;
    double sum = 0;
    for (int k = 0; k < size_; ++k) sum += std::exp(terms_[k] - max_);
    return max_ + std::log(sum);
  }

 private:
  double terms_[kMaxMoves];
  int size_ = 0;
  double max_ = -kInf;
};

// Concatenates the anchor ids of sentences [begin, end) into `out`, sorted.
void GatherAnchors(const std::vector<std::vector<uint32_t>>& anchors, int begin, int end,
                   std::vector<uint32_t>* out) {
  out->clear();
  for (int k = begin; k < end; ++k) out->insert(out->end(), anchors[k].begin(), anchors[k].end());
  if (end - begin > 1) std::sort(out->begin(), out->end());
}

// Returns how silent sentences [begin, end) are when there are two or more: per sentence with
// anchors, 1 - (weight of its anchors among `matched`, sorted) / threshold, at least 0; with
// threshold 0, 1 when none is matched.
double SilentSentences(const std::vector<std::vector<uint32_t>>& anchors, int begin, int end,
                       const std::vector<uint32_t>& matched, const std::vector<double>& weight,
                       double threshold) {
  if (end - begin < 2) return 0;
  double silent = 0;
  for (int k = begin; k < end; ++k) {
    const std::vector<uint32_t>& ids = anchors[k];
    if (ids.empty()) continue;
    double found = 0;
    size_t a = 0, b = 0;
    while (a < ids.size() && b < matched.size()) {
      if (ids[a] < matched[b]) {
        ++a;
      } else if (matched[b] < ids[a]) {
        ++b;
      } else {
        found += weight[ids[a]];
        ++a;
        ++b;
      }
    }
    if (threshold <= 0) {
      silent += found == 0;
    } else {
      silent += std::max(0.0, 1.0 - found / threshold);
    }
  }
  return silent;
}

}  // namespace

std::vector<Move> MovesFor(const AlignOptions& options) {
  std::vector<Move> moves = {{1, 1}};
  if (options.allow_omissions) {
    moves.push_back({1, 0});
    moves.push_back({0, 1});
  }
  if (options.max_bead_sentences >= 2) {
    moves.push_back({1, 2});
    moves.push_back({2, 1});
    moves.push_back({2, 2});
  }
  if (options.max_bead_sentences >= 3) {
    moves.push_back({1, 3});
    moves.push_back({3, 1});
    moves.push_back({2, 3});
    moves.push_back({3, 2});
  }
  if (options.max_bead_sentences >= 4) {
    moves.push_back({1, 4});
    moves.push_back({4, 1});
  }
  if (options.max_bead_sentences >= 5) {
    moves.push_back({1, 5});
    moves.push_back({5, 1});
  }
  return moves;
}


Band::Band(int n, int m, int half_width) : lo_(n + 1), hi_(n + 1), offset_(n + 2) {
  for (int i = 0; i <= n; ++i) {
    const double center = n == 0 ? 0 : static_cast<double>(i) * m / n;
    lo_[i] = std::max(0, static_cast<int>(std::floor(center)) - half_width);
    hi_[i] = std::min(m, static_cast<int>(std::ceil(center)) + half_width);
    if (i == 0) lo_[i] = 0;
    if (i == n) hi_[i] = m;
  }
  offset_[0] = 0;
  for (int i = 0; i <= n; ++i) offset_[i + 1] = offset_[i] + (hi_[i] - lo_[i] + 1);
}

absl::Status LatticeCosts::Reset(int64_t size, int64_t exact_limit, const StopCondition& stop) {
  exact_.clear();
  compact_.clear();
  // Filled a block at a time, checking between blocks: at 20,000 sentences a side the cache
  // holds ~30 M costs, whose first touch alone takes tens of milliseconds.
  constexpr int64_t kBlock = 1 << 20;
  auto fill = [&](auto& costs) -> absl::Status {
    using Cost = typename std::decay_t<decltype(costs)>::value_type;
    costs.reserve(size);
    for (int64_t done = 0; done < size; done += kBlock) {
      RETURN_IF_ERROR(stop.Check());
      costs.insert(costs.end(), std::min(kBlock, size - done),
                   std::numeric_limits<Cost>::infinity());
    }
    return absl::OkStatus();
  };
  return size <= exact_limit ? fill(exact_) : fill(compact_);
}

Band::Band(std::vector<int> lo, std::vector<int> hi)
    : lo_(std::move(lo)), hi_(std::move(hi)), offset_(lo_.size() + 1) {
  offset_[0] = 0;
  for (size_t i = 0; i < lo_.size(); ++i) offset_[i + 1] = offset_[i] + (hi_[i] - lo_[i] + 1);
}

int64_t Band::CountCells(int n, int m, int half_width) {
  int64_t cells = 0;
  for (int i = 0; i <= n; ++i) {
    const double center = n == 0 ? 0 : static_cast<double>(i) * m / n;
    int lo = std::max(0, static_cast<int>(std::floor(center)) - half_width);
    int hi = std::min(m, static_cast<int>(std::ceil(center)) + half_width);
    if (i == 0) lo = 0;
    if (i == n) hi = m;
    cells += hi - lo + 1;
  }
  return cells;
}

std::vector<BeadScorer::Runs> BeadScorer::MergeRuns(
    const std::vector<std::vector<uint32_t>>& anchors, int max_run) {
  const int n = static_cast<int>(anchors.size());
  std::vector<Runs> runs(std::max(max_run, 1));
  std::vector<uint32_t> merged;
  for (int k = 1; k <= static_cast<int>(runs.size()); ++k) {
    Runs& r = runs[k - 1];
    r.offset.assign(1, 0);
    for (int i = 0; i + k <= n; ++i) {
      if (k == 1) {
        r.data.insert(r.data.end(), anchors[i].begin(), anchors[i].end());
      } else {
        // Run (i, k) = run (i, k - 1) merged with sentence i + k - 1, both sorted.
        const Runs& shorter = runs[k - 2];
        merged.clear();
        std::merge(shorter.data.begin() + shorter.offset[i],
                   shorter.data.begin() + shorter.offset[i + 1], anchors[i + k - 1].begin(),
                   anchors[i + k - 1].end(), std::back_inserter(merged));
        r.data.insert(r.data.end(), merged.begin(), merged.end());
      }
      r.offset.push_back(r.data.size());
    }
  }
  return runs;
}

BeadScorer::BeadScorer(const PairFeatures& features, const LengthStatistics& length,
                       const ModelWeights& weights, int max_run, const Band* region,
                       const StopCondition* stop)
    : f_(features),
      length_(length),
      w_(weights),
      // With a region, the pair index serves every bead inside it; the rare one outside
      // gathers its anchors.
      source_runs_(region ? std::vector<Runs>() : MergeRuns(features.source.anchors, max_run)),
      target_runs_(region ? std::vector<Runs>() : MergeRuns(features.target.anchors, max_run)) {
  prefix_source_.assign(1, 0);
  for (double l : f_.source.length) prefix_source_.push_back(prefix_source_.back() + l);
  prefix_target_.assign(1, 0);
  for (double l : f_.target.length) prefix_target_.push_back(prefix_target_.back() + l);
  orphans_source_.assign(1, 0);
  for (double o : f_.source.orphan_numbers) orphans_source_.push_back(orphans_source_.back() + o);
  orphans_target_.assign(1, 0);
  for (double o : f_.target.orphan_numbers) orphans_target_.push_back(orphans_target_.back() + o);
  // Prefix counts of paragraph starts and headings, when both sides have paragraphs.
  if (!f_.source.paragraph_start.empty() && !f_.target.paragraph_start.empty()) {
    auto prefix = [](const std::vector<bool>& flags) {
      std::vector<int> out(1, 0);
      for (bool flag : flags) out.push_back(out.back() + flag);
      return out;
    };
    starts_source_ = prefix(f_.source.paragraph_start);
    starts_target_ = prefix(f_.target.paragraph_start);
    headings_source_ = prefix(f_.source.heading);
    headings_target_ = prefix(f_.target.heading);
  }
  auto penalties = [&](const SideFeatures& side) {
    std::vector<double> out(1, 0);
    for (const std::vector<uint32_t>& ids : side.anchors) {
      double sum = 0;
      for (uint32_t id : ids) sum += f_.vocabulary.penalty[id];
      out.push_back(out.back() + sum);
    }
    return out;
  };
  penalty_source_ = penalties(f_.source);
  penalty_target_ = penalties(f_.target);
  if (region != nullptr && stop != nullptr) {
    status_ = stop->Check();
    if (!status_.ok()) return;
  }
  if (region != nullptr) BuildPairIndex(*region, max_run, stop ? *stop : StopCondition());
}

void BeadScorer::BuildPairIndex(const Band& region, int max_run, const StopCondition& stop) {
  const int n = static_cast<int>(f_.source.anchors.size());
  const int m = static_cast<int>(f_.target.anchors.size());
  if (region.rows() != n + 1 || n == 0 || m == 0) return;
  // A sentence's row gathers every match of its anchors across its window (a common anchor
  // matches most of it): ~1.4 ms a sentence at 20,000 sentences a side, so checked often.
  StopPoller poll(stop, 16);
  // Where each anchor occurs in the target: (sentence, count), by sentence.
  std::vector<std::vector<std::pair<int, uint16_t>>> where(f_.vocabulary.size());
  for (int t = 0; t < m; ++t) {
    if (status_ = poll.Tick(); !status_.ok()) return;
    const std::vector<uint32_t>& ids = f_.target.anchors[t];
    for (size_t k = 0; k < ids.size();) {
      size_t end = k;
      while (end < ids.size() && ids[end] == ids[k]) ++end;
      where[ids[k]].push_back({t, static_cast<uint16_t>(std::min<size_t>(end - k, 0xFFFF))});
      k = end;
    }
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
  std::vector<std::pair<int, Match>> row;
  for (int s = 0; s < n; ++s) {
    if (status_ = poll.Tick(); !status_.ok()) {
      // Left out: the caller stops.
      first_.clear();
      offset_.clear();
      matches_.clear();
      return;
    }
    row.clear();
    const std::vector<uint32_t>& ids = f_.source.anchors[s];
    for (size_t k = 0; k < ids.size();) {
      size_t end = k;
      while (end < ids.size() && ids[end] == ids[k]) ++end;
      const uint16_t count = static_cast<uint16_t>(std::min<size_t>(end - k, 0xFFFF));
      const auto& at = where[ids[k]];
      auto it = std::lower_bound(at.begin(), at.end(), std::make_pair(first_[s], uint16_t{0}));
      for (; it != at.end() && it->first < last_[s]; ++it) {
        row.push_back({it->first, Match{ids[k], count, it->second}});
      }
      k = end;
    }
    std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second.id < b.second.id;
    });
    size_t next = 0;
    for (int t = first_[s]; t <= last_[s]; ++t) {
      if (matches_.size() > 0xFFFFFFFFu) {
        // Too many for 32-bit offsets: no index, every cost by merging.
        first_.clear();
        offset_.clear();
        matches_.clear();
        return;
      }
      offset_[row_base_[s] + (t - first_[s])] = static_cast<uint32_t>(matches_.size());
      while (next < row.size() && row[next].first == t) matches_.push_back(row[next++].second);
    }
  }
}

bool BeadScorer::Indexed(int i0, int i1, int j0, int j1) const {
  if (first_.empty() || i1 - i0 > 8 || j1 - j0 > 8) return false;
  for (int s = i0; s < i1; ++s) {
    if (j0 < first_[s] || j1 > last_[s]) return false;
  }
  return true;
}

double BeadScorer::LayoutPenalty(int i0, int i1, int j0, int j1) const {
  const SideFeatures& s = f_.source;
  const SideFeatures& t = f_.target;
  if (starts_source_.empty() || starts_target_.empty()) return 0;
  double penalty = 0;
  if (s.paragraph_start[i0] != t.paragraph_start[j0]) penalty += w_.paragraph_boundary_penalty;
  // A merged side that runs over a paragraph's end: translators keep paragraphs.
  penalty += w_.paragraph_boundary_penalty * (starts_source_[i1] - starts_source_[i0 + 1] +
                                              starts_target_[j1] - starts_target_[j0 + 1]);
  const bool source_heading = headings_source_[i1] > headings_source_[i0];
  const bool target_heading = headings_target_[j1] > headings_target_[j0];
  const bool merged = i1 - i0 > 1 || j1 - j0 > 1;
  if (source_heading != target_heading || (merged && (source_heading || target_heading))) {
    penalty += w_.heading_penalty;
  }
  return penalty;
}

double BeadScorer::Deviation(double ls, double lt) const {
  const double mean = std::max(1.0, (length_.ratio * ls + lt) / 2);
  return (lt - length_.ratio * ls) / std::sqrt(length_.variance * mean);
}

double BeadScorer::Cost(int i0, int i1, int j0, int j1, double* length_score,
                        double* anchor_score, std::vector<uint32_t>* matched) const {
  const int ns = i1 - i0, nt = j1 - j0;
  if (ns == 0 || nt == 0) {
    if (length_score) *length_score = 0;
    if (anchor_score) *anchor_score = 0;
    // Target characters are priced in source units, so omissions and additions compare.
    const double ls = prefix_source_[i1] - prefix_source_[i0];
    const double lt = prefix_target_[j1] - prefix_target_[j0];
    const double chars = ns == 0 ? lt / std::max(length_.ratio, 1e-3) : ls;
    if (ns + nt == 1 && (ns == 1 ? f_.source.noise[i0] : f_.target.noise[j0])) {
      return w_.noise_omission;
    }
    return w_.omission_fixed + w_.omission_per_char * chars;
  }
  const Evidence evidence = Indexed(i0, i1, j0, j1) ? EvidenceByIndex(i0, i1, j0, j1, matched)
                                                    : EvidenceByMerge(i0, i1, j0, j1, matched);
  return Combine(i0, i1, j0, j1, evidence, length_score, anchor_score);
}

double BeadScorer::CostByMerge(int i0, int i1, int j0, int j1) const {
  if (i0 == i1 || j0 == j1) return Cost(i0, i1, j0, j1);
  return Combine(i0, i1, j0, j1, EvidenceByMerge(i0, i1, j0, j1, nullptr), nullptr, nullptr);
}

double BeadScorer::Prior(int ns, int nt) const {
  const int small = std::min(ns, nt), large = std::max(ns, nt);
  if (small == 1 && large == 2) return w_.prior_1_2;
  if (small == 2 && large == 2) return w_.prior_2_2;
  if (small == 1 && large == 3) return w_.prior_1_3;
  if (small == 2 && large == 3) return w_.prior_2_3;
  if (small == 1 && large == 4) return w_.prior_1_4;
  if (small == 1 && large == 5) return w_.prior_1_5;
  return w_.prior_1_1;
}

double BeadScorer::Combine(int i0, int i1, int j0, int j1, const Evidence& evidence,
                           double* length_score, double* anchor_score) const {
  const int ns = i1 - i0, nt = j1 - j0;
  const double ls = prefix_source_[i1] - prefix_source_[i0];
  const double lt = prefix_target_[j1] - prefix_target_[j0];
  const double prior = Prior(ns, nt);
  const double z = Deviation(ls, lt);
  const double length_cost = w_.length_weight * std::sqrt(2.0) * std::fabs(z);
  if (length_score) *length_score = std::erfc(std::fabs(z) / std::sqrt(2.0));
  double loss = std::min(std::max(evidence.loss, 0.0), w_.penalty_cap);
  // In a merged side, a sentence none of whose anchors is found across the bead is likely an
  // omission or an addition glued to its neighbour.
  if (w_.silent_sentence_penalty > 0 && (ns > 1 || nt > 1) && evidence.gain > 0) {
    loss += w_.silent_sentence_penalty * evidence.silent;
  }
  loss += w_.orphan_number_penalty * (orphans_source_[i1] - orphans_source_[i0] +
                                      orphans_target_[j1] - orphans_target_[j0]);
  loss += LayoutPenalty(i0, i1, j0, j1);
  const double capped = std::min(evidence.gain, w_.anchor_cap);
  if (anchor_score) *anchor_score = w_.anchor_cap > 0 ? capped / w_.anchor_cap : 0;
  return prior + length_cost - capped + loss;
}

BeadScorer::Evidence BeadScorer::EvidenceByMerge(int i0, int i1, int j0, int j1,
                                                 std::vector<uint32_t>* matched) const {
  const int ns = i1 - i0, nt = j1 - j0;
  // Anchor evidence: matched weight minus penalties for occurrences on one side only.
  auto ids_of = [](const std::vector<Runs>& runs, const std::vector<std::vector<uint32_t>>& each,
                   int begin, int end, std::vector<uint32_t>* scratch) -> absl::Span<const uint32_t> {
    const int k = end - begin;
    if (k <= static_cast<int>(runs.size())) {
      const Runs& r = runs[k - 1];
      return absl::MakeConstSpan(r.data.data() + r.offset[begin], r.offset[begin + 1] - r.offset[begin]);
    }
    GatherAnchors(each, begin, end, scratch);
    return *scratch;
  };
  // Scratch, one per thread: the costs of one region may be scored by several.
  thread_local std::vector<uint32_t> source_ids_scratch, target_ids_scratch, matched_ids;
  const absl::Span<const uint32_t> source_ids =
      ids_of(source_runs_, f_.source.anchors, i0, i1, &source_ids_scratch);
  const absl::Span<const uint32_t> target_ids =
      ids_of(target_runs_, f_.target.anchors, j0, j1, &target_ids_scratch);
  Evidence e;
  size_t a = 0, b = 0;
  matched_ids.clear();
  const auto& weight = f_.vocabulary.weight;
  const auto& penalty = f_.vocabulary.penalty;
  while (a < source_ids.size() || b < target_ids.size()) {
    if (b == target_ids.size() || (a < source_ids.size() && source_ids[a] < target_ids[b])) {
      e.loss += penalty[source_ids[a++]];
    } else if (a == source_ids.size() || target_ids[b] < source_ids[a]) {
      e.loss += penalty[target_ids[b++]];
    } else {
      e.gain += weight[source_ids[a]];
      matched_ids.push_back(source_ids[a]);
      ++a;
      ++b;
    }
  }
  if (matched) matched->insert(matched->end(), matched_ids.begin(), matched_ids.end());
  if (w_.silent_sentence_penalty > 0 && (ns > 1 || nt > 1) && e.gain > 0) {
    e.silent = SilentSentences(f_.source.anchors, i0, i1, matched_ids, weight,
                               w_.silent_sentence_threshold) +
               SilentSentences(f_.target.anchors, j0, j1, matched_ids, weight,
                               w_.silent_sentence_threshold);
  }
  return e;
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
    // A side of one sentence has no silent sentence (silence() below): its found weight is
    // never read.
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
    auto silence = [&](const SideFeatures& side, int begin, int count, const double* found) {
      double sum = 0;
      if (count < 2) return sum;
      for (int k = 0; k < count; ++k) {
        if (side.anchors[begin + k].empty()) continue;
        sum += threshold <= 0 ? (found[k] == 0) : std::max(0.0, 1.0 - found[k] / threshold);
      }
      return sum;
    };
    e.silent = silence(f_.source, i0, ns, found_source) + silence(f_.target, j0, nt, found_target);
  }
  return e;
}

namespace {

// Threads that score bead costs beside the forward sweep. Join() waits for them and returns
// the first error one met (its stop condition); the destructor abandons and joins those still
// running, so an early return leaves none behind.
class CostHelpers {
 public:
  using Work = std::function<absl::Status(const std::atomic<bool>& abandoned)>;
  CostHelpers() = default;
  CostHelpers(const CostHelpers&) = delete;
  CostHelpers& operator=(const CostHelpers&) = delete;
  ~CostHelpers() {
    abandoned_.store(true, std::memory_order_relaxed);
    Join().IgnoreError();
  }

  void Start(Work work) {
    statuses_.emplace_back();
    absl::Status* status = &statuses_.back();
    threads_.emplace_back([this, status, work = std::move(work)] { *status = work(abandoned_); });
  }

  absl::Status Join() {
    for (std::thread& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
    for (const absl::Status& status : statuses_) RETURN_IF_ERROR(status);
    return absl::OkStatus();
  }

 private:
  std::atomic<bool> abandoned_{false};
  std::deque<absl::Status> statuses_;  // stable addresses as threads start
  std::vector<std::thread> threads_;
};

// Returns the first row of each of `parts` consecutive parts of the band's rows 1..n with about
// as many cells each; the first part starts at row 1.
std::vector<int> SplitRows(const Band& band, int parts) {
  const int n = band.rows() - 1;
  parts = std::min(parts, n);
  std::vector<int> starts = {1};
  const int64_t total = band.cells();
  int64_t seen = 0;
  for (int i = 0; i <= n && static_cast<int>(starts.size()) < parts; ++i) {
    seen += band.hi(i) - band.lo(i) + 1;
    if (seen * parts >= total * static_cast<int64_t>(starts.size()) && i + 1 > starts.back() &&
        i + 1 <= n) {
      starts.push_back(i + 1);
    }
  }
  return starts;
}

}  // namespace

absl::StatusOr<LatticeResult> RunLattice(const PairFeatures& features,
                                         const LengthStatistics& length,
                                         const AlignOptions& options, int half_width,
                                         double temperature, const StopCondition& stop,
                                         int posterior_samples) {
  const int n = static_cast<int>(features.source.length.size());
  const int m = static_cast<int>(features.target.length.size());
  LatticeOptions lattice;
  lattice.temperature = temperature;
  lattice.posterior_samples = posterior_samples;
  return RunLattice(features, length, options, Band(n, m, half_width), lattice, stop);
}

absl::StatusOr<LatticeResult> RunLattice(const PairFeatures& features,
                                         const LengthStatistics& length,
                                         const AlignOptions& options, const Band& band,
                                         const LatticeOptions& lattice,
                                         const StopCondition& stop) {
  const int n = static_cast<int>(features.source.length.size());
  const int m = static_cast<int>(features.target.length.size());
  if (band.rows() != n + 1 || band.lo(0) != 0 || band.hi(n) != m) {
    return absl::InternalError("the search region does not span the two documents");
  }
  const std::vector<Move> moves = MovesFor(options);
  const double temperature = lattice.temperature;
  const int posterior_samples = lattice.posterior_samples;
  int max_run = 1;
  for (const Move& mv : moves) max_run = std::max({max_run, mv.source, mv.target});
  const BeadScorer scorer(features, length, options.weights, max_run, &band, &stop);
  RETURN_IF_ERROR(scorer.status());
  const double t = temperature;

  const int64_t cells = band.cells();
  const size_t k_moves = moves.size();
  // Costs of the forward sweep, kept for the backward one, the coverage sweeps and the draws.
  const bool cache = !lattice.best_path_only;
  LatticeCosts costs;
  if (cache) {
    RETURN_IF_ERROR(
        costs.Reset(cells * static_cast<int64_t>(k_moves), lattice.exact_costs, stop));
  }
  std::vector<double> best(cells, kInf);
  std::vector<uint8_t> back(cells, 0);
  std::vector<double> alpha(lattice.best_path_only ? 1 : cells, -kInf);
  // (0, 0) is always the first cell of the band.
  best[0] = 0;
  alpha[0] = 0;
  const bool reusing = lattice.reuse != nullptr && lattice.reuse->moves == k_moves;
  // Cell (i, j) in the earlier run's region, or -1.
  auto reused_cell = [&](int i, int j) -> int64_t {
    return reusing && i < lattice.reuse->band.rows() ? lattice.reuse->band.Index(i, j) : -1;
  };
  // The cost of the bead that ends at cell (i, j) with move k, from the earlier run's costs
  // when it has it (`reused` is reused_cell(i, j)).
  auto score = [&](int i, int j, int64_t reused, size_t k) {
    double cost = kInf;
    if (reused >= 0) cost = lattice.reuse->Get(reused * k_moves + k);
    if (cost == kInf) cost = scorer.Cost(i - moves[k].source, i, j - moves[k].target, j);
    return cost;
  };
  // With more than one thread (and the costs kept), the rows from `helped_from` on are scored
  // into the cache by helper threads while this one runs the sweep over the rows before them;
  // it then reads theirs. A helper scores every bead inside the region, reachable or not: the
  // extra costs are of cells no path reaches, which nothing reads.
  CostHelpers helpers;
  int helped_from = n + 1;
  if (cache && options.threads > 1 && n > 1) {
    const std::vector<int> starts = SplitRows(band, options.threads);
    helped_from = starts[1];
    for (size_t h = 1; h < starts.size(); ++h) {
      const int row_begin = starts[h];
      const int row_end = h + 1 < starts.size() ? starts[h + 1] : n + 1;
      helpers.Start([&, row_begin, row_end](const std::atomic<bool>& abandoned) -> absl::Status {
        StopPoller poll(stop, kScoredCellsPerCheck);
        for (int i = row_begin; i < row_end; ++i) {
          for (int j = band.lo(i); j <= band.hi(i); ++j) {
            if (abandoned.load(std::memory_order_relaxed)) return absl::OkStatus();
            RETURN_IF_ERROR(poll.Tick());
            const int64_t here = band.Index(i, j);
            const int64_t reused = reused_cell(i, j);
            for (size_t k = 0; k < k_moves; ++k) {
              const int pi = i - moves[k].source, pj = j - moves[k].target;
              if (pi < 0 || pj < 0 || band.Index(pi, pj) < 0) continue;
              costs.Set(here * k_moves + k, score(i, j, reused, k));
            }
          }
        }
        return absl::OkStatus();
      });
    }
  }
  // Checked every kScoredCellsPerCheck cells: outside the pair index a cell's 15 costs each
  // merge the anchors of their sentences, which on long documents took ~90 us a cell.
  StopPoller poll_forward(stop, kScoredCellsPerCheck);
  for (int i = 0; i <= n; ++i) {
    if (i == helped_from) RETURN_IF_ERROR(helpers.Join());
    const bool scored = i >= helped_from;
    for (int j = band.lo(i); j <= band.hi(i); ++j) {
      RETURN_IF_ERROR(poll_forward.Tick());
      const int64_t here = band.Index(i, j);
      if (i == 0 && j == 0) continue;
      const int64_t reused = scored ? -1 : reused_cell(i, j);
      double best_cost = kInf;
      LogSum log_sum;
      uint8_t best_move = 0;
      for (size_t k = 0; k < moves.size(); ++k) {
        const int pi = i - moves[k].source, pj = j - moves[k].target;
        if (pi < 0 || pj < 0) continue;
        const int64_t prev = band.Index(pi, pj);
        if (prev < 0 || best[prev] == kInf) continue;
        double cost;
        if (scored) {
          cost = costs.Get(here * k_moves + k);
        } else {
          cost = score(i, j, reused, k);
          if (cache) {
            // As kept (single precision on long documents), as the helpers' rows and every
            // later sweep read it: the result does not depend on the number of threads.
            costs.Set(here * k_moves + k, cost);
            cost = costs.Get(here * k_moves + k);
          }
        }
        if (best[prev] + cost < best_cost) {
          best_cost = best[prev] + cost;
          best_move = static_cast<uint8_t>(k);
        }
        if (!lattice.best_path_only) log_sum.Add(alpha[prev] - cost / t);
      }
      best[here] = best_cost;
      back[here] = best_move;
      if (!lattice.best_path_only) alpha[here] = log_sum.Result();
    }
  }
  const int64_t end = band.Index(n, m);
  if (best[end] == kInf) {
    // Without 1-0 and 0-1 beads, documents whose sentence counts differ too much (13 and 6
    // with beads of at most 2 a side) have no path at all: the caller's options forbid it.
    if (!options.allow_omissions) {
      return absl::InvalidArgumentError(absl::StrCat(
          "no alignment of ", n, " source and ", m, " target sentences without omissions, in beads "
          "of at most ", options.max_bead_sentences,
          " sentences a side within the search band: allow omissions, raise max_bead_sentences "
          "or widen the band"));
    }
    return absl::InternalError("the search band does not connect the two documents");
  }
  // The backward sweep at temperature `temp`, and the forward one (alpha) for a temperature
  // other than the Viterbi sweep's.
  auto backward = [&](double temp, std::vector<double>* out) -> absl::Status {
    std::vector<double>& b = *out;
    b.assign(cells, -kInf);
    b[end] = 0;
    StopPoller poll(stop, kCellsPerCheck);
    for (int i = n; i >= 0; --i) {
      RETURN_IF_ERROR(poll.Tick(band.hi(i) - band.lo(i) + 1));
      for (int j = band.hi(i); j >= band.lo(i); --j) {
        const int64_t here = band.Index(i, j);
        if (here == end) continue;
        LogSum log_sum;
        for (size_t k = 0; k < k_moves; ++k) {
          const int ni = i + moves[k].source, nj = j + moves[k].target;
          if (ni > n || nj > m) continue;
          const int64_t next = band.Index(ni, nj);
          if (next < 0 || b[next] == -kInf) continue;
          const double cost = cache ? costs.Get(next * k_moves + k) : scorer.Cost(i, ni, j, nj);
          log_sum.Add(b[next] - cost / temp);
        }
        b[here] = log_sum.Result();
      }
    }
    return absl::OkStatus();
  };
  auto forward = [&](double temp, std::vector<double>* out) -> absl::Status {
    std::vector<double>& a = *out;
    a.assign(cells, -kInf);
    a[0] = 0;
    StopPoller poll(stop, kCellsPerCheck);
    for (int i = 0; i <= n; ++i) {
      RETURN_IF_ERROR(poll.Tick(band.hi(i) - band.lo(i) + 1));
      for (int j = band.lo(i); j <= band.hi(i); ++j) {
        const int64_t here = band.Index(i, j);
        if (here == 0) continue;
        LogSum log_sum;
        for (size_t k = 0; k < k_moves; ++k) {
          const int pi = i - moves[k].source, pj = j - moves[k].target;
          if (pi < 0 || pj < 0) continue;
          const int64_t prev = band.Index(pi, pj);
          if (prev < 0 || a[prev] == -kInf) continue;
          const double cost = cache ? costs.Get(here * k_moves + k) : scorer.Cost(pi, i, pj, j);
          log_sum.Add(a[prev] - cost / temp);
        }
        a[here] = log_sum.Result();
      }
    }
    return absl::OkStatus();
  };
  std::vector<double> beta;
  if (!lattice.best_path_only) RETURN_IF_ERROR(backward(t, &beta));
  const double log_z = lattice.best_path_only ? 0 : alpha[end];
  LatticeResult result;
  result.best_cost = best[end];
  result.log_partition = log_z;
  int i = n, j = m;
  StopPoller poll_path(stop, 1024);
  while (i > 0 || j > 0) {
    RETURN_IF_ERROR(poll_path.Tick());
    // A path along the band's edge may have been pushed there by the band: say so.
    if ((j - band.lo(i) < kEdgeMargin && band.lo(i) > 0) ||
        (band.hi(i) - j < kEdgeMargin && band.hi(i) < m)) {
      if (result.edge_rows.empty() || result.edge_rows.back() != i) result.edge_rows.push_back(i);
    }
    const Move mv = moves[back[band.Index(i, j)]];
    const int pi = i - mv.source, pj = j - mv.target;
    Bead bead;
    for (int k = pi; k < i; ++k) bead.source.push_back(k);
    for (int k = pj; k < j; ++k) bead.target.push_back(k);
    std::vector<uint32_t> matched;
    const double cost =
        scorer.Cost(pi, i, pj, j, &bead.length_score, &bead.anchor_score, &matched);
    if (!lattice.best_path_only) {
      const double log_posterior =
          alpha[band.Index(pi, pj)] - cost / t + beta[band.Index(i, j)] - log_z;
      bead.confidence = std::clamp(std::exp(log_posterior), 0.0, 1.0);
    }
    for (uint32_t id : matched) {
      bead.anchors.push_back({features.vocabulary.kind[id], features.vocabulary.value[id]});
    }
    result.beads.push_back(std::move(bead));
    i = pi;
    j = pj;
  }
  std::reverse(result.beads.begin(), result.beads.end());
  std::reverse(result.edge_rows.begin(), result.edge_rows.end());
  auto finish = [&]() {
    if (lattice.keep_costs && cache) {
      costs.band = band;
      costs.moves = k_moves;
      result.costs = std::move(costs);
    }
    return std::move(result);
  };
  if (posterior_samples <= 0 || lattice.best_path_only) return finish();

  // Omissions and coverage are read at their own temperature (ModelWeights::
  // coverage_temperature): the bead confidences' tempering would spread an omission's
  // probability over complete translations. The confidences are taken: the sweeps at that
  // temperature reuse alpha's and beta's memory.
  const double ct = options.weights.coverage_temperature;
  if (ct != t) {
    RETURN_IF_ERROR(forward(ct, &alpha));
    RETURN_IF_ERROR(backward(ct, &beta));
  }
  const double coverage_log_z = alpha[end];
  {
    // Marginal posteriors of the one-sided beads: every 1-0 (0-1) bead that leaves sentence i (j)
    // alone, over every cell it can start from.
    result.omission_probability.assign(n, 0.0);
    result.addition_probability.assign(m, 0.0);
    if (options.allow_omissions) {
      StopPoller poll(stop, kCellsPerCheck);
      for (int row = 0; row <= n; ++row) {
        RETURN_IF_ERROR(poll.Tick(band.hi(row) - band.lo(row) + 1));
        for (int col = band.lo(row); col <= band.hi(row); ++col) {
          const int64_t here = band.Index(row, col);
          if (alpha[here] == -kInf) continue;
          if (const int64_t next = band.Index(row + 1, col); row < n && next >= 0) {
            result.omission_probability[row] +=
                std::exp(alpha[here] - scorer.Cost(row, row + 1, col, col) / ct + beta[next] -
                         coverage_log_z);
          }
          if (const int64_t next = band.Index(row, col + 1); col < m && next >= 0) {
            result.addition_probability[col] +=
                std::exp(alpha[here] - scorer.Cost(row, row, col, col + 1) / ct + beta[next] -
                         coverage_log_z);
          }
        }
      }
      for (double& p : result.omission_probability) p = std::min(p, 1.0);
      for (double& p : result.addition_probability) p = std::min(p, 1.0);
    }
  }

  // Paths drawn backwards from the end: at each cell, the bead that ends there is chosen with
  // probability alpha(start) * exp(-cost / ct) / alpha(end) (forward filtering, backward
  // sampling). A fixed-seed generator keeps the draws the same for the same input.
  std::mt19937_64 random(0x6e657773616c6eULL);
  // The draws keep to a few cells near the best path: each cell's bead weights are computed
  // on its first visit and kept (k_moves weights and their total, from memo[cell]).
  std::vector<int32_t> memo(cells, -1);
  std::vector<double> memo_weights;
  // As in the sweeps, not at every step: a server's cancellation check takes a lock. A path
  // of a long document has as many steps as an article's 200 draws.
  StopPoller poll_draws(stop, 4096);
  for (int sample = 0; sample < posterior_samples; ++sample) {
    std::vector<int> omitted;
    int si = n, sj = m;
    while (si > 0 || sj > 0) {
      RETURN_IF_ERROR(poll_draws.Tick());
      const int64_t here = band.Index(si, sj);
      if (memo[here] < 0) {
        if (memo_weights.size() + k_moves + 1 > static_cast<size_t>(INT32_MAX)) {
          return absl::ResourceExhaustedError("too many cells drawn for the coverage interval");
        }
        memo[here] = static_cast<int32_t>(memo_weights.size());
        double sum = 0;
        for (size_t k = 0; k < k_moves; ++k) {
          double weight = 0;
          const int pi = si - moves[k].source, pj = sj - moves[k].target;
          const int64_t prev = pi < 0 || pj < 0 ? -1 : band.Index(pi, pj);
          if (prev >= 0 && alpha[prev] != -kInf) {
            const double cost =
                cache ? costs.Get(here * k_moves + k) : scorer.Cost(pi, si, pj, sj);
            weight = std::exp(alpha[prev] - cost / ct - alpha[here]);
          }
          memo_weights.push_back(weight);
          sum += weight;
        }
        memo_weights.push_back(sum);
      }
      const double* weights = memo_weights.data() + memo[here];
      const double total = weights[k_moves];
      // 53 random bits, uniform in [0, total).
      double draw = static_cast<double>(random() >> 11) * 0x1.0p-53 * total;
      size_t chosen = k_moves;
      for (size_t k = 0; k < k_moves; ++k) {
        if (weights[k] <= 0) continue;
        chosen = k;
        if (draw < weights[k]) break;
        draw -= weights[k];
      }
      if (chosen == k_moves) return absl::InternalError("posterior sampling found no bead");
      if (moves[chosen].target == 0) {
        for (int k = si - moves[chosen].source; k < si; ++k) omitted.push_back(k);
      }
      si -= moves[chosen].source;
      sj -= moves[chosen].target;
    }
    std::sort(omitted.begin(), omitted.end());
    result.sampled_omissions.push_back(std::move(omitted));
  }
  return finish();
}

}  // namespace newsalign
