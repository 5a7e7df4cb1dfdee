// The HTML report of `newsalign align --format=html`: one self-contained page for people who
// check a translation. The QA summary first (verdict, coverage, bead and finding counts,
// confidence), then the two texts side by side, one table row per bead, each row tinted by its
// confidence tier (high, medium or low, against two thresholds), with its findings as badges;
// omissions and additions are hatched and labelled.
//
//   v1::AlignResponse response = ...;  // from AlignmentService.Align
//   HtmlOptions options;
//   options.title = "MINUSMA leaves Mali";
//   std::cout << RenderHtmlReport(request, response, options);
//
// The page loads nothing: inline CSS only, no script, no image, no web font (system font stacks),
// and a Content-Security-Policy that forbids every fetch, so it can be mailed, archived and
// opened offline. The page skeleton and style sheet are client/templates/report.{html,css},
// compiled in (report_templates.h); everything is written through HtmlWriter (html_writer.h),
// so every text is HTML-escaped. Each side's cells carry the document's `lang`, and
// `dir="rtl"` when its language is written right to left (Arabic, Persian, Urdu, Hebrew, ...).
// Rows carry `id="bead-N"`, `data-bead="N"` (index in AlignResponse.beads), `data-kind="1-1"`,
// `data-band` (the tier: "high", "medium", "low"; with the row class `band-high`, ...) and
// `data-severity`; findings carry `data-finding="number-mismatch"`, for tests and
// scripts. The page prints on A4/Letter with colours kept and the table header repeated.
#ifndef NEWSALIGN_CLIENT_HTML_REPORT_H_
#define NEWSALIGN_CLIENT_HTML_REPORT_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "newsalign/v1/alignment.pb.h"

namespace newsalign::client {

// How the report looks.
struct HtmlOptions {
  // The page's heading and <title>; empty means "Alignment report" (and the request id in the
  // <title>).
  std::string title;
  // Beads at or above this confidence are in the "high" tier (no tint).
  double high_confidence = 0.8;
  // Beads below this confidence are in the "low" tier (red tint); between the two, "medium"
  // (amber). 0 means the request's AlignOptions.low_confidence_threshold, or 0.5 when unset.
  double low_confidence = 0;

  // OK when 0 <= low_confidence <= high_confidence <= 1; INVALID_ARGUMENT naming the field
  // otherwise.
  absl::Status Validate() const;
};

// Returns the report as a complete HTML5 document (UTF-8). Uses response.report when the server
// sent one, and falls back to response.summary and the beads for the figures otherwise.
// Languages come from the response's documents, else from the request's.
std::string RenderHtmlReport(const v1::AlignRequest& request, const v1::AlignResponse& response,
                             const HtmlOptions& options);

// Returns true when the BCP 47 tag's language is written right to left ("ar", "fa", "ur", "he",
// "ps", "ckb", "ku-Arab", "az-Arab", ...), from ICU's likely-subtags data; false otherwise
// ("fr", "ku", "az", "" ).
bool IsRightToLeft(absl::string_view language);

}  // namespace newsalign::client

#endif  // NEWSALIGN_CLIENT_HTML_REPORT_H_
