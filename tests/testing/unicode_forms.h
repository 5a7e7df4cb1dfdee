// Text in the other Unicode forms callers send: Arabic in presentation forms (as copied from a
// PDF) and French in NFD (as macOS file names and some databases give it).
//
//   const std::string pdf_arabic = ToPresentationForms(ReadExample("ar.txt"));
//   const std::string nfd_french = ToNfd(ReadExample("fr.txt"));
#ifndef NEWSALIGN_TESTS_TESTING_UNICODE_FORMS_H_
#define NEWSALIGN_TESTS_TESTING_UNICODE_FORMS_H_

#include <string>
#include <vector>

#include "unicode/normalizer2.h"
#include "unicode/unistr.h"
#include "unicode/ushape.h"

namespace newsalign::testing {

// Returns `text` (UTF-8) with its Arabic letters in their contextual presentation forms
// (U+FE70–U+FEFF: "سلام" -> "ﺳﻼﻡ", lam-alef as one ligature), as ICU's u_shapeArabic writes them;
// "" on failure.
inline std::string ToPresentationForms(const std::string& text) {
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(text);
  std::vector<UChar> out(static_cast<size_t>(in.length()) + 16);
  UErrorCode status = U_ZERO_ERROR;
  const int32_t length =
      u_shapeArabic(in.getBuffer(), in.length(), out.data(), static_cast<int32_t>(out.size()),
                    U_SHAPE_LETTERS_SHAPE | U_SHAPE_TEXT_DIRECTION_LOGICAL, &status);
  if (U_FAILURE(status)) return "";
  std::string utf8;
  icu::UnicodeString(out.data(), length).toUTF8String(utf8);
  return utf8;
}

// Returns `text` (UTF-8) in NFD: "é" -> "e" + U+0301; "" on failure.
inline std::string ToNfd(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return "";
  const icu::UnicodeString out = nfd->normalize(icu::UnicodeString::fromUTF8(text), status);
  if (U_FAILURE(status)) return "";
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

}  // namespace newsalign::testing

#endif  // NEWSALIGN_TESTS_TESTING_UNICODE_FORMS_H_
