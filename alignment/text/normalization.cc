#include "text/normalization.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "text/matching_tables.h"
#include "text/utf8.h"
#include "unicode/bytestream.h"
#include "unicode/edits.h"
#include "unicode/normalizer2.h"
#include "unicode/uchar.h"
#include "unicode/uniset.h"
#include "unicode/unistr.h"

namespace newsalign {
namespace {

using internal::kStableLimit;
using internal::MatchingTables;

// NFKC filtered to leave the kept characters alone, and the Arabic mark forms, built once from
// the tables the build computed (text/matching_tables.h).
struct MatchingNormalizer {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = nullptr;
  std::unique_ptr<icu::UnicodeSet> normalized_set;
  std::unique_ptr<icu::FilteredNormalizer2> normalizer;
  std::unique_ptr<icu::UnicodeSet> arabic_mark_forms;
  // MatchingTables::stable: what NFKC's quick check says of each code point below
  // kStableLimit. A text whose marks are in order is normalised (UAX #15's quick check, which
  // ICU's check also runs); ICU is asked only about the others.
  const uint8_t* stable = nullptr;
};

const MatchingNormalizer& GetNormalizer() {
  static const MatchingNormalizer* const instance = [] {
    auto* out = new MatchingNormalizer();
    const MatchingTables& tables = internal::BuiltMatchingTables();
    out->nfkc = icu::Normalizer2::getNFKCInstance(out->status);
    if (U_FAILURE(out->status)) return out;
    out->normalized_set = std::make_unique<icu::UnicodeSet>();
    for (const auto& [first, last] : tables.kept) out->normalized_set->add(first, last);
    out->normalized_set->complement().freeze();
    out->normalizer =
        std::make_unique<icu::FilteredNormalizer2>(*out->nfkc, *out->normalized_set);
    out->arabic_mark_forms = std::make_unique<icu::UnicodeSet>();
    for (const auto& [first, last] : tables.arabic_mark_forms) {
      out->arabic_mark_forms->add(first, last);
    }
    out->arabic_mark_forms->freeze();
    out->stable = tables.stable.data();
    return out;
  }();
  return *instance;
}

// Writes `text` with each Arabic mark form replaced by its marks alone (NFKC's mapping without
// the leading space or tatweel: "ﹰ" -> U+064B) to `out`, and the replacements to `edits`.
void ReplaceArabicMarkForms(const MatchingNormalizer& matching, absl::string_view text,
                            std::string* out, icu::Edits* edits, UErrorCode* status) {
  // Offsets fit in int32_t: NormalizeForMatching() takes texts below 2 GiB.
  out->reserve(text.size());
  size_t unchanged_begin = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const UChar32 c = NextCodePoint(text, &i);
    if (c < 0 || !matching.arabic_mark_forms->contains(c)) continue;
    if (start > unchanged_begin) {
      out->append(text.data() + unchanged_begin, start - unchanged_begin);
      edits->addUnchanged(static_cast<int32_t>(start - unchanged_begin));
    }
    const icu::UnicodeString mapped = matching.nfkc->normalize(icu::UnicodeString(c), *status);
    std::string marks;
    mapped.tempSubString(1).toUTF8String(marks);
    out->append(marks);
    edits->addReplace(static_cast<int32_t>(i - start), static_cast<int32_t>(marks.size()));
    unchanged_begin = i;
  }
  if (text.size() > unchanged_begin) {
    out->append(text.data() + unchanged_begin, text.size() - unchanged_begin);
    edits->addUnchanged(static_cast<int32_t>(text.size() - unchanged_begin));
  }
}

// Whether `text` passes NFKC's quick check from the table (MatchingNormalizer::stable): every
// code point stable, and the marks after each starter in canonical order (a kept code point
// starts afresh: the filter leaves it out of the spans it normalises). The text is then
// normalised. False as soon as that fails, or at a code point past the table, or ill-formed.
bool AllStable(const MatchingNormalizer& matching, absl::string_view text) {
  uint8_t last = MatchingTables::kStarter;
  auto in_order = [&last](uint8_t state) {
    if (state == MatchingTables::kUnstable) return false;
    if (state != MatchingTables::kStarter && last > state) return false;
    last = state;
    return true;
  };
  for (size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if (!in_order(matching.stable[byte])) return false;
      ++i;
      continue;
    }
    if ((byte & 0xE0) == 0xC0 && i + 1 < text.size()) {
      // Two bytes (Latin accents, Arabic): decoded here. 0xC0 and 0xC1 start overlong forms,
      // which NextCodePoint() reads as ill-formed.
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if ((next & 0xC0) == 0x80 && byte >= 0xC2) {
        if (!in_order(matching.stable[((byte & 0x1F) << 6) | (next & 0x3F)])) return false;
        i += 2;
        continue;
      }
    }
    const UChar32 c = NextCodePoint(text, &i);
    if (c < 0 || c >= kStableLimit || !in_order(matching.stable[c])) return false;
  }
  return true;
}

absl::Status IcuError(absl::string_view what, UErrorCode status) {
  return absl::InternalError(absl::StrCat(what, ": ", u_errorName(status)));
}

}  // namespace

absl::StatusOr<NormalizedText> NormalizeForMatching(absl::string_view text) {
  return internal::NormalizeForMatching(text, /*table_first=*/true);
}

absl::StatusOr<NormalizedText> internal::NormalizeForMatching(absl::string_view text,
                                                             bool table_first) {
  if (text.size() >= static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "text of ", text.size(), " bytes cannot be normalised; the limit is 2 GiB (ICU's)"));
  }
  const MatchingNormalizer& matching = GetNormalizer();
  if (U_FAILURE(matching.status)) {
    return IcuError("loading ICU's NFKC data", matching.status);
  }
  NormalizedText out;
  out.original_ = text;
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  UErrorCode status = U_ZERO_ERROR;
  // The fast paths: already normalised, nothing copied. The table answers for most sentences
  // (ICU's check cost ~50 instructions a byte of Arabic); ICU's check for the rest.
  if (table_first && AllStable(matching, text)) return out;
  if (matching.normalizer->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return out;
  if (U_FAILURE(status)) return IcuError("checking normalisation", status);

  // The Arabic mark forms first, when there are any; their edits then merge with NFKC's.
  std::string marks_replaced;
  icu::Edits mark_edits;
  const bool has_mark_forms =
      matching.arabic_mark_forms->spanUTF8(text.data(), static_cast<int32_t>(text.size()),
                                           USET_SPAN_NOT_CONTAINED) < piece.length();
  if (has_mark_forms) {
    ReplaceArabicMarkForms(matching, text, &marks_replaced, &mark_edits, &status);
    if (U_FAILURE(status)) return IcuError("reading Arabic mark forms", status);
  }
  const icu::StringPiece input =
      has_mark_forms
          ? icu::StringPiece(marks_replaced.data(), static_cast<int32_t>(marks_replaced.size()))
          : piece;

  out.normalized_.reserve(text.size() + text.size() / 8 + 16);
  icu::StringByteSink<std::string> sink(&out.normalized_);
  icu::Edits nfkc_edits;
  matching.normalizer->normalizeUTF8(0, input, sink, &nfkc_edits, status);
  if (U_FAILURE(status)) return IcuError("normalising", status);
  icu::Edits merged;
  if (has_mark_forms) {
    merged.mergeAndAppend(mark_edits, nfkc_edits, status);
    if (U_FAILURE(status)) return IcuError("merging the normalisation's edits", status);
  }
  const icu::Edits& edits = has_mark_forms ? merged : nfkc_edits;
  for (icu::Edits::Iterator it = edits.getFineChangesIterator(); it.next(status);) {
    NormalizedText::Edit edit;
    edit.original_begin = static_cast<size_t>(it.sourceIndex());
    edit.original_end = edit.original_begin + static_cast<size_t>(it.oldLength());
    edit.normalized_begin = static_cast<size_t>(it.destinationIndex());
    edit.normalized_end = edit.normalized_begin + static_cast<size_t>(it.newLength());
    out.edits_.push_back(edit);
  }
  if (U_FAILURE(status)) return IcuError("reading the normalisation's edits", status);
  // A reordering that leaves the bytes as they were (possible only in theory) changes nothing.
  out.changed_ = !out.edits_.empty() && out.normalized_ != text;
  if (!out.changed_) {
    out.normalized_.clear();
    out.normalized_.shrink_to_fit();
    out.edits_.clear();
  }
  return out;
}

size_t NormalizedText::ToOriginalBegin(size_t offset) const {
  // The last edit that starts at or before `offset`.
  auto after = std::upper_bound(
      edits_.begin(), edits_.end(), offset,
      [](size_t value, const Edit& edit) { return value < edit.normalized_begin; });
  if (after == edits_.begin()) return offset;
  const Edit& edit = *std::prev(after);
  if (offset < edit.normalized_end) return edit.original_begin;
  return edit.original_end + (offset - edit.normalized_end);
}

size_t NormalizedText::ToOriginalEnd(size_t offset) const {
  // The last edit that starts before `offset`.
  auto after = std::lower_bound(
      edits_.begin(), edits_.end(), offset,
      [](const Edit& edit, size_t value) { return edit.normalized_begin < value; });
  if (after == edits_.begin()) return offset;
  const Edit& edit = *std::prev(after);
  if (offset < edit.normalized_end) return edit.original_end;
  return edit.original_end + (offset - edit.normalized_end);
}

OffsetRange NormalizedText::ToOriginal(size_t begin, size_t end) const {
  if (begin == end) {
    // An empty range stays empty: where the character at `begin` starts.
    const size_t at = ToOriginalBegin(begin);
    return {at, at};
  }
  return {ToOriginalBegin(begin), ToOriginalEnd(end)};
}

}  // namespace newsalign
