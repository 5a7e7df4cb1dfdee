#include "align/document_aligner.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"
#include "base/task_pool.h"
#include "text/normalization.h"
#include "text/sentence_splitter.h"
#include "text/utf8.h"
#include "unicode/locid.h"

namespace newsalign {
namespace {

absl::Status ValidateLanguage(absl::string_view language, absl::string_view field) {
  if (language.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".language is empty; give a BCP 47 tag such as \"fr\" or \"ar\""));
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(
      icu::StringPiece(language.data(), static_cast<int32_t>(language.size())), status);
  if (U_FAILURE(status) || locale.isBogus() || locale.getLanguage()[0] == '\0') {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ".language \"", language, "\" is not a BCP 47 tag; use one such as \"fr\" or \"ar\""));
  }
  return absl::OkStatus();
}

// Pairs of documents of at least this many bytes together are segmented side by side, the
// target on the task pool, when given two threads: below, handing it over costs more than it
// saves (the sample article, 12 KB, gains).
constexpr size_t kBytesForSegmentThread = size_t{1} << 12;

size_t BytesOf(const DocumentInput& document) {
  size_t bytes = document.text.size();
  for (const std::string& s : document.sentences) bytes += s.size() + 1;
  return bytes;
}

absl::Status TooLarge(absl::string_view field, size_t bytes, size_t limit) {
  return absl::ResourceExhaustedError(absl::StrCat(
      field, " is ", bytes, " bytes; the limit is ", limit,
      " (max_document_bytes): split the document or raise the server's limit"));
}

}  // namespace

std::string BeadType(const Bead& bead) {
  return absl::StrCat(bead.source.size(), "-", bead.target.size());
}

absl::StatusOr<SegmentedDocument> SegmentDocument(const DocumentInput& document,
                                                  absl::string_view field,
                                                  const AlignLimits& limits) {
  RETURN_IF_ERROR(ValidateLanguage(document.language, field));
  SegmentedDocument out;
  out.language = document.language;
  if (document.pre_split) {
    if (document.sentences.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".sentences is empty; send at least one sentence"));
    }
    size_t total = 0;
    for (const std::string& s : document.sentences) total += s.size() + 1;
    if (total > limits.max_document_bytes) {
      return TooLarge(absl::StrCat(field, ".sentences"), total, limits.max_document_bytes);
    }
    if (static_cast<int64_t>(document.sentences.size()) > limits.max_sentences) {
      return absl::ResourceExhaustedError(absl::StrCat(
          field, ".sentences has ", document.sentences.size(), " sentences; the limit is ",
          limits.max_sentences, " (max_sentences): split the document or raise the limit"));
    }
    size_t byte = 0, code_point = 0;
    for (size_t i = 0; i < document.sentences.size(); ++i) {
      const std::string& s = document.sentences[i];
      const std::string name = absl::StrCat(field, ".sentences[", i, "]");
      RETURN_IF_ERROR(ValidateUtf8(s, name));
      if (s.find_first_not_of(" \t\r\n") == std::string::npos) {
        return absl::InvalidArgumentError(
            absl::StrCat(name, " is empty; remove it or send raw text instead"));
      }
      if (s.find('\n') != std::string::npos) {
        return absl::InvalidArgumentError(
            absl::StrCat(name, " contains a line break; send one sentence per entry"));
      }
      Sentence sentence;
      sentence.index = static_cast<int>(i);
      sentence.byte_begin = byte;
      sentence.byte_end = byte + s.size();
      const size_t cps = CountCodePoints(s);
      sentence.code_point_begin = code_point;
      sentence.code_point_end = code_point + cps;
      sentence.text = s;
      ASSIGN_OR_RETURN(NormalizedText normalized, NormalizeForMatching(s));
      if (normalized.changed()) sentence.normalized_text = std::string(normalized.text());
      out.sentences.push_back(std::move(sentence));
      byte += s.size() + 1;
      code_point += cps + 1;
    }
    return out;
  }
  if (document.text.size() > limits.max_document_bytes) {
    return TooLarge(absl::StrCat(field, ".text"), document.text.size(), limits.max_document_bytes);
  }
  RETURN_IF_ERROR(ValidateUtf8(document.text, absl::StrCat(field, ".text")));
  if (document.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".text is empty; send the document's text"));
  }
  ASSIGN_OR_RETURN(const NormalizedText normalized, NormalizeForMatching(document.text));
  ASSIGN_OR_RETURN(std::vector<Segment> segments,
                   SplitSentences(normalized.text(), document.language));
  if (static_cast<int64_t>(segments.size()) > limits.max_sentences) {
    return absl::ResourceExhaustedError(absl::StrCat(
        field, ".text has ", segments.size(), " sentences; the limit is ", limits.max_sentences,
        " (max_sentences): split the document or raise the limit"));
  }
  // Each segment's range in the caller's text. A segment boundary inside a normalisation edit
  // would widen both neighbours to the whole edit; they would then overlap, and become one
  // sentence, so that ranges stay ordered and apart. (None is known with this form: spaces are
  // kept, so no edit holds one, and so is "…", which NFKC would make "...".)
  struct Span {
    OffsetRange original, normalized;
    int paragraph = 0;
  };
  std::vector<Span> spans;
  spans.reserve(segments.size());
  for (const Segment& seg : segments) {
    const OffsetRange original = normalized.ToOriginal(seg.begin, seg.end);
    if (!spans.empty() && original.begin < spans.back().original.end) {
      spans.back().original.end = std::max(spans.back().original.end, original.end);
      spans.back().normalized.end = seg.end;
      continue;
    }
    spans.push_back({original, {seg.begin, seg.end}, seg.paragraph});
  }
  CodePointIndex index(document.text);
  out.sentences.reserve(spans.size());
  for (size_t i = 0; i < spans.size(); ++i) {
    const Span& span = spans[i];
    Sentence sentence;
    sentence.index = static_cast<int>(i);
    sentence.paragraph = span.paragraph;
    sentence.byte_begin = span.original.begin;
    sentence.byte_end = span.original.end;
    sentence.code_point_begin = index.CodePointOffset(span.original.begin);
    sentence.code_point_end = index.CodePointOffset(span.original.end);
    sentence.text =
        document.text.substr(span.original.begin, span.original.end - span.original.begin);
    if (normalized.changed()) {
      const absl::string_view matching = normalized.text().substr(
          span.normalized.begin, span.normalized.end - span.normalized.begin);
      if (matching != sentence.text) sentence.normalized_text = std::string(matching);
    }
    out.sentences.push_back(std::move(sentence));
  }
  return out;
}

absl::StatusOr<DocumentAlignment> AlignDocuments(const DocumentInput& source,
                                                 const DocumentInput& target,
                                                 const AlignOptions& options,
                                                 const AlignResources& resources,
                                                 const StopCondition& stop) {
  RETURN_IF_ERROR(options.Validate());
  DocumentAlignment result;
  RETURN_IF_ERROR(stop.Check());
  // A long pair's documents are segmented side by side when two threads are given; the
  // source's error, if any, is returned first either way.
  absl::StatusOr<SegmentedDocument> target_segmented = SegmentedDocument();
  TaskPool::Task target_task;
  const bool side_by_side =
      options.threads > 1 && BytesOf(source) + BytesOf(target) >= kBytesForSegmentThread;
  if (side_by_side) {
    target_task = TaskPool::Shared().Start(
        [&] { target_segmented = SegmentDocument(target, "target", options.limits); });
  }
  absl::StatusOr<SegmentedDocument> source_segmented =
      SegmentDocument(source, "source", options.limits);
  target_task.Join();
  if (!source_segmented.ok()) return source_segmented.status();
  result.source = *std::move(source_segmented);
  RETURN_IF_ERROR(stop.Check());
  if (!side_by_side) target_segmented = SegmentDocument(target, "target", options.limits);
  if (!target_segmented.ok()) return target_segmented.status();
  result.target = *std::move(target_segmented);
  RETURN_IF_ERROR(stop.Check());
  AlignInput source_input{source.language, {}, {}};
  for (const Sentence& s : result.source.sentences) {
    source_input.sentences.push_back(MatchingText(s));
    source_input.paragraphs.push_back(s.paragraph);
  }
  AlignInput target_input{target.language, {}, {}};
  for (const Sentence& s : result.target.sentences) {
    target_input.sentences.push_back(MatchingText(s));
    target_input.paragraphs.push_back(s.paragraph);
  }
  // The words' keys are kept for the report (in the caller's cache when it gave one).
  AlignResources with_keys = resources;
  if (with_keys.word_keys == nullptr) with_keys.word_keys = std::make_shared<WordKeyCache>();
  result.word_keys = with_keys.word_keys;
  // An article's readings are kept for the report (a few hundred kilobytes); a book's would
  // hold megabytes through the whole alignment, and the report reads those sentences again.
  const bool article = result.source.sentences.size() + result.target.sentences.size() <=
                       static_cast<size_t>(kKeptReadingsUpTo);
  with_keys.readings = article ? std::make_shared<SentenceReadings>() : nullptr;
  ASSIGN_OR_RETURN(Alignment alignment,
                   AlignSentences(source_input, target_input, options, with_keys, stop));
  result.readings = std::move(with_keys.readings);
  result.beads = std::move(alignment.beads);
  result.length = alignment.length;
  result.omission_probability = std::move(alignment.omission_probability);
  result.addition_probability = std::move(alignment.addition_probability);
  result.sampled_omissions = std::move(alignment.sampled_omissions);

  size_t covered = 0, total = 0;
  double confidence = 0;
  for (const Bead& bead : result.beads) {
    ++result.summary.bead_counts[BeadType(bead)];
    confidence += bead.confidence;
    for (int s : bead.source) {
      const Sentence& sentence = result.source.sentences[s];
      const size_t chars = sentence.code_point_end - sentence.code_point_begin;
      total += chars;
      if (!bead.target.empty()) covered += chars;
    }
  }
  result.summary.source_coverage = total > 0 ? static_cast<double>(covered) / total : 0.0;
  result.summary.mean_confidence =
      result.beads.empty() ? 0.0 : confidence / static_cast<double>(result.beads.size());
  return result;
}

}  // namespace newsalign
