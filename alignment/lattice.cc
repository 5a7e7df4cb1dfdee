#include "alignment/lattice.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <random>

#include "absl/types/span.h"
#include "alignment/status_macros.h"

namespace newsalign {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Most bead costs kept between the forward and the backward sweep (8 bytes each).
constexpr int64_t kMaxCachedCosts = 16 << 20;
// A path closer than this to the band's edge may have been bent by the band.
constexpr int kEdgeMargin = 3;

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
                       const ModelWeights& weights, int max_run)
    : f_(features),
      length_(length),
      w_(weights),
      source_runs_(MergeRuns(features.source.anchors, max_run)),
      target_runs_(MergeRuns(features.target.anchors, max_run)) {
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
  const double ls = prefix_source_[i1] - prefix_source_[i0];
  const double lt = prefix_target_[j1] - prefix_target_[j0];
  if (ns == 0 || nt == 0) {
    if (length_score) *length_score = 0;
    if (anchor_score) *anchor_score = 0;
    // Target characters are priced in source units, so omissions and additions compare.
    const double chars = ns == 0 ? lt / std::max(length_.ratio, 1e-3) : ls;
    if (ns + nt == 1 && (ns == 1 ? f_.source.noise[i0] : f_.target.noise[j0])) {
      return w_.noise_omission;
    }
    return w_.omission_fixed + w_.omission_per_char * chars;
  }
  const int small = std::min(ns, nt), large = std::max(ns, nt);
  double prior = w_.prior_1_1;
  if (small == 1 && large == 2) prior = w_.prior_1_2;
  if (small == 2 && large == 2) prior = w_.prior_2_2;
  if (small == 1 && large == 3) prior = w_.prior_1_3;
  if (small == 2 && large == 3) prior = w_.prior_2_3;
  if (small == 1 && large == 4) prior = w_.prior_1_4;
  if (small == 1 && large == 5) prior = w_.prior_1_5;
  const double z = Deviation(ls, lt);
  const double length_cost = w_.length_weight * std::sqrt(2.0) * std::fabs(z);
  if (length_score) *length_score = std::erfc(std::fabs(z) / std::sqrt(2.0));

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
  const absl::Span<const uint32_t> source_ids =
      ids_of(source_runs_, f_.source.anchors, i0, i1, &source_ids_);
  const absl::Span<const uint32_t> target_ids =
      ids_of(target_runs_, f_.target.anchors, j0, j1, &target_ids_);
  double gain = 0, loss = 0;
  size_t a = 0, b = 0;
  matched_ids_.clear();
  const auto& weight = f_.vocabulary.weight;
  const auto& penalty = f_.vocabulary.penalty;
  while (a < source_ids.size() || b < target_ids.size()) {
    if (b == target_ids.size() || (a < source_ids.size() && source_ids[a] < target_ids[b])) {
      loss += penalty[source_ids[a++]];
    } else if (a == source_ids.size() || target_ids[b] < source_ids[a]) {
      loss += penalty[target_ids[b++]];
    } else {
      gain += weight[source_ids[a]];
      matched_ids_.push_back(source_ids[a]);
      ++a;
      ++b;
    }
  }
  if (matched) matched->insert(matched->end(), matched_ids_.begin(), matched_ids_.end());
  loss = std::min(loss, w_.penalty_cap);
  // In a merged side, a sentence none of whose anchors is found across the bead is likely an
  // omission or an addition glued to its neighbour.
  if (w_.silent_sentence_penalty > 0 && (ns > 1 || nt > 1) && gain > 0) {
    loss += w_.silent_sentence_penalty *
            (SilentSentences(f_.source.anchors, i0, i1, matched_ids_, weight,
                             w_.silent_sentence_threshold) +
             SilentSentences(f_.target.anchors, j0, j1, matched_ids_, weight,
                             w_.silent_sentence_threshold));
  }
  loss += w_.orphan_number_penalty * (orphans_source_[i1] - orphans_source_[i0] +
                                      orphans_target_[j1] - orphans_target_[j0]);
  loss += LayoutPenalty(i0, i1, j0, j1);
  const double evidence = std::min(gain, w_.anchor_cap);
  if (anchor_score) *anchor_score = w_.anchor_cap > 0 ? evidence / w_.anchor_cap : 0;
  return prior + length_cost - evidence + loss;
}

absl::StatusOr<LatticeResult> RunLattice(const PairFeatures& features,
                                         const LengthStatistics& length,
                                         const AlignOptions& options, int half_width,
                                         double temperature, const StopCondition& stop,
                                         int posterior_samples) {
  const int n = static_cast<int>(features.source.length.size());
  const int m = static_cast<int>(features.target.length.size());
  const std::vector<Move> moves = MovesFor(options);
  const Band band(n, m, half_width);
  int max_run = 1;
  for (const Move& mv : moves) max_run = std::max({max_run, mv.source, mv.target});
  const BeadScorer scorer(features, length, options.weights, max_run);
  const double t = temperature;

  const int64_t cells = band.cells();
  const size_t k_moves = moves.size();
  // Costs of the forward sweep, kept for the backward one when they fit in the budget.
  const bool cache = cells * static_cast<int64_t>(k_moves) <= kMaxCachedCosts;
  std::vector<double> cost_of(cache ? cells * k_moves : 0, kInf);
  std::vector<double> best(cells, kInf);
  std::vector<uint8_t> back(cells, 0);
  std::vector<double> alpha(cells, -kInf);
  // (0, 0) is always the first cell of the band.
  best[0] = 0;
  alpha[0] = 0;
  for (int i = 0; i <= n; ++i) {
    if ((i & 31) == 0) RETURN_IF_ERROR(stop.Check());
    for (int j = band.lo(i); j <= band.hi(i); ++j) {
      const int64_t here = band.Index(i, j);
      if (i == 0 && j == 0) continue;
      double best_cost = kInf;
      LogSum log_sum;
      uint8_t best_move = 0;
      for (size_t k = 0; k < moves.size(); ++k) {
        const int pi = i - moves[k].source, pj = j - moves[k].target;
        if (pi < 0 || pj < 0) continue;
        const int64_t prev = band.Index(pi, pj);
        if (prev < 0 || best[prev] == kInf) continue;
        const double cost = scorer.Cost(pi, i, pj, j);
        if (cache) cost_of[here * k_moves + k] = cost;
        if (best[prev] + cost < best_cost) {
          best_cost = best[prev] + cost;
          best_move = static_cast<uint8_t>(k);
        }
        log_sum.Add(alpha[prev] - cost / t);
      }
      best[here] = best_cost;
      back[here] = best_move;
      alpha[here] = log_sum.Result();
    }
  }
  const int64_t end = band.Index(n, m);
  if (best[end] == kInf) {
    return absl::InternalError("the search band does not connect the two documents");
  }
  // The backward sweep at temperature `temp`, and the forward one (alpha) for a temperature
  // other than the Viterbi sweep's.
  auto backward = [&](double temp, std::vector<double>* out) -> absl::Status {
    std::vector<double>& b = *out;
    b.assign(cells, -kInf);
    b[end] = 0;
    for (int i = n; i >= 0; --i) {
      if ((i & 31) == 0) RETURN_IF_ERROR(stop.Check());
      for (int j = band.hi(i); j >= band.lo(i); --j) {
        const int64_t here = band.Index(i, j);
        if (here == end) continue;
        LogSum log_sum;
        for (size_t k = 0; k < k_moves; ++k) {
          const int ni = i + moves[k].source, nj = j + moves[k].target;
          if (ni > n || nj > m) continue;
          const int64_t next = band.Index(ni, nj);
          if (next < 0 || b[next] == -kInf) continue;
          const double cost = cache ? cost_of[next * k_moves + k] : scorer.Cost(i, ni, j, nj);
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
    for (int i = 0; i <= n; ++i) {
      if ((i & 31) == 0) RETURN_IF_ERROR(stop.Check());
      for (int j = band.lo(i); j <= band.hi(i); ++j) {
        const int64_t here = band.Index(i, j);
        if (here == 0) continue;
        LogSum log_sum;
        for (size_t k = 0; k < k_moves; ++k) {
          const int pi = i - moves[k].source, pj = j - moves[k].target;
          if (pi < 0 || pj < 0) continue;
          const int64_t prev = band.Index(pi, pj);
          if (prev < 0 || a[prev] == -kInf) continue;
          const double cost = cache ? cost_of[here * k_moves + k] : scorer.Cost(pi, i, pj, j);
          log_sum.Add(a[prev] - cost / temp);
        }
        a[here] = log_sum.Result();
      }
    }
    return absl::OkStatus();
  };
  std::vector<double> beta;
  RETURN_IF_ERROR(backward(t, &beta));
  const double log_z = alpha[end];
  LatticeResult result;
  result.best_cost = best[end];
  result.log_partition = log_z;
  int i = n, j = m;
  while (i > 0 || j > 0) {
    // A path along the band's edge may have been pushed there by the band: say so.
    if ((j - band.lo(i) < kEdgeMargin && band.lo(i) > 0) ||
        (band.hi(i) - j < kEdgeMargin && band.hi(i) < m)) {
      result.touches_band_edge = true;
    }
    const Move mv = moves[back[band.Index(i, j)]];
    const int pi = i - mv.source, pj = j - mv.target;
    Bead bead;
    for (int k = pi; k < i; ++k) bead.source.push_back(k);
    for (int k = pj; k < j; ++k) bead.target.push_back(k);
    std::vector<uint32_t> matched;
    const double cost =
        scorer.Cost(pi, i, pj, j, &bead.length_score, &bead.anchor_score, &matched);
    const double log_posterior =
        alpha[band.Index(pi, pj)] - cost / t + beta[band.Index(i, j)] - log_z;
    bead.confidence = std::clamp(std::exp(log_posterior), 0.0, 1.0);
    for (uint32_t id : matched) {
      bead.anchors.push_back({features.vocabulary.kind[id], features.vocabulary.value[id]});
    }
    result.beads.push_back(std::move(bead));
    i = pi;
    j = pj;
  }
  std::reverse(result.beads.begin(), result.beads.end());
  if (posterior_samples <= 0) return result;

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
      for (int row = 0; row <= n; ++row) {
        if ((row & 31) == 0) RETURN_IF_ERROR(stop.Check());
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
  std::vector<double> weights(k_moves);
  for (int sample = 0; sample < posterior_samples; ++sample) {
    // As in the sweeps, not at every step: a server's cancellation check takes a lock.
    if ((sample & 31) == 0) RETURN_IF_ERROR(stop.Check());
    std::vector<int> omitted;
    int si = n, sj = m;
    while (si > 0 || sj > 0) {
      const int64_t here = band.Index(si, sj);
      double total = 0;
      for (size_t k = 0; k < k_moves; ++k) {
        weights[k] = 0;
        const int pi = si - moves[k].source, pj = sj - moves[k].target;
        if (pi < 0 || pj < 0) continue;
        const int64_t prev = band.Index(pi, pj);
        if (prev < 0 || alpha[prev] == -kInf) continue;
        const double cost = cache ? cost_of[here * k_moves + k] : scorer.Cost(pi, si, pj, sj);
        weights[k] = std::exp(alpha[prev] - cost / ct - alpha[here]);
        total += weights[k];
      }
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
  return result;
}

}  // namespace newsalign
