#include "client/html_report.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
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
#include "unicode/locid.h"
#include "unicode/unistr.h"
#include "unicode/utypes.h"

namespace newsalign::client {
namespace {

// Confidence bands, as row classes and data-band values.
enum class Band { kHigh, kMedium, kLow };

absl::string_view BandName(Band band) {
  switch (band) {
    case Band::kHigh:
      return "high";
    case Band::kMedium:
      return "medium";
    case Band::kLow:
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
// "79%", in the band below 80%. "96.9%" with `decimals` 1.
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
  std::string TextAttributes() const {
    std::string attributes;
    if (!tag.empty()) absl::StrAppend(&attributes, " lang=\"", EscapeHtml(tag), "\"");
    absl::StrAppend(&attributes, rtl ? " dir=\"rtl\"" : " dir=\"ltr\"");
    return attributes;
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

// The figures of the summary block: the server's Report, or the same figures computed from the
// beads when the response has none (an older server).
struct Figures {
  int source_sentences = 0;
  int translated_source_sentences = 0;
  double character_coverage = 1;
  // The posterior's 90 % interval of the coverage (equal to it without a report).
  double coverage_low = 1;
  double coverage_high = 1;
  // Sentences with their probability of having no counterpart, as the report lists them.
  std::vector<std::pair<int32_t, double>> omission_probabilities;
  std::vector<int32_t> omitted_source_sentences;
  std::vector<int32_t> added_target_sentences;
  std::vector<int32_t> missing_source_paragraphs;
  // By FindingKind enum name.
  std::map<std::string, int> finding_counts;
  int errors = 0;
  int warnings = 0;
  int infos = 0;
  double mean_confidence = 0;
  double lowest_confidence = 0;
  int lowest_confidence_bead = -1;
  int beads_with_errors = 0;
  std::string verdict;
};

Figures ComputeFigures(const v1::AlignResponse& response) {
  Figures figures;
  if (response.has_report()) {
    const v1::Report& report = response.report();
    figures.source_sentences = report.source_sentences();
    figures.translated_source_sentences = report.translated_source_sentences();
    figures.character_coverage = report.character_coverage();
    figures.coverage_low = report.character_coverage_low();
    figures.coverage_high = report.character_coverage_high();
    for (const v1::SentenceProbability& p : report.omission_probabilities()) {
      figures.omission_probabilities.emplace_back(p.sentence(), p.probability());
    }
    figures.omitted_source_sentences.assign(report.omitted_source_sentences().begin(),
                                            report.omitted_source_sentences().end());
    figures.added_target_sentences.assign(report.added_target_sentences().begin(),
                                          report.added_target_sentences().end());
    figures.missing_source_paragraphs.assign(report.missing_source_paragraphs().begin(),
                                             report.missing_source_paragraphs().end());
    figures.finding_counts.insert(report.finding_counts().begin(), report.finding_counts().end());
    figures.errors = report.error_count();
    figures.warnings = report.warning_count();
    figures.infos = report.info_count();
    figures.mean_confidence = report.mean_confidence();
    figures.lowest_confidence = report.lowest_confidence();
    figures.lowest_confidence_bead = report.lowest_confidence_bead();
    figures.beads_with_errors = report.beads_with_errors();
    figures.verdict = report.verdict();
    return figures;
  }

  figures.source_sentences = response.source().sentences_size();
  figures.character_coverage = response.has_summary() ? response.summary().source_coverage() : 1.0;
  figures.coverage_low = figures.coverage_high = figures.character_coverage;
  std::set<int32_t> all_paragraphs;
  std::set<int32_t> translated_paragraphs;
  absl::flat_hash_map<int32_t, int32_t> paragraph_of;
  for (const v1::Sentence& sentence : response.source().sentences()) {
    paragraph_of[sentence.index()] = sentence.paragraph();
    all_paragraphs.insert(sentence.paragraph());
  }
  double confidence_sum = 0;
  for (int i = 0; i < response.beads_size(); ++i) {
    const v1::Bead& bead = response.beads(i);
    if (bead.target_sentences().empty()) {
      figures.omitted_source_sentences.insert(figures.omitted_source_sentences.end(),
                                              bead.source_sentences().begin(),
                                              bead.source_sentences().end());
    } else {
      figures.translated_source_sentences += bead.source_sentences_size();
      for (int32_t index : bead.source_sentences()) {
        if (auto it = paragraph_of.find(index); it != paragraph_of.end()) {
          translated_paragraphs.insert(it->second);
        }
      }
    }
    if (bead.source_sentences().empty()) {
      figures.added_target_sentences.insert(figures.added_target_sentences.end(),
                                            bead.target_sentences().begin(),
                                            bead.target_sentences().end());
    }
    bool has_error = false;
    for (const v1::Finding& finding : bead.findings()) {
      ++figures.finding_counts[v1::FindingKind_Name(finding.kind())];
      if (finding.severity() == v1::SEVERITY_ERROR) {
        ++figures.errors;
        has_error = true;
      } else if (finding.severity() == v1::SEVERITY_WARNING) {
        ++figures.warnings;
      } else {
        ++figures.infos;
      }
    }
    if (has_error) ++figures.beads_with_errors;
    confidence_sum += bead.confidence();
    if (figures.lowest_confidence_bead < 0 || bead.confidence() < figures.lowest_confidence) {
      figures.lowest_confidence = bead.confidence();
      figures.lowest_confidence_bead = i;
    }
  }
  for (int32_t paragraph : all_paragraphs) {
    if (translated_paragraphs.count(paragraph) == 0) {
      figures.missing_source_paragraphs.push_back(paragraph);
    }
  }
  if (response.beads_size() > 0) figures.mean_confidence = confidence_sum / response.beads_size();
  return figures;
}

// The page's style sheet. Colours are chosen to read in print (print-color-adjust: exact) and
// to stay distinguishable without colour: bands also differ by the stripe's style, severities
// by their badge text, gaps by their hatching and label.
constexpr absl::string_view kStyle = R"css(
:root {
  --ink: #17202a; --muted: #5b6675; --faint: #8a94a3; --line: #e2e7ee; --rule: #b9c3cf;
  --panel: #f6f8fb; --accent: #1f4e79;
  --err: #b42318; --err-soft: #fdecea; --err-hatch: #f7c8c2;
  --warn: #a15c00; --warn-soft: #fff4de;
  --info: #4b5563; --info-soft: #eef1f5;
  --ok: #1b7a4b; --ok-soft: #e6f4ec;
  --add: #6b3fa0; --add-soft: #f3edfa; --add-hatch: #ddcdf0;
  --band-medium: #fffaeb; --band-low: #fdf0ef;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans",
          "DejaVu Sans", Arial, sans-serif;
  --serif: "Noto Serif", "Source Serif 4", Georgia, "DejaVu Serif", "Liberation Serif", serif;
  --rtl: "Noto Naskh Arabic", "Amiri", "Scheherazade New", "Noto Sans Arabic", "Noto Sans Hebrew",
         "Geeza Pro", "Segoe UI", "DejaVu Sans", serif;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: #fff; font: 14px/1.45 var(--sans);
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
.page { max-width: 1480px; margin: 0 auto; padding: 28px 32px 40px; }
a { color: var(--accent); }
.eyebrow {
  margin: 0 0 4px; color: var(--muted); font-size: 12px; font-weight: 600;
  letter-spacing: .08em; text-transform: uppercase;
}
h1 { margin: 0; font-size: 24px; line-height: 1.25; font-weight: 700; }
.pair { margin: 6px 0 0; color: var(--muted); }
.pair .arrow { color: var(--faint); padding: 0 .3em; }
.pair code { font-size: 12px; color: var(--faint); }
.verdict {
  display: flex; gap: 12px; align-items: baseline; margin: 18px 0 16px; padding: 12px 16px;
  border-radius: 8px; border: 1px solid; font-size: 15px;
}
.verdict .word {
  flex: none; font-size: 12px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase;
  padding: 2px 8px; border-radius: 4px; color: #fff;
}
.verdict-error { background: var(--err-soft); border-color: #f2b8b1; }
.verdict-error .word { background: var(--err); }
.verdict-warning { background: var(--warn-soft); border-color: #f1d29b; }
.verdict-warning .word { background: var(--warn); }
.verdict-ok { background: var(--ok-soft); border-color: #a9d8bd; }
.verdict-ok .word { background: var(--ok); }
.stats {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px;
  margin: 0 0 14px;
}
.stat { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.stat .label {
  color: var(--muted); font-size: 11px; font-weight: 600; letter-spacing: .07em;
  text-transform: uppercase;
}
.stat .value { font-size: 26px; font-weight: 700; line-height: 1.2; margin-top: 2px; }
.stat .value small { font-size: 13px; font-weight: 600; color: var(--muted); }
.stat .sub { color: var(--muted); font-size: 12.5px; margin-top: 2px; }
.stat .counts { display: flex; flex-wrap: wrap; gap: 0 14px; align-items: baseline; }
.stat .counts > span { white-space: nowrap; }
.count-error { color: var(--err); }
.count-warning { color: var(--warn); }
.count-info { color: var(--info); }
.counts .zero { color: var(--faint); }
.details { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 0 0 12px; font-size: 13px; }
.details dt { color: var(--muted); font-weight: 600; margin: 0 0 3px; }
.details dd { margin: 0; }
.chip {
  display: inline-block; margin: 0 4px 4px 0; padding: 1px 8px; border-radius: 999px;
  background: var(--info-soft); color: var(--info); font-size: 12px; white-space: nowrap;
}
.chip.sev-error { background: var(--err-soft); color: var(--err); }
.chip.sev-warning { background: var(--warn-soft); color: var(--warn); }
.chip a { color: inherit; }
.legend {
  display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; margin: 0 0 18px;
  color: var(--muted); font-size: 12px;
}
.swatch {
  display: inline-block; width: 22px; height: 12px; margin-right: 5px; vertical-align: -1px;
  border: 1px solid var(--line); border-left-width: 4px; border-radius: 2px;
}
.swatch.band-high { border-left-color: var(--ok); }
.swatch.band-medium { background: var(--band-medium); border-left-color: #d99a00; }
.swatch.band-low { background: var(--band-low); border-left-color: var(--err); }
.swatch.gap {
  border-left-color: var(--err);
  background: repeating-linear-gradient(135deg, var(--err-hatch) 0 3px, #fff 3px 6px);
}
table.alignment {
  width: 100%; border-collapse: separate; border-spacing: 0; table-layout: fixed;
  border: 1px solid var(--line); border-radius: 8px;
}
col.c-num { width: 52px; } col.c-idx { width: 54px; } col.c-conf { width: 104px; }
col.c-findings { width: 21%; }
thead th {
  position: sticky; top: 0; z-index: 1; background: #fff; text-align: left;
  padding: 9px 10px; border-bottom: 2px solid var(--rule); color: var(--muted);
  font-size: 11px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase;
}
thead th[dir="rtl"], thead th.tgt-idx { text-align: right; }
thead th .tag { font-weight: 500; color: var(--faint); text-transform: none; letter-spacing: 0; }
td { padding: 9px 10px; vertical-align: top; border-top: 1px solid var(--line); }
tbody tr:first-child td { border-top: 0; }
tr.para-start td { border-top: 2px solid var(--rule); }
td.num { box-shadow: inset 4px 0 0 var(--ok); color: var(--faint); font-size: 12px; }
td.num a { color: var(--muted); font-weight: 600; text-decoration: none; }
td.num .kind { display: block; font-size: 11px; color: var(--faint); font-variant-numeric: tabular-nums; }
td.idx { color: var(--faint); font-size: 12px; font-variant-numeric: tabular-nums; }
td.idx .para { display: block; color: var(--muted); font-weight: 600; }
td.idx.tgt-idx { text-align: right; }
td.text { font-family: var(--serif); font-size: 14.5px; line-height: 1.55; overflow-wrap: anywhere; }
td.text[dir="rtl"] { font-family: var(--rtl); font-size: 17px; line-height: 1.7; }
td.text .sent + .sent::before { content: "\2009\00B7\2009"; color: var(--faint); }
tr.band-medium td { background: var(--band-medium); }
tr.band-medium td.num { box-shadow: inset 4px 0 0 #d99a00; }
tr.band-low td { background: var(--band-low); }
tr.band-low td.num { box-shadow: inset 4px 0 0 var(--err); }
tr.omission td { background: var(--err-soft); }
tr.addition td { background: var(--add-soft); }
tr.gap-row td.num { box-shadow: inset 6px 0 0 var(--err); }
tr.addition td.num { box-shadow: inset 6px 0 0 var(--add); }
td.gap { background: repeating-linear-gradient(135deg, var(--err-hatch) 0 6px, #fff 6px 14px) !important; }
tr.addition td.gap {
  background: repeating-linear-gradient(135deg, var(--add-hatch) 0 6px, #fff 6px 14px) !important;
}
.gap-label {
  display: inline-block; padding: 3px 9px; border-radius: 4px; background: var(--err); color: #fff;
  font: 700 12px/1.4 var(--sans); letter-spacing: .08em; direction: ltr; unicode-bidi: isolate;
}
tr.addition .gap-label { background: var(--add); }
td.conf { font-variant-numeric: tabular-nums; }
td.conf .pct { display: block; font-weight: 600; font-size: 13px; }
.bar { display: block; height: 6px; margin-top: 5px; background: #e6eaf0; border-radius: 3px; overflow: hidden; }
.bar .fill { display: block; height: 100%; background: var(--ok); border-radius: 3px; }
tr.band-medium .bar .fill { background: #d99a00; }
tr.band-low .bar .fill { background: var(--err); }
td.findings ul { list-style: none; margin: 0; padding: 0; }
td.findings .none { color: var(--faint); }
.finding { margin: 0 0 6px; padding-left: 8px; border-left: 3px solid var(--info); font-size: 12.5px; line-height: 1.4; }
.finding:last-child { margin-bottom: 0; }
.finding.sev-error { border-left-color: var(--err); }
.finding.sev-warning { border-left-color: #d99a00; }
.badge {
  display: inline-block; margin: 0 4px 2px 0; padding: 0 6px; border-radius: 3px;
  font-size: 11px; font-weight: 700; letter-spacing: .02em; color: #fff; background: var(--info);
  white-space: nowrap;
}
.finding.sev-error .badge { background: var(--err); }
.finding.sev-warning .badge { background: var(--warn); }
.finding .msg { color: var(--ink); }
.finding .values { display: block; color: var(--muted); }
.finding .values bdi {
  font-family: var(--sans); background: rgba(0, 0, 0, .05); padding: 0 3px; border-radius: 2px;
}
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { margin-top: 16px; color: var(--faint); font-size: 12px; }
@media (max-width: 820px) {
  .page { padding: 16px 14px 28px; }
  h1 { font-size: 20px; }
  .verdict { flex-direction: column; gap: 6px; }
  table.alignment, table.alignment tbody, table.alignment tr, table.alignment td { display: block; width: auto; }
  table.alignment { border: 0; }
  table.alignment thead, table.alignment td.idx, table.alignment td.findings.empty { display: none; }
  table.alignment tr {
    display: grid; grid-template-columns: 1fr 120px; margin: 0 0 12px;
    border: 1px solid var(--line); border-radius: 8px; overflow: hidden;
  }
  table.alignment td.num { grid-row: 1; grid-column: 1; }
  table.alignment td.conf { grid-row: 1; grid-column: 2; border-top: 0; }
  table.alignment td.text, table.alignment td.findings { grid-column: 1 / -1; }
  tr.para-start { border-top: 3px solid var(--rule) !important; }
  table.alignment td { border-top: 1px solid var(--line); }
  table.alignment td:first-child { border-top: 0; }
  td.num .kind { display: inline; margin-left: 8px; }
  td.text::before {
    content: attr(data-label); display: block; margin-bottom: 2px; color: var(--faint);
    font: 600 11px var(--sans); letter-spacing: .06em; text-transform: uppercase;
  }
}
@media print {
  @page { size: landscape; margin: 12mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 9.5pt; }
  .page { max-width: none; padding: 0; }
  thead { display: table-header-group; }
  thead th { position: static; }
  tr, .stat, .verdict { break-inside: avoid; page-break-inside: avoid; }
  .stats, .details, .legend { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  td.text { font-size: 10pt; }
  td.text[dir="rtl"] { font-size: 11.5pt; }
}
)css";

class Renderer {
 public:
  Renderer(const v1::AlignRequest& request, const v1::AlignResponse& response,
           const HtmlOptions& options)
      : response_(response),
        options_(options),
        source_(MakeSide(response.source().language(), request.source().language(), "Source")),
        target_(MakeSide(response.target().language(), request.target().language(), "Target")),
        figures_(ComputeFigures(response)) {
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
    const std::string title =
        options_.title.empty()
            ? (response_.id().empty() ? std::string("Alignment report")
                                      : absl::StrCat("Alignment report: ", response_.id()))
            : options_.title;
    out_ = absl::StrCat(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        // Nothing may be fetched: the page is complete as it is.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n",
        "<meta name=\"generator\" content=\"newsalign\">\n<title>", EscapeHtml(title),
        "</title>\n<style>", kStyle, "</style>\n</head>\n<body>\n<div class=\"page\">\n");
    RenderHeader(options_.title.empty() ? "Alignment report" : options_.title);
    RenderTable();
    absl::StrAppend(&out_,
                    "<footer>Generated by newsalign. Bead and sentence numbers count from 0, as in "
                    "the JSON and TSV outputs; paragraphs (¶) count from 1.</footer>\n"
                    "</div>\n</body>\n</html>\n");
    return std::move(out_);
  }

 private:
  Band BandOf(double confidence) const {
    if (confidence >= high_) return Band::kHigh;
    if (confidence >= low_) return Band::kMedium;
    return Band::kLow;
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
  static std::string SentenceLinks(const std::vector<int32_t>& sentences,
                                   const absl::flat_hash_map<int32_t, int>& bead_of) {
    std::vector<std::string> links;
    for (int32_t sentence : sentences) {
      auto it = bead_of.find(sentence);
      links.push_back(it == bead_of.end()
                          ? absl::StrCat(sentence)
                          : absl::StrCat("<a href=\"#bead-", it->second, "\">", sentence, "</a>"));
    }
    return absl::StrJoin(links, ", ");
  }

  void RenderHeader(absl::string_view heading) {
    const Figures& f = figures_;
    absl::StrAppend(&out_, "<header class=\"summary\" data-errors=\"", f.errors,
                    "\" data-warnings=\"", f.warnings, "\" data-infos=\"", f.infos, "\">\n",
                    "<p class=\"eyebrow\">newsalign · translation alignment report</p>\n<h1>",
                    EscapeHtml(heading), "</h1>\n<p class=\"pair\">", EscapeHtml(source_.name));
    if (!source_.tag.empty() && source_.tag != source_.name) {
      absl::StrAppend(&out_, " (", EscapeHtml(source_.tag), ")");
    }
    absl::StrAppend(&out_, "<span class=\"arrow\">→</span>", EscapeHtml(target_.name));
    if (!target_.tag.empty() && target_.tag != target_.name) {
      absl::StrAppend(&out_, " (", EscapeHtml(target_.tag), ")");
    }
    if (!response_.id().empty() && response_.id() != options_.title) {
      absl::StrAppend(&out_, " · <code>", EscapeHtml(response_.id()), "</code>");
    }
    absl::StrAppend(&out_, "</p>\n");

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
    absl::StrAppend(&out_, "<p class=\"verdict verdict-", status, "\" role=\"status\">",
                    "<span class=\"word\">", word, "</span><span class=\"text\">",
                    EscapeHtml(verdict), "</span></p>\n");

    // Four figures.
    absl::StrAppend(&out_, "<section class=\"stats\" aria-label=\"Summary\">\n");
    const double sentence_coverage =
        f.source_sentences == 0
            ? 1.0
            : static_cast<double>(f.translated_source_sentences) / f.source_sentences;
    absl::StrAppend(&out_, "<div class=\"stat\" data-stat=\"coverage\"><div class=\"label\">",
                    "Coverage</div><div class=\"value\">", Percent(f.character_coverage, 1),
                    "</div><div class=\"sub\">",
                    f.coverage_high - f.coverage_low >= 0.001
                        ? absl::StrCat("<span data-coverage-interval>likely ",
                                       Percent(f.coverage_low, 0), "–",
                                       Percent(f.coverage_high, 0), "</span> · ")
                        : "",
                    "of the ", EscapeHtml(source_.name),
                    " text translated · ", f.translated_source_sentences, " of ",
                    f.source_sentences, " sentences (", Percent(sentence_coverage, 0),
                    ")</div></div>\n");

    std::map<std::string, int> kinds;
    for (const v1::Bead& bead : response_.beads()) {
      ++kinds[absl::StrCat(bead.source_sentences_size(), "-", bead.target_sentences_size())];
    }
    std::vector<std::pair<std::string, int>> kind_list(kinds.begin(), kinds.end());
    std::stable_sort(kind_list.begin(), kind_list.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    absl::StrAppend(
        &out_, "<div class=\"stat\" data-stat=\"beads\"><div class=\"label\">",
        "Beads</div><div class=\"value\">", response_.beads_size(), "</div><div class=\"sub\">",
        absl::StrJoin(
            kind_list, " · ",
            [](std::string* o, const auto& k) { absl::StrAppend(o, k.first, " × ", k.second); }),
        "</div></div>\n");

    // A count in its severity's colour, greyed when zero: "2 <small>errors</small>".
    auto count = [](absl::string_view severity, int n, absl::string_view one,
                    absl::string_view many) {
      return absl::StrCat("<span class=\"count-", severity, n == 0 ? " zero" : "", "\">", n,
                          " <small>", n == 1 ? one : many, "</small></span>");
    };
    absl::StrAppend(
        &out_, "<div class=\"stat\" data-stat=\"findings\"><div class=\"label\">Findings</div>",
        "<div class=\"value counts\">", count("error", f.errors, "error", "errors"),
        count("warning", f.warnings, "warning", "warnings"), count("info", f.infos, "info", "info"),
        "</div><div class=\"sub\">", f.beads_with_errors,
        f.beads_with_errors == 1 ? " bead" : " beads", " with errors</div></div>\n");

    absl::StrAppend(&out_, "<div class=\"stat\" data-stat=\"confidence\"><div class=\"label\">",
                    "Confidence</div><div class=\"value\">", Percent(f.mean_confidence, 0),
                    " <small>mean</small></div><div class=\"sub\">");
    if (f.lowest_confidence_bead >= 0) {
      absl::StrAppend(&out_, "lowest ", Percent(f.lowest_confidence, 0), " at <a href=\"#bead-",
                      f.lowest_confidence_bead, "\">bead ", f.lowest_confidence_bead, "</a>");
    } else {
      absl::StrAppend(&out_, "no beads");
    }
    absl::StrAppend(&out_, "</div></div>\n</section>\n");

    // What needs a look, when anything does.
    std::vector<std::string> details;
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
      std::string chips;
      for (const auto& [unused, name] : ordered) {
        auto it = worst.find(name);
        absl::StrAppend(&chips, "<span class=\"chip sev-",
                        SeverityName(static_cast<v1::Severity>(it == worst.end() ? 0 : it->second)),
                        "\" data-finding-count=\"", EscapeHtml(FindingKindWords(name, "-")), "\">",
                        EscapeHtml(FindingKindLabel(name)), " × ", f.finding_counts.at(name),
                        "</span>");
      }
      details.push_back(absl::StrCat("<div><dt>Findings by kind</dt><dd>", chips, "</dd></div>"));
    }
    if (!f.omitted_source_sentences.empty()) {
      details.push_back(absl::StrCat("<div data-detail=\"omitted\"><dt>", EscapeHtml(source_.name),
                                     " sentences not translated</dt><dd>",
                                     SentenceLinks(f.omitted_source_sentences, source_bead_of_),
                                     "</dd></div>"));
    }
    if (!f.omission_probabilities.empty()) {
      std::vector<std::string> items;
      for (const auto& [sentence, probability] : f.omission_probabilities) {
        items.push_back(absl::StrCat(SentenceLinks({sentence}, source_bead_of_), " ",
                                     Percent(probability, 0)));
      }
      details.push_back(absl::StrCat("<div data-detail=\"omission-probabilities\"><dt>",
                                     "Probability that a ", EscapeHtml(source_.name),
                                     " sentence is not translated</dt><dd>",
                                     absl::StrJoin(items, ", "), "</dd></div>"));
    }
    if (!f.added_target_sentences.empty()) {
      details.push_back(absl::StrCat("<div data-detail=\"added\"><dt>", EscapeHtml(target_.name),
                                     " sentences not in the source</dt><dd>",
                                     SentenceLinks(f.added_target_sentences, target_bead_of_),
                                     "</dd></div>"));
    }
    if (!f.missing_source_paragraphs.empty()) {
      std::vector<std::string> paragraphs;
      for (int32_t paragraph : f.missing_source_paragraphs) {
        paragraphs.push_back(absl::StrCat("¶", paragraph + 1));
      }
      details.push_back(absl::StrCat(
          "<div data-detail=\"missing-paragraphs\"><dt>", EscapeHtml(source_.name),
          " paragraphs missing entirely</dt><dd>", absl::StrJoin(paragraphs, ", "), "</dd></div>"));
    }
    if (!details.empty()) {
      absl::StrAppend(&out_, "<dl class=\"details\">", absl::StrJoin(details, ""), "</dl>\n");
    }

    absl::StrAppend(
        &out_, "<p class=\"legend\"><span><span class=\"swatch band-high\"></span>confidence ≥ ",
        Percent(high_, 0), "</span><span><span class=\"swatch band-medium\"></span>",
        Percent(low_, 0), "–", Percent(high_, 0),
        "</span><span><span class=\"swatch band-low\"></span>below ", Percent(low_, 0),
        "</span><span><span class=\"swatch gap\"></span>omission or addition</span>",
        "<span>¶ marks a new paragraph</span></p>\n</header>\n");
  }

  // Returns the sentences' texts, each in a span.
  static std::string SentenceSpans(
      const google::protobuf::RepeatedField<int32_t>& indices,
      const absl::flat_hash_map<int32_t, const v1::Sentence*>& sentences) {
    std::vector<std::string> spans;
    for (int32_t index : indices) {
      auto it = sentences.find(index);
      spans.push_back(absl::StrCat("<span class=\"sent\" data-sentence=\"", index, "\">",
                                   EscapeHtml(it == sentences.end() ? "?" : it->second->text()),
                                   "</span>"));
    }
    return absl::StrJoin(spans, " ");
  }

  // Returns the paragraph of the first of `indices`, or -1.
  static int32_t ParagraphOf(const google::protobuf::RepeatedField<int32_t>& indices,
                             const absl::flat_hash_map<int32_t, const v1::Sentence*>& sentences) {
    if (indices.empty()) return -1;
    auto it = sentences.find(indices[0]);
    return it == sentences.end() ? -1 : it->second->paragraph();
  }

  void RenderTable() {
    absl::StrAppend(
        &out_, "<table class=\"alignment\">\n<colgroup><col class=\"c-num\"><col class=\"c-idx\">",
        "<col class=\"c-text\"><col class=\"c-text\"><col class=\"c-idx\"><col class=\"c-conf\">",
        "<col class=\"c-findings\"></colgroup>\n<thead><tr><th scope=\"col\">Bead</th>",
        "<th scope=\"col\">", EscapeHtml(source_.tag.empty() ? "src" : source_.tag), " #</th>",
        "<th scope=\"col\"", source_.rtl ? " dir=\"rtl\"" : "", ">", EscapeHtml(source_.name),
        "</th><th scope=\"col\"", target_.rtl ? " dir=\"rtl\"" : "", ">", EscapeHtml(target_.name),
        "</th><th scope=\"col\" class=\"tgt-idx\">",
        EscapeHtml(target_.tag.empty() ? "tgt" : target_.tag), " #</th>",
        "<th scope=\"col\">Confidence</th><th scope=\"col\">Findings</th></tr></thead>\n<tbody>\n");

    int32_t previous_source_paragraph = -1;
    int32_t previous_target_paragraph = -1;
    for (int i = 0; i < response_.beads_size(); ++i) {
      const v1::Bead& bead = response_.beads(i);
      const bool omission = bead.target_sentences().empty() && !bead.source_sentences().empty();
      const bool addition = bead.source_sentences().empty() && !bead.target_sentences().empty();
      const std::string kind =
          absl::StrCat(bead.source_sentences_size(), "-", bead.target_sentences_size());
      const Band band = BandOf(bead.confidence());
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

      std::string classes = absl::StrCat("bead band-", BandName(band));
      if (!severity.empty()) absl::StrAppend(&classes, " sev-", severity);
      if (paragraph_start) absl::StrAppend(&classes, " para-start");
      if (omission) absl::StrAppend(&classes, " gap-row omission");
      if (addition) absl::StrAppend(&classes, " gap-row addition");
      absl::StrAppend(&out_, "<tr id=\"bead-", i, "\" class=\"", classes, "\" data-bead=\"", i,
                      "\" data-kind=\"", kind, "\" data-band=\"", BandName(band), "\"");
      if (!severity.empty()) absl::StrAppend(&out_, " data-severity=\"", severity, "\"");
      absl::StrAppend(&out_, ">");

      absl::StrAppend(&out_, "<td class=\"num\"><a href=\"#bead-", i, "\">", i,
                      "</a><span class=\"kind\">", kind, "</span></td>");
      absl::StrAppend(&out_, "<td class=\"idx src-idx\">");
      if (source_paragraph >= 0 && (paragraph_start || i == 0)) {
        absl::StrAppend(&out_, "<span class=\"para\">¶", source_paragraph + 1, "</span>");
      }
      absl::StrAppend(&out_, IndexRange(bead.source_sentences()), "</td>");

      // The source text, or the addition's label.
      if (addition) {
        absl::StrAppend(&out_, "<td class=\"text src gap\"", source_.rtl ? " dir=\"rtl\"" : "",
                        " data-label=\"", EscapeHtml(source_.name),
                        "\"><span class=\"gap-label\" lang=\"en\">NOT IN THE ",
                        EscapeHtml(absl::AsciiStrToUpper(source_.name)), " SOURCE</span></td>");
      } else {
        absl::StrAppend(&out_, "<td class=\"text src\"", source_.TextAttributes(), " data-label=\"",
                        EscapeHtml(source_.name), "\">",
                        SentenceSpans(bead.source_sentences(), source_sentences_), "</td>");
      }
      // The target text, or the omission's label.
      if (omission) {
        absl::StrAppend(&out_, "<td class=\"text tgt gap\"", target_.rtl ? " dir=\"rtl\"" : "",
                        " data-label=\"", EscapeHtml(target_.name),
                        "\"><span class=\"gap-label\" lang=\"en\">MISSING IN ",
                        EscapeHtml(absl::AsciiStrToUpper(target_.name)), "</span></td>");
      } else {
        absl::StrAppend(&out_, "<td class=\"text tgt\"", target_.TextAttributes(), " data-label=\"",
                        EscapeHtml(target_.name), "\">",
                        SentenceSpans(bead.target_sentences(), target_sentences_), "</td>");
      }
      absl::StrAppend(&out_, "<td class=\"idx tgt-idx\">");
      if (addition && target_paragraph >= 0 && paragraph_start) {
        absl::StrAppend(&out_, "<span class=\"para\">¶", target_paragraph + 1, "</span>");
      }
      absl::StrAppend(&out_, IndexRange(bead.target_sentences()), "</td>");

      const double confidence = std::clamp(bead.confidence(), 0.0, 1.0);
      absl::StrAppend(&out_, "<td class=\"conf\" data-confidence=\"",
                      absl::StrFormat("%.4f", confidence), "\"><span class=\"pct\">",
                      Percent(confidence, 0),
                      "</span><span class=\"bar\" aria-hidden=\"true\"><span class=\"fill\" "
                      "style=\"width:",
                      absl::StrFormat("%.1f", 100 * confidence), "%\"></span></span></td>");

      if (bead.findings().empty()) {
        absl::StrAppend(&out_, "<td class=\"findings empty\"><span class=\"none\">—</span>");
      } else {
        absl::StrAppend(&out_, "<td class=\"findings\"><ul>");
        for (const v1::Finding& finding : bead.findings()) RenderFinding(finding);
        absl::StrAppend(&out_, "</ul>");
      }
      absl::StrAppend(&out_, "</td></tr>\n");
    }
    absl::StrAppend(&out_, "</tbody>\n</table>\n");
  }

  // Returns values as isolated runs (they may be in either script): "<bdi>15</bdi>, ...".
  static std::string Values(const google::protobuf::RepeatedPtrField<std::string>& values) {
    return absl::StrJoin(values, ", ", [](std::string* out, const std::string& value) {
      absl::StrAppend(out, "<bdi>", EscapeHtml(value), "</bdi>");
    });
  }

  void RenderFinding(const v1::Finding& finding) {
    const std::string kind_name = v1::FindingKind_Name(finding.kind());
    const absl::string_view severity = SeverityName(finding.severity());
    absl::StrAppend(&out_, "<li class=\"finding sev-", severity, "\" data-finding=\"",
                    EscapeHtml(FindingKindWords(kind_name, "-")), "\" data-severity=\"", severity,
                    "\"><span class=\"badge\" title=\"", severity, "\"><span class=\"sr\">",
                    severity, ": </span>", EscapeHtml(FindingKindLabel(kind_name)),
                    // Isolated: a message may quote a name in both scripts ("ONU / الأمم المتحدة").
                    "</span><bdi class=\"msg\">", EscapeHtml(finding.message()), "</bdi>");
    std::vector<std::string> evidence;
    if (!finding.source_only_values().empty()) {
      evidence.push_back(
          absl::StrCat(EscapeHtml(source_.name), " only: ", Values(finding.source_only_values())));
    }
    if (!finding.target_only_values().empty()) {
      evidence.push_back(
          absl::StrCat(EscapeHtml(target_.name), " only: ", Values(finding.target_only_values())));
    }
    if (evidence.empty() && !finding.values().empty()) {
      evidence.push_back(absl::StrCat("value: ", Values(finding.values())));
    }
    if (!evidence.empty()) {
      absl::StrAppend(&out_, "<span class=\"values\">", absl::StrJoin(evidence, " · "), "</span>");
    }
    absl::StrAppend(&out_, "</li>");
  }

  const v1::AlignResponse& response_;
  const HtmlOptions& options_;
  const Side source_;
  const Side target_;
  const Figures figures_;
  absl::flat_hash_map<int32_t, const v1::Sentence*> source_sentences_;
  absl::flat_hash_map<int32_t, const v1::Sentence*> target_sentences_;
  // The bead (index in response.beads) of each sentence, by sentence index.
  absl::flat_hash_map<int32_t, int> source_bead_of_;
  absl::flat_hash_map<int32_t, int> target_bead_of_;
  double low_ = 0.5;
  double high_ = 0.9;
  std::string out_;
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

std::string EscapeHtml(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\0':
        out += "\u2400";  // ␀
        break;
      default:
        out += c;
    }
  }
  return out;
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
