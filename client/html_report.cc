#include "client/html_report.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "client/html_writer.h"
#include "client/report_figures.h"
#include "client/report_templates.h"
#include "unicode/locid.h"
#include "unicode/unistr.h"
#include "unicode/utypes.h"

namespace newsalign::client {
namespace {

// Where a bead's confidence falls against HtmlOptions' two thresholds. The page names the tiers
// in its row classes and data attributes as `band-high` and `data-band="high"`, names scripts
// and the style sheet rely on.
enum class ConfidenceTier { kHigh, kMedium, kLow };

absl::string_view TierName(ConfidenceTier tier) {
  switch (tier) {
    case ConfidenceTier::kHigh:
      return "high";
    case ConfidenceTier::kMedium:
      return "medium";
    case ConfidenceTier::kLow:
      return "low";
  }
  return "low";
}

// Returns "error", "warning" or "info" (SEVERITY_UNSPECIFIED counts as info).
absl::string_view SeverityName(v1::Severity severity) {
  switch (severity) {
    case v1::SEVERITY_ERROR:
      return "error";
    case v1::SEVERITY_WARNING:
      return "warning";
    default:
      return "info";
  }
}

// Returns the kind without its FINDING_KIND_ prefix, lower case with `separator` between words:
// "number-mismatch" for data attributes, "number mismatch" for people.
std::string FindingKindWords(absl::string_view enum_name, absl::string_view separator) {
  absl::ConsumePrefix(&enum_name, "FINDING_KIND_");
  return absl::StrReplaceAll(absl::AsciiStrToLower(enum_name), {{"_", separator}});
}

// Returns "Number mismatch" for FINDING_KIND_NUMBER_MISMATCH.
std::string FindingKindLabel(absl::string_view enum_name) {
  std::string label = FindingKindWords(enum_name, " ");
  if (!label.empty()) label[0] = absl::ascii_toupper(label[0]);
  return label;
}

// Returns `fraction` (in [0, 1]) as a percentage with `decimals` (0 or 1) decimals, rounded down so
// that it never claims more than there is: 0.996 is "99%", not a perfect score, and 0.7999 is
// "79%", in the tier below 80%. "96.9%" with `decimals` 1.
std::string Percent(double fraction, int decimals) {
  const double scale = decimals == 0 ? 100.0 : 1000.0;
  // The epsilon absorbs binary rounding: 0.29 * 100 is 28.999999999999996.
  const double floored = std::floor(std::clamp(fraction, 0.0, 1.0) * scale + 1e-9) / scale;
  return absl::StrCat(absl::StrFormat("%.*f", decimals, 100.0 * floored), "%");
}

// Returns "4" for one index, "4–6" for consecutive ones, "—" for none.
std::string IndexRange(const google::protobuf::RepeatedField<int32_t>& indices) {
  if (indices.empty()) return "—";
  if (indices.size() == 1) return absl::StrCat(indices[0]);
  return absl::StrCat(indices[0], "–", indices[indices.size() - 1]);
}

// One side of the pair as the page names it.
struct Side {
  std::string tag;   // "fr"
  std::string name;  // "French"; the tag when ICU has no name for it
  bool rtl = false;

  // Returns the attributes of an element holding this side's text: lang="ar" dir="rtl".
  HtmlWriter TextAttributes() const {
    HtmlWriter attributes;
    if (!tag.empty()) attributes.Write(" lang=\"", Escaped(tag), "\"");
    if (rtl) {
      attributes.Write(" dir=\"rtl\"");
    } else {
      attributes.Write(" dir=\"ltr\"");
    }
    return attributes;
  }

  // Returns dir="rtl" for a right-to-left side, nothing otherwise: for headers and gap cells.
  HtmlWriter RtlAttribute() const {
    HtmlWriter attribute;
    if (rtl) attribute.Write(" dir=\"rtl\"");
    return attribute;
  }
};

// Returns the English name of the tag's language ("French" for "fr-CA"), or the tag itself.
std::string LanguageName(const std::string& tag) {
  if (tag.empty()) return "";
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = icu::Locale::forLanguageTag(tag, status);
  if (U_FAILURE(status) || locale.isBogus()) return tag;
  icu::UnicodeString name;
  locale.getDisplayLanguage(icu::Locale::getEnglish(), name);
  std::string utf8;
  name.toUTF8String(utf8);
  // ICU echoes the code when it has no name for it.
  if (utf8.empty() || utf8 == locale.getLanguage()) return tag;
  return utf8;
}

Side MakeSide(const std::string& response_tag, const std::string& request_tag,
              absl::string_view fallback_name) {
  Side side;
  side.tag = response_tag.empty() ? request_tag : response_tag;
  side.name = side.tag.empty() ? std::string(fallback_name) : LanguageName(side.tag);
  side.rtl = IsRightToLeft(side.tag);
  return side;
}

// Writes the page's body (the summary, then the table) through one HtmlWriter; the page around
// it and its style sheet are client/templates/report.{html,css}. The style sheet tells the
// tiers apart by colour and also by the stripe's style, severities by their badge text and gaps
// by their hatching and label, so that the page reads without colour and in print.
class Renderer {
 public:
  Renderer(const v1::AlignRequest& request, const v1::AlignResponse& response,
           const HtmlOptions& options)
      : response_(response),
        options_(options),
        source_(MakeSide(response.source().language(), request.source().language(), "Source")),
        target_(MakeSide(response.target().language(), request.target().language(), "Target")),
        figures_(ComputeSummaryFigures(response)) {
    for (const v1::Sentence& sentence : response.source().sentences()) {
      source_sentences_[sentence.index()] = &sentence;
    }
    for (const v1::Sentence& sentence : response.target().sentences()) {
      target_sentences_[sentence.index()] = &sentence;
    }
    for (int i = 0; i < response.beads_size(); ++i) {
      for (int32_t index : response.beads(i).source_sentences()) source_bead_of_[index] = i;
      for (int32_t index : response.beads(i).target_sentences()) target_bead_of_[index] = i;
    }
    low_ = options.low_confidence > 0 ? options.low_confidence
           : request.options().low_confidence_threshold() > 0
               ? request.options().low_confidence_threshold()
               : 0.5;
    high_ = std::max(options.high_confidence, low_);
  }

  std::string Render() {
    HtmlWriter title;
    title.Write(
        Escaped(options_.title.empty()
                    ? (response_.id().empty() ? std::string("Alignment report")
                                              : absl::StrCat("Alignment report: ", response_.id()))
                    : options_.title));
    RenderHeader(options_.title.empty() ? "Alignment report" : options_.title);
    RenderTable();
    return ReportPage(title, html_).Release();
  }

 private:
  ConfidenceTier TierOf(double confidence) const {
    if (confidence >= high_) return ConfidenceTier::kHigh;
    if (confidence >= low_) return ConfidenceTier::kMedium;
    return ConfidenceTier::kLow;
  }

  // Returns the bead's worst finding severity, "" when it has none.
  static absl::string_view WorstSeverity(const v1::Bead& bead) {
    int worst = 0;
    for (const v1::Finding& finding : bead.findings()) {
      worst = std::max(worst, static_cast<int>(finding.severity()));
    }
    if (bead.findings().empty()) return "";
    return SeverityName(static_cast<v1::Severity>(std::max(worst, 1)));
  }

  // Returns links to the beads holding the given sentences of one side: "4, 7".
  static HtmlWriter SentenceLinks(const std::vector<int32_t>& sentences,
                                  const absl::flat_hash_map<int32_t, int>& bead_of) {
    HtmlWriter links;
    for (size_t i = 0; i < sentences.size(); ++i) {
      if (i > 0) links.Write(", ");
      auto it = bead_of.find(sentences[i]);
      if (it == bead_of.end()) {
        links.Write(sentences[i]);
      } else {
        links.Write("<a href=\"#bead-", it->second, "\">", sentences[i], "</a>");
      }
    }
    return links;
  }

  void RenderHeader(absl::string_view heading) {
    const SummaryFigures& f = figures_;
    html_.Write("<header class=\"summary\" data-errors=\"", f.errors, "\" data-warnings=\"",
                f.warnings, "\" data-infos=\"", f.infos, "\">\n",
                "<p class=\"eyebrow\">newsalign · translation alignment report</p>\n<h1>",
                Escaped(heading), "</h1>\n<p class=\"pair\">", Escaped(source_.name));
    if (!source_.tag.empty() && source_.tag != source_.name) {
      html_.Write(" (", Escaped(source_.tag), ")");
    }
    html_.Write("<span class=\"arrow\">→</span>", Escaped(target_.name));
    if (!target_.tag.empty() && target_.tag != target_.name) {
      html_.Write(" (", Escaped(target_.tag), ")");
    }
    if (!response_.id().empty() && response_.id() != options_.title) {
      html_.Write(" · <code>", Escaped(response_.id()), "</code>");
    }
    html_.Write("</p>\n");

    // The verdict: the server's sentence, under a one-word status.
    absl::string_view status = f.errors > 0 ? "error" : f.warnings > 0 ? "warning" : "ok";
    absl::string_view word = f.errors > 0     ? "Needs attention"
                             : f.warnings > 0 ? "Worth a check"
                                              : "Looks complete";
    std::string verdict = f.verdict;
    if (verdict.empty()) {
      verdict = absl::StrCat("The ", target_.name, " carries ", Percent(f.character_coverage, 1),
                             " of the ", source_.name, " text (no QA verdict from the server).");
    }
    html_.Write("<p class=\"verdict verdict-", Escaped(status), "\" role=\"status\">",
                "<span class=\"word\">", Escaped(word), "</span><span class=\"text\">",
                Escaped(verdict), "</span></p>\n");

    // Four figures.
    html_.Write("<section class=\"stats\" aria-label=\"Summary\">\n");
    const double sentence_coverage =
        f.source_sentences == 0
            ? 1.0
            : static_cast<double>(f.translated_source_sentences) / f.source_sentences;
    html_.Write("<div class=\"stat\" data-stat=\"coverage\"><div class=\"label\">",
                "Coverage</div><div class=\"value\">", Escaped(Percent(f.character_coverage, 1)),
                "</div><div class=\"sub\">");
    if (f.coverage_high - f.coverage_low >= 0.001) {
      html_.Write("<span data-coverage-interval>likely ", Escaped(Percent(f.coverage_low, 0)), "–",
                  Escaped(Percent(f.coverage_high, 0)), "</span> · ");
    }
    html_.Write("of the ", Escaped(source_.name), " text translated · ",
                f.translated_source_sentences, " of ", f.source_sentences, " sentences (",
                Escaped(Percent(sentence_coverage, 0)), ")</div></div>\n");

    std::map<std::string, int> kinds;
    for (const v1::Bead& bead : response_.beads()) {
      ++kinds[absl::StrCat(bead.source_sentences_size(), "-", bead.target_sentences_size())];
    }
    std::vector<std::pair<std::string, int>> kind_list(kinds.begin(), kinds.end());
    std::stable_sort(kind_list.begin(), kind_list.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    html_.Write(
        "<div class=\"stat\" data-stat=\"beads\"><div class=\"label\">",
        "Beads</div><div class=\"value\">", response_.beads_size(), "</div><div class=\"sub\">",
        Escaped(absl::StrJoin(
            kind_list, " · ",
            [](std::string* o, const auto& k) { absl::StrAppend(o, k.first, " × ", k.second); })),
        "</div></div>\n");

    // A count in its severity's colour, greyed when zero: "2 <small>errors</small>".
    auto count = [](absl::string_view severity, int n, absl::string_view one,
                    absl::string_view many) {
      HtmlWriter html;
      html.Write("<span class=\"count-", Escaped(severity));
      if (n == 0) html.Write(" zero");
      html.Write("\">", n, " <small>", Escaped(n == 1 ? one : many), "</small></span>");
      return html;
    };
    html_.Write("<div class=\"stat\" data-stat=\"findings\"><div class=\"label\">Findings</div>",
                "<div class=\"value counts\">", count("error", f.errors, "error", "errors"),
                count("warning", f.warnings, "warning", "warnings"),
                count("info", f.infos, "info", "info"), "</div><div class=\"sub\">",
                f.beads_with_errors, Escaped(f.beads_with_errors == 1 ? " bead" : " beads"),
                " with errors</div></div>\n");

    html_.Write("<div class=\"stat\" data-stat=\"confidence\"><div class=\"label\">",
                "Confidence</div><div class=\"value\">", Escaped(Percent(f.mean_confidence, 0)),
                " <small>mean</small></div><div class=\"sub\">");
    if (f.lowest_confidence_bead >= 0) {
      html_.Write("lowest ", Escaped(Percent(f.lowest_confidence, 0)), " at <a href=\"#bead-",
                  f.lowest_confidence_bead, "\">bead ", f.lowest_confidence_bead, "</a>");
    } else {
      html_.Write("no beads");
    }
    html_.Write("</div></div>\n</section>\n");

    RenderDetails();

    html_.Write("<p class=\"legend\"><span><span class=\"swatch band-high\"></span>confidence ≥ ",
                Escaped(Percent(high_, 0)), "</span><span><span class=\"swatch band-medium\">",
                "</span>", Escaped(Percent(low_, 0)), "–", Escaped(Percent(high_, 0)),
                "</span><span><span class=\"swatch band-low\"></span>below ",
                Escaped(Percent(low_, 0)),
                "</span><span><span class=\"swatch gap\"></span>omission or addition</span>",
                "<span>¶ marks a new paragraph</span></p>\n</header>\n");
  }

  // What needs a look, when anything does: findings by kind, sentences not translated or
  // added, paragraphs missing.
  void RenderDetails() {
    const SummaryFigures& f = figures_;
    HtmlWriter details;
    if (!f.finding_counts.empty()) {
      std::vector<std::pair<int, std::string>> ordered;  // by enum value, unknown names last
      for (const auto& [name, count] : f.finding_counts) {
        v1::FindingKind kind;
        ordered.emplace_back(v1::FindingKind_Parse(name, &kind) ? static_cast<int>(kind) : 1000,
                             name);
      }
      std::sort(ordered.begin(), ordered.end());
      // Each kind's chip takes the colour of its worst finding.
      absl::flat_hash_map<std::string, int> worst;
      for (const v1::Bead& bead : response_.beads()) {
        for (const v1::Finding& finding : bead.findings()) {
          int& severity = worst[v1::FindingKind_Name(finding.kind())];
          severity = std::max(severity, static_cast<int>(finding.severity()));
        }
      }
      details.Write("<div><dt>Findings by kind</dt><dd>");
      for (const auto& [unused, name] : ordered) {
        auto it = worst.find(name);
        const v1::Severity severity = static_cast<v1::Severity>(it == worst.end() ? 0 : it->second);
        details.Write("<span class=\"chip sev-", Escaped(SeverityName(severity)),
                      "\" data-finding-count=\"", Escaped(FindingKindWords(name, "-")), "\">",
                      Escaped(FindingKindLabel(name)), " × ", f.finding_counts.at(name), "</span>");
      }
      details.Write("</dd></div>");
    }
    if (!f.omitted_source_sentences.empty()) {
      details.Write("<div data-detail=\"omitted\"><dt>", Escaped(source_.name),
                    " sentences not translated</dt><dd>",
                    SentenceLinks(f.omitted_source_sentences, source_bead_of_), "</dd></div>");
    }
    if (!f.omission_probabilities.empty()) {
      details.Write("<div data-detail=\"omission-probabilities\"><dt>", "Probability that a ",
                    Escaped(source_.name), " sentence is not translated</dt><dd>");
      for (size_t i = 0; i < f.omission_probabilities.size(); ++i) {
        const auto& [sentence, probability] = f.omission_probabilities[i];
        if (i > 0) details.Write(", ");
        details.Write(SentenceLinks({sentence}, source_bead_of_), " ",
                      Escaped(Percent(probability, 0)));
      }
      details.Write("</dd></div>");
    }
    if (!f.added_target_sentences.empty()) {
      details.Write("<div data-detail=\"added\"><dt>", Escaped(target_.name),
                    " sentences not in the source</dt><dd>",
                    SentenceLinks(f.added_target_sentences, target_bead_of_), "</dd></div>");
    }
    if (!f.missing_source_paragraphs.empty()) {
      details.Write("<div data-detail=\"missing-paragraphs\"><dt>", Escaped(source_.name),
                    " paragraphs missing entirely</dt><dd>");
      for (size_t i = 0; i < f.missing_source_paragraphs.size(); ++i) {
        if (i > 0) details.Write(", ");
        details.Write("¶", f.missing_source_paragraphs[i] + 1);
      }
      details.Write("</dd></div>");
    }
    if (!details.html().empty()) html_.Write("<dl class=\"details\">", details, "</dl>\n");
  }

  // Returns the sentences' texts, each in a span.
  static HtmlWriter SentenceSpans(
      const google::protobuf::RepeatedField<int32_t>& indices,
      const absl::flat_hash_map<int32_t, const v1::Sentence*>& sentences) {
    HtmlWriter spans;
    for (int i = 0; i < indices.size(); ++i) {
      if (i > 0) spans.Write(" ");
      auto it = sentences.find(indices[i]);
      spans.Write("<span class=\"sent\" data-sentence=\"", indices[i], "\">",
                  Escaped(it == sentences.end() ? "?" : it->second->text()), "</span>");
    }
    return spans;
  }

  // Returns the paragraph of the first of `indices`, or -1.
  static int32_t ParagraphOf(const google::protobuf::RepeatedField<int32_t>& indices,
                             const absl::flat_hash_map<int32_t, const v1::Sentence*>& sentences) {
    if (indices.empty()) return -1;
    auto it = sentences.find(indices[0]);
    return it == sentences.end() ? -1 : it->second->paragraph();
  }

  void RenderTable() {
    html_.Write(
        "<table class=\"alignment\">\n<colgroup><col class=\"c-num\"><col class=\"c-idx\">",
        "<col class=\"c-text\"><col class=\"c-text\"><col class=\"c-idx\"><col class=\"c-conf\">",
        "<col class=\"c-findings\"></colgroup>\n<thead><tr><th scope=\"col\">Bead</th>",
        "<th scope=\"col\">", Escaped(source_.tag.empty() ? "src" : source_.tag), " #</th>",
        "<th scope=\"col\"", source_.RtlAttribute(), ">", Escaped(source_.name),
        "</th><th scope=\"col\"", target_.RtlAttribute(), ">", Escaped(target_.name),
        "</th><th scope=\"col\" class=\"tgt-idx\">",
        Escaped(target_.tag.empty() ? "tgt" : target_.tag), " #</th>",
        "<th scope=\"col\">Confidence</th><th scope=\"col\">Findings</th></tr></thead>\n<tbody>\n");

    int32_t previous_source_paragraph = -1;
    int32_t previous_target_paragraph = -1;
    for (int i = 0; i < response_.beads_size(); ++i) {
      const v1::Bead& bead = response_.beads(i);
      const bool omission = bead.target_sentences().empty() && !bead.source_sentences().empty();
      const bool addition = bead.source_sentences().empty() && !bead.target_sentences().empty();
      const std::string kind =
          absl::StrCat(bead.source_sentences_size(), "-", bead.target_sentences_size());
      const absl::string_view tier = TierName(TierOf(bead.confidence()));
      const absl::string_view severity = WorstSeverity(bead);

      // A new paragraph: the source's, or the target's for an addition.
      const int32_t source_paragraph = ParagraphOf(bead.source_sentences(), source_sentences_);
      const int32_t target_paragraph = ParagraphOf(bead.target_sentences(), target_sentences_);
      bool paragraph_start = false;
      if (source_paragraph >= 0) {
        paragraph_start = i > 0 && source_paragraph != previous_source_paragraph;
        previous_source_paragraph = source_paragraph;
      } else if (target_paragraph >= 0) {
        paragraph_start = i > 0 && target_paragraph != previous_target_paragraph;
      }
      if (target_paragraph >= 0) previous_target_paragraph = target_paragraph;

      html_.Write("<tr id=\"bead-", i, "\" class=\"bead band-", Escaped(tier));
      if (!severity.empty()) html_.Write(" sev-", Escaped(severity));
      if (paragraph_start) html_.Write(" para-start");
      if (omission) html_.Write(" gap-row omission");
      if (addition) html_.Write(" gap-row addition");
      html_.Write("\" data-bead=\"", i, "\" data-kind=\"", Escaped(kind), "\" data-band=\"",
                  Escaped(tier), "\"");
      if (!severity.empty()) html_.Write(" data-severity=\"", Escaped(severity), "\"");
      html_.Write(">");

      html_.Write("<td class=\"num\"><a href=\"#bead-", i, "\">", i, "</a><span class=\"kind\">",
                  Escaped(kind), "</span></td>");
      html_.Write("<td class=\"idx src-idx\">");
      if (source_paragraph >= 0 && (paragraph_start || i == 0)) {
        html_.Write("<span class=\"para\">¶", source_paragraph + 1, "</span>");
      }
      html_.Write(Escaped(IndexRange(bead.source_sentences())), "</td>");

      // The source text, or the addition's label.
      if (addition) {
        html_.Write("<td class=\"text src gap\"", source_.RtlAttribute(), " data-label=\"",
                    Escaped(source_.name), "\"><span class=\"gap-label\" lang=\"en\">NOT IN THE ",
                    Escaped(absl::AsciiStrToUpper(source_.name)), " SOURCE</span></td>");
      } else {
        html_.Write("<td class=\"text src\"", source_.TextAttributes(), " data-label=\"",
                    Escaped(source_.name), "\">",
                    SentenceSpans(bead.source_sentences(), source_sentences_), "</td>");
      }
      // The target text, or the omission's label.
      if (omission) {
        html_.Write("<td class=\"text tgt gap\"", target_.RtlAttribute(), " data-label=\"",
                    Escaped(target_.name), "\"><span class=\"gap-label\" lang=\"en\">MISSING IN ",
                    Escaped(absl::AsciiStrToUpper(target_.name)), "</span></td>");
      } else {
        html_.Write("<td class=\"text tgt\"", target_.TextAttributes(), " data-label=\"",
                    Escaped(target_.name), "\">",
                    SentenceSpans(bead.target_sentences(), target_sentences_), "</td>");
      }
      html_.Write("<td class=\"idx tgt-idx\">");
      if (addition && target_paragraph >= 0 && paragraph_start) {
        html_.Write("<span class=\"para\">¶", target_paragraph + 1, "</span>");
      }
      html_.Write(Escaped(IndexRange(bead.target_sentences())), "</td>");

      const double confidence = std::clamp(bead.confidence(), 0.0, 1.0);
      html_.Write("<td class=\"conf\" data-confidence=\"",
                  Escaped(absl::StrFormat("%.4f", confidence)), "\"><span class=\"pct\">",
                  Escaped(Percent(confidence, 0)),
                  "</span><span class=\"bar\" aria-hidden=\"true\"><span class=\"fill\" "
                  "style=\"width:",
                  Escaped(absl::StrFormat("%.1f", 100 * confidence)), "%\"></span></span></td>");

      if (bead.findings().empty()) {
        html_.Write("<td class=\"findings empty\"><span class=\"none\">—</span>");
      } else {
        html_.Write("<td class=\"findings\"><ul>");
        for (const v1::Finding& finding : bead.findings()) RenderFinding(finding);
        html_.Write("</ul>");
      }
      html_.Write("</td></tr>\n");
    }
    html_.Write("</tbody>\n</table>\n");
  }

  // Returns values as isolated runs (they may be in either script): "<bdi>15</bdi>, ...".
  static HtmlWriter Values(const google::protobuf::RepeatedPtrField<std::string>& values) {
    HtmlWriter html;
    for (int i = 0; i < values.size(); ++i) {
      if (i > 0) html.Write(", ");
      html.Write("<bdi>", Escaped(values[i]), "</bdi>");
    }
    return html;
  }

  void RenderFinding(const v1::Finding& finding) {
    const std::string kind_name = v1::FindingKind_Name(finding.kind());
    const absl::string_view severity = SeverityName(finding.severity());
    html_.Write("<li class=\"finding sev-", Escaped(severity), "\" data-finding=\"",
                Escaped(FindingKindWords(kind_name, "-")), "\" data-severity=\"", Escaped(severity),
                "\"><span class=\"badge\" title=\"", Escaped(severity), "\"><span class=\"sr\">",
                Escaped(severity), ": </span>", Escaped(FindingKindLabel(kind_name)),
                // Isolated: a message may quote a name in both scripts ("ONU / الأمم المتحدة").
                "</span><bdi class=\"msg\">", Escaped(finding.message()), "</bdi>");
    HtmlWriter evidence;
    if (!finding.source_only_values().empty()) {
      evidence.Write(Escaped(source_.name), " only: ", Values(finding.source_only_values()));
    }
    if (!finding.target_only_values().empty()) {
      if (!evidence.html().empty()) evidence.Write(" · ");
      evidence.Write(Escaped(target_.name), " only: ", Values(finding.target_only_values()));
    }
    if (evidence.html().empty() && !finding.values().empty()) {
      evidence.Write("value: ", Values(finding.values()));
    }
    if (!evidence.html().empty()) html_.Write("<span class=\"values\">", evidence, "</span>");
    html_.Write("</li>");
  }

  const v1::AlignResponse& response_;
  const HtmlOptions& options_;
  const Side source_;
  const Side target_;
  const SummaryFigures figures_;
  absl::flat_hash_map<int32_t, const v1::Sentence*> source_sentences_;
  absl::flat_hash_map<int32_t, const v1::Sentence*> target_sentences_;
  // The bead (index in response.beads) of each sentence, by sentence index.
  absl::flat_hash_map<int32_t, int> source_bead_of_;
  absl::flat_hash_map<int32_t, int> target_bead_of_;
  double low_ = 0.5;
  double high_ = 0.9;
  // The page's body: the summary, then the table.
  HtmlWriter html_;
};

}  // namespace

absl::Status HtmlOptions::Validate() const {
  if (!(high_confidence >= 0 && high_confidence <= 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("high_confidence must be between 0 and 1, got ", high_confidence));
  }
  if (!(low_confidence >= 0 && low_confidence <= high_confidence)) {
    return absl::InvalidArgumentError(
        absl::StrCat("low_confidence must be between 0 and high_confidence (", high_confidence,
                     "), got ", low_confidence));
  }
  return absl::OkStatus();
}

bool IsRightToLeft(absl::string_view language) {
  if (language.empty()) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale =
      icu::Locale::forLanguageTag(icu::StringPiece(language.data(), language.size()), status);
  if (U_FAILURE(status) || locale.isBogus()) return false;
  return locale.isRightToLeft();
}

std::string RenderHtmlReport(const v1::AlignRequest& request, const v1::AlignResponse& response,
                             const HtmlOptions& options) {
  return Renderer(request, response, options).Render();
}

}  // namespace newsalign::client
