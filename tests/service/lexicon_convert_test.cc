// The caller's lexicon on the wire (AlignOptions.lexicon): its conversion to a core Lexicon
// (normalised for the request's languages, or taken as keys), its errors by exact code and
// field, and its merging with the server's built-in lexicon through a real in-process server.
#include <cmath>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "lexicon/lexicon.h"
#include "newsalign/v1/alignment.grpc.pb.h"
#include "server/alignment_server.h"
#include "server/proto_convert.h"
#include "tests/testing/status_matchers.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

void AddEntry(v1::AlignOptions* options, const std::string& source, const std::string& target,
              double weight = 0) {
  v1::LexiconEntry* entry = options->add_lexicon();
  entry->set_source(source);
  entry->set_target(target);
  entry->set_weight(weight);
}

TEST(ToAlignOptionsLexiconTest, NoEntriesNoLexicon) {
  AlignResources resources;
  ASSERT_THAT(ToAlignOptions(v1::AlignOptions(), AlignLimits(), "fr", "ar", &resources), IsOk());
  EXPECT_EQ(resources.lexicon, nullptr);
}

TEST(ToAlignOptionsLexiconTest, SurfaceWordsAreNormalisedForTheRequestsLanguages) {
  v1::AlignOptions wire;
  AddEntry(&wire, "Soldats", "الجنود");
  AddEntry(&wire, "escadrille", "سرب", 0.25);
  AlignResources resources;
  ASSERT_THAT(ToAlignOptions(wire, AlignLimits(), "fr-FR", "ar", &resources), IsOk());
  ASSERT_NE(resources.lexicon, nullptr);
  EXPECT_EQ(resources.lexicon->source_language(), "fr-FR");
  EXPECT_EQ(resources.lexicon->target_language(), "ar");
  EXPECT_EQ(resources.lexicon->size(), 2u);
  const auto* soldats = resources.lexicon->Translations(LexiconKey("soldat", "fr"));
  ASSERT_NE(soldats, nullptr);
  EXPECT_THAT(*soldats, ElementsAre(Pair(LexiconKey("جنود", "ar"), 1.0)));  // weight 0 means 1
  const auto* escadrille = resources.lexicon->Translations(LexiconKey("escadrille", "fr"));
  ASSERT_NE(escadrille, nullptr);
  EXPECT_THAT(*escadrille, ElementsAre(Pair("سرب", 0.25)));
}

TEST(ToAlignOptionsLexiconTest, NormalisedEntriesAreTakenAsKeys) {
  // "وزير" is the key of "الوزير"; normalising it again would strip its و (وزير -> زير).
  ASSERT_EQ(LexiconKey("الوزير", "ar"), "وزير");
  ASSERT_NE(LexiconKey("وزير", "ar"), "وزير");
  v1::AlignOptions wire;
  AddEntry(&wire, "ministr", "وزير", 0.8);
  wire.set_lexicon_normalised(true);
  AlignResources resources;
  ASSERT_THAT(ToAlignOptions(wire, AlignLimits(), "fr", "ar", &resources), IsOk());
  ASSERT_NE(resources.lexicon, nullptr);
  const auto* ministre = resources.lexicon->Translations("ministr");
  ASSERT_NE(ministre, nullptr);
  EXPECT_THAT(*ministre, ElementsAre(Pair("وزير", 0.8)));
}

struct BadEntryCase {
  const char* name;
  std::string source;
  std::string target;
  double weight;
  std::string message;  // the whole message, entry 1 being the bad one
};

void PrintTo(const BadEntryCase& c, std::ostream* os) { *os << c.name; }

class ToAlignOptionsBadLexiconTest : public ::testing::TestWithParam<BadEntryCase> {};

TEST_P(ToAlignOptionsBadLexiconTest, IsInvalidArgumentNamingTheEntry) {
  v1::AlignOptions wire;
  AddEntry(&wire, "soldats", "جنود");
  AddEntry(&wire, GetParam().source, GetParam().target, GetParam().weight);
  EXPECT_THAT(ToAlignOptions(wire, AlignLimits(), "fr", "ar"),
              StatusIs(absl::StatusCode::kInvalidArgument, GetParam().message));
}

INSTANTIATE_TEST_SUITE_P(
    Entries, ToAlignOptionsBadLexiconTest,
    ::testing::Values(
        BadEntryCase{"EmptySource", "", "جنود", 0, "options.lexicon[1].source is empty"},
        BadEntryCase{"EmptyTarget", "soldats", "", 0, "options.lexicon[1].target is empty"},
        BadEntryCase{"Spaces", "casques bleus", "جنود", 0,
                     "options.lexicon[1].source \"casques bleus\" has spaces; entries pair "
                     "single words"},
        BadEntryCase{"OnlyDiacritics", "soldats", "ـَ", 0,
                     "options.lexicon[1].target \"ـَ\" normalises to nothing"},
        BadEntryCase{"WeightAboveOne", "soldats", "جنود", 1.5,
                     "options.lexicon[1].weight must be in (0, 1] (0 means 1), got 1.5"},
        BadEntryCase{"NegativeWeight", "soldats", "جنود", -0.5,
                     "options.lexicon[1].weight must be in (0, 1] (0 means 1), got -0.5"},
        BadEntryCase{"NanWeight", "soldats", "جنود", NAN,
                     "options.lexicon[1].weight must be in (0, 1] (0 means 1), got nan"}),
    [](const ::testing::TestParamInfo<BadEntryCase>& info) { return info.param.name; });

TEST(ToAlignOptionsLexiconTest, AtMostOneHundredThousandEntries) {
  v1::AlignOptions wire;
  for (int i = 0; i < kMaxLexiconEntries; ++i) AddEntry(&wire, absl::StrCat("mot", i), "كلمة");
  EXPECT_THAT(ToAlignOptions(wire, AlignLimits(), "fr", "ar"), IsOk());
  AddEntry(&wire, "un", "واحد");
  EXPECT_THAT(ToAlignOptions(wire, AlignLimits(), "fr", "ar"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "options.lexicon has 100001 entries; the limit is 100000"));
}

TEST(ToAlignOptionsLexiconTest, EntriesNeedTheLanguages) {
  v1::AlignOptions wire;
  AddEntry(&wire, "soldats", "جنود");
  EXPECT_THAT(ToAlignOptions(wire, AlignLimits()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("options.lexicon needs the languages of both documents")));
}

// Through a real server whose built-in fr-ar lexicon knows "mali = مالي": the caller's pair is
// merged in, and both anchor their sentences.
TEST(AlignServiceLexiconTest, CallersPairsAreMergedWithTheBuiltInLexicon) {
  LexiconSet built_in;
  auto fr_ar = std::make_shared<Lexicon>("fr", "ar");
  fr_ar->Add("gouvernement", "حكومة", 1.0);
  built_in.Add(fr_ar);
  ServerOptions server_options;
  server_options.service.log = nullptr;
  server_options.service.lexicons = std::make_shared<const LexiconSet>(std::move(built_in));
  absl::StatusOr<std::unique_ptr<AlignmentServer>> server = AlignmentServer::Start(server_options);
  ASSERT_THAT(server, IsOk());
  std::unique_ptr<v1::AlignmentService::Stub> stub =
      v1::AlignmentService::NewStub((*server)->InProcessChannel());

  v1::AlignRequest request;
  request.mutable_source()->set_language("fr");
  request.mutable_target()->set_language("ar");
  request.mutable_source()->mutable_sentences()->add_sentences("Le gouvernement l'a dit.");
  request.mutable_source()->mutable_sentences()->add_sentences("L'escadrille est rentrée.");
  request.mutable_target()->mutable_sentences()->add_sentences("قالت الحكومة ذلك.");
  request.mutable_target()->mutable_sentences()->add_sentences("عاد السرب.");
  AddEntry(request.mutable_options(), "escadrille", "سرب");
  auto anchors = [](const v1::AlignResponse& response) {
    std::vector<std::string> values;
    for (const v1::Bead& bead : response.beads()) {
      for (const v1::Anchor& anchor : bead.anchors()) {
        if (anchor.kind() == v1::ANCHOR_KIND_LEXICON) values.push_back(anchor.value());
      }
    }
    return values;
  };
  const std::string government =
      absl::StrCat(LexiconKey("gouvernement", "fr"), "=", LexiconKey("حكومة", "ar"));
  const std::string squadron =
      absl::StrCat(LexiconKey("escadrille", "fr"), "=", LexiconKey("سرب", "ar"));

  grpc::ClientContext context;
  v1::AlignResponse response;
  const grpc::Status status = stub->Align(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(anchors(response), Contains(government));
  EXPECT_THAT(anchors(response), Contains(squadron));

  // A bad entry fails the call with the field named, as every option does.
  request.mutable_options()->mutable_lexicon(0)->set_weight(3);
  grpc::ClientContext bad_context;
  const grpc::Status bad = stub->Align(&bad_context, request, &response);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad.error_message(), "options.lexicon[0].weight must be in (0, 1] (0 means 1), got 3");
}

}  // namespace
}  // namespace newsalign
