// How the `newsalign` command prints results: the formats of --format, each a pure function of
// the response, so tests compare strings.
//
//   std::cout << FormatVecalign(response);     // [0, 1]:[0]  one bead a line, as ../shared/eval
//   std::cout << FormatTable(response, 100);   // side by side, for people
#ifndef NEWSALIGN_CLIENT_FORMATTERS_H_
#define NEWSALIGN_CLIENT_FORMATTERS_H_

#include <string>

#include "absl/functional/function_ref.h"

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "newsalign/v1/alignment.pb.h"

namespace newsalign::client {

// Output formats of `newsalign align`.
enum class AlignFormat {
  kTable,     // side by side, wrapped to the terminal, then the summary
  kTsv,       // a header, then one row per bead
  kJson,      // the AlignResponse as JSON
  kVecalign,  // one bead per line, "[0, 1]:[0]", as the gold files of ../shared/eval
  kHtml,      // a self-contained HTML page: QA summary, then the texts side by side
  kTmx,       // a TMX 1.4b translation memory of the confident pairs
};

// Output formats of `newsalign segment`.
enum class SegmentFormat {
  kText,  // one sentence per line
  kJson,  // the SegmentResponse as JSON
};

// Parses a --format value ("table", "tsv", "json", "vecalign", "html", "tmx"); INVALID_ARGUMENT
// naming the accepted values otherwise.
absl::StatusOr<AlignFormat> ParseAlignFormat(absl::string_view name);
// Parses a --format value of `segment` ("text", "json").
absl::StatusOr<SegmentFormat> ParseSegmentFormat(absl::string_view name);

// Returns the lower-case name of an anchor kind as the command line uses it ("number"), from
// the enum value's name without its ANCHOR_KIND_ prefix.
std::string AnchorKindFlagName(v1::AnchorKind kind);
// Parses a name from AnchorKindFlagName(); returns false when `name` is not one.
bool ParseAnchorKindFlagName(absl::string_view name, v1::AnchorKind* kind);

// Returns one bead per line: source indices, ":", target indices, each a Python list repr
// ("[0, 1]:[0]", "[5]:[]", "[]:[7]").
std::string FormatVecalign(const v1::AlignResponse& response);

// Returns the lower-case name of a finding kind ("number_mismatch") or severity ("error"), from
// the enum value's name without its prefix.
std::string FindingKindFlagName(v1::FindingKind kind);
std::string SeverityFlagName(v1::Severity severity);

// Returns a header line then one row per bead, tab-separated: source indices, target indices
// (comma-separated), confidence, length score, anchor score, anchors ("kind:value" joined by
// "|"), findings ("kind:severity" joined by "; ", worst first: "number_mismatch:error;
// low_confidence:warning"), their messages (joined by "; "), source text, target text (a bead's
// sentences joined by a space). Backslash, tab, newline and carriage return in fields are
// escaped as \\ \t \n \r; "|" in anchor values as \|; every other control character as
// EscapeControlCharacters() shows it (ESC as \x1b), so no field can move a terminal's cursor.
// A long response's rows are written on two threads when the machine has two CPUs (the same
// bytes).
std::string FormatTsv(const v1::AlignResponse& response);
// The same on at most `threads` threads (1 or 2 are used).
std::string FormatTsv(const v1::AlignResponse& response, int threads);
// The same bytes handed to `write` a part at a time, in order: on two threads the first half
// of the rows is handed over (and may be written out) while the second is still formatted.
void WriteTsv(const v1::AlignResponse& response, int threads,
              absl::FunctionRef<void(std::string&&)> write);

// Returns a TMX 1.4b translation memory (UTF-8 XML): a header (srclang and the languages from
// the response's documents, adminlang "en", segtype "sentence", datatype "plaintext",
// creationtool "newsalign"), then one <tu> per bead with both sides non-empty and a confidence
// of at least `min_confidence`, each with its confidence as <prop type="x-confidence"> and a
// <tuv xml:lang="..."> per side holding the side's sentences joined by a space. Text is escaped
// (& < > " and carriage return as &#13;, so that parsers give it back exactly); characters
// XML 1.0 does not allow (control characters, U+FFFE, U+FFFF) are dropped. Each <tu> has a
// tuid naming its bead ("bead-3", or "ID.bead-3" after the response's id) and the bead's
// findings as <note>s ("warning number_mismatch: ..."); the header a creationdate (UTC) of
// `created`, left out for absl::InfinitePast().
std::string FormatTmx(const v1::AlignResponse& response, double min_confidence,
                      absl::Time created = absl::InfinitePast());

// Returns `message` as indented JSON with the proto field names, zero values included, map
// entries in key order: the same message prints the same bytes on every run.
absl::StatusOr<std::string> FormatJson(const google::protobuf::Message& message);

// Returns `message` as FormatJson() does, on one line (no whitespace between tokens).
absl::StatusOr<std::string> FormatJsonLine(const google::protobuf::Message& message);

// Returns `text` with every control character made visible: C0 controls (U+0000-U+001F, tab and
// newline included) and DEL as \x00-\x1f and \x7f, C1 controls (U+0080-U+009F) as \u0080-\u009f;
// everything else as it is. "\x1b[31m" (ESC [31m) becomes the seven characters \x1b[31m.
std::string EscapeControlCharacters(absl::string_view text);

// Appends `field` escaped for a TSV cell: backslash, tab, newline and carriage return as \\,
// \t, \n and \r, the other control characters as EscapeControlCharacters() shows them, and,
// with `escape_bar`, "|" as "\|" (the separator of the anchors column). One pass.
void AppendEscapedTsv(absl::string_view field, bool escape_bar, std::string* out);

// Returns the alignment side by side in `columns` terminal columns: for each bead its
// confidence, source indices and text, target indices and text, wrapped by display width; a
// missing side shows "—"; the bead's findings under it, one a line ("! error number_mismatch:
// 15000 in the source is not in the target"). Then the summary: bead counts by type, source
// coverage, mean confidence, length ratio, findings by severity, and the report's verdict.
// Texts, messages and language tags go through EscapeControlCharacters(): a document cannot
// send escape sequences to the terminal.
std::string FormatTable(const v1::AlignResponse& response, int columns);

// Returns the sentences one per line (line breaks inside a sentence become spaces, other
// control characters are shown by EscapeControlCharacters()).
std::string FormatSentences(const v1::SegmentResponse& response);

}  // namespace newsalign::client

#endif  // NEWSALIGN_CLIENT_FORMATTERS_H_
