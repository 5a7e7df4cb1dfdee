#include "alignment/aligner.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "alignment/sentence_features.h"
#include "alignment/status_macros.h"

namespace newsalign {

absl::Status AlignOptions::Validate() const {
  if (max_bead_sentences < 1 || max_bead_sentences > 3) {
    return absl::InvalidArgumentError(absl::StrCat(
        "max_bead_sentences must be between 1 and 3, got ", max_bead_sentences));
  }
  if (band < 0 || band > 100000) {
    return absl::InvalidArgumentError(
        absl::StrCat("band must be between 0 (automatic) and 100000, got ", band));
  }
  if (limits.max_sentences < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("limits.max_sentences must be at least 1, got ", limits.max_sentences));
  }
  if (limits.max_dp_cells < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("limits.max_dp_cells must be at least 1, got ", limits.max_dp_cells));
  }
  if (!(weights.temperature > 0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("weights.temperature must be positive, got ", weights.temperature));
  }
  return absl::OkStatus();
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// A move of the dynamic programme: how many source and target sentences the bead takes.
struct Move {
  int source;
  int target;
};

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
  }
  return moves;
}

double LogAddExp(double a, double b) {
  if (a == -kInf) return b;
  if (b == -kInf) return a;
  return a > b ? a + std::log1p(std::exp(b - a)) : b + std::log1p(std::exp(a - b));
}

// The search band: row i (source sentences consumed) spans target positions [lo[i], hi[i]].
class Band {
 public:
  Band(int n, int m, int half_width) : lo_(n + 1), hi_(n + 1), offset_(n + 2) {
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
  static int64_t CountCells(int n, int m, int half_width) {
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
  int lo(int i) const { return lo_[i]; }
  int hi(int i) const { return hi_[i]; }
  int64_t cells() const { return offset_.back(); }
  // Returns the flat index of (i, j), or -1 outside the band.
  int64_t Index(int i, int j) const {
    if (i < 0 || i >= static_cast<int>(lo_.size()) || j < lo_[i] || j > hi_[i]) return -1;
    return offset_[i] + (j - lo_[i]);
  }

 private:
  std::vector<int> lo_, hi_;
  std::vector<int64_t> offset_;
};

// Everything the cost of one bead depends on.
class BeadScorer {
 public:
  BeadScorer(const PairFeatures& features, const LengthStatistics& length,
             const ModelWeights& weights)
      : f_(features), length_(length), w_(weights) {
    prefix_source_.assign(1, 0);
    for (double l : f_.source.length) prefix_source_.push_back(prefix_source_.back() + l);
    prefix_target_.assign(1, 0);
    for (double l : f_.target.length) prefix_target_.push_back(prefix_target_.back() + l);
  }

  // Length deviation of a bead in standard units.
  double Deviation(double ls, double lt) const {
    const double mean = std::max(1.0, (length_.ratio * ls + lt) / 2);
    return (lt - length_.ratio * ls) / std::sqrt(length_.variance * mean);
  }

  // Returns the cost of the bead of source [i0, i1) and target [j0, j1); when `detail` is set,
  // also its length score, anchor score and matched anchor ids.
  double Cost(int i0, int i1, int j0, int j1, double* length_score = nullptr,
              double* anchor_score = nullptr, std::vector<uint32_t>* matched = nullptr) const {
    const int ns = i1 - i0, nt = j1 - j0;
    const double ls = prefix_source_[i1] - prefix_source_[i0];
    const double lt = prefix_target_[j1] - prefix_target_[j0];
    if (ns == 0 || nt == 0) {
      if (length_score) *length_score = 0;
      if (anchor_score) *anchor_score = 0;
      // Target characters are priced in source units, so omissions and additions compare.
      const double chars = ns == 0 ? lt / std::max(length_.ratio, 1e-3) : ls;
      return w_.omission_fixed + w_.omission_per_char * chars;
    }
    double prior = w_.prior_1_1;
    if (ns + nt == 3) prior = w_.prior_1_2;
    if (ns == 2 && nt == 2) prior = w_.prior_2_2;
    if (ns + nt == 4 && ns != nt) prior = w_.prior_1_3;
    const double z = Deviation(ls, lt);
    const double length_cost = w_.length_weight * std::sqrt(2.0) * std::fabs(z);
    if (length_score) *length_score = std::erfc(std::fabs(z) / std::sqrt(2.0));

    // Anchor evidence: matched weight minus penalties for occurrences on one side only.
    Gather(f_.source.anchors, i0, i1, &source_ids_);
    Gather(f_.target.anchors, j0, j1, &target_ids_);
    double gain = 0, loss = 0;
    size_t a = 0, b = 0;
    const auto& weight = f_.vocabulary.weight;
    const auto& penalty = f_.vocabulary.penalty;
    while (a < source_ids_.size() || b < target_ids_.size()) {
      if (b == target_ids_.size() || (a < source_ids_.size() && source_ids_[a] < target_ids_[b])) {
        loss += penalty[source_ids_[a++]];
      } else if (a == source_ids_.size() || target_ids_[b] < source_ids_[a]) {
        loss += penalty[target_ids_[b++]];
      } else {
        gain += weight[source_ids_[a]];
        if (matched) matched->push_back(source_ids_[a]);
        ++a;
        ++b;
      }
    }
    const double evidence = std::min(gain, w_.anchor_cap);
    if (anchor_score) *anchor_score = w_.anchor_cap > 0 ? evidence / w_.anchor_cap : 0;
    return prior + length_cost - evidence + loss;
  }

 private:
  static void Gather(const std::vector<std::vector<uint32_t>>& anchors, int begin, int end,
                     std::vector<uint32_t>* out) {
    out->clear();
    for (int k = begin; k < end; ++k) out->insert(out->end(), anchors[k].begin(), anchors[k].end());
    if (end - begin > 1) std::sort(out->begin(), out->end());
  }

  const PairFeatures& f_;
  LengthStatistics length_;
  const ModelWeights& w_;
  std::vector<double> prefix_source_, prefix_target_;
  mutable std::vector<uint32_t> source_ids_, target_ids_;
};

struct LatticeResult {
  // Beads of the best path, with posteriors.
  std::vector<Bead> beads;
};

absl::StatusOr<LatticeResult> RunLattice(const PairFeatures& features,
                                         const LengthStatistics& length,
                                         const AlignOptions& options, int half_width,
                                         const StopCondition& stop) {
  const int n = static_cast<int>(features.source.length.size());
  const int m = static_cast<int>(features.target.length.size());
  const std::vector<Move> moves = MovesFor(options);
  const Band band(n, m, half_width);
  const BeadScorer scorer(features, length, options.weights);
  const double t = options.weights.temperature;

  const int64_t cells = band.cells();
  std::vector<double> best(cells, kInf);
  std::vector<uint8_t> back(cells, 0);
  std::vector<double> alpha(cells, -kInf);
  best[band.Index(0, 0)] = 0;
  alpha[band.Index(0, 0)] = 0;
  for (int i = 0; i <= n; ++i) {
    if ((i & 31) == 0) RETURN_IF_ERROR(stop.Check());
    for (int j = band.lo(i); j <= band.hi(i); ++j) {
      const int64_t here = band.Index(i, j);
      if (i == 0 && j == 0) continue;
      double best_cost = kInf, log_sum = -kInf;
      uint8_t best_move = 0;
      for (size_t k = 0; k < moves.size(); ++k) {
        const int pi = i - moves[k].source, pj = j - moves[k].target;
        if (pi < 0 || pj < 0) continue;
        const int64_t prev = band.Index(pi, pj);
        if (prev < 0 || best[prev] == kInf) continue;
        const double cost = scorer.Cost(pi, i, pj, j);
        if (best[prev] + cost < best_cost) {
          best_cost = best[prev] + cost;
          best_move = static_cast<uint8_t>(k);
        }
        log_sum = LogAddExp(log_sum, alpha[prev] - cost / t);
      }
      best[here] = best_cost;
      back[here] = best_move;
      alpha[here] = log_sum;
    }
  }
  const int64_t end = band.Index(n, m);
  if (best[end] == kInf) {
    return absl::InternalError("the search band does not connect the two documents");
  }
  std::vector<double> beta(cells, -kInf);
  beta[end] = 0;
  for (int i = n; i >= 0; --i) {
    if ((i & 31) == 0) RETURN_IF_ERROR(stop.Check());
    for (int j = band.hi(i); j >= band.lo(i); --j) {
      const int64_t here = band.Index(i, j);
      if (here == end) continue;
      double log_sum = -kInf;
      for (const Move& mv : moves) {
        const int ni = i + mv.source, nj = j + mv.target;
        if (ni > n || nj > m) continue;
        const int64_t next = band.Index(ni, nj);
        if (next < 0 || beta[next] == -kInf) continue;
        log_sum = LogAddExp(log_sum, beta[next] - scorer.Cost(i, ni, j, nj) / t);
      }
      beta[here] = log_sum;
    }
  }
  const double log_z = alpha[end];

  LatticeResult result;
  int i = n, j = m;
  while (i > 0 || j > 0) {
    const Move mv = moves[back[band.Index(i, j)]];
    const int pi = i - mv.source, pj = j - mv.target;
    Bead bead;
    for (int k = pi; k < i; ++k) bead.source.push_back(k);
    for (int k = pj; k < j; ++k) bead.target.push_back(k);
    std::vector<uint32_t> matched;
    const double cost =
        scorer.Cost(pi, i, pj, j, &bead.length_score, &bead.anchor_score, &matched);
    const double log_posterior = alpha[band.Index(pi, pj)] - cost / t + beta[band.Index(i, j)] - log_z;
    bead.confidence = std::clamp(std::exp(log_posterior), 0.0, 1.0);
    for (uint32_t id : matched) {
      bead.anchors.push_back({features.vocabulary.kind[id], features.vocabulary.value[id]});
    }
    result.beads.push_back(std::move(bead));
    i = pi;
    j = pj;
  }
  std::reverse(result.beads.begin(), result.beads.end());
  return result;
}

// Estimates the length ratio and a robust variance from confident 1-1 beads.
LengthStatistics EstimateLength(const PairFeatures& f, const std::vector<Bead>& beads,
                                const LengthStatistics& fallback, const ModelWeights& w) {
  double sum_source = 0, sum_target = 0;
  std::vector<const Bead*> confident;
  for (const Bead& b : beads) {
    if (b.source.size() == 1 && b.target.size() == 1 && b.confidence >= 0.8) {
      confident.push_back(&b);
      sum_source += f.source.length[b.source[0]];
      sum_target += f.target.length[b.target[0]];
    }
  }
  if (confident.size() < 8 || sum_source <= 0 || sum_target <= 0) return fallback;
  LengthStatistics s;
  s.ratio = sum_target / sum_source;
  std::vector<double> deviations;
  for (const Bead* b : confident) {
    const double ls = f.source.length[b->source[0]], lt = f.target.length[b->target[0]];
    const double mean = std::max(1.0, (s.ratio * ls + lt) / 2);
    deviations.push_back(std::fabs(lt - s.ratio * ls) / std::sqrt(mean));
  }
  std::nth_element(deviations.begin(), deviations.begin() + deviations.size() / 2,
                   deviations.end());
  const double mad = deviations[deviations.size() / 2];
  s.variance = std::clamp(std::pow(1.4826 * mad, 2), w.variance_min, w.variance_max);
  return s;
}

// Learns word associations from confident 1-1 beads (Moore 2002, first pass) and adds each
// associated word pair as a lexicon anchor to the sentences that contain its words.
void AddLearnedAssociations(const std::vector<Bead>& beads, const ModelWeights& w,
                            PairFeatures* f) {
  std::vector<std::pair<int, int>> pairs;
  for (const Bead& b : beads) {
    if (b.source.size() == 1 && b.target.size() == 1 && b.confidence >= 0.9) {
      pairs.emplace_back(b.source[0], b.target[0]);
    }
  }
  if (pairs.size() < 10) return;
  absl::flat_hash_map<std::string, int> count_source, count_target;
  absl::flat_hash_map<std::pair<std::string, std::string>, int> count_pair;
  for (const auto& [s, t] : pairs) {
    absl::flat_hash_set<std::string> ws(f->source.words[s].begin(), f->source.words[s].end());
    absl::flat_hash_set<std::string> wt(f->target.words[t].begin(), f->target.words[t].end());
    for (const auto& a : ws) ++count_source[a];
    for (const auto& b : wt) ++count_target[b];
    for (const auto& a : ws) {
      for (const auto& b : wt) ++count_pair[{a, b}];
    }
  }
  // Keep pairs seen together at least twice with a high Dice coefficient, and not identical
  // strings (those are token anchors already).
  absl::flat_hash_map<std::string, std::vector<std::pair<std::string, uint32_t>>> by_source;
  absl::flat_hash_map<std::string, std::vector<uint32_t>> by_target;
  for (const auto& [key, together] : count_pair) {
    if (together < 2 || key.first == key.second) continue;
    const double dice =
        2.0 * together / (count_source[key.first] + count_target[key.second]);
    if (dice < w.association_min_dice) continue;
    const uint32_t id = f->vocabulary.Add(AnchorKind::kLexicon,
                                          absl::StrCat(key.first, "=", key.second),
                                          w.association_weight * dice, 0);
    by_source[key.first].push_back({key.second, id});
    by_target[key.second].push_back(id);
  }
  for (size_t s = 0; s < f->source.words.size(); ++s) {
    absl::flat_hash_set<uint32_t> added;
    for (const std::string& word : f->source.words[s]) {
      auto it = by_source.find(word);
      if (it == by_source.end()) continue;
      for (const auto& [unused, id] : it->second) {
        if (added.insert(id).second) AddAnchor(&f->source, static_cast<int>(s), id);
      }
    }
  }
  for (size_t t = 0; t < f->target.words.size(); ++t) {
    absl::flat_hash_set<uint32_t> added;
    for (const std::string& word : f->target.words[t]) {
      auto it = by_target.find(word);
      if (it == by_target.end()) continue;
      for (uint32_t id : it->second) {
        if (added.insert(id).second) AddAnchor(&f->target, static_cast<int>(t), id);
      }
    }
  }
}

}  // namespace

absl::StatusOr<Alignment> AlignSentences(const AlignInput& source, const AlignInput& target,
                                         const AlignOptions& options, const StopCondition& stop) {
  RETURN_IF_ERROR(options.Validate());
  const int n = static_cast<int>(source.sentences.size());
  const int m = static_cast<int>(target.sentences.size());
  for (const auto& [side, count] : {std::pair<const char*, int>{"source", n}, {"target", m}}) {
    if (count > options.limits.max_sentences) {
      return absl::ResourceExhaustedError(absl::StrCat(
          side, " has ", count, " sentences; the limit is ", options.limits.max_sentences,
          " (limits.max_sentences): split the document or raise the limit"));
    }
  }
  int half_width = options.band;
  if (half_width == 0) {
    // Wide enough for the size difference and for long runs of omissions.
    const double slope = n > 0 && m > 0 ? std::max(double(m) / n, double(n) / m) : 1;
    half_width = std::max(250, static_cast<int>(4 * slope) + 20);
  }
  half_width = std::max(half_width, 4);
  const int64_t cells = Band::CountCells(n, m, half_width);
  if (cells > options.limits.max_dp_cells) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "aligning ", n, " x ", m, " sentences needs ", cells,
        " search cells; the limit is ", options.limits.max_dp_cells,
        " (limits.max_dp_cells): narrow the band, split the document or raise the limit"));
  }
  RETURN_IF_ERROR(stop.Check());

  Alignment alignment;
  if (n == 0 && m == 0) return alignment;
  PairFeatures features = BuildPairFeatures(source.sentences, target.sentences, options.weights,
                                            options.disabled_anchors);
  LengthStatistics length;
  {
    double ls = 0, lt = 0;
    for (double l : features.source.length) ls += l;
    for (double l : features.target.length) lt += l;
    if (ls > 0 && lt > 0) length.ratio = lt / ls;
    length.variance = options.weights.variance_initial;
  }
  ASSIGN_OR_RETURN(LatticeResult first, RunLattice(features, length, options, half_width, stop));
  if (options.second_pass && n > 0 && m > 0) {
    length = EstimateLength(features, first.beads, length, options.weights);
    const bool lexicon_enabled =
        std::find(options.disabled_anchors.begin(), options.disabled_anchors.end(),
                  AnchorKind::kLexicon) == options.disabled_anchors.end();
    if (lexicon_enabled) AddLearnedAssociations(first.beads, options.weights, &features);
    ASSIGN_OR_RETURN(first, RunLattice(features, length, options, half_width, stop));
  }
  alignment.beads = std::move(first.beads);
  alignment.length = length;
  return alignment;
}

}  // namespace newsalign
