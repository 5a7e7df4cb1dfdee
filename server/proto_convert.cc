#include "server/proto_convert.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace newsalign {
namespace {

// The core's default options, read once: the proto's zero values map to these.
const AlignOptions& DefaultOptions() {
  static const AlignOptions* const kDefaults = new AlignOptions();
  return *kDefaults;
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
                                            const AlignLimits& limits) {
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
  // The core names its fields as the proto does: "max_bead_sentences must be between 1 and 3,
  // got 7" becomes "options.max_bead_sentences ...".
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

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

}  // namespace newsalign
