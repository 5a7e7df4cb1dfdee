// Fuzzes user lexicons on any bytes, in the language pair the first byte picks: the core's
// Lexicon::FromTsv (its round trip: FromTsv(ToTsv()) gives the same ToTsv()), and the client's
// AddUserLexicon followed by what the server does with the request it builds (the options go
// over the wire and through ToAlignOptions): a lexicon the client accepts must reach the server
// intact and be accepted there too.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "align/aligner.h"
#include "client/lexicon_command.h"
#include "fuzz/fuzz_check.h"
#include "lexicon/lexicon.h"
#include "newsalign/v1/alignment.pb.h"
#include "server/proto_convert.h"

namespace {

constexpr std::pair<absl::string_view, absl::string_view> kPairs[] = {
    {"fr", "ar"}, {"ar", "fr"}, {"de", "fr"}, {"en", "ar"}, {"fr-CA", "ar-EG"}, {"es", "it"}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto [selector, tsv] = newsalign::fuzz::Select(data, size);
  const auto& [source_language, target_language] = kPairs[selector % std::size(kPairs)];

  const absl::StatusOr<newsalign::Lexicon> lexicon =
      newsalign::Lexicon::FromTsv(tsv, source_language, target_language);
  if (lexicon.ok()) {
    const std::string written = lexicon->ToTsv();
    const absl::StatusOr<newsalign::Lexicon> read =
        newsalign::Lexicon::FromTsv(written, source_language, target_language);
    FUZZ_CHECK(read.ok(), "FromTsv reads what ToTsv writes");
    FUZZ_CHECK(read->size() == lexicon->size(), "FromTsv(ToTsv()) keeps every pair");
    FUZZ_CHECK(read->ToTsv() == written, "FromTsv(ToTsv()) gives back the same ToTsv()");
  } else {
    FUZZ_CHECK(lexicon.status().code() == absl::StatusCode::kInvalidArgument,
               "FromTsv fails only with INVALID_ARGUMENT");
  }

  newsalign::v1::AlignOptions options;
  const absl::Status added =
      newsalign::client::AddUserLexicon(tsv, source_language, target_language, &options);
  if (!added.ok()) {
    FUZZ_CHECK(added.code() == absl::StatusCode::kInvalidArgument,
               "AddUserLexicon fails only with INVALID_ARGUMENT");
    return 0;
  }
  FUZZ_CHECK(lexicon.ok(), "AddUserLexicon accepts only what FromTsv accepts");
  // The request's options as the server receives them.
  std::string wire;
  FUZZ_CHECK(options.SerializeToString(&wire), "the options serialise");
  newsalign::v1::AlignOptions received;
  FUZZ_CHECK(received.ParseFromString(wire), "the server can parse the lexicon the client sends");
  const absl::StatusOr<newsalign::AlignOptions> converted = newsalign::ToAlignOptions(
      received, newsalign::AlignLimits(), source_language, target_language);
  FUZZ_CHECK(converted.ok(), "the server accepts a lexicon the client accepted");
  return 0;
}
