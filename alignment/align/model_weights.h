// Every weight and prior of the alignment model, in one place, with the value in use and why.
// Tuned by scripts/tune.py on ../shared/eval only (see README, "Quality"); change them there.
#ifndef NEWSALIGN_ALIGNMENT_ALIGN_MODEL_WEIGHTS_H_
#define NEWSALIGN_ALIGNMENT_ALIGN_MODEL_WEIGHTS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace newsalign {

struct ModelWeights {
  // --- Bead-type priors, as costs (-log probability, in nats). ---
  double prior_1_1 = 0.0;
  double prior_1_2 = 3.458;  // and 2-1
  double prior_2_2 = 5.5;
  double prior_1_3 = 6.5;  // and 3-1
  double prior_2_3 = 8;  // and 3-2
  double prior_1_4 = 7.5;  // and 4-1
  double prior_1_5 = 12;  // and 5-1
  // Omission (1-0) and addition (0-1): a fixed price plus a small price per code point, instead
  // of the full length cost, so a real omission is not glued to a neighbour as a 2-1. (0.0015
  // rather than 0.002: FLORES 0.962 -> 0.964 both ways, added F1 0.789 -> 0.821, nothing lower.)
  double omission_fixed = 5.5;
  double omission_per_char = 0.0015;
  // The price of leaving out a sentence with no word in it (SideFeatures::noise).
  double noise_omission = 1.33;

  // Second pass: the priors above are re-estimated from the first pass's beads, with this many
  // pseudo-beads of the priors above (0 keeps them fixed). A complete translation then stops
  // paying for merges it does not have, and one full of omissions stops fighting them.
  double prior_adaptation_strength = 100;
  // ... but a prior never gets cheaper than this many nats below the model's.
  double prior_adaptation_max_drop = 0.5;

  // --- Length model (Gale–Church). ---
  // A bead's length deviation z (LengthDeviation, in standard units) costs
  // length_weight * sqrt(2) * |z| nats: a Laplace tail, which the data prefers to a Gaussian's
  // z^2 / 2 (long sentences translated loosely are not that rare).
  double length_weight = 1;
  // The length model is re-estimated from the first pass's 1-1 beads of at least this posterior
  // (confident enough that their lengths are a translation's), when there are at least this
  // many of them; with fewer, one odd pair would sway the ratio, and the first estimate (the
  // documents' totals, variance_initial) stays.
  double length_min_confidence = 0.8;
  double length_min_pairs = 8;
  // Robust variance floor and cap per source code point, when estimated from the document.
  double variance_initial = 6.65;
  double variance_min = 1.5;
  double variance_max = 12.0;

  // --- Anchor evidence, subtracted from the cost (nats per matched anchor). ---
  double number_weight = 8;
  double date_weight = 0.75;
  double name_weight = 1.7;
  double token_weight = 5.32;
  double punctuation_weight = 1.862;
  double lexicon_weight = 4;
  // Penalty per anchor seen on one side only (scaled by the kind's weight). Numbers, dates,
  // punctuation and names pay it in full; identical tokens, which a translator may well leave
  // out, pay this share of it; lexicon words pay nothing. A name on one side of a bead while its
  // counterpart sits in the next sentence is the sign of a sentence paired with its neighbour's
  // translation (names paid 0.25 before: TICO-19 perturbed 0.960 -> 0.964, omitted F1 0.772 ->
  // 0.818, no set lower).
  double unmatched_penalty = 1;
  double token_unmatched_share = 0.5;
  double name_unmatched_share = 1;
  // Penalty per number of a sentence that occurs nowhere on the other side, when the sentence is
  // aligned (not omitted): such a sentence is more likely untranslated.
  double orphan_number_penalty = 0.5;
  // Cap on the total anchor evidence of one bead, so one number never outweighs the rest.
  double anchor_cap = 6;
  // Cap on the total penalty of one bead for anchors on one side only.
  double penalty_cap = 10;
  // A merged side (the 2 of a 2-1, ...) whose sentence finds little of its own evidence across
  // the bead, while the bead has some, is likely a dropped or added sentence glued to a
  // neighbour: each such sentence pays silent_sentence_penalty * max(0, 1 - e / threshold),
  // where e is the weight of its anchors matched across the bead (threshold 0: only e = 0 pays
  // the full penalty).
  double silent_sentence_penalty = 1.5;
  double silent_sentence_threshold = 2.5;

  // --- Layout, when both texts have paragraphs (raw text; pre-split input has none). ---
  // A bead that begins a paragraph on one side only: translators keep paragraphs, so its two
  // sides are likely not each other's translation (a dropped paragraph's neighbour paired with
  // the next paragraph's first sentence).
  double paragraph_boundary_penalty = 3;
  // A heading paired with a sentence that is not one, or merged with other sentences: a
  // heading pairs with a heading.
  double heading_penalty = 4;

  // --- Second pass: word associations learnt from the first pass's confident pairs. ---
  // Learnt from the first pass's 1-1 beads of at least this posterior (stricter than the length
  // model's: a wrong pair teaches wrong words), when the document and the batch before it give
  // at least this many; with fewer, Dice over a handful of sentences pairs chance words.
  double association_min_confidence = 0.9;
  double association_min_pairs = 10;
  // Smallest Dice coefficient of a kept word pair, and evidence per matched pair (times Dice).
  double association_min_dice = 0.8;
  double association_weight = 0.4;

  // --- Posteriors. ---
  // Costs are divided by a temperature before forward-backward. The first pass's posteriors pick
  // the confident pairs the second pass learns from; the last pass's are the confidence callers
  // see, tempered so that it is calibrated (of the beads at 0.9 or more, 95 % or more correct
  // on every set of ../shared/eval).
  double temperature = 1.5;
  double confidence_temperature = 2.3;
  // The temperature of the omission probabilities and of the paths drawn for the coverage
  // interval (Alignment::omission_probability, sampled_omissions).
  double coverage_temperature = 1.5;

  // Returns INVALID_ARGUMENT naming the first weight the model cannot use and its allowed
  // range: every weight is a finite number; temperatures and variances are positive
  // (variance_min <= variance_max); caps, per-character prices, strengths and thresholds are 0
  // or more; association_min_dice is in [0, 1].
  absl::Status Validate() const;
};

// Sets the weight named `name` (the field name, e.g. "omission_fixed") to `value`; returns
// INVALID_ARGUMENT for an unknown name. For tuning and ablation tools.
absl::Status SetModelWeight(absl::string_view name, double value, ModelWeights* weights);

// Returns every weight's name and value, in declaration order.
std::vector<std::pair<std::string, double>> ListModelWeights(const ModelWeights& weights);

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_ALIGN_MODEL_WEIGHTS_H_
