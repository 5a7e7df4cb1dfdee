// The QA report in the outputs of `newsalign align`: the findings column of --format=tsv, the
// findings and verdict of --format=table, the report in --format=json, and --format=tmx (valid
// XML by xmllint, and the pair texts back exactly through a small reader), on hand-built
// responses and on the sample article through the in-process service.
#include <cstdlib>
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "client/commands.h"
#include "client/formatters.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"
#include "tests/testing/response_builders.h"

namespace newsalign::client {
namespace {

using ::newsalign::testing::AddSentence;
using ::newsalign::testing::AddBead;
using ::newsalign::testing::AddFinding;

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

std::string ExamplePath(const std::string& name) {
  return absl::StrCat(NEWSALIGN_SOURCE_DIR, "/examples/mali-minusma/", name);
}




// A 1-1 bead with a changed figure and a low confidence, a 2-1 bead, an omission and an
// addition; then the report.
v1::AlignResponse ReportedResponse() {
  v1::AlignResponse response;
  v1::SegmentedDocument* fr = response.mutable_source();
  fr->set_language("fr");
  AddSentence(fr, "Forte d’environ 15 000 soldats, la MINUSMA quitte le Mali.");
  AddSentence(fr, "C’est officiel.");
  AddSentence(fr, "Le retrait est « définitif » & sans retour.");
  AddSentence(fr, "Découvrez ce qui se cache derrière ce retrait.");
  v1::SegmentedDocument* ar = response.mutable_target();
  ar->set_language("ar");
  AddSentence(ar, "ومع وجود حوالي 16 ألف جندي، تغادر مينوسما مالي.");
  AddSentence(ar, "أصبح الأمر رسميًا: الانسحاب \"نهائي\" <بلا عودة>.");
  AddSentence(ar, "المصدر");
  v1::Bead* bead = AddBead(&response, {0}, {0}, 0.42);
  v1::Finding* numbers =
      AddFinding(bead, v1::FINDING_KIND_NUMBER_MISMATCH, v1::SEVERITY_ERROR,
                 "15000 in the source is not in the target; 16000 in the target is not in the "
                 "source");
  numbers->add_values("15000");
  numbers->add_values("16000");
  numbers->add_source_only_values("15000");
  numbers->add_target_only_values("16000");
  AddFinding(bead, v1::FINDING_KIND_LOW_CONFIDENCE, v1::SEVERITY_WARNING,
             "confidence 0.42 is below 0.50")
      ->add_values("0.42");
  AddBead(&response, {1, 2}, {1}, 0.91);
  AddFinding(AddBead(&response, {3}, {}, 0.8), v1::FINDING_KIND_OMISSION, v1::SEVERITY_ERROR,
             "source sentence 3 has no translation");
  AddFinding(AddBead(&response, {}, {2}, 0.7), v1::FINDING_KIND_ADDITION, v1::SEVERITY_ERROR,
             "target sentence 2 has no source");
  v1::Report* report = response.mutable_report();
  report->set_source_sentences(4);
  report->set_translated_source_sentences(3);
  report->set_error_count(3);
  report->set_warning_count(1);
  report->add_omitted_source_sentences(3);
  report->add_added_target_sentences(2);
  (*report->mutable_finding_counts())["FINDING_KIND_NUMBER_MISMATCH"] = 1;
  report->set_verdict(
      "The Arabic carries 78 % of the French story; 1 sentence is not translated; 1 sentence "
      "has no source; figures differ in 1 pair.");
  return response;
}

TEST(ReportTsvTest, FindingsColumnHasKindAndSeverityWorstFirst) {
  const std::vector<std::string> lines = absl::StrSplit(FormatTsv(ReportedResponse()), '\n');
  ASSERT_EQ(lines.size(), 6u);
  const std::vector<std::string> header = absl::StrSplit(lines[0], '\t');
  ASSERT_EQ(header.size(), 11u);
  EXPECT_EQ(header[6], "findings");
  EXPECT_EQ(header[7], "finding_messages");
  std::vector<std::string> row = absl::StrSplit(lines[1], '\t');
  ASSERT_EQ(row.size(), 11u);
  EXPECT_EQ(row[0], "0");
  EXPECT_EQ(row[1], "0");
  EXPECT_EQ(row[2], "0.4200");
  EXPECT_EQ(row[6], "number_mismatch:error; low_confidence:warning");
  EXPECT_EQ(row[7],
            "15000 in the source is not in the target; 16000 in the target is not in the "
            "source; confidence 0.42 is below 0.50");
  row = absl::StrSplit(lines[2], '\t');
  EXPECT_EQ(row[6], "");
  row = absl::StrSplit(lines[3], '\t');
  EXPECT_EQ(row[6], "omission:error");
  row = absl::StrSplit(lines[4], '\t');
  EXPECT_EQ(row[6], "addition:error");
}

TEST(ReportTableTest, FindingsUnderTheirRowAndTheVerdictAtTheEnd) {
  const std::string table = FormatTable(ReportedResponse(), 100);
  const std::vector<std::string> lines = absl::StrSplit(table, '\n');
  size_t bead_row = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (absl::StartsWith(lines[i], "0.42")) bead_row = i;
  }
  ASSERT_LT(bead_row, lines.size()) << table;
  // The first bead's text takes a line or two; its findings follow, before the next bead.
  std::vector<std::string> findings;
  for (size_t i = bead_row + 1; i < lines.size() && !absl::StartsWith(lines[i], "0.91"); ++i) {
    const size_t bang = lines[i].find("! ");
    if (bang != std::string::npos) findings.push_back(lines[i].substr(bang));
  }
  ASSERT_EQ(findings.size(), 2u) << table;
  EXPECT_THAT(findings[0], StartsWith("! error number_mismatch: 15000 in the source"));
  EXPECT_EQ(findings[1], "! warning low_confidence: confidence 0.42 is below 0.50");
  EXPECT_THAT(table, HasSubstr("! error omission: source sentence 3 has no translation"));
  EXPECT_THAT(table, HasSubstr("! error addition: target sentence 2 has no source"));
  EXPECT_THAT(table, HasSubstr("findings: 3 errors, 1 warning, 0 info\n"));
  EXPECT_TRUE(absl::EndsWith(table, "figures differ in 1 pair.\n")) << table;
}

TEST(ReportJsonTest, HasFindingsAndReportWithProtoFieldNames) {
  const v1::AlignResponse response = ReportedResponse();
  absl::StatusOr<std::string> json = FormatJson(response);
  ASSERT_TRUE(json.ok()) << json.status();
  for (const char* name :
       {"\"findings\"", "\"kind\": \"FINDING_KIND_NUMBER_MISMATCH\"",
        "\"severity\": \"SEVERITY_ERROR\"", "\"source_only_values\"", "\"target_only_values\"",
        "\"report\"", "\"verdict\"", "\"character_coverage\"", "\"omitted_source_sentences\"",
        "\"finding_counts\"", "\"lowest_confidence_bead\""}) {
    EXPECT_THAT(*json, HasSubstr(name));
  }
  v1::AlignResponse parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(*json, &parsed).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(parsed, response))
      << parsed.DebugString();
  EXPECT_EQ(parsed.report().verdict(), response.report().verdict());
}

// --- TMX ---

// A translation unit as read back: its confidence and its segments by xml:lang.
struct TranslationUnit {
  std::string tuid;
  double confidence = -1;
  std::vector<std::string> notes;
  std::map<std::string, std::string> segments;
};

// Returns `text` with the five XML entities and numeric character references resolved.
std::string Unescape(absl::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '&') {
      out.push_back(text[i++]);
      continue;
    }
    const size_t end = text.find(';', i);
    const absl::string_view entity = text.substr(i + 1, end - i - 1);
    if (entity == "amp")
      out += '&';
    else if (entity == "lt")
      out += '<';
    else if (entity == "gt")
      out += '>';
    else if (entity == "quot")
      out += '"';
    else if (entity == "apos")
      out += '\'';
    else if (absl::StartsWith(entity, "#")) {
      uint32_t code = 0;
      EXPECT_TRUE(absl::SimpleAtoi(entity.substr(1), &code)) << entity;
      EXPECT_LT(code, 0x80u);  // the writer only escapes ASCII this way
      out.push_back(static_cast<char>(code));
    } else {
      ADD_FAILURE() << "unknown entity " << entity;
    }
    i = end + 1;
  }
  return out;
}

// A minimal TMX reader: the <tu> elements of `tmx`, each with its x-confidence prop and the
// <seg> text of each <tuv>, unescaped.
std::vector<TranslationUnit> ReadTmx(absl::string_view tmx) {
  std::vector<TranslationUnit> units;
  size_t at = 0;
  while ((at = tmx.find("<tu ", at)) != absl::string_view::npos) {
    const size_t end = tmx.find("</tu>", at);
    const absl::string_view tu = tmx.substr(at, end - at);
    TranslationUnit unit;
    const absl::string_view tuid = "<tu tuid=\"";
    if (absl::StartsWith(tu, tuid)) {
      unit.tuid = Unescape(tu.substr(tuid.size(), tu.find('"', tuid.size()) - tuid.size()));
    }
    for (size_t note = tu.find("<note>"); note != absl::string_view::npos;
         note = tu.find("<note>", note + 1)) {
      const size_t text = note + 6;
      unit.notes.push_back(Unescape(tu.substr(text, tu.find("</note>", text) - text)));
    }
    const absl::string_view prop = "<prop type=\"x-confidence\">";
    if (size_t p = tu.find(prop); p != absl::string_view::npos) {
      const size_t value = p + prop.size();
      EXPECT_TRUE(
          absl::SimpleAtod(tu.substr(value, tu.find('<', value) - value), &unit.confidence));
    }
    size_t tuv = 0;
    while ((tuv = tu.find("<tuv xml:lang=\"", tuv)) != absl::string_view::npos) {
      const size_t lang = tuv + 15;
      const std::string language(tu.substr(lang, tu.find('"', lang) - lang));
      const size_t seg = tu.find("<seg>", tuv) + 5;
      unit.segments[language] = Unescape(tu.substr(seg, tu.find("</seg>", seg) - seg));
      tuv = seg;
    }
    units.push_back(std::move(unit));
    at = end;
  }
  return units;
}

// Runs xmllint --noout on `xml`; returns its exit status (0: well-formed).
int Xmllint(const std::string& xml, const std::string& name) {
  const std::string path =
      ::newsalign::testing::UniqueTempPath("report_output_test", absl::StrCat(name, ".tmx"));
  std::ofstream(path, std::ios::binary) << xml;
  return std::system(absl::StrCat("/usr/bin/xmllint --noout '", path, "'").c_str());
}

bool HaveXmllint() { return std::ifstream("/usr/bin/xmllint").good(); }

TEST(ReportTmxTest, HeaderAndConfidentPairsOnly) {
  const std::string tmx = FormatTmx(ReportedResponse(), 0.5);
  EXPECT_THAT(tmx, StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">"));
  for (const char* attribute :
       {"creationtool=\"newsalign\"", "creationtoolversion=\"", "segtype=\"sentence\"",
        "o-tmf=\"newsalign\"", "adminlang=\"en\"", "srclang=\"fr\"", "datatype=\"plaintext\""}) {
    EXPECT_THAT(tmx, HasSubstr(attribute));
  }
  // The 0.42 pair is below 0.5; the omission and the addition have one side only.
  const std::vector<TranslationUnit> units = ReadTmx(tmx);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_DOUBLE_EQ(units[0].confidence, 0.91);
  EXPECT_EQ(units[0].segments.at("fr"),
            "C’est officiel. Le retrait est « définitif » & sans retour.");
  EXPECT_EQ(units[0].segments.at("ar"), "أصبح الأمر رسميًا: الانسحاب \"نهائي\" <بلا عودة>.");
  EXPECT_THAT(tmx, HasSubstr("&amp; sans retour"));
  EXPECT_THAT(tmx, HasSubstr("&quot;نهائي&quot; &lt;بلا عودة&gt;"));

  EXPECT_EQ(ReadTmx(FormatTmx(ReportedResponse(), 0.0)).size(), 2u);
  EXPECT_EQ(ReadTmx(FormatTmx(ReportedResponse(), 1.0)).size(), 0u);
  if (!HaveXmllint()) GTEST_SKIP() << "no /usr/bin/xmllint";
  EXPECT_EQ(Xmllint(tmx, "header"), 0) << tmx;
  EXPECT_EQ(Xmllint(FormatTmx(ReportedResponse(), 1.0), "empty"), 0);
}

// Each unit names its bead (after the response's id when it has one) and carries the bead's
// findings as notes; the header's creationdate is the time given, in UTC, and absent without
// one (so that the same response gives the same bytes).
TEST(ReportTmxTest, UnitsNameTheirBeadAndCarryTheFindings) {
  v1::AlignResponse response = ReportedResponse();
  std::vector<TranslationUnit> units = ReadTmx(FormatTmx(response, 0.0));
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].tuid, "bead-0");
  EXPECT_EQ(units[1].tuid, "bead-1");
  EXPECT_THAT(units[0].notes,
              ElementsAre("error number_mismatch: 15000 in the source is not in the target; "
                          "16000 in the target is not in the source",
                          "warning low_confidence: confidence 0.42 is below 0.50"));
  EXPECT_THAT(units[1].notes, IsEmpty());
  response.set_id("article <7>");
  units = ReadTmx(FormatTmx(response, 0.0));
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[1].tuid, "article <7>.bead-1");

  EXPECT_THAT(FormatTmx(response, 0.0), Not(HasSubstr("creationdate")));
  const std::string dated =
      FormatTmx(response, 0.0, absl::FromCivil(absl::CivilSecond(2026, 12, 3, 18, 12, 5),
                                                absl::UTCTimeZone()));
  EXPECT_THAT(dated, HasSubstr(" creationdate=\"20261203T181205Z\"/>"));
  if (!HaveXmllint()) GTEST_SKIP() << "no /usr/bin/xmllint";
  EXPECT_EQ(Xmllint(dated, "notes"), 0) << dated;
}

TEST(ReportTmxTest, EscapesAndDropsWhatXmlCannotHold) {
  v1::AlignResponse response;
  response.mutable_source()->set_language("fr-CA");
  response.mutable_target()->set_language("ar");
  // Tab and line breaks stay (the carriage return as &#13;); U+0001, U+0008, U+001F and U+FFFF
  // go; "]]>" and quotes are harmless once escaped.
  AddSentence(response.mutable_source(),
              "a & b < c > d \"q\" 'x' ]]> \t tab\r\nline\x01\x08\x1f end");
  AddSentence(response.mutable_target(), "نص \xEF\xBF\xBF عربي 𝔸 😀");
  AddBead(&response, {0}, {0}, 0.99);
  const std::string tmx = FormatTmx(response, 0.5);
  EXPECT_THAT(tmx, Not(HasSubstr("\x01")));
  EXPECT_THAT(tmx, Not(HasSubstr("\xEF\xBF\xBF")));
  EXPECT_THAT(tmx, HasSubstr("<tuv xml:lang=\"fr-CA\">"));
  const std::vector<TranslationUnit> units = ReadTmx(tmx);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].segments.at("fr-CA"), "a & b < c > d \"q\" 'x' ]]> \t tab\r\nline end");
  EXPECT_EQ(units[0].segments.at("ar"), "نص  عربي 𝔸 😀");
  if (!HaveXmllint()) GTEST_SKIP() << "no /usr/bin/xmllint";
  EXPECT_EQ(Xmllint(tmx, "escapes"), 0) << tmx;
}

// --- The command, on the sample, through the in-process service ---

class ReportCommandTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<Connection> connection = Connect("");
    ASSERT_TRUE(connection.ok()) << connection.status();
    connection_ = new Connection(*std::move(connection));
  }
  static void TearDownTestSuite() {
    delete connection_;
    connection_ = nullptr;
  }

  // Runs `align` on the sample pair; returns the exit code, stdout in out_, stderr in err_.
  int Run(AlignCommand command) {
    if (command.source_path.empty()) command.source_path = ExamplePath("fr.txt");
    if (command.target_path.empty()) command.target_path = ExamplePath("ar.txt");
    out_.str("");
    err_.str("");
    CommandIo io;
    io.out = &out_;
    io.err = &err_;
    return RunAlign(command, *connection_->alignment, io);
  }

  static Connection* connection_;
  std::ostringstream out_;
  std::ostringstream err_;
};

Connection* ReportCommandTest::connection_ = nullptr;

TEST_F(ReportCommandTest, TmxOfTheSampleIsValidAndRoundTripsEveryPair) {
  AlignCommand command;
  command.format = "json";
  ASSERT_EQ(Run(command), kExitOk) << err_.str();
  v1::AlignResponse response;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out_.str(), &response).ok());
  ASSERT_TRUE(response.has_report());
  EXPECT_EQ(response.report().error_count(), 0);
  EXPECT_EQ(response.report().source_sentences(), 32);

  command.format = "tmx";
  command.min_confidence = 0;
  ASSERT_EQ(Run(command), kExitOk) << err_.str();
  const std::string tmx = out_.str();
  const std::vector<TranslationUnit> units = ReadTmx(tmx);
  ASSERT_EQ(units.size(), 32u);
  for (int i = 0; i < 32; ++i) {
    // The sample is 1-1 throughout: unit i holds sentence i of each side, exactly.
    EXPECT_EQ(units[i].segments.at("fr"), response.source().sentences(i).text());
    EXPECT_EQ(units[i].segments.at("ar"), response.target().sentences(i).text());
    EXPECT_NEAR(units[i].confidence, response.beads(i).confidence(), 1e-4);
  }

  // --min-confidence keeps the pairs at or above it: the median confidence keeps about half.
  std::vector<double> confidences;
  for (const v1::Bead& bead : response.beads()) confidences.push_back(bead.confidence());
  std::sort(confidences.begin(), confidences.end());
  command.min_confidence = confidences[16];
  ASSERT_EQ(Run(command), kExitOk) << err_.str();
  const std::vector<TranslationUnit> confident = ReadTmx(out_.str());
  EXPECT_LT(confident.size(), 32u);
  EXPECT_GE(confident.size(), 1u);
  for (const TranslationUnit& unit : confident) {
    EXPECT_GE(unit.confidence, command.min_confidence - 1e-4);
  }
  if (!HaveXmllint()) GTEST_SKIP() << "no /usr/bin/xmllint";
  EXPECT_EQ(Xmllint(tmx, "sample"), 0);
}

TEST_F(ReportCommandTest, TsvShowsTheFindingsOfAChangedFigure) {
  std::ifstream in(ExamplePath("ar.txt"), std::ios::binary);
  std::stringstream arabic;
  arabic << in.rdbuf();
  const std::string changed =
      absl::StrReplaceAll(arabic.str(), {{"حوالي 15 ألف جندي", "حوالي 16 ألف جندي"}});
  const std::string path =
      ::newsalign::testing::UniqueTempPath("report_output_test", "changed.ar.txt");
  std::ofstream(path, std::ios::binary) << changed;
  AlignCommand command;
  command.target_path = path;
  command.format = "tsv";
  ASSERT_EQ(Run(command), kExitOk) << err_.str();
  const std::vector<std::string> lines = absl::StrSplit(out_.str(), '\n');
  ASSERT_GT(lines.size(), 12u);
  const std::vector<std::string> row =
      absl::StrSplit(lines[12], '\t');  // bead 11, after the header
  ASSERT_EQ(row.size(), 11u);
  EXPECT_EQ(row[0], "11");
  EXPECT_THAT(row[6], StartsWith("number_mismatch:error"));
  EXPECT_THAT(row[7], HasSubstr("15000 in the source is not in the target"));
}

TEST_F(ReportCommandTest, LowConfidenceGoesToTheRequest) {
  AlignCommand command;
  command.format = "tsv";
  command.low_confidence = 0.999;
  ASSERT_EQ(Run(command), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("low_confidence:warning"));
  command.low_confidence = 0;  // the server's default, 0.5: the sample is surer than that
  ASSERT_EQ(Run(command), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), Not(HasSubstr("low_confidence:warning")));
}

struct BadFlag {
  std::string name;
  double low_confidence;
  double min_confidence;
  std::string message;
};

class ReportFlagTest : public ReportCommandTest, public ::testing::WithParamInterface<BadFlag> {};

TEST_P(ReportFlagTest, OutOfRangeIsAUsageError) {
  AlignCommand command;
  command.format = "tmx";
  command.low_confidence = GetParam().low_confidence;
  command.min_confidence = GetParam().min_confidence;
  EXPECT_EQ(Run(command), kExitUsage);
  EXPECT_EQ(err_.str(), absl::StrCat("newsalign: ", GetParam().message, "\n"));
  EXPECT_EQ(out_.str(), "");
}

INSTANTIATE_TEST_SUITE_P(
    Flags, ReportFlagTest,
    ::testing::Values(
        BadFlag{"MinConfidenceAboveOne", 0, 1.5,
                "align: --min-confidence must be between 0 and 1, got 1.5"},
        BadFlag{"MinConfidenceNegative", 0, -0.1,
                "align: --min-confidence must be between 0 and 1, got -0.1"},
        BadFlag{"LowConfidenceAboveOne", 2, 0.5,
                "align: --low-confidence must be between 0 and 1 (0 for the server's default, "
                "0.5), got 2"}),
    [](const ::testing::TestParamInfo<BadFlag>& info) { return info.param.name; });

TEST(ReportFormatTest, TmxIsAFormat) {
  EXPECT_EQ(*ParseAlignFormat("tmx"), AlignFormat::kTmx);
  EXPECT_THAT(std::string(ParseAlignFormat("xliff").status().message()), HasSubstr("tmx"));
  EXPECT_EQ(FindingKindFlagName(v1::FINDING_KIND_LENGTH_RATIO), "length_ratio");
  EXPECT_EQ(SeverityFlagName(v1::SEVERITY_WARNING), "warning");
}

}  // namespace
}  // namespace newsalign::client
