// Fuzzes the whole Align handler: any bytes, parsed as a newsalign.v1.AlignRequest, go to
// AlignmentServiceImpl::Align() called in-process (no server, no network), then the source
// document to Segment(). The service has small limits (16 KiB and 64 sentences a document,
// 20 000 DP cells) so that one input stays well under a second; the call has no deadline, as a
// ServerContext made outside a server cannot carry one. Checks that the handler answers with a
// status a client can act on (never UNKNOWN or INTERNAL) and that a successful answer is
// consistent: sentences are in-bounds ranges of valid UTF-8, beads use each sentence index in
// range, and the response serialises and parses back.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/strings/string_view.h"
#include "fuzz/fuzz_check.h"
#include "google/protobuf/stubs/logging.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"
#include "newsalign/v1/alignment.pb.h"
#include "server/alignment_service.h"
#include "text/utf8.h"

namespace {

newsalign::AlignmentServiceImpl& Service() {
  static newsalign::AlignmentServiceImpl* service = [] {
    // Parsing rejects strings that are not UTF-8 with an error log line each: silence it.
    google::protobuf::SetLogHandler(nullptr);
    newsalign::ServiceOptions options;
    options.align_limits.max_document_bytes = 16 << 10;
    options.align_limits.max_sentences = 64;
    // About 20,000 search cells with the features of two such documents.
    options.align_limits.max_memory_bytes = 4 << 20;
    options.workers = 1;
    options.queue = 1;
    options.log = nullptr;
    FUZZ_CHECK(options.Validate().ok(), "the fuzz service options are valid");
    return new newsalign::AlignmentServiceImpl(options);
  }();
  return *service;
}

bool IsUtf8(absl::string_view text) { return newsalign::ValidateUtf8(text, "text").ok(); }

void CheckStatus(const grpc::Status& status) {
  if (status.error_code() == grpc::StatusCode::UNKNOWN ||
      status.error_code() == grpc::StatusCode::INTERNAL) {
    std::fprintf(stderr, "status %d: %s\n", static_cast<int>(status.error_code()),
                 status.error_message().c_str());
  }
  FUZZ_CHECK(status.error_code() != grpc::StatusCode::UNKNOWN &&
                 status.error_code() != grpc::StatusCode::INTERNAL,
             "the handler never answers UNKNOWN or INTERNAL");
}

void CheckDocument(const newsalign::v1::SegmentedDocument& document) {
  for (int i = 0; i < document.sentences_size(); ++i) {
    const newsalign::v1::Sentence& s = document.sentences(i);
    FUZZ_CHECK(s.index() == i, "sentences are numbered in order");
    FUZZ_CHECK(s.byte_begin() <= s.byte_end() && s.code_point_begin() <= s.code_point_end(),
               "a sentence is a range");
    FUZZ_CHECK(IsUtf8(s.text()), "a sentence is valid UTF-8");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  newsalign::v1::AlignRequest request;
  if (!request.ParseFromArray(data, static_cast<int>(size))) return 0;

  {
    grpc::ServerContext context;
    newsalign::v1::AlignResponse response;
    const grpc::Status status = Service().Align(&context, &request, &response);
    CheckStatus(status);
    if (status.ok()) {
      CheckDocument(response.source());
      CheckDocument(response.target());
      for (const newsalign::v1::Bead& bead : response.beads()) {
        for (int i : bead.source_sentences()) {
          FUZZ_CHECK(i >= 0 && i < response.source().sentences_size(), "source index in range");
        }
        for (int i : bead.target_sentences()) {
          FUZZ_CHECK(i >= 0 && i < response.target().sentences_size(), "target index in range");
        }
      }
      std::string wire;
      FUZZ_CHECK(response.SerializeToString(&wire), "the response serialises");
      newsalign::v1::AlignResponse parsed;
      FUZZ_CHECK(parsed.ParseFromString(wire), "the client can parse the response");
    }
  }
  {
    grpc::ServerContext context;
    newsalign::v1::SegmentRequest segment;
    segment.set_id(request.id());
    *segment.mutable_document() = request.source();
    newsalign::v1::SegmentResponse response;
    const grpc::Status status = Service().Segment(&context, &segment, &response);
    CheckStatus(status);
    if (status.ok()) CheckDocument(response.document());
  }
  return 0;
}
