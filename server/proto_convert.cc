#include "server/proto_convert.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lexicon/lexicon.h"

namespace newsalign {
namespace {

// The core's default options, read once: the proto's zero values map to these.
const AlignOptions& DefaultOptions() {
  static const AlignOptions* const kDefaults = new AlignOptions();
  return *kDefaults;
}

// Checks one word of options.lexicon[i] (`field` names it) and returns its key.
absl::StatusOr<std::string> LexiconWord(absl::string_view word, absl::string_view language,
                                        bool normalised, const std::string& field) {
  if (word.empty()) return absl::InvalidArgumentError(absl::StrCat(field, " is empty"));
  if (std::any_of(word.begin(), word.end(), [](char c) { return absl::ascii_isspace(c); })) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " \"", word, "\" has spaces; entries pair single words"));
  }
  std::string key = normalised ? std::string(word) : LexiconKey(word, language);
  if (key.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " \"", word, "\" normalises to nothing"));
  }
  return key;
}

// Returns the caller's lexicon: options.lexicon's entries, from `source_language` to
// `target_language`.
absl::StatusOr<std::shared_ptr<const Lexicon>> ToLexicon(const v1::AlignOptions& options,
                                                         absl::string_view source_language,
                                                         absl::string_view target_language) {
  if (options.lexicon_size() > kMaxLexiconEntries) {
    return absl::InvalidArgumentError(absl::StrCat("options.lexicon has ", options.lexicon_size(),
                                                   " entries; the limit is ", kMaxLexiconEntries));
  }
  if (source_language.empty() || target_language.empty()) {
    return absl::InvalidArgumentError(
        "options.lexicon needs the languages of both documents (source.language and "
        "target.language)");
  }
  auto lexicon =
      std::make_shared<Lexicon>(std::string(source_language), std::string(target_language));
  const bool normalised = options.lexicon_normalised();
  for (int i = 0; i < options.lexicon_size(); ++i) {
    const v1::LexiconEntry& entry = options.lexicon(i);
    const std::string field = absl::StrCat("options.lexicon[", i, "]");
    absl::StatusOr<std::string> source =
        LexiconWord(entry.source(), source_language, normalised, absl::StrCat(field, ".source"));
    if (!source.ok()) return source.status();
    absl::StatusOr<std::string> target =
        LexiconWord(entry.target(), target_language, normalised, absl::StrCat(field, ".target"));
    if (!target.ok()) return target.status();
    const double weight = entry.weight() == 0.0 ? 1.0 : entry.weight();
    if (!(weight > 0.0 && weight <= 1.0)) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ".weight must be in (0, 1] (0 means 1), got ", entry.weight()));
    }
    lexicon->AddKeys(*source, *target, weight);
  }
  return lexicon;
}

}  // namespace

DocumentInput ToDocumentInput(const v1::Document& document) {
  DocumentInput input;
  input.language = document.language();
  if (document.content_case() == v1::Document::kSentences) {
    input.pre_split = true;
    input.sentences.assign(document.sentences().sentences().begin(),
                           document.sentences().sentences().end());
  } else {
    input.text = document.text();
  }
  return input;
}

size_t DocumentBytes(const v1::Document& document) {
  if (document.content_case() != v1::Document::kSentences) return document.text().size();
  size_t bytes = 0;
  for (const std::string& sentence : document.sentences().sentences()) bytes += sentence.size();
  return bytes;
}

absl::StatusOr<AlignOptions> ToAlignOptions(const v1::AlignOptions& options,
                                            const AlignLimits& limits,
                                            absl::string_view source_language,
                                            absl::string_view target_language,
                                            AlignResources* resources) {
  AlignOptions result = DefaultOptions();
  result.limits = limits;
  // Zero means the default; the core checks the ranges (below).
  if (options.max_bead_sentences() != 0) result.max_bead_sentences = options.max_bead_sentences();
  if (options.band() != 0) result.band = options.band();
  if (options.has_allow_omissions()) result.allow_omissions = options.allow_omissions();
  if (options.has_second_pass()) result.second_pass = options.second_pass();
  result.disabled_anchors.clear();
  for (int i = 0; i < options.disabled_anchors_size(); ++i) {
    absl::StatusOr<AnchorKind> kind =
        FromProto(options.disabled_anchors(i), absl::StrCat("options.disabled_anchors[", i, "]"));
    if (!kind.ok()) return kind.status();
    result.disabled_anchors.push_back(*kind);
  }
  if (options.lexicon_size() > 0) {
    absl::StatusOr<std::shared_ptr<const Lexicon>> lexicon =
        ToLexicon(options, source_language, target_language);
    if (!lexicon.ok()) return lexicon.status();
    if (resources != nullptr) resources->lexicon = *std::move(lexicon);
  }
  // The core names its fields as the proto does: "max_bead_sentences must be between 1 and 5,
  // got 7" becomes "options.max_bead_sentences ...".
  const absl::Status valid = result.Validate();
  if (!valid.ok()) return absl::Status(valid.code(), absl::StrCat("options.", valid.message()));
  return result;
}

absl::StatusOr<ReportOptions> ToReportOptions(const v1::AlignOptions& options) {
  ReportOptions result;
  // Zero means the default; negative values stay, for Validate() to name.
  if (options.low_confidence_threshold() != 0) {
    result.low_confidence_threshold = options.low_confidence_threshold();
  }
  if (options.length_ratio_factor() != 0) result.length_ratio_factor = options.length_ratio_factor();
  if (options.untranslated_share() != 0) result.untranslated_share = options.untranslated_share();
  const absl::Status valid = result.Validate();
  if (!valid.ok()) return absl::Status(valid.code(), absl::StrCat("options.", valid.message()));
  return result;
}

v1::AnchorKind ToProto(AnchorKind kind) {
  switch (kind) {
    case AnchorKind::kNumber:
      return v1::ANCHOR_KIND_NUMBER;
    case AnchorKind::kDate:
      return v1::ANCHOR_KIND_DATE;
    case AnchorKind::kName:
      return v1::ANCHOR_KIND_NAME;
    case AnchorKind::kToken:
      return v1::ANCHOR_KIND_TOKEN;
    case AnchorKind::kPunctuation:
      return v1::ANCHOR_KIND_PUNCTUATION;
    case AnchorKind::kLexicon:
      return v1::ANCHOR_KIND_LEXICON;
  }
  return v1::ANCHOR_KIND_UNSPECIFIED;
}

absl::StatusOr<AnchorKind> FromProto(int kind, absl::string_view field) {
  for (AnchorKind core : kAllAnchorKinds) {
    if (ToProto(core) == kind) return core;
  }
  const std::string name = v1::AnchorKind_IsValid(kind)
                               ? v1::AnchorKind_Name(static_cast<v1::AnchorKind>(kind))
                               : absl::StrCat(kind);
  return absl::InvalidArgumentError(absl::StrCat(
      field, " must be an anchor kind (ANCHOR_KIND_NUMBER to ANCHOR_KIND_LEXICON), got ", name));
}

void ToProto(SegmentedDocument&& document, v1::SegmentedDocument* out) {
  out->set_language(std::move(document.language));
  out->mutable_sentences()->Reserve(static_cast<int>(document.sentences.size()));
  for (Sentence& sentence : document.sentences) {
    v1::Sentence* wire = out->add_sentences();
    wire->set_index(sentence.index);
    wire->set_paragraph(sentence.paragraph);
    wire->set_byte_begin(static_cast<uint32_t>(sentence.byte_begin));
    wire->set_byte_end(static_cast<uint32_t>(sentence.byte_end));
    wire->set_code_point_begin(static_cast<uint32_t>(sentence.code_point_begin));
    wire->set_code_point_end(static_cast<uint32_t>(sentence.code_point_end));
    wire->set_text(std::move(sentence.text));
  }
}

void ToProto(DocumentAlignment&& alignment, v1::AlignResponse* out) {
  ToProto(std::move(alignment.source), out->mutable_source());
  ToProto(std::move(alignment.target), out->mutable_target());
  out->mutable_beads()->Reserve(static_cast<int>(alignment.beads.size()));
  for (Bead& bead : alignment.beads) {
    v1::Bead* wire = out->add_beads();
    wire->mutable_source_sentences()->Add(bead.source.begin(), bead.source.end());
    wire->mutable_target_sentences()->Add(bead.target.begin(), bead.target.end());
    wire->set_confidence(bead.confidence);
    wire->set_length_score(bead.length_score);
    wire->set_anchor_score(bead.anchor_score);
    for (AnchorMatch& anchor : bead.anchors) {
      v1::Anchor* wire_anchor = wire->add_anchors();
      wire_anchor->set_kind(ToProto(anchor.kind));
      wire_anchor->set_value(std::move(anchor.value));
    }
  }
  v1::AlignmentSummary* summary = out->mutable_summary();
  for (const auto& [type, count] : alignment.summary.bead_counts) {
    (*summary->mutable_bead_counts())[type] = count;
  }
  summary->set_source_coverage(alignment.summary.source_coverage);
  summary->set_mean_confidence(alignment.summary.mean_confidence);
  summary->set_length_ratio(alignment.length.ratio);
  summary->set_length_variance(alignment.length.variance);
}

v1::FindingKind ToProto(FindingKind kind) {
  switch (kind) {
    case FindingKind::kNumberMismatch:
      return v1::FINDING_KIND_NUMBER_MISMATCH;
    case FindingKind::kOmission:
      return v1::FINDING_KIND_OMISSION;
    case FindingKind::kAddition:
      return v1::FINDING_KIND_ADDITION;
    case FindingKind::kLengthRatio:
      return v1::FINDING_KIND_LENGTH_RATIO;
    case FindingKind::kUntranslated:
      return v1::FINDING_KIND_UNTRANSLATED;
    case FindingKind::kLowConfidence:
      return v1::FINDING_KIND_LOW_CONFIDENCE;
    case FindingKind::kNameMismatch:
      return v1::FINDING_KIND_NAME_MISMATCH;
  }
  return v1::FINDING_KIND_UNSPECIFIED;
}

v1::Severity ToProto(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return v1::SEVERITY_INFO;
    case Severity::kWarning:
      return v1::SEVERITY_WARNING;
    case Severity::kError:
      return v1::SEVERITY_ERROR;
  }
  return v1::SEVERITY_UNSPECIFIED;
}

void ToProto(DocumentReport&& report, v1::AlignResponse* out) {
  const int beads = std::min(out->beads_size(), static_cast<int>(report.bead_findings.size()));
  for (int b = 0; b < beads; ++b) {
    v1::Bead* bead = out->mutable_beads(b);
    for (Finding& finding : report.bead_findings[b]) {
      v1::Finding* wire = bead->add_findings();
      wire->set_kind(ToProto(finding.kind));
      wire->set_severity(ToProto(finding.severity));
      wire->set_message(std::move(finding.message));
      for (std::string& value : finding.values) wire->add_values(std::move(value));
      for (std::string& value : finding.source_only) wire->add_source_only_values(std::move(value));
      for (std::string& value : finding.target_only) wire->add_target_only_values(std::move(value));
    }
  }
  v1::Report* wire = out->mutable_report();
  wire->set_source_sentences(report.source_sentences);
  wire->set_translated_source_sentences(report.translated_source_sentences);
  wire->set_sentence_coverage(report.sentence_coverage);
  wire->set_character_coverage(report.character_coverage);
  wire->mutable_omitted_source_sentences()->Add(report.omitted_source_sentences.begin(),
                                                report.omitted_source_sentences.end());
  wire->mutable_added_target_sentences()->Add(report.added_target_sentences.begin(),
                                              report.added_target_sentences.end());
  wire->mutable_missing_source_paragraphs()->Add(report.missing_source_paragraphs.begin(),
                                                 report.missing_source_paragraphs.end());
  wire->mutable_added_target_paragraphs()->Add(report.added_target_paragraphs.begin(),
                                               report.added_target_paragraphs.end());
  for (const auto& [kind, count] : report.finding_counts) {
    (*wire->mutable_finding_counts())[v1::FindingKind_Name(ToProto(kind))] = count;
  }
  wire->set_error_count(report.error_count);
  wire->set_warning_count(report.warning_count);
  wire->set_info_count(report.info_count);
  wire->set_mean_confidence(report.mean_confidence);
  wire->set_lowest_confidence(report.lowest_confidence);
  wire->set_lowest_confidence_bead(report.lowest_confidence_bead);
  wire->set_beads_with_errors(report.beads_with_errors);
  wire->set_verdict(std::move(report.verdict));
  wire->set_expected_character_coverage(report.expected_character_coverage);
  wire->set_character_coverage_low(report.character_coverage_low);
  wire->set_character_coverage_high(report.character_coverage_high);
  for (const SentenceProbability& p : report.omission_probabilities) {
    v1::SentenceProbability* out_p = wire->add_omission_probabilities();
    out_p->set_sentence(p.sentence);
    out_p->set_probability(p.probability);
  }
  for (const SentenceProbability& p : report.addition_probabilities) {
    v1::SentenceProbability* out_p = wire->add_addition_probabilities();
    out_p->set_sentence(p.sentence);
    out_p->set_probability(p.probability);
  }
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

}  // namespace newsalign
