#include "align/aligner.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "align/corridor.h"
#include "align/lattice.h"
#include "align/sentence_features.h"
#include "base/side_by_side.h"
#include "base/status_macros.h"

namespace newsalign {

absl::Status AlignOptions::Validate() const {
  if (max_bead_sentences < 1 || max_bead_sentences > 5) {
    return absl::InvalidArgumentError(absl::StrCat(
        "max_bead_sentences must be between 1 and 5, got ", max_bead_sentences));
  }
  if (band < 0 || band > 100000) {
    return absl::InvalidArgumentError(
        absl::StrCat("band must be between 0 (automatic) and 100000, got ", band));
  }
  if (corridor_first_pass_bead_sentences < 1 || corridor_first_pass_bead_sentences > 5) {
    return absl::InvalidArgumentError(
        absl::StrCat("corridor_first_pass_bead_sentences must be between 1 and 5, got ",
                     corridor_first_pass_bead_sentences));
  }
  if (corridor_above < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("corridor_above must be 0 or more, got ", corridor_above));
  }
  if (first_pass_bead_limit_above < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "first_pass_bead_limit_above must be 0 or more, got ", first_pass_bead_limit_above));
  }
  if (posterior_samples < 0 || posterior_samples > 10000) {
    return absl::InvalidArgumentError(absl::StrCat(
        "posterior_samples must be between 0 and 10000, got ", posterior_samples));
  }
  if (threads < 1 || threads > 64) {
    return absl::InvalidArgumentError(
        absl::StrCat("threads must be between 1 and 64, got ", threads));
  }
  if (limits.max_sentences < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("limits.max_sentences must be at least 1, got ", limits.max_sentences));
  }
  if (limits.max_document_bytes == 0) {
    return absl::InvalidArgumentError("limits.max_document_bytes must be at least 1, got 0");
  }
  if (limits.max_memory_bytes < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "limits.max_memory_bytes must be 0 (no budget) or more, got ", limits.max_memory_bytes));
  }
  if (absl::Status status = weights.Validate(); !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("weights.", status.message()));
  }
  return absl::OkStatus();
}

namespace {

// Documents of up to this many sentences a side have their confidences, omission
// probabilities and draws from the whole lattice (within kEdgeMass): their corridors widen
// where the posterior reaches the edge.
constexpr int kExactPosteriorUpTo = 1000;
// Half-width of the automatic search band before any widening, in sentences.
constexpr int kInitialBand = 32;
// The corridor search: sentences per block of a coarse level, target sentences the corridor
// keeps on either side of the coarse path, and how it widens where the path presses its edge
// (rows around the pressing row, first extra width, most widenings). Each widening runs the
// whole lattice again; an extra width of 32 is enough in one step where 16 needed two (100,000
// sentences a side: 3,174 pressing rows, then 108, then none).
constexpr int kCorridorBlock = 4;
// The coarse levels themselves are searched in a corridor past this many blocks a side (and in
// the band around the diagonal below it).
constexpr int kCoarseCorridorAbove = 200;
constexpr int kCorridorMargin = 8;
// The same margin for a pass that also widens where the posterior reaches the corridor's edge
// (documents of up to kExactPosteriorUpTo sentences a side): the widenings, not the margin,
// keep its sums whole. The sample article's first pass: 465 cells instead of 609; the pairs of
// ../shared/eval: 0.8 % fewer instructions in all, with more widenings.
constexpr int kExactCorridorMargin = 5;
constexpr int kWidenRadius = 8 * kCorridorBlock;
constexpr int kFirstWidening = 32;
constexpr int kMaxWidenings = 8;
// The second pass (learned word associations, adapted priors) moves the first pass's path only
// locally: it searches a corridor this many target sentences either side of that path instead
// of the first pass's whole region, widening where the path presses its edge and, on documents
// of up to kExactPosteriorUpTo sentences a side, where more than kEdgeMass of the posterior
// reaches it.
constexpr int kSecondPassMargin = 5;
// The final pass's corridor on longer documents, widened for the path alone: there a widening
// reruns the pass over the whole document, and with posterior spread along many stretches a
// 5,000-sentence pair of ../shared/eval documents took 0.96 s instead of 0.51.
constexpr int kLongSecondPassMargin = 8;
// The most posterior probability a cell on the edge of an automatic search region may hold
// (LatticeOptions::edge_mass): beyond it the region is widened there, so that the confidences,
// omission probabilities and draws are those of the whole lattice to about this much.
constexpr double kEdgeMass = 1e-6;

// The automatic diagonal band's first half-width for documents of n and m sentences.
int InitialHalfWidth(int n, int m) {
  const double slope = n > 0 && m > 0 ? std::max(double(m) / n, double(n) / m) : 1;
  const int half_width = std::max(kInitialBand, static_cast<int>(4 * slope) + 8);
  return std::min(std::max(half_width, 4), std::max(n, m) + 1);
}

// Most bead shapes of any options (1-1, 1-0, 0-1 and twelve merges).
constexpr int kMostMoves = 15;

std::string Mebibytes(int64_t bytes) {
  return absl::StrCat(static_cast<int64_t>(std::ceil(bytes / 1048576.0)), " MiB");
}

// Whether features of `feature_bytes` and a search of `search_bytes` fit the memory budget.
bool WithinMemory(int64_t feature_bytes, int64_t search_bytes, const AlignLimits& limits) {
  return limits.max_memory_bytes == 0 ||
         feature_bytes + search_bytes <= limits.max_memory_bytes;
}

// RESOURCE_EXHAUSTED when the features and a first search region of `cells` do not fit the
// memory budget.
absl::Status CheckMemory(int n, int m, int64_t feature_bytes, int64_t cells,
                         const AlignLimits& limits) {
  const int64_t search_bytes = EstimateSearchBytes(cells, kMostMoves, false);
  if (WithinMemory(feature_bytes, search_bytes, limits)) return absl::OkStatus();
  return absl::ResourceExhaustedError(absl::StrCat(
      "aligning ", n, " x ", m, " sentences needs about ", Mebibytes(feature_bytes + search_bytes),
      " (", Mebibytes(feature_bytes), " of features, ", Mebibytes(search_bytes), " for ", cells,
      " search cells); the limit is ", Mebibytes(limits.max_memory_bytes), " (",
      limits.memory_limit_name, "): split the document or raise the limit"));
}

// Where the dynamic programme searches, and how it widens when the path presses its edge.
struct SearchRegion {
  Band band;
  // The automatic band around the diagonal (doubles), or a corridor (widens locally).
  bool diagonal = true;
  bool adaptive = true;
  int half_width = 0;
  int widenings = 0;
};

// Runs the lattice in `region`, widening it while the path presses against its edge (an
// explicit band is kept as it is). The widened region is kept for the next pass.
absl::StatusOr<LatticeResult> RunWidening(const PairFeatures& f, const LengthStatistics& length,
                                          const AlignOptions& options,
                                          const LatticeOptions& lattice,
                                          const StopCondition& stop, int64_t feature_bytes,
                                          SearchRegion* region) {
  const int n = static_cast<int>(f.source.length.size());
  const int m = static_cast<int>(f.target.length.size());
  // Each wider run reuses the costs of the one before where the regions overlap.
  LatticeOptions run = lattice;
  run.keep_costs = region->adaptive && !lattice.best_path_only;
  // A run whose path presses the edge is run again wider: it stops at the path, without the
  // sums, unless it turns out it cannot widen (then it runs once more in full, from its costs).
  run.only_path_at_edge = region->adaptive;
  run.edge_mass = region->adaptive ? lattice.edge_mass : 0;
  LatticeCosts previous;
  while (true) {
    run.reuse = previous.empty() ? nullptr : &previous;
    ASSIGN_OR_RETURN(LatticeResult result,
                     RunLattice(f, length, options, region->band, run, stop));
    previous = std::move(result.costs);
    result.costs = LatticeCosts();
    if (!region->adaptive || result.edge_rows.empty()) return result;
    bool widened = false;
    if (region->diagonal) {
      const int wider = std::min(region->half_width * 2, std::max(n, m) + 1);
      const int64_t cells = Band::CountCells(n, m, wider);
      if (wider != region->half_width &&
          WithinMemory(feature_bytes, EstimateSearchBytes(cells, kMostMoves, true),
                       options.limits)) {
        region->half_width = wider;
        region->band = Band(n, m, wider);
        widened = true;
      }
    } else if (region->widenings < kMaxWidenings) {
      // The posterior alone spills over a clear path's corridor: a margin more around it.
      const bool mass = result.stopped_for_mass;
      const int extra = mass ? kSecondPassMargin << region->widenings
                             : kFirstWidening * (region->widenings + 1);
      Band wider = WidenAround(region->band, result.edge_rows,
                               mass ? kSecondPassMargin : kWidenRadius, extra, m);
      if (WithinMemory(feature_bytes, EstimateSearchBytes(wider.cells(), kMostMoves, true),
                       options.limits)) {
        ++region->widenings;
        region->band = std::move(wider);
        widened = true;
      }
    }
    if (!widened) {
      if (!result.stopped_at_edge) return result;
      run.only_path_at_edge = false;
    }
  }
}

// Whether documents of n and m sentences are searched in a corridor (else in a band around the
// diagonal).
bool UsesCorridor(int n, int m, const AlignOptions& options) {
  return options.band == 0 && std::max(n, m) > std::max(options.corridor_above, kCorridorBlock);
}

// Returns the band around the diagonal for documents of n and m sentences: the one asked for,
// or the automatic one's first width. RESOURCE_EXHAUSTED past the memory budget.
absl::StatusOr<SearchRegion> DiagonalRegion(int n, int m, const AlignOptions& options,
                                             int64_t feature_bytes) {
  SearchRegion region{Band(0, 0, 0)};
  region.adaptive = options.band == 0;
  region.half_width =
      region.adaptive ? InitialHalfWidth(n, m) : std::min(options.band, std::max(n, m) + 1);
  const int64_t cells = Band::CountCells(n, m, region.half_width);
  RETURN_IF_ERROR(CheckMemory(n, m, feature_bytes, cells, options.limits));
  region.band = Band(n, m, region.half_width);
  return region;
}

// Returns the first search region for `f`: the band around the diagonal for short documents,
// the corridor around the path between blocks of sentences (found the same way, recursively)
// for long ones. `exact_posterior`: the pass searching it widens where the posterior reaches
// its edge (the corridor is then narrower).
absl::StatusOr<SearchRegion> FirstRegion(const PairFeatures& f, const LengthStatistics& length,
                                         const AlignOptions& options, const StopCondition& stop,
                                         int64_t feature_bytes, bool exact_posterior) {
  const int n = static_cast<int>(f.source.length.size());
  const int m = static_cast<int>(f.target.length.size());
  if (!UsesCorridor(n, m, options)) return DiagonalRegion(n, m, options, feature_bytes);
  SearchRegion region{Band(0, 0, 0)};
  const PairFeatures coarse = CoarsenFeatures(f, kCorridorBlock);
  RETURN_IF_ERROR(stop.Check());
  AlignOptions coarse_options = options;
  coarse_options.max_bead_sentences = 2;
  // Blocks are searched in a corridor of their own only when there are many: an article's 8
  // blocks a side are searched whole, where halving them again to 2 cost more than the rest.
  coarse_options.corridor_above = std::max(options.corridor_above, kCoarseCorridorAbove);
  coarse_options.weights.silent_sentence_penalty = 0;
  ASSIGN_OR_RETURN(SearchRegion coarse_region,
                   FirstRegion(coarse, length, coarse_options, stop, feature_bytes,
                               /*exact_posterior=*/false));
  LatticeOptions best_path;
  best_path.best_path_only = true;
  best_path.bead_evidence = false;
  ASSIGN_OR_RETURN(LatticeResult path, RunWidening(coarse, length, coarse_options, best_path,
                                                   stop, feature_bytes, &coarse_region));
  RETURN_IF_ERROR(stop.Check());
  region.diagonal = false;
  region.band = CorridorAround(path.beads, kCorridorBlock, n, m,
                               exact_posterior ? kExactCorridorMargin : kCorridorMargin);
  RETURN_IF_ERROR(CheckMemory(n, m, feature_bytes, region.band.cells(), options.limits));
  return region;
}

// Whether a pass with beads of at most `max_bead_sentences` a side can find a bead `prior`
// prices.
bool FoundBy(BeadPrior prior, int max_bead_sentences) {
  for (int small = 0; small <= max_bead_sentences; ++small) {
    for (int large = std::max(small, 1); large <= max_bead_sentences; ++large) {
      if (PriorOf(small, large) == prior) return true;
    }
  }
  return false;
}

// Re-estimates the bead-type priors from the first pass's path, smoothed towards the model's
// (a document whose first pass finds no merges is unlikely to have many): each prior becomes
// -log((count + strength * rate) / (count_1_1 + strength)), where rate = exp(-prior) is the
// model's rate relative to 1-1. Omissions and additions shift their fixed price likewise.
// Shapes of more than `max_bead_sentences` a side, which the first pass could not find, keep the
// model's prior.
ModelWeights AdaptPriors(const std::vector<Bead>& beads, int max_bead_sentences,
                         const ModelWeights& weights) {
  const double strength = weights.prior_adaptation_strength;
  if (strength <= 0) return weights;
  // Beads counted by the prior that prices them.
  constexpr int kPriors = static_cast<int>(BeadPrior::kOmission) + 1;
  double count[kPriors] = {};
  for (const Bead& b : beads) {
    ++count[static_cast<int>(PriorOf(static_cast<int>(b.source.size()),
                                     static_cast<int>(b.target.size())))];
  }
  const double one_one = count[static_cast<int>(BeadPrior::k1_1)];
  ModelWeights w = weights;
  for (int k = 0; k < kPriors; ++k) {
    const BeadPrior prior = static_cast<BeadPrior>(k);
    if (prior == BeadPrior::k1_1 || !FoundBy(prior, max_bead_sentences)) continue;
    const double model = weights.*PriorWeight(prior);
    const double rate = std::exp(-model);
    const double adapted = -std::log((count[k] + strength * rate) / (one_one + strength));
    w.*PriorWeight(prior) = std::max(adapted, model - weights.prior_adaptation_max_drop);
  }
  return w;
}

// Estimates the length model from the confident 1-1 beads (ModelWeights::length_min_confidence).
LengthStatistics EstimateLength(const PairFeatures& f, const std::vector<Bead>& beads,
                                const LengthStatistics& fallback, const ModelWeights& w) {
  std::vector<std::pair<double, double>> pairs;
  for (const Bead& b : beads) {
    if (b.source.size() == 1 && b.target.size() == 1 && b.confidence >= w.length_min_confidence) {
      pairs.emplace_back(f.source.length[b.source[0]], f.target.length[b.target[0]]);
    }
  }
  return EstimateLengthStatistics(pairs, fallback, w);
}

// Sentences a side from which, given two threads, the learned associations' two sides are
// prepared and given their anchors side by side (on the task pool: an article's sides too).
constexpr int kSentencesForSideThreads = 16;

// The confident 1-1 pairs of `beads` (ModelWeights::association_min_confidence), as their
// sentences' words (indices into SideFeatures::word_keys).
absl::StatusOr<std::vector<WordAssociations::SentencePair>> ConfidentPairs(
    const std::vector<Bead>& beads, const PairFeatures& f, const ModelWeights& w,
    const StopCondition& stop) {
  std::vector<WordAssociations::SentencePair> pairs;
  StopPoller poll(stop, 256);
  for (const Bead& b : beads) {
    RETURN_IF_ERROR(poll.Tick());
    if (b.source.size() == 1 && b.target.size() == 1 &&
        b.confidence >= w.association_min_confidence) {
      pairs.push_back({&f.source.words[b.source[0]], &f.target.words[b.target[0]]});
    }
  }
  return pairs;
}

// The confident 1-1 pairs of `beads`, every word pair counted (the counts of a batch).
absl::StatusOr<WordAssociations> CountConfidentPairs(const std::vector<Bead>& beads,
                                                     const PairFeatures& f, const ModelWeights& w,
                                                     const StopCondition& stop) {
  ASSIGN_OR_RETURN(const std::vector<WordAssociations::SentencePair> pairs,
                   ConfidentPairs(beads, f, w, stop));
  WordAssociations counts;
  counts.AddSentencePairs(pairs, f.source.word_keys, f.target.word_keys);
  return counts;
}

// Learns word associations from the confident 1-1 pairs of `beads` (Moore 2002, first pass),
// with those of earlier documents of the batch when given, and adds each associated word pair
// as a lexicon anchor to the sentences that contain its words (by SideFeatures::word_keys).
// With `side_by_side` each side's words are gathered, and its anchors added, on a thread of
// their own (each side's steps touch only that side; the same anchors either way).
absl::Status AddLearnedAssociations(const std::vector<Bead>& beads,
                                    const WordAssociations* batch, const ModelWeights& w,
                                    bool side_by_side, const StopCondition& stop,
                                    PairFeatures* f) {
  ASSIGN_OR_RETURN(const std::vector<WordAssociations::SentencePair> pairs,
                   ConfidentPairs(beads, *f, w, stop));
  const int counted = static_cast<int>(pairs.size()) + (batch ? batch->sentence_pairs() : 0);
  if (counted < w.association_min_pairs) return absl::OkStatus();
  std::vector<std::vector<uint32_t>> by_source(f->source.word_keys.size());
  std::vector<std::vector<uint32_t>> by_target(f->target.word_keys.size());
  // Each associated pair, by the index of its words in SideFeatures::word_keys.
  auto add = [&](uint32_t source, uint32_t target, double dice) {
    const uint32_t id = f->vocabulary.Add(
        AnchorKind::kLexicon,
        absl::StrCat(f->source.word_keys[source], "=", f->target.word_keys[target]),
        w.association_weight * dice, 0);
    by_source[source].push_back(id);
    by_target[target].push_back(id);
  };
  if (batch == nullptr) {
    // The document's pairs alone, every one of its words asked about: counted on the words'
    // indices, without a word's text copied or looked up.
    ASSIGN_OR_RETURN(const std::vector<WordAssociations::CountedPair> strong,
                     WordAssociations::StrongOfDocument(pairs, f->source.word_keys,
                                                        f->target.word_keys,
                                                        w.association_min_dice, stop));
    for (const WordAssociations::CountedPair& p : strong) add(p.source, p.target, p.dice);
  } else {
    WordAssociations document;
    document.AddSentencePairs(pairs, f->source.word_keys, f->target.word_keys);
    // Each side's words, and the index of each in SideFeatures::word_keys.
    absl::flat_hash_set<std::string> source_words, target_words;
    absl::flat_hash_map<absl::string_view, uint32_t> source_index, target_index;
    auto gather = [](const SideFeatures& side, absl::flat_hash_set<std::string>* words,
                     absl::flat_hash_map<absl::string_view, uint32_t>* index) {
      *words = absl::flat_hash_set<std::string>(side.word_keys.begin(), side.word_keys.end());
      *index = WordKeyIndex(side);
      return absl::OkStatus();
    };
    RETURN_IF_ERROR(RunBothSides(
        side_by_side, [&] { return gather(f->source, &source_words, &source_index); },
        [&] { return gather(f->target, &target_words, &target_index); }));
    RETURN_IF_ERROR(stop.Check());
    ASSIGN_OR_RETURN(
        const std::vector<WordAssociations::Association> strong,
        document.Strong(source_words, target_words, w.association_min_dice, batch, stop));
    for (const WordAssociations::Association& a : strong) {
      // Strong() returns words of the sets it was given: both are found.
      const auto source_it = source_index.find(a.source);
      const auto target_it = target_index.find(a.target);
      if (source_it == source_index.end() || target_it == target_index.end()) continue;
      add(source_it->second, target_it->second, a.dice);
    }
  }
  return RunBothSides(
      side_by_side, [&] { return AddWordAnchors(by_source, &f->source, stop); },
      [&] { return AddWordAnchors(by_target, &f->target, stop); });
}

}  // namespace

int64_t EstimateFeatureBytes(int64_t sentences, int64_t text_bytes) {
  return 15 * text_bytes + 600 * sentences;
}

int64_t EstimateSearchBytes(int64_t cells, int moves, bool widening) {
  // Per cell: Viterbi cost and move, forward and backward sums at two temperatures (the
  // coverage temperature's computed beside the confidences' on a second thread), the draws'
  // memo, and about three entries of the pair index (offsets and the anchors each pair shares).
  constexpr int64_t kPerCell = 8 + 1 + 2 * (8 + 8) + 4 + 24;
  const int64_t cost_bytes =
      cells * moves * (cells * moves <= LatticeCosts::kExactCosts ? 8 : 4);
  return cells * kPerCell + cost_bytes * (widening ? 2 : 1);
}

absl::StatusOr<Alignment> AlignSentences(const AlignInput& source, const AlignInput& target,
                                         const AlignOptions& options,
                                         const AlignResources& resources,
                                         const StopCondition& stop) {
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
  // A band too large for the limits is refused before any work; a corridor is sized once the
  // coarse path is known (its features must fit before they are built).
  int64_t text_bytes = 0;
  for (absl::string_view s : source.sentences) text_bytes += static_cast<int64_t>(s.size());
  for (absl::string_view s : target.sentences) text_bytes += static_cast<int64_t>(s.size());
  const int64_t feature_bytes = EstimateFeatureBytes(int64_t{n} + m, text_bytes);
  if (UsesCorridor(n, m, options)) {
    RETURN_IF_ERROR(CheckMemory(n, m, feature_bytes, 0, options.limits));
  } else {
    RETURN_IF_ERROR(DiagonalRegion(n, m, options, feature_bytes).status());
  }
  RETURN_IF_ERROR(stop.Check());

  Alignment alignment;
  if (n == 0 && m == 0) return alignment;
  // A lexicon serves both directions: one given the other way round is read inverted.
  const std::shared_ptr<const Lexicon> lexicon =
      OrientLexicon(resources.lexicon, source.language, target.language);
  ASSIGN_OR_RETURN(PairFeatures features,
                   BuildPairFeatures(source.sentences, source.language, target.sentences,
                                     target.language, options.weights, options.disabled_anchors,
                                     lexicon.get(), stop, options.threads,
                                     resources.word_keys.get(), resources.readings.get()));
  SetParagraphs(source.paragraphs, source.sentences, &features.source);
  SetParagraphs(target.paragraphs, target.sentences, &features.target);
  LengthStatistics length = InitialLengthStatistics(features.source.length,
                                                    features.target.length, options.weights);
  RETURN_IF_ERROR(stop.Check());
  // Each pass's confidences are the whole lattice's: the first's choose the pairs the second
  // learns from, the final's are returned with its omission probabilities and draws.
  const bool exact_posterior = std::max(n, m) <= kExactPosteriorUpTo;
  ASSIGN_OR_RETURN(SearchRegion region, FirstRegion(features, length, options, stop,
                                                    feature_bytes, exact_posterior));
  const bool second_pass = options.second_pass && n > 0 && m > 0;
  AlignOptions first_options = options;
  if (second_pass && !region.diagonal && std::max(n, m) > options.first_pass_bead_limit_above) {
    first_options.max_bead_sentences =
        std::min(options.max_bead_sentences, options.corridor_first_pass_bead_sentences);
  }
  LatticeOptions pass;
  pass.temperature =
      second_pass ? options.weights.temperature : options.weights.confidence_temperature;
  pass.posterior_samples = second_pass ? 0 : options.posterior_samples;
  // A first pass's beads place the second pass and give it its counts, no more.
  pass.bead_evidence = !second_pass;
  pass.edge_mass = exact_posterior ? kEdgeMass : 0;
  ASSIGN_OR_RETURN(LatticeResult first, RunWidening(features, length, first_options, pass, stop,
                                                    feature_bytes, &region));
  if (second_pass) {
    length = EstimateLength(features, first.beads, length, options.weights);
    const bool lexicon_enabled =
        std::find(options.disabled_anchors.begin(), options.disabled_anchors.end(),
                  AnchorKind::kLexicon) == options.disabled_anchors.end();
    RETURN_IF_ERROR(stop.Check());
    if (lexicon_enabled) {
      RETURN_IF_ERROR(AddLearnedAssociations(
          first.beads, resources.batch_associations.get(), options.weights,
          options.threads > 1 && std::max(n, m) >= kSentencesForSideThreads, stop, &features));
    }
    RETURN_IF_ERROR(stop.Check());
    AlignOptions adapted = options;
    adapted.weights =
        AdaptPriors(first.beads, first_options.max_bead_sentences, options.weights);
    if (region.adaptive) {
      // An explicit band is searched as asked; otherwise around the first pass's path.
      region.band = CorridorAround(first.beads, 1, n, m,
                                   exact_posterior ? kSecondPassMargin : kLongSecondPassMargin);
      region.diagonal = false;
      region.widenings = 0;
    }
    pass.temperature = options.weights.confidence_temperature;
    pass.posterior_samples = options.posterior_samples;
    pass.bead_evidence = true;
    ASSIGN_OR_RETURN(first,
                     RunWidening(features, length, adapted, pass, stop, feature_bytes, &region));
  }
  if (resources.batch_associations != nullptr) {
    ASSIGN_OR_RETURN(const WordAssociations counts,
                     CountConfidentPairs(first.beads, features, options.weights, stop));
    resources.batch_associations->Merge(counts);
  }
  alignment.beads = std::move(first.beads);
  alignment.length = length;
  alignment.omission_probability = std::move(first.omission_probability);
  alignment.addition_probability = std::move(first.addition_probability);
  alignment.sampled_omissions = std::move(first.sampled_omissions);
  return alignment;
}

}  // namespace newsalign
