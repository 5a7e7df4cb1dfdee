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
                       const StopCondition* stop)
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
  if (starts_source_.empty() || starts_target_.empty()) return 0;
  double penalty = 0;
  // Whether the bead's first sentence starts a paragraph, from the prefix counts (reading
  // SideFeatures::paragraph_start, a vector<bool>, cost more than the rest of the function).
  const bool source_starts = starts_source_[i0 + 1] > starts_source_[i0];
  const bool target_starts = starts_target_[j0 + 1] > starts_target_[j0];
  if (source_starts != target_starts) penalty += w_.paragraph_boundary_penalty;
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

double BeadScorer::Combine(int i0, int i1, int j0, int j1, const Evidence& evidence,
                           double* length_score, double* anchor_score) const {
  const int ns = i1 - i0, nt = j1 - j0;
  const double ls = prefix_source_[i1] - prefix_source_[i0];
  const double lt = prefix_target_[j1] - prefix_target_[j0];
  const double prior = Prior(ns, nt);
  const double z = Deviation(ls, lt);
  const double length_cost = LengthCost(w_, z);
  if (length_score) *length_score = LengthScore(z);
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
    if (!silent) return;
    // A side of one sentence has no silent sentence (silence() below): its found weight is
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

}  // namespace newsalign
