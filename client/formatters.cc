#include "client/formatters.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <thread>
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
#include "client/json_printer.h"
#include "google/protobuf/descriptor.h"
#include "text/utf8.h"

namespace newsalign::client {
namespace {

constexpr absl::string_view kAnchorKindPrefix = "ANCHOR_KIND_";
constexpr absl::string_view kFindingKindPrefix = "FINDING_KIND_";
constexpr absl::string_view kSeverityPrefix = "SEVERITY_";
// TMX's creationtoolversion: the project's version (CMake's PROJECT_VERSION).
constexpr absl::string_view kCreationToolVersion = NEWSALIGN_VERSION;
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

// Appends `value` with four digits after the point, as "%.4f" prints it (std::to_chars with a
// precision converts as printf does).
void AppendFixed4(double value, std::string* out) {
  char buffer[64];
  const std::to_chars_result written =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed, 4);
  if (written.ec != std::errc()) {
    absl::StrAppend(out, absl::StrFormat("%.4f", value));
    return;
  }
  out->append(buffer, written.ptr);
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

// Returns the bead's findings as "kind:severity" joined by "; ".
std::string FindingLabels(const v1::Bead& bead) {
  return absl::StrJoin(bead.findings(), "; ", [](std::string* out, const v1::Finding& finding) {
    absl::StrAppend(out, FindingKindFlagName(finding.kind()), ":",
                    SeverityFlagName(finding.severity()));
  });
}

// Returns the messages of the bead's findings joined by "; ".
std::string FindingMessages(const v1::Bead& bead) {
  return absl::StrJoin(bead.findings(), "; ", [](std::string* out, const v1::Finding& finding) {
    absl::StrAppend(out, finding.message());
  });
}

// Whether XML 1.0 allows code point `c` in a document (its Char production).
bool IsXmlChar(UChar32 c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// Returns `text` (UTF-8) escaped for XML element content and attribute values: & < > " as
// entities, carriage return as &#13; (parsers would turn a literal one into a line feed), and
// the characters XML 1.0 forbids dropped, as are bytes that are not UTF-8.
std::string EscapeXml(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i;
    const UChar32 c = NextCodePoint(text, &i);
    if (c < 0 || !IsXmlChar(c)) continue;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\r': out += "&#13;"; break;
      default: out.append(text.data() + start, i - start);
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<AlignFormat> ParseAlignFormat(absl::string_view name) {
  if (name == "table") return AlignFormat::kTable;
  if (name == "tsv") return AlignFormat::kTsv;
  if (name == "json") return AlignFormat::kJson;
  if (name == "vecalign") return AlignFormat::kVecalign;
  if (name == "html") return AlignFormat::kHtml;
  if (name == "tmx") return AlignFormat::kTmx;
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown format \"", name, "\" (expected table, tsv, json, vecalign, html or tmx)"));
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
  v1::AnchorKind parsed = v1::ANCHOR_KIND_UNSPECIFIED;
  if (name.empty() ||
      !v1::AnchorKind_Parse(absl::StrCat(kAnchorKindPrefix, absl::AsciiStrToUpper(name)),
                            &parsed) ||
      parsed == v1::ANCHOR_KIND_UNSPECIFIED) {
    return false;
  }
  *kind = parsed;
  return true;
}

std::string FindingKindFlagName(v1::FindingKind kind) {
  absl::string_view name = v1::FindingKind_Name(kind);
  absl::ConsumePrefix(&name, kFindingKindPrefix);
  return absl::AsciiStrToLower(name);
}

std::string SeverityFlagName(v1::Severity severity) {
  absl::string_view name = v1::Severity_Name(severity);
  absl::ConsumePrefix(&name, kSeverityPrefix);
  return absl::AsciiStrToLower(name);
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
  return FormatTsv(response, static_cast<int>(std::thread::hardware_concurrency()));
}

std::string FormatTsv(const v1::AlignResponse& response, int threads) {
  std::string out;
  WriteTsv(response, threads, [&out](std::string&& part) {
    if (out.empty()) {
      out = std::move(part);
    } else {
      out += part;
    }
  });
  return out;
}

void WriteTsv(const v1::AlignResponse& response, int threads,
              absl::FunctionRef<void(std::string&&)> write) {
  const SentenceTexts source(response.source());
  const SentenceTexts target(response.target());
  std::string out =
      "source\ttarget\tconfidence\tlength_score\tanchor_score\tanchors\tfindings\t"
      "finding_messages\tsource_text\ttarget_text\tunpaired_probability\n";
  // The rows hold every sentence's text: reserved once, where growing a string of tens of
  // megabytes a doubling at a time copied (and cleared) it again and again.
  size_t text_bytes = 0;
  for (const v1::Sentence& s : response.source().sentences()) text_bytes += s.text().size();
  for (const v1::Sentence& s : response.target().sentences()) text_bytes += s.text().size();
  const int beads = response.beads_size();
  // Past this many beads (a long document: ~10 ms of rows), the second half of the rows is
  // written on a thread of its own and appended.
  constexpr int kBeadsForTwoThreads = 4096;
  const int half = threads > 1 && beads >= kBeadsForTwoThreads ? beads / 2 : beads;
  const double share = beads > 0 ? static_cast<double>(half) / beads : 1.0;
  out.reserve(out.size() + static_cast<size_t>(text_bytes * share) + 160 * static_cast<size_t>(half));
  // The report's probabilities that a sentence has no counterpart (listed from 0.2 up).
  absl::flat_hash_map<int32_t, double> omission, addition;
  for (const v1::SentenceProbability& p : response.report().omission_probabilities()) {
    omission[p.sentence()] = p.probability();
  }
  for (const v1::SentenceProbability& p : response.report().addition_probabilities()) {
    addition[p.sentence()] = p.probability();
  }
  // The rows of beads [begin, end), appended to `rows`.
  auto write_rows = [&](int begin, int end, std::string* rows) {
    // Each anchor kind's name, looked up once.
    absl::flat_hash_map<int, std::string> kind_names;
    for (int b = begin; b < end; ++b) {
      const v1::Bead& bead = response.beads(b);
      // The likeliest of the bead's sentences to have no counterpart at all.
      double unpaired = 0;
      for (int32_t s : bead.source_sentences()) {
        if (auto it = omission.find(s); it != omission.end()) unpaired = std::max(unpaired, it->second);
      }
      for (int32_t t : bead.target_sentences()) {
        if (auto it = addition.find(t); it != addition.end()) unpaired = std::max(unpaired, it->second);
      }
      absl::StrAppend(rows, absl::StrJoin(bead.source_sentences(), ","), "\t",
                      absl::StrJoin(bead.target_sentences(), ","), "\t");
      for (double score : {bead.confidence(), bead.length_score(), bead.anchor_score()}) {
        AppendFixed4(score, rows);
        rows->push_back('\t');
      }
      for (int k = 0; k < bead.anchors_size(); ++k) {
        const v1::Anchor& anchor = bead.anchors(k);
        if (k > 0) rows->push_back('|');
        auto [name, inserted] = kind_names.try_emplace(anchor.kind());
        if (inserted) name->second = AnchorKindFlagName(anchor.kind());
        absl::StrAppend(rows, name->second, ":");
        // Escaped once, here: the TSV escapes plus "|", the separator of anchors.
        AppendEscapedTsv(anchor.value(), /*escape_bar=*/true, rows);
      }
      absl::StrAppend(rows, "\t", FindingLabels(bead), "\t");
      AppendEscapedTsv(FindingMessages(bead), /*escape_bar=*/false, rows);
      rows->push_back('\t');
      AppendEscapedTsv(source.Join(bead.source_sentences()), /*escape_bar=*/false, rows);
      rows->push_back('\t');
      AppendEscapedTsv(target.Join(bead.target_sentences()), /*escape_bar=*/false, rows);
      rows->push_back('\t');
      AppendFixed4(unpaired, rows);
      rows->push_back('\n');
    }
  };
  if (half == beads) {
    write_rows(0, beads, &out);
    write(std::move(out));
    return;
  }
  std::string second;
  second.reserve(static_cast<size_t>(text_bytes * (1 - share)) +
                 160 * static_cast<size_t>(beads - half));
  std::thread second_half([&] { write_rows(half, beads, &second); });
  write_rows(0, half, &out);
  write(std::move(out));
  second_half.join();
  write(std::move(second));
}

void AppendEscapedTsv(absl::string_view field, bool escape_bar, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Bytes [plain, i) are appended as they are, a run at a time.
  size_t plain = 0;
  auto flush = [&](size_t i) { out->append(field.data() + plain, i - plain); };
  for (size_t i = 0; i < field.size(); ++i) {
    const auto byte = static_cast<unsigned char>(field[i]);
    const char* replacement = nullptr;
    switch (byte) {
      case '\\':
        replacement = "\\\\";
        break;
      case '\t':
        replacement = "\\t";
        break;
      case '\n':
        replacement = "\\n";
        break;
      case '\r':
        replacement = "\\r";
        break;
      case '|':
        if (escape_bar) replacement = "\\|";
        break;
      default:
        break;
    }
    if (replacement != nullptr) {
      flush(i);
      out->append(replacement);
      plain = i + 1;
    } else if (byte < 0x20 || byte == 0x7f) {
      flush(i);
      out->append({'\\', 'x', kHex[byte >> 4], kHex[byte & 0xf]});
      plain = i + 1;
    } else if (byte == 0xc2 && i + 1 < field.size() &&
               static_cast<unsigned char>(field[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(field[i + 1]) <= 0x9f) {
      // U+0080-U+009F are 0xC2 0x80-0x9F in UTF-8.
      const auto next = static_cast<unsigned char>(field[i + 1]);
      flush(i);
      out->append({'\\', 'u', '0', '0', kHex[next >> 4], kHex[next & 0xf]});
      ++i;
      plain = i + 1;
    }
  }
  flush(field.size());
}

std::string EscapeControlCharacters(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7f) {
      absl::StrAppend(&out, "\\x", absl::Hex(byte, absl::kZeroPad2));
      continue;
    }
    // U+0080-U+009F are 0xC2 0x80-0x9F in UTF-8.
    if (byte == 0xc2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9f) {
        absl::StrAppend(&out, "\\u00", absl::Hex(next, absl::kZeroPad2));
        ++i;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

absl::StatusOr<std::string> FormatJson(const google::protobuf::Message& message) {
  return PrintJson(message, /*whitespace=*/true);
}

absl::StatusOr<std::string> FormatJsonLine(const google::protobuf::Message& message) {
  return PrintJson(message, /*whitespace=*/false);
}

std::string FormatTable(const v1::AlignResponse& response, int columns) {
  const SentenceTexts source(response.source());
  const SentenceTexts target(response.target());
  const std::string source_header = response.source().language().empty()
                                        ? "src"
                                        : EscapeControlCharacters(response.source().language());
  const std::string target_header = response.target().language().empty()
                                        ? "tgt"
                                        : EscapeControlCharacters(response.target().language());

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
  const std::string finding_indent(kConfidenceWidth + source_index_width + 2 * kGap, ' ');
  const int finding_width =
      std::max(kMinTextWidth, 2 * text_width + target_index_width + 2 * kGap);

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
            : WrapToWidth(EscapeControlCharacters(source.Join(bead.source_sentences())),
                          text_width);
    std::vector<std::string> target_lines =
        bead.target_sentences().empty()
            ? std::vector<std::string>{std::string(kMissing)}
            : WrapToWidth(EscapeControlCharacters(target.Join(bead.target_sentences())),
                          text_width);
    const size_t lines = std::max({source_lines.size(), target_lines.size(), size_t{1}});
    source_lines.resize(lines);
    target_lines.resize(lines);
    for (size_t i = 0; i < lines; ++i) {
      const bool first = i == 0;
      out += row(first ? absl::StrFormat("%.2f", bead.confidence()) : "",
                 first ? IndexLabel(bead.source_sentences()) : "", source_lines[i],
                 first ? IndexLabel(bead.target_sentences()) : "", target_lines[i]);
    }
    // Findings under their row, from the source text's column across both texts.
    for (const v1::Finding& finding : bead.findings()) {
      const std::vector<std::string> lines = WrapToWidth(
          absl::StrCat("! ", SeverityFlagName(finding.severity()), " ",
                       FindingKindFlagName(finding.kind()), ": ",
                       EscapeControlCharacters(finding.message())),
          finding_width);
      for (const std::string& line : lines) absl::StrAppend(&out, finding_indent, line, "\n");
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
  if (response.has_report()) {
    const v1::Report& report = response.report();
    absl::StrAppend(&out, "findings: ", report.error_count(),
                    report.error_count() == 1 ? " error, " : " errors, ", report.warning_count(),
                    report.warning_count() == 1 ? " warning, " : " warnings, ",
                    report.info_count(), " info\n");
    absl::StrAppend(
        &out,
        absl::StrFormat("expected coverage: %.1f%% (90%% interval %.1f%% to %.1f%%)\n",
                        100.0 * report.expected_character_coverage(),
                        100.0 * report.character_coverage_low(),
                        100.0 * report.character_coverage_high()));
    if (!report.omission_probabilities().empty()) {
      std::vector<std::string> items;
      for (const v1::SentenceProbability& p : report.omission_probabilities()) {
        items.push_back(absl::StrFormat("%d (%.2f)", p.sentence(), p.probability()));
      }
      absl::StrAppend(&out, "possibly untranslated (probability): ", absl::StrJoin(items, ", "),
                      "\n");
    }
    absl::StrAppend(&out, report.verdict(), "\n");
  }
  return out;
}

std::string FormatTmx(const v1::AlignResponse& response, double min_confidence,
                      absl::Time created) {
  const SentenceTexts source(response.source());
  const SentenceTexts target(response.target());
  const std::string source_language = EscapeXml(response.source().language());
  const std::string target_language = EscapeXml(response.target().language());
  // TMX's date format, always UTC: 20261203T181205Z.
  const std::string creation_date =
      created == absl::InfinitePast()
          ? ""
          : absl::StrCat(" creationdate=\"",
                         absl::FormatTime("%Y%m%dT%H%M%SZ", created, absl::UTCTimeZone()), "\"");
  std::string out = absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<tmx version=\"1.4\">\n"
      "  <header creationtool=\"newsalign\" creationtoolversion=\"",
      kCreationToolVersion,
      "\" segtype=\"sentence\" o-tmf=\"newsalign\" adminlang=\"en\" srclang=\"",
      source_language, "\" datatype=\"plaintext\"", creation_date, "/>\n  <body>\n");
  // Units are named by their bead, after the response's id when it has one: "article-7.bead-3".
  const std::string tuid_prefix =
      response.id().empty() ? "bead-" : absl::StrCat(EscapeXml(response.id()), ".bead-");
  for (int b = 0; b < response.beads_size(); ++b) {
    const v1::Bead& bead = response.beads(b);
    if (bead.source_sentences().empty() || bead.target_sentences().empty()) continue;
    if (bead.confidence() < min_confidence) continue;
    absl::StrAppend(
        &out, "    <tu tuid=\"", tuid_prefix, b, "\">\n",
        absl::StrFormat("      <prop type=\"x-confidence\">%.4f</prop>\n", bead.confidence()));
    // The QA findings, for the translator who opens the memory: "warning number_mismatch: ...".
    for (const v1::Finding& finding : bead.findings()) {
      absl::StrAppend(&out, "      <note>",
                      EscapeXml(absl::StrCat(SeverityFlagName(finding.severity()), " ",
                                             FindingKindFlagName(finding.kind()), ": ",
                                             finding.message())),
                      "</note>\n");
    }
    absl::StrAppend(
        &out,
        "      <tuv xml:lang=\"", source_language, "\"><seg>",
        EscapeXml(source.Join(bead.source_sentences())), "</seg></tuv>\n",
        "      <tuv xml:lang=\"", target_language, "\"><seg>",
        EscapeXml(target.Join(bead.target_sentences())), "</seg></tuv>\n", "    </tu>\n");
  }
  out += "  </body>\n</tmx>\n";
  return out;
}

std::string FormatSentences(const v1::SegmentResponse& response) {
  std::string out;
  for (const v1::Sentence& sentence : response.document().sentences()) {
    absl::StrAppend(&out,
                    EscapeControlCharacters(absl::StrReplaceAll(
                        sentence.text(), {{"\r\n", " "}, {"\n", " "}, {"\r", " "}})),
                    "\n");
  }
  return out;
}

}  // namespace newsalign::client
