#include "align/model_weights.h"

#include <cmath>

#include "absl/strings/str_cat.h"

namespace newsalign {
namespace {

struct Field {
  const char* name;
  double ModelWeights::*member;
};

constexpr Field kFields[] = {
    {"prior_1_1", &ModelWeights::prior_1_1},
    {"prior_1_2", &ModelWeights::prior_1_2},
    {"prior_2_2", &ModelWeights::prior_2_2},
    {"prior_1_3", &ModelWeights::prior_1_3},
    {"prior_2_3", &ModelWeights::prior_2_3},
    {"prior_1_4", &ModelWeights::prior_1_4},
    {"prior_1_5", &ModelWeights::prior_1_5},
    {"omission_fixed", &ModelWeights::omission_fixed},
    {"omission_per_char", &ModelWeights::omission_per_char},
    {"noise_omission", &ModelWeights::noise_omission},
    {"prior_adaptation_strength", &ModelWeights::prior_adaptation_strength},
    {"prior_adaptation_max_drop", &ModelWeights::prior_adaptation_max_drop},
    {"length_weight", &ModelWeights::length_weight},
    {"length_min_confidence", &ModelWeights::length_min_confidence},
    {"length_min_pairs", &ModelWeights::length_min_pairs},
    {"variance_initial", &ModelWeights::variance_initial},
    {"variance_min", &ModelWeights::variance_min},
    {"variance_max", &ModelWeights::variance_max},
    {"number_weight", &ModelWeights::number_weight},
    {"date_weight", &ModelWeights::date_weight},
    {"name_weight", &ModelWeights::name_weight},
    {"token_weight", &ModelWeights::token_weight},
    {"punctuation_weight", &ModelWeights::punctuation_weight},
    {"lexicon_weight", &ModelWeights::lexicon_weight},
    {"unmatched_penalty", &ModelWeights::unmatched_penalty},
    {"token_unmatched_share", &ModelWeights::token_unmatched_share},
    {"name_unmatched_share", &ModelWeights::name_unmatched_share},
    {"orphan_number_penalty", &ModelWeights::orphan_number_penalty},
    {"anchor_cap", &ModelWeights::anchor_cap},
    {"penalty_cap", &ModelWeights::penalty_cap},
    {"silent_sentence_penalty", &ModelWeights::silent_sentence_penalty},
    {"silent_sentence_threshold", &ModelWeights::silent_sentence_threshold},
    {"paragraph_boundary_penalty", &ModelWeights::paragraph_boundary_penalty},
    {"heading_penalty", &ModelWeights::heading_penalty},
    {"association_min_confidence", &ModelWeights::association_min_confidence},
    {"association_min_pairs", &ModelWeights::association_min_pairs},
    {"association_min_dice", &ModelWeights::association_min_dice},
    {"association_weight", &ModelWeights::association_weight},
    {"temperature", &ModelWeights::temperature},
    {"confidence_temperature", &ModelWeights::confidence_temperature},
    {"coverage_temperature", &ModelWeights::coverage_temperature},
};

absl::Status OutOfRange(absl::string_view name, absl::string_view range, double value) {
  return absl::InvalidArgumentError(absl::StrCat(name, " must be ", range, ", got ", value));
}

}  // namespace

absl::Status ModelWeights::Validate() const {
  for (const Field& f : kFields) {
    if (!std::isfinite(this->*f.member)) {
      return OutOfRange(f.name, "a finite number", this->*f.member);
    }
  }
  for (const Field& f : kFields) {
    const absl::string_view name = f.name;
    const double value = this->*f.member;
    const bool positive = name == "temperature" || name == "confidence_temperature" ||
                          name == "coverage_temperature" || name == "variance_initial" ||
                          name == "variance_min";
    const bool non_negative =
        name == "omission_per_char" || name == "prior_adaptation_strength" ||
        name == "prior_adaptation_max_drop" || name == "length_weight" ||
        name == "anchor_cap" || name == "penalty_cap" || name == "silent_sentence_penalty" ||
        name == "silent_sentence_threshold" || name == "length_min_pairs" ||
        name == "association_min_pairs";
    if (positive && !(value > 0)) return OutOfRange(name, "positive", value);
    if (non_negative && !(value >= 0)) return OutOfRange(name, "0 or more", value);
  }
  if (variance_max < variance_min) {
    return OutOfRange("variance_max", absl::StrCat("at least variance_min (", variance_min, ")"),
                      variance_max);
  }
  for (const auto& [name, value] : {std::pair<const char*, double>{"association_min_dice",
                                                                   association_min_dice},
                                    {"length_min_confidence", length_min_confidence},
                                    {"association_min_confidence", association_min_confidence}}) {
    if (value < 0 || value > 1) return OutOfRange(name, "between 0 and 1", value);
  }
  return absl::OkStatus();
}

absl::Status SetModelWeight(absl::string_view name, double value, ModelWeights* weights) {
  for (const Field& f : kFields) {
    if (name == f.name) {
      weights->*f.member = value;
      return absl::OkStatus();
    }
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown model weight \"", name, "\""));
}

std::vector<std::pair<std::string, double>> ListModelWeights(const ModelWeights& weights) {
  std::vector<std::pair<std::string, double>> out;
  for (const Field& f : kFields) out.emplace_back(f.name, weights.*f.member);
  return out;
}

}  // namespace newsalign
