// Conversions between the wire types of newsalign.v1 and the core's types, and from
// absl::Status to grpc::Status. The core validates documents; this file validates only what the
// core cannot see: proto options (zero means "default") and enum values.
//
//   DocumentInput source = ToDocumentInput(request.source());
//   AlignResources resources;  // the request's own lexicon, if it has one
//   ASSIGN_OR_RETURN(AlignOptions options,
//                    ToAlignOptions(request.options(), limits, request.source().language(),
//                                   request.target().language(), &resources));
//   ASSIGN_OR_RETURN(ReportOptions report_options, ToReportOptions(request.options()));
//   ASSIGN_OR_RETURN(DocumentAlignment alignment,
//                    AlignDocuments(source, target, options, resources));
//   DocumentReport report = BuildReport(alignment, report_options);
//   ToProto(std::move(alignment), &response);
//   ToProto(std::move(report), &response);
#ifndef NEWSALIGN_SERVER_PROTO_CONVERT_H_
#define NEWSALIGN_SERVER_PROTO_CONVERT_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "align/aligner.h"
#include "align/document_aligner.h"
#include "anchors/anchor.h"
#include "grpcpp/support/status.h"
#include "newsalign/v1/alignment.pb.h"
#include "report/report.h"

namespace newsalign {

// Returns the document as the core takes it: raw text, or the caller's sentences (pre-split).
// A document with neither is empty raw text, which the core rejects.
DocumentInput ToDocumentInput(const v1::Document& document);

// Returns the byte size of the document's content (raw text, or all sentences together).
size_t DocumentBytes(const v1::Document& document);

// Most entries of AlignOptions.lexicon in one request.
inline constexpr int kMaxLexiconEntries = 100000;

// Returns the core options for `options`, each unset or zero field taking the core's default,
// with `limits` (the server's, never the caller's). INVALID_ARGUMENT naming the proto field
// ("options.max_bead_sentences must be between 1 and 5, got 7") for a value out of range.
// options.lexicon is checked and, when `resources` is given, becomes its `lexicon` (null when
// the request has no entries), from `source_language` to `target_language`, the request's
// languages, which it needs: its
// words are normalised for them (unless options.lexicon_normalised). Merging it with a built-in
// lexicon is the service's business. INVALID_ARGUMENT "options.lexicon has N entries; the limit
// is 100000", or naming the entry ("options.lexicon[3].weight must be in (0, 1] ...") for an
// empty word, a word with spaces or that normalises to nothing, or a weight out of range.
absl::StatusOr<AlignOptions> ToAlignOptions(const v1::AlignOptions& options,
                                            const AlignLimits& limits,
                                            absl::string_view source_language = {},
                                            absl::string_view target_language = {},
                                            AlignResources* resources = nullptr);

// Returns the QA report's options for `options` (low_confidence_threshold,
// length_ratio_factor, untranslated_share), each zero field taking the core's default.
// INVALID_ARGUMENT naming the proto field ("options.low_confidence_threshold must be between 0
// and 1, got 1.5") for a value out of range.
absl::StatusOr<ReportOptions> ToReportOptions(const v1::AlignOptions& options);

// Returns the wire enum value of `kind`.
v1::AnchorKind ToProto(AnchorKind kind);

// Returns the wire enum values of a finding's kind and severity.
v1::FindingKind ToProto(FindingKind kind);
v1::Severity ToProto(Severity severity);

// Returns the core kind for a wire enum value; INVALID_ARGUMENT naming `field` for
// ANCHOR_KIND_UNSPECIFIED or a value this server does not know.
absl::StatusOr<AnchorKind> FromProto(int kind, absl::string_view field);

// Fills `out` from `document`, moving its sentence texts.
void ToProto(SegmentedDocument&& document, v1::SegmentedDocument* out);

// Fills the source, target, beads and summary of `out` from `alignment`, moving its texts.
void ToProto(DocumentAlignment&& alignment, v1::AlignResponse* out);

// Adds the findings of `report` to the beads of `out` (filled first from the same alignment,
// bead for bead) and fills its report.
void ToProto(DocumentReport&& report, v1::AlignResponse* out);

// Returns the gRPC status with the same code and message (the codes are the same numbers).
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace newsalign

#endif  // NEWSALIGN_SERVER_PROTO_CONVERT_H_
