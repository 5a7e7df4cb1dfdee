#include "align/bead_scorer.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>

#include "absl/types/span.h"
#include "align/length_model.h"
#include "base/status_macros.h"

namespace newsalign {
namespace {

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

BeadPrior PriorOf(int ns, int nt) {
  const int small = std::min(ns, nt), large = std::max(ns, nt);
  if (small == 0) return BeadPrior::kOmission;
  if (small == 1 && large == 2) return BeadPrior::k1_2;
  if (small == 2 && large == 2) return BeadPrior::k2_2;
  if (small == 1 && large == 3) return BeadPrior::k1_3;
  if (small == 2 && large == 3) return BeadPrior::k2_3;
  if (small == 1 && large == 4) return BeadPrior::k1_4;
  if (small == 1 && large == 5) return BeadPrior::k1_5;
  return BeadPrior::k1_1;
}

double ModelWeights::*PriorWeight(BeadPrior prior) {
  switch (prior) {
    case BeadPrior::k1_1: return &ModelWeights::prior_1_1;
    case BeadPrior::k1_2: return &ModelWeights::prior_1_2;
    case BeadPrior::k2_2: return &ModelWeights::prior_2_2;
    case BeadPrior::k1_3: return &ModelWeights::prior_1_3;
    case BeadPrior::k2_3: return &ModelWeights::prior_2_3;
    case BeadPrior::k1_4: return &ModelWeights::prior_1_4;
    case BeadPrior::k1_5: return &ModelWeights::prior_1_5;
    case BeadPrior::kOmission: return &ModelWeights::omission_fixed;
  }
  return &ModelWeights::prior_1_1;
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
                       const StopCondition* stop, int threads)
    : f_(features),
      length_(length),
      w_(weights),
      // With a region, the pair index serves every bead inside it; the rare one outside
      // gathers its anchors.
      source_runs_(region ? std::vector<Runs>() : MergeRuns(features.source.anchors, max_run)),
      target_runs_(region ? std::vector<Runs>() : MergeRuns(features.target.anchors, max_run)) {
  for (int small = 1; small <= kMaxBeadSentences; ++small) {
    for (int large = small; large <= kMaxBeadSentences; ++large) {
      prior_[small][large] = w_.*PriorWeight(PriorOf(small, large));
    }
  }
  // Prefix sums, sized at once: out[0] = 0, out[i + 1] = out[i] + values[i].
  auto prefix_sums = [](const std::vector<double>& values, std::vector<double>* out) {
    out->assign(values.size() + 1, 0);
    for (size_t i = 0; i < values.size(); ++i) (*out)[i + 1] = (*out)[i] + values[i];
  };
  prefix_sums(f_.source.length, &prefix_source_);
  prefix_sums(f_.target.length, &prefix_target_);
  prefix_sums(f_.source.orphan_numbers, &orphans_source_);
  prefix_sums(f_.target.orphan_numbers, &orphans_target_);
  // Prefix counts of paragraph starts and headings, when both sides have paragraphs.
  if (!f_.source.paragraph_start.empty() && !f_.target.paragraph_start.empty()) {
    auto prefix = [](const std::vector<bool>& flags) {
      std::vector<int> out(1, 0);
      out.reserve(flags.size() + 1);
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
    out.reserve(side.anchors.size() + 1);
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
  if (region != nullptr) {
    BuildPairIndex(*region, max_run, stop ? *stop : StopCondition(), threads);
  }
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

}  // namespace newsalign
