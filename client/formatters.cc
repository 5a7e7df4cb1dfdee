#include "client/formatters.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "client/display_width.h"
#include "google/protobuf/util/json_util.h"

namespace newsalign::client {
namespace {

constexpr absl::string_view kAnchorKindPrefix = "ANCHOR_KIND_";
// Shown on the missing side of an omission or addition.
constexpr absl::string_view kMissing = "—";

// Sentence texts of one side, by sentence index.
class SentenceTexts {
 public:
  explicit SentenceTexts(const v1::SegmentedDocument& document) {
    for (const v1::Sentence& sentence : document.sentences()) {
      texts_[sentence.index()] = sentence.text();
    }
  }

  // Returns the bead side's sentences joined by a space ("" for an empty side).
  std::string Join(const google::protobuf::RepeatedField<int32_t>& indices) const {
    std::vector<absl::string_view> parts;
    for (int32_t index : indices) {
      auto it = texts_.find(index);
      parts.push_back(it == texts_.end() ? absl::string_view("?") : absl::string_view(it->second));
    }
    return absl::StrJoin(parts, " ");
  }

 private:
  absl::flat_hash_map<int32_t, absl::string_view> texts_;
};

// Returns a TSV field with backslash, tab, newline and carriage return escaped.
std::string EscapeTsv(absl::string_view field) {
  return absl::StrReplaceAll(field, {{"\\", "\\\\"}, {"\t", "\\t"}, {"\n", "\\n"}, {"\r", "\\r"}});
}

// Returns "0" for one sentence, "3-4" for several, "—" for none.
std::string IndexLabel(const google::protobuf::RepeatedField<int32_t>& indices) {
  if (indices.empty()) return std::string(kMissing);
  if (indices.size() == 1) return absl::StrCat(indices[0]);
  return absl::StrCat(indices[0], "-", indices[indices.size() - 1]);
}

// Returns the bead counts as "1-1: 30, 2-1: 1", most frequent first.
std::string BeadCounts(const v1::AlignmentSummary& summary) {
  std::vector<std::pair<std::string, int>> counts(summary.bead_counts().begin(),
                                                  summary.bead_counts().end());
  std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return absl::StrJoin(counts, ", ", [](std::string* out, const auto& count) {
    absl::StrAppend(out, count.first, ": ", count.second);
  });
}

}  // namespace

absl::StatusOr<AlignFormat> ParseAlignFormat(absl::string_view name) {
  if (name == "table") return AlignFormat::kTable;
  if (name == "tsv") return AlignFormat::kTsv;
  if (name == "json") return AlignFormat::kJson;
  if (name == "vecalign") return AlignFormat::kVecalign;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown format \"", name, "\" (expected table, tsv, json or vecalign)"));
}

absl::StatusOr<SegmentFormat> ParseSegmentFormat(absl::string_view name) {
  if (name == "text") return SegmentFormat::kText;
  if (name == "json") return SegmentFormat::kJson;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown format \"", name, "\" (expected text or json)"));
}

std::string AnchorKindFlagName(v1::AnchorKind kind) {
  absl::string_view name = v1::AnchorKind_Name(kind);
  absl::ConsumePrefix(&name, kAnchorKindPrefix);
  return absl::AsciiStrToLower(name);
}

bool ParseAnchorKindFlagName(absl::string_view name, v1::AnchorKind* kind) {
  v1::AnchorKind parsed;
  if (name.empty() ||
      !v1::AnchorKind_Parse(absl::StrCat(kAnchorKindPrefix, absl::AsciiStrToUpper(name)),
                            &parsed) ||
      parsed == v1::ANCHOR_KIND_UNSPECIFIED) {
    return false;
  }
  *kind = parsed;
  return true;
}

std::string FormatVecalign(const v1::AlignResponse& response) {
  std::string out;
  for (const v1::Bead& bead : response.beads()) {
    absl::StrAppend(&out, "[", absl::StrJoin(bead.source_sentences(), ", "), "]:[",
                    absl::StrJoin(bead.target_sentences(), ", "), "]\n");
  }
  return out;
}

std::string FormatTsv(const v1::AlignResponse& response) {
  const SentenceTexts source(response.source());
  const SentenceTexts target(response.target());
  std::string out =
      "source\ttarget\tconfidence\tlength_score\tanchor_score\tanchors\tsource_text\ttarget_text\n";
  for (const v1::Bead& bead : response.beads()) {
    std::vector<std::string> anchors;
    for (const v1::Anchor& anchor : bead.anchors()) {
      // Escaped once, here: the TSV escapes plus "|", the separator of anchors.
      anchors.push_back(
          absl::StrCat(AnchorKindFlagName(anchor.kind()), ":",
                       absl::StrReplaceAll(EscapeTsv(anchor.value()), {{"|", "\\|"}})));
    }
    absl::StrAppend(&out, absl::StrJoin(bead.source_sentences(), ","), "\t",
                    absl::StrJoin(bead.target_sentences(), ","), "\t",
                    absl::StrFormat("%.4f\t%.4f\t%.4f\t", bead.confidence(), bead.length_score(),
                                    bead.anchor_score()),
                    absl::StrJoin(anchors, "|"), "\t",
                    EscapeTsv(source.Join(bead.source_sentences())), "\t",
                    EscapeTsv(target.Join(bead.target_sentences())), "\n");
  }
  return out;
}

absl::StatusOr<std::string> FormatJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  options.preserve_proto_field_names = true;
  std::string json;
  const google::protobuf::util::Status status =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("cannot print JSON: ", status.ToString()));
  }
  return json;
}

std::string FormatTable(const v1::AlignResponse& response, int columns) {
  const SentenceTexts source(response.source());
  const SentenceTexts target(response.target());
  const std::string source_header =
      response.source().language().empty() ? "src" : response.source().language();
  const std::string target_header =
      response.target().language().empty() ? "tgt" : response.target().language();

  // Column widths: confidence, source index, source text, target index, target text, with two
  // spaces between columns.
  constexpr int kConfidenceWidth = 4;  // "0.98"
  constexpr int kGap = 2;
  constexpr int kMinTextWidth = 12;
  int source_index_width = DisplayWidth(source_header);
  int target_index_width = DisplayWidth(target_header);
  for (const v1::Bead& bead : response.beads()) {
    source_index_width =
        std::max(source_index_width, DisplayWidth(IndexLabel(bead.source_sentences())));
    target_index_width =
        std::max(target_index_width, DisplayWidth(IndexLabel(bead.target_sentences())));
  }
  const int text_width = std::max(
      kMinTextWidth,
      (columns - kConfidenceWidth - source_index_width - target_index_width - 4 * kGap) / 2);
  const std::string gap(kGap, ' ');

  auto row = [&](absl::string_view confidence, absl::string_view source_index,
                 absl::string_view source_text, absl::string_view target_index,
                 absl::string_view target_text) {
    std::string line = absl::StrCat(PadToWidth(confidence, kConfidenceWidth), gap,
                                    PadToWidth(source_index, source_index_width), gap,
                                    PadToWidth(source_text, text_width), gap,
                                    PadToWidth(target_index, target_index_width), gap, target_text);
    // No trailing spaces when the target side of this line is empty.
    line.erase(line.find_last_not_of(' ') + 1);
    return line + "\n";
  };
  auto rule = [](int width) {
    std::string line;
    for (int i = 0; i < width; ++i) line += "─";
    return line;
  };

  std::string out = row("conf", source_header, "source", target_header, "target");
  out += row(rule(kConfidenceWidth), rule(source_index_width), rule(text_width),
             rule(target_index_width), rule(text_width));
  for (const v1::Bead& bead : response.beads()) {
    std::vector<std::string> source_lines =
        bead.source_sentences().empty()
            ? std::vector<std::string>{std::string(kMissing)}
            : WrapToWidth(source.Join(bead.source_sentences()), text_width);
    std::vector<std::string> target_lines =
        bead.target_sentences().empty()
            ? std::vector<std::string>{std::string(kMissing)}
            : WrapToWidth(target.Join(bead.target_sentences()), text_width);
    const size_t lines = std::max({source_lines.size(), target_lines.size(), size_t{1}});
    source_lines.resize(lines);
    target_lines.resize(lines);
    for (size_t i = 0; i < lines; ++i) {
      const bool first = i == 0;
      out += row(first ? absl::StrFormat("%.2f", bead.confidence()) : "",
                 first ? IndexLabel(bead.source_sentences()) : "", source_lines[i],
                 first ? IndexLabel(bead.target_sentences()) : "", target_lines[i]);
    }
  }

  const v1::AlignmentSummary& summary = response.summary();
  absl::StrAppend(&out, "\n", "beads: ", response.beads_size());
  if (!summary.bead_counts().empty()) absl::StrAppend(&out, " (", BeadCounts(summary), ")");
  absl::StrAppend(&out, "\n",
                  absl::StrFormat("source coverage: %.1f%%\n", 100.0 * summary.source_coverage()),
                  absl::StrFormat("mean confidence: %.2f\n", summary.mean_confidence()),
                  absl::StrFormat("length ratio: %.2f (%s code points per %s code point)\n",
                                  summary.length_ratio(), target_header, source_header));
  return out;
}

std::string FormatSentences(const v1::SegmentResponse& response) {
  std::string out;
  for (const v1::Sentence& sentence : response.document().sentences()) {
    absl::StrAppend(&out,
                    absl::StrReplaceAll(sentence.text(), {{"\r\n", " "}, {"\n", " "}, {"\r", " "}}),
                    "\n");
  }
  return out;
}

}  // namespace newsalign::client
