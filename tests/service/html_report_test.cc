// The HTML report of `newsalign align --format=html`, on a response built by hand with real
// French and Arabic sentences: escaping, text direction, omission and addition rows, findings,
// the summary, and that the page references nothing outside itself; and the two units it is
// written with: HtmlWriter, the one escaping writer, and the compiled-in templates. The page as a
// browser renders it is tested by html_report_browser_test.sh.
#include "client/html_report.h"

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "client/html_writer.h"
#include "client/report_templates.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/response_builders.h"
#include "tests/testing/status_matchers.h"

namespace newsalign::client {
namespace {

using ::newsalign::testing::AddSentence;
using ::newsalign::testing::AddBead;
using ::newsalign::testing::AddFinding;

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

int Count(absl::string_view haystack, absl::string_view needle) {
  int count = 0;
  for (size_t at = haystack.find(needle); at != absl::string_view::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

// Returns the <tr> of bead `index`, from its start tag to its end tag; "" when absent.
std::string Row(const std::string& html, int index) {
  const size_t begin = html.find(absl::StrCat("<tr id=\"bead-", index, "\""));
  if (begin == std::string::npos) return "";
  return html.substr(begin, html.find("</tr>", begin) + 5 - begin);
}

v1::AlignRequest FrenchToArabic() {
  v1::AlignRequest request;
  request.set_id("mali.fr.txt");
  request.mutable_source()->set_language("fr");
  request.mutable_target()->set_language("ar");
  return request;
}

// Beads: 0+1 -> 0 (2-1), 2 -> 1 (1-1, a changed number), 3 omitted (1-0), target 2 added (0-1).
// Source paragraphs: 0, 0, 1, 1.
v1::AlignResponse KnownResponse() {
  v1::AlignResponse response;
  response.set_id("mali.fr.txt");
  v1::SegmentedDocument* fr = response.mutable_source();
  fr->set_language("fr");
  AddSentence(fr, "C’est désormais officiel.", 0);
  AddSentence(fr, "La MINUSMA quittera le Mali le 15 novembre 2024.", 0);
  AddSentence(fr, "Elle comptait 15 000 Casques bleus.", 1);
  AddSentence(fr, "Découvrez ce qui se cache derrière ce retrait annoncé...", 1);
  v1::SegmentedDocument* ar = response.mutable_target();
  ar->set_language("ar");
  AddSentence(ar, "أصبح الأمر رسميًا الآن: ستغادر مينوسما مالي في 15 نوفمبر 2024.", 0);
  AddSentence(ar, "وكانت تضم 16 ألف جندي.", 1);
  AddSentence(ar, "المصدر", 2);

  AddBead(&response, {0, 1}, {0}, 0.97);
  v1::Bead* changed = AddBead(&response, {2}, {1}, 0.72);
  v1::Finding* number = AddFinding(changed, v1::FINDING_KIND_NUMBER_MISMATCH, v1::SEVERITY_ERROR,
                                   "15000 in the source is not in the target");
  number->add_values("15000");
  number->add_values("16000");
  number->add_source_only_values("15000");
  number->add_target_only_values("16000");
  AddFinding(AddBead(&response, {3}, {}, 0.31), v1::FINDING_KIND_OMISSION, v1::SEVERITY_ERROR,
             "Source sentence 3 has no translation");
  AddFinding(AddBead(&response, {}, {2}, 0.55), v1::FINDING_KIND_ADDITION, v1::SEVERITY_ERROR,
             "Target sentence 2 has no source");

  response.mutable_summary()->set_source_coverage(0.78);
  response.mutable_summary()->set_mean_confidence(0.6375);
  v1::Report* report = response.mutable_report();
  report->set_source_sentences(4);
  report->set_translated_source_sentences(3);
  report->set_sentence_coverage(0.75);
  report->set_character_coverage(0.78);
  report->add_omitted_source_sentences(3);
  report->add_added_target_sentences(2);
  (*report->mutable_finding_counts())["FINDING_KIND_NUMBER_MISMATCH"] = 1;
  (*report->mutable_finding_counts())["FINDING_KIND_OMISSION"] = 1;
  (*report->mutable_finding_counts())["FINDING_KIND_ADDITION"] = 1;
  report->set_error_count(3);
  report->set_mean_confidence(0.6375);
  report->set_lowest_confidence(0.31);
  report->set_lowest_confidence_bead(2);
  report->set_beads_with_errors(3);
  report->set_verdict("The Arabic carries 78 % of the French story; 1 sentence is missing.");
  return response;
}

TEST(HtmlReportTest, IsOneCompleteDocument) {
  const std::string html = RenderHtmlReport(FrenchToArabic(), KnownResponse(), HtmlOptions());
  EXPECT_TRUE(absl::StartsWith(html, "<!DOCTYPE html>\n<html lang=\"en\">"));
  EXPECT_TRUE(absl::EndsWith(html, "</html>\n"));
  EXPECT_THAT(html, HasSubstr("<meta charset=\"utf-8\">"));
  EXPECT_THAT(html, HasSubstr("<title>Alignment report: mali.fr.txt</title>"));
  EXPECT_EQ(Count(html, "<tr id=\"bead-"), 4);
  EXPECT_EQ(Count(html, "<tbody>"), 1);
}

TEST(HtmlReportTest, LoadsNothingFromOutside) {
  const std::string html = RenderHtmlReport(FrenchToArabic(), KnownResponse(), HtmlOptions());
  for (absl::string_view forbidden : {"http:", "https:", "//", "<link", "<script", "<img",
                                      "<iframe", " src=", "url(", "@import", "@font-face"}) {
    EXPECT_THAT(html, Not(HasSubstr(forbidden))) << forbidden;
  }
  // And the browser is told so: any fetch the page might attempt is refused.
  EXPECT_THAT(html, HasSubstr("<meta http-equiv=\"Content-Security-Policy\" "
                              "content=\"default-src 'none';"));
}

TEST(HtmlReportTest, EscapesMarkupInEveryText) {
  v1::AlignRequest request = FrenchToArabic();
  v1::AlignResponse response;
  response.set_id("<id> & \"quotes\"");
  AddSentence(response.mutable_source(), "Le <b>prix</b> & les \"taxes\" d'État", 0);
  AddSentence(response.mutable_target(), "السعر <script>alert(1)</script> & \"الضرائب\"", 0);
  AddFinding(AddBead(&response, {0}, {0}, 0.9), v1::FINDING_KIND_NAME_MISMATCH,
             v1::SEVERITY_WARNING, "<État> & \"co\" only in the source")
      ->add_source_only_values("<é>");
  HtmlOptions options;
  options.title = "Report <1> & \"2\"";

  const std::string html = RenderHtmlReport(request, response, options);
  EXPECT_THAT(html, HasSubstr("Le &lt;b&gt;prix&lt;/b&gt; &amp; les &quot;taxes&quot; d&#39;État"));
  EXPECT_THAT(html,
              HasSubstr("السعر &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;الضرائب&quot;"));
  EXPECT_THAT(html, HasSubstr("&lt;État&gt; &amp; &quot;co&quot; only in the source"));
  EXPECT_THAT(html, HasSubstr("<bdi>&lt;é&gt;</bdi>"));
  EXPECT_THAT(html, HasSubstr("<title>Report &lt;1&gt; &amp; &quot;2&quot;</title>"));
  EXPECT_THAT(html, HasSubstr("&lt;id&gt; &amp; &quot;quotes&quot;"));
  for (absl::string_view raw : {"<b>", "<script>", "<État>", "<é>", "<1>", "<id>"}) {
    EXPECT_THAT(html, Not(HasSubstr(raw))) << raw;
  }
}

TEST(HtmlReportTest, ArabicCellsAreRightToLeftAndFrenchLeftToRight) {
  const std::string html = RenderHtmlReport(FrenchToArabic(), KnownResponse(), HtmlOptions());
  // Three beads have an Arabic side, three a French side.
  EXPECT_EQ(Count(html, "<td class=\"text tgt\" lang=\"ar\" dir=\"rtl\""), 3);
  EXPECT_EQ(Count(html, "<td class=\"text src\" lang=\"fr\" dir=\"ltr\""), 3);
  EXPECT_THAT(Row(html, 1), HasSubstr("<td class=\"text tgt\" lang=\"ar\" dir=\"rtl\" "
                                      "data-label=\"Arabic\"><span class=\"sent\" "
                                      "data-sentence=\"1\">وكانت تضم 16 ألف جندي.</span></td>"));
  // The Arabic column's header and the omission's empty Arabic cell read right to left too.
  EXPECT_THAT(html, HasSubstr("<th scope=\"col\" dir=\"rtl\">Arabic</th>"));
  EXPECT_THAT(Row(html, 2), HasSubstr("<td class=\"text tgt gap\" dir=\"rtl\""));
}

TEST(HtmlReportTest, RightToLeftSourceWhenTranslatingFromArabic) {
  v1::AlignRequest request;
  request.mutable_source()->set_language("ar");
  request.mutable_target()->set_language("fr");
  v1::AlignResponse response;  // no languages in the response: the request's are used
  AddSentence(response.mutable_source(), "المصدر", 0);
  AddSentence(response.mutable_target(), "Source", 0);
  AddBead(&response, {0}, {0}, 0.95);
  const std::string html = RenderHtmlReport(request, response, HtmlOptions());
  EXPECT_THAT(html, HasSubstr("<td class=\"text src\" lang=\"ar\" dir=\"rtl\""));
  EXPECT_THAT(html, HasSubstr("<td class=\"text tgt\" lang=\"fr\" dir=\"ltr\""));
  EXPECT_THAT(html, HasSubstr("Arabic (ar)<span class=\"arrow\">→</span>French (fr)"));
}

TEST(HtmlReportTest, OmissionAndAdditionRowsAreLabelled) {
  const std::string html = RenderHtmlReport(FrenchToArabic(), KnownResponse(), HtmlOptions());
  const std::string omission = Row(html, 2);
  EXPECT_THAT(omission,
              AllOf(HasSubstr("data-bead=\"2\" data-kind=\"1-0\""), HasSubstr("gap-row omission"),
                    HasSubstr("MISSING IN ARABIC"), HasSubstr("Découvrez ce qui se cache")));
  const std::string addition = Row(html, 3);
  EXPECT_THAT(addition,
              AllOf(HasSubstr("data-bead=\"3\" data-kind=\"0-1\""), HasSubstr("gap-row addition"),
                    HasSubstr("NOT IN THE FRENCH SOURCE"), HasSubstr("المصدر")));
  EXPECT_THAT(Row(html, 0), AllOf(HasSubstr("data-kind=\"2-1\""), Not(HasSubstr("gap-row")),
                                  Not(HasSubstr("MISSING")), Not(HasSubstr("NOT IN THE"))));
  EXPECT_EQ(Count(html, "MISSING IN ARABIC"), 1);
  EXPECT_EQ(Count(html, "NOT IN THE FRENCH SOURCE"), 1);
}

TEST(HtmlReportTest, FindingsAreBadgesOnTheirRows) {
  const std::string html = RenderHtmlReport(FrenchToArabic(), KnownResponse(), HtmlOptions());
  const std::string changed = Row(html, 1);
  EXPECT_THAT(changed,
              AllOf(HasSubstr("data-severity=\"error\""),
                    HasSubstr("<li class=\"finding sev-error\" data-finding=\"number-mismatch\" "
                              "data-severity=\"error\">"),
                    HasSubstr(">Number mismatch</span>"),
                    HasSubstr("15000 in the source is not in the target"),
                    HasSubstr("French only: <bdi>15000</bdi> · Arabic only: <bdi>16000</bdi>")));
  EXPECT_THAT(Row(html, 2), HasSubstr("data-finding=\"omission\""));
  EXPECT_THAT(Row(html, 3), HasSubstr("data-finding=\"addition\""));
  EXPECT_THAT(Row(html, 0), AllOf(Not(HasSubstr("data-finding")), Not(HasSubstr("data-severity"))));
}

TEST(HtmlReportTest, RowsCarryTheirConfidenceTierAndParagraphBreaks) {
  const std::string html = RenderHtmlReport(FrenchToArabic(), KnownResponse(), HtmlOptions());
  EXPECT_THAT(Row(html, 0),
              AllOf(HasSubstr("data-band=\"high\""), HasSubstr(">97%<"),
                    HasSubstr("style=\"width:97.0%\""), Not(HasSubstr("para-start"))));
  EXPECT_THAT(Row(html, 1), AllOf(HasSubstr("data-band=\"medium\""), HasSubstr("para-start"),
                                  HasSubstr("<span class=\"para\">¶2</span>")));
  EXPECT_THAT(Row(html, 2), AllOf(HasSubstr("data-band=\"low\""), Not(HasSubstr("para-start"))));
  // The addition opens the Arabic's third paragraph.
  EXPECT_THAT(Row(html, 3), HasSubstr("para-start"));

  // The request's threshold moves the low tier; the options override both.
  v1::AlignRequest request = FrenchToArabic();
  request.mutable_options()->set_low_confidence_threshold(0.8);
  EXPECT_THAT(Row(RenderHtmlReport(request, KnownResponse(), HtmlOptions()), 1),
              HasSubstr("data-band=\"low\""));
  HtmlOptions options;
  options.high_confidence = 0.7;
  options.low_confidence = 0.6;
  EXPECT_THAT(Row(RenderHtmlReport(request, KnownResponse(), options), 1),
              HasSubstr("data-band=\"high\""));
}

TEST(HtmlReportTest, SummaryShowsTheServersReport) {
  const std::string html = RenderHtmlReport(FrenchToArabic(), KnownResponse(), HtmlOptions());
  const std::string summary = html.substr(0, html.find("<table"));
  EXPECT_THAT(
      summary,
      AllOf(HasSubstr("The Arabic carries 78 % of the French story; 1 sentence is missing."),
            HasSubstr("verdict-error"), HasSubstr("Needs attention"), HasSubstr(">78.0%<"),
            HasSubstr("3 of 4 sentences (75%)"), HasSubstr("0-1 × 1 · 1-0 × 1 · 1-1 × 1 · 2-1 × 1"),
            HasSubstr("<span class=\"count-error\">3 <small>errors</small>"),
            HasSubstr("63% <small>mean</small>"),
            HasSubstr("lowest 31% at <a href=\"#bead-2\">bead 2</a>"),
            HasSubstr("<span class=\"chip sev-error\" data-finding-count=\"number-mismatch\">"
                      "Number mismatch × 1</span>"),
            HasSubstr("Omission × 1</span>"),
            HasSubstr("French sentences not translated</dt><dd><a href=\"#bead-2\">3</a>"),
            HasSubstr("Arabic sentences not in the source</dt><dd><a href=\"#bead-3\">2</a>"),
            HasSubstr("French (fr)<span class=\"arrow\">→</span>Arabic (ar)")));
}

TEST(HtmlReportTest, SummaryFromTheBeadsWithoutAReport) {
  v1::AlignResponse response = KnownResponse();
  response.clear_report();
  const std::string html = RenderHtmlReport(FrenchToArabic(), response, HtmlOptions());
  const std::string summary = html.substr(0, html.find("<table"));
  EXPECT_THAT(summary, AllOf(HasSubstr("The Arabic carries 78.0% of the French text"),
                             HasSubstr("3 of 4 sentences"),
                             HasSubstr("<span class=\"count-error\">3 <small>errors</small>"),
                             HasSubstr("lowest 31% at <a href=\"#bead-2\">bead 2</a>"),
                             HasSubstr("French sentences not translated</dt><dd><a "
                                       "href=\"#bead-2\">3</a>")));
}

TEST(HtmlReportTest, CleanAlignmentLooksComplete) {
  v1::AlignResponse response;
  AddSentence(response.mutable_source(), "Source", 0);
  AddSentence(response.mutable_target(), "المصدر", 0);
  AddBead(&response, {0}, {0}, 0.999);
  response.mutable_report()->set_source_sentences(1);
  response.mutable_report()->set_translated_source_sentences(1);
  response.mutable_report()->set_character_coverage(1);
  response.mutable_report()->set_mean_confidence(0.999);
  response.mutable_report()->set_lowest_confidence(0.999);
  response.mutable_report()->set_lowest_confidence_bead(0);
  const std::string html = RenderHtmlReport(FrenchToArabic(), response, HtmlOptions());
  EXPECT_THAT(html, AllOf(HasSubstr("verdict-ok"), HasSubstr("Looks complete"),
                          HasSubstr(">100.0%<"), Not(HasSubstr("<dl class=\"details\">"))));
  // 0.999 is not a perfect score.
  EXPECT_THAT(Row(html, 0), HasSubstr(">99%<"));
}

TEST(HtmlReportTest, EmptyAlignment) {
  const std::string html = RenderHtmlReport(v1::AlignRequest(), v1::AlignResponse(), HtmlOptions());
  EXPECT_THAT(html, AllOf(HasSubstr("<title>Alignment report</title>"), HasSubstr("no beads"),
                          HasSubstr("<tbody>\n</tbody>")));
}

struct DirectionCase {
  const char* language;
  bool rtl;
};

class IsRightToLeftTest : public ::testing::TestWithParam<DirectionCase> {};

TEST_P(IsRightToLeftTest, FromTheLanguageTag) {
  EXPECT_EQ(IsRightToLeft(GetParam().language), GetParam().rtl) << GetParam().language;
}

INSTANTIATE_TEST_SUITE_P(
    Tags, IsRightToLeftTest,
    ::testing::Values(DirectionCase{"ar", true}, DirectionCase{"ar-EG", true},
                      DirectionCase{"fa", true}, DirectionCase{"ur", true},
                      DirectionCase{"he", true}, DirectionCase{"ps", true},
                      DirectionCase{"ckb", true}, DirectionCase{"ku-Arab", true},
                      DirectionCase{"fr", false}, DirectionCase{"fr-CA", false},
                      DirectionCase{"en", false}, DirectionCase{"ku", false},
                      DirectionCase{"az-Latn", false}, DirectionCase{"", false},
                      DirectionCase{"not a tag!", false}),
    [](const ::testing::TestParamInfo<DirectionCase>& info) {
      std::string name = info.param.language;
      for (char& c : name) {
        if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name.empty() ? std::string("empty") : name;
    });

// NUL is never written raw: HTML parsers drop it or turn it into U+FFFD, silently.
TEST(EscapeHtmlTest, ShowsNulAsTheSymbolForNull) {
  EXPECT_EQ(EscapeHtml(std::string("Le Mali\0 مالي", 17)), "Le Mali␀ مالي");
}

TEST(HtmlReportTest, WritesNoRawNul) {
  v1::AlignResponse response = KnownResponse();
  response.mutable_source()->mutable_sentences(0)->set_text(
      std::string("C’est\0 désormais officiel.", 29));
  response.mutable_target()->mutable_sentences(2)->set_text(std::string("المصدر\0", 13));
  const std::string html = RenderHtmlReport(FrenchToArabic(), response, HtmlOptions());
  EXPECT_EQ(html.find('\0'), std::string::npos);
  EXPECT_THAT(html, HasSubstr("C’est␀ désormais officiel."));
  EXPECT_THAT(html, HasSubstr("المصدر␀"));
}

TEST(EscapeHtmlTest, ReplacesTheFiveSpecialCharacters) {
  EXPECT_EQ(EscapeHtml("a < b > c & \"d\" 'e'"), "a &lt; b &gt; c &amp; &quot;d&quot; &#39;e&#39;");
  EXPECT_EQ(EscapeHtml("&amp;"), "&amp;amp;");
  EXPECT_EQ(EscapeHtml("مالي"), "مالي");
  EXPECT_EQ(EscapeHtml(""), "");
}

// The page around the body and its style sheet are client/templates/report.{html,css}, compiled
// in: the style sheet is in the page, whole, inside its <style> element, and no placeholder is
// left unfilled.
TEST(HtmlReportTest, EmbedsTheStyleSheetFromTheTemplate) {
  const std::string css = ReportStyleSheet().html();
  // Rules from the start, the middle and the end of report.css.
  EXPECT_THAT(css, AllOf(HasSubstr(":root {"), HasSubstr("tr.band-low td { background: "),
                         HasSubstr("@media print {")));
  const std::string html = RenderHtmlReport(FrenchToArabic(), KnownResponse(), HtmlOptions());
  EXPECT_THAT(html, HasSubstr(absl::StrCat("<style>\n", css, "</style>\n</head>")));
  EXPECT_EQ(Count(html, "<style>"), 1);
  EXPECT_THAT(html, Not(HasSubstr("{{")));
  EXPECT_THAT(html, HasSubstr("<footer>Generated by newsalign."));
}

// A placeholder in a text is text: the template is filled once, never the text filled in.
TEST(HtmlReportTest, PlaceholdersInTextsAreNotFilled) {
  HtmlOptions options;
  options.title = "{{body}} {{style}}";
  v1::AlignResponse response = KnownResponse();
  response.mutable_source()->mutable_sentences(0)->set_text("{{title}} C’est officiel.");
  const std::string html = RenderHtmlReport(FrenchToArabic(), response, options);
  EXPECT_THAT(html, AllOf(HasSubstr("<title>{{body}} {{style}}</title>"),
                          HasSubstr("<h1>{{body}} {{style}}</h1>"),
                          HasSubstr(">{{title}} C’est officiel.</span>")));
  EXPECT_EQ(Count(html, "<style>"), 1);
  EXPECT_EQ(Count(html, "<tbody>"), 1);
}

// Text with a right-to-left mark keeps it, raw, and every special character around it escaped.
TEST(HtmlReportTest, KeepsTheRightToLeftMarkAndEscapesAroundIt) {
  v1::AlignResponse response = KnownResponse();
  response.mutable_target()->mutable_sentences(1)->set_text(
      "\u200Fوكانت تضم \"16 ألف\" <جندي> & شرطي.");
  const std::string html = RenderHtmlReport(FrenchToArabic(), response, HtmlOptions());
  EXPECT_THAT(Row(html, 1),
              HasSubstr("data-sentence=\"1\">\u200Fوكانت تضم &quot;16 ألف&quot; &lt;جندي&gt; "
                        "&amp; شرطي.</span>"));
  EXPECT_THAT(html, Not(HasSubstr("<جندي>")));
}

// The one escaping writer: each case's text written as element content and as an attribute
// value. Every case holds a character that must be escaped, so writing the text as it is fails.
struct EscapeCase {
  const char* name;
  const char* text;
  const char* escaped;
};

void PrintTo(const EscapeCase& c, std::ostream* os) { *os << c.name; }

class HtmlWriterEscapeTest : public ::testing::TestWithParam<EscapeCase> {};

TEST_P(HtmlWriterEscapeTest, EscapesTextAndAttributeValues) {
  const EscapeCase& c = GetParam();
  ASSERT_STRNE(c.text, c.escaped);
  EXPECT_EQ(EscapeHtml(c.text), c.escaped);
  HtmlWriter html;
  html.Write("<td title=\"", Escaped(c.text), "\">", Escaped(c.text), "</td>");
  EXPECT_EQ(html.html(), absl::StrCat("<td title=\"", c.escaped, "\">", c.escaped, "</td>"));
}

INSTANTIATE_TEST_SUITE_P(
    ArabicAndFrench, HtmlWriterEscapeTest,
    ::testing::Values(
        EscapeCase{"FrenchMarkup", "Le <b>prix</b> & les taxes",
                   "Le &lt;b&gt;prix&lt;/b&gt; &amp; les taxes"},
        EscapeCase{"FrenchQuotes", "L'ONU dit : \"15 000 Casques bleus\" « partent »",
                   "L&#39;ONU dit : &quot;15 000 Casques bleus&quot; « partent »"},
        EscapeCase{"FrenchEntityIsText", "AT&amp;T &lt; 3", "AT&amp;amp;T &amp;lt; 3"},
        EscapeCase{"ArabicMarkup", "السعر <script>alert(1)</script> & الضرائب",
                   "السعر &lt;script&gt;alert(1)&lt;/script&gt; &amp; الضرائب"},
        EscapeCase{"ArabicQuotes", "قال \"الأمين العام\" إن 'مينوسما' ستغادر",
                   "قال &quot;الأمين العام&quot; إن &#39;مينوسما&#39; ستغادر"},
        // U+200F RIGHT-TO-LEFT MARK is text: kept as it is, its neighbours escaped.
        EscapeCase{"ArabicWithRightToLeftMark", "\u200Fالأمم المتحدة <ONU> & \"مالي\"\u200F",
                   "\u200Fالأمم المتحدة &lt;ONU&gt; &amp; &quot;مالي&quot;\u200F"},
        EscapeCase{"MixedScripts", "ONU / الأمم المتحدة > \"UN\"",
                   "ONU / الأمم المتحدة &gt; &quot;UN&quot;"}),
    [](const ::testing::TestParamInfo<EscapeCase>& info) { return info.param.name; });

TEST(HtmlWriterTest, WritesLiteralsNumbersAndFragmentsAsTheyAre) {
  HtmlWriter bdi;
  bdi.Write("<bdi>", Escaped("<15>"), "</bdi>");
  HtmlWriter html;
  html.Write("<a href=\"#bead-", 4, "\">", int64_t{-7}, " ", size_t{12}, "</a>", bdi);
  // The fragment was escaped once, when it was written: not again.
  EXPECT_EQ(html.html(), "<a href=\"#bead-4\">-7 12</a><bdi>&lt;15&gt;</bdi>");
  EXPECT_EQ(std::move(html).Release(), "<a href=\"#bead-4\">-7 12</a><bdi>&lt;15&gt;</bdi>");
}

TEST(HtmlWriterTest, FillsATemplateFromLeftToRight) {
  HtmlWriter title;
  title.Write(Escaped("Mali & {{body}}"));
  HtmlWriter body;
  body.Write("<p>", Escaped("{{title}}"), "</p>");
  HtmlWriter page;
  page.WriteTemplate("<title>{{title}}</title>{{body}}{{unknown}}{{",
                     {{"title", &title}, {"body", &body}});
  EXPECT_EQ(page.html(), "<title>Mali &amp; {{body}}</title><p>{{title}}</p>{{unknown}}{{");
}

// Only string literals are written unescaped: a runtime string of any type must say Escaped().
static_assert(std::is_constructible_v<HtmlPiece, const char (&)[4]>);
static_assert(std::is_constructible_v<HtmlPiece, Escaped>);
static_assert(std::is_constructible_v<HtmlPiece, int>);
static_assert(!std::is_constructible_v<HtmlPiece, std::string>);
static_assert(!std::is_constructible_v<HtmlPiece, absl::string_view>);
static_assert(!std::is_constructible_v<HtmlPiece, const char*>);
static_assert(!std::is_constructible_v<HtmlPiece, char>);
static_assert(!std::is_constructible_v<HtmlPiece, bool>);
static_assert(!std::is_constructible_v<HtmlPiece, double>);
static_assert(!std::is_convertible_v<std::string, Escaped>);  // Escaped(...) is said, not implied

TEST(HtmlOptionsTest, Validate) {
  EXPECT_THAT(HtmlOptions().Validate(), IsOk());
  HtmlOptions options;
  options.high_confidence = 1.5;
  EXPECT_THAT(options.Validate(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("high_confidence")));
  options = HtmlOptions();
  options.low_confidence = 0.95;
  EXPECT_THAT(options.Validate(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("low_confidence")));
}

}  // namespace
}  // namespace newsalign::client
