#include "report/numbers.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "anchors/dates.h"
#include "anchors/numbers.h"
#include "report/number_words.h"
#include "report/text_helpers.h"
#include "text/char_classes.h"
#include "text/tokenizer.h"
#include "text/utf8.h"
#include "unicode/uchar.h"
#include "unicode/uscript.h"

namespace newsalign::report_internal {
namespace {

// The value of an upper-case Roman numeral letter, or 0 for any other character.
int RomanDigit(char c) {
  switch (c) {
    case 'I':
      return 1;
    case 'V':
      return 5;
    case 'X':
      return 10;
    case 'L':
      return 50;
    case 'C':
      return 100;
    case 'D':
      return 500;
    case 'M':
      return 1000;
    default:
      return 0;
  }
}

// Returns the value of an upper-case Roman numeral of two letters or more ("XXI"), or 0.
int RomanValue(absl::string_view word) {
  if (word.size() < 2) return 0;
  int total = 0;
  for (size_t i = 0; i < word.size(); ++i) {
    const int v = RomanDigit(word[i]);
    if (v == 0) return 0;
    const int next = i + 1 < word.size() ? RomanDigit(word[i + 1]) : 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : 0;
}

bool IsOrdinalSuffix(absl::string_view letters) {
  static constexpr absl::string_view kSuffixes[] = {
      "e", "er", "re", "ère", "ème", "eme", "è", "nd", "st", "rd", "th", "te", "ten", "ᵉ", "ᵉʳ"};
  return absl::c_linear_search(kSuffixes, letters);
}

// Units written against their number ("10km", "3h"): the number is a quantity, not a code.
bool IsUnit(absl::string_view letters) {
  static constexpr absl::string_view kUnits[] = {"km",  "m",  "cm", "mm", "kg",  "g", "mg",
                                                 "t",   "l",  "ml", "h",  "min", "s", "ha",
                                                 "kwh", "mw", "gw", "mn", "ans", "j"};
  return absl::c_linear_search(kUnits, absl::AsciiStrToLower(letters));
}

bool IsArabicLetter(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return IsLetter(c) && uscript_getScript(c, &status) == USCRIPT_ARABIC && U_SUCCESS(status);
}

bool IsHyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }

// No-break, narrow no-break and thin spaces become plain spaces, so that the figures read here
// and those ExtractNumbers() reads see one kind of space.
bool IsOddSpace(UChar32 c) { return c == 0x00A0 || c == 0x202F || c == 0x2009; }

// Whether two canonical values name the same figure: equal, or a year and its two last digits
// ("les années 30" = 1930, "2019-20" = 2019-2020).
bool SameFigure(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const std::string& short_one = a.size() < b.size() ? a : b;
  const std::string& long_one = a.size() < b.size() ? b : a;
  return short_one.size() == 2 && long_one.size() == 4 &&
         (absl::StartsWith(long_one, "19") || absl::StartsWith(long_one, "20")) &&
         absl::EndsWith(long_one, short_one);
}

// Values of `mine` found in none of `others`, once each, in order.
std::vector<std::string> Unmatched(const std::vector<std::string>& mine,
                                   std::initializer_list<const std::vector<std::string>*> others,
                                   const absl::flat_hash_set<std::string>* spelled) {
  std::vector<std::string> out;
  for (const std::string& v : mine) {
    bool found = spelled != nullptr && spelled->contains(v);
    for (const std::vector<std::string>* other : others) {
      found =
          found || absl::c_any_of(*other, [&](const std::string& w) { return SameFigure(v, w); });
    }
    if (!found && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

// A figure whose absence is surely an error: at least `small_limit` or with a fraction.
bool IsSignificant(const std::string& value, double small_limit) {
  if (absl::StrContains(value, '.')) return true;
  double v = 0;
  for (char c : value) v = v * 10 + (c - '0');
  return v >= small_limit;
}

constexpr absl::string_view kMonthNames[] = {"January",   "February", "March",    "April",
                                             "May",       "June",     "July",     "August",
                                             "September", "October",  "November", "December"};
constexpr absl::string_view kWeekdayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                               "Friday", "Saturday", "Sunday"};

// Returns "November" for "month:11", "Wednesday" for "weekday:3", the value itself otherwise.
std::string DateName(absl::string_view value) {
  int n = 0;
  if (absl::ConsumePrefix(&value, "month:") && absl::SimpleAtoi(value, &n) && n >= 1 && n <= 12) {
    return std::string(kMonthNames[n - 1]);
  }
  if (absl::ConsumePrefix(&value, "weekday:") && absl::SimpleAtoi(value, &n) && n >= 1 && n <= 7) {
    return std::string(kWeekdayNames[n - 1]);
  }
  return std::string(value);
}

// Returns the values for a message: "15000 and 2024", "November".
std::string Described(const std::vector<std::string>& values) {
  std::vector<std::string> names;
  for (const std::string& v : values) names.push_back(DateName(v));
  return EnglishList(names);
}

}  // namespace

void ExtractFigures(absl::string_view text, NumberEvidence* out) {
  ExtractFigures(text, Tokenize(text), out);
}

void ExtractFigures(absl::string_view text, const std::vector<Token>& tokens,
                    NumberEvidence* out, const std::vector<std::string>* dates,
                    const std::vector<std::string>* numbers) {
  std::string plain;
  plain.reserve(text.size() + 8);
  size_t i = 0;
  UChar32 previous = 0, before_previous = 0;
  // The code point at byte `at` (-1 at the end), setting `*next` past it.
  auto peek = [&text](size_t at, size_t* next) {
    const UChar32 c = at < text.size() ? NextCodePoint(text, &at) : -1;
    *next = at;
    return c;
  };
  // Text outside figures goes to `plain` as it is, a run at a time: text[copied, start) is
  // still to be appended.
  size_t copied = 0;
  auto copy_up_to = [&](size_t at) {
    plain.append(text.data() + copied, at - copied);
    copied = at;
  };
  while (i < text.size()) {
    const size_t start = i;
    const UChar32 c = NextCodePoint(text, &i);
    if (c < 0 || !IsDecimalDigit(c)) {
      if (c == '.' || c == 0x066B) {
        // ".08" after an Arabic proclitic (و.08%): a fraction without its 0.
        size_t after;
        const bool word_start = (previous == 0x0648 || previous == 0x0628) &&
                                (before_previous == 0 || u_isspace(before_previous));
        if (word_start && IsDecimalDigit(peek(i, &after))) {
          copy_up_to(start);
          plain.push_back('0');
        }
      }
      if (IsOddSpace(c)) {
        copy_up_to(start);
        plain.push_back(' ');
        copied = i;
      }
      before_previous = previous;
      previous = c;
      continue;
    }
    copy_up_to(start);
    // A run of digits [start, end).
    size_t end = i;
    for (size_t next; IsDecimalDigit(peek(end, &next));) end = next;
    // Letters after the digits, up to the next non-letter (H1N1, 5G, 1er, 21e, 10km).
    size_t letters_end = end;
    for (size_t next;
         IsLetter(peek(letters_end, &next)) && !IsArabicLetter(peek(letters_end, &next));) {
      letters_end = next;
    }
    const absl::string_view suffix = text.substr(end, letters_end - end);
    // A code: Latin letters right before the digits (H1N1, R0, OC43), or letters and a hyphen
    // (COVID-19, كوفيد-19). An Arabic letter right before is a proclitic (و33, ب30): a figure.
    const bool code = (IsLetter(previous) && !IsArabicLetter(previous)) ||
                      (IsHyphen(previous) && IsLetter(before_previous)) ||
                      (!suffix.empty() && !IsOrdinalSuffix(suffix) && !IsUnit(suffix));
    const bool ordinal = !code && IsOrdinalSuffix(suffix);
    if (code) {
      // A code's number runs on through a dot or comma and digits: U07.1, A(H1N1).
      for (size_t next, after; (peek(end, &next) == '.' || peek(end, &next) == ',') &&
                               IsDecimalDigit(peek(next, &after));) {
        end = next;
        for (size_t more; IsDecimalDigit(peek(end, &more));) end = more;
      }
    }
    if (code || ordinal) {
      for (std::string& v : ExtractNumbers(text.substr(start, end - start))) {
        out->weak.push_back(std::move(v));
      }
      plain.push_back(' ');
    } else {
      plain.append(text.data() + start, end - start);
    }
    i = end;
    copied = end;
    before_previous = previous;
    previous = '0';
  }
  copy_up_to(text.size());
  // The text read as it is: its numbers as the aligner read them, when given.
  out->strong = numbers != nullptr && plain == text ? *numbers : ExtractNumbers(plain);

  // Spelled-out numbers: each word's value, and runs of number words combined ("deux mille",
  // "ثلاثة آلاف", "خمس وعشرون").
  double total = 0, current = 0;
  bool in_run = false;
  auto close_run = [&] {
    if (in_run) out->spelled.insert(CanonicalNumber(total + current));
    total = current = 0;
    in_run = false;
  };
  for (const Token& t : tokens) {
    if (t.is_number) {
      close_run();
      continue;
    }
    // Roman numerals, also as ordinals: "phase III", "XXIe siècle".
    const absl::string_view word = text.substr(t.begin, t.end - t.begin);
    // The word's leading numeral letters; RomanValue() reads two or more (most words have none).
    size_t roman_end = 0;
    while (roman_end < word.size() && RomanDigit(word[roman_end]) > 0) ++roman_end;
    if (roman_end >= 2 &&
        (roman_end == word.size() || IsOrdinalSuffix(word.substr(roman_end)))) {
      if (int roman = RomanValue(word.substr(0, roman_end)); roman > 0) {
        out->spelled.insert(absl::StrCat(roman));
      }
    }
    const NumberWord* w = FindNumberWord(t.norm);
    if (w == nullptr) {
      // "et", "und" and "and" join a run of number words; compared as views (their lengths
      // first: a std::string against a C string measures the C string every time).
      const absl::string_view norm = t.norm;
      if (norm != "et" && norm != "und" && norm != "and") close_run();
      continue;
    }
    out->spelled.insert(CanonicalNumber(w->value));
    in_run = true;
    if (w->multiplier) {
      current = (current == 0 ? 1 : current) * w->value;
      out->spelled.insert(CanonicalNumber(current));
      if (w->value >= 1000) {
        total += current;
        current = 0;
      }
    } else if (current > 0 && current < w->value && w->value == 20) {
      current *= w->value;  // quatre-vingt
    } else {
      current += w->value;
    }
  }
  close_run();

  const std::vector<std::string> found = dates != nullptr ? std::vector<std::string>()
                                                          : ExtractDates(tokens);
  for (const std::string& d : dates != nullptr ? *dates : found) {
    (absl::StartsWith(d, "month:") ? out->months : out->weekdays).push_back(d);
  }
}

bool CheckNumbers(const NumberEvidence& source, const NumberEvidence& target,
                  const ReportOptions& options, Finding* finding) {
  // Digits against digits (either kind) or words; codes against digits only.
  std::vector<std::string> source_strong =
      Unmatched(source.strong, {&target.strong, &target.weak}, &target.spelled);
  std::vector<std::string> target_strong =
      Unmatched(target.strong, {&source.strong, &source.weak}, &source.spelled);
  std::vector<std::string> source_weak =
      Unmatched(source.weak, {&target.strong, &target.weak}, &target.spelled);
  std::vector<std::string> target_weak =
      Unmatched(target.weak, {&source.strong, &source.weak}, &source.spelled);
  std::vector<std::string> source_months = Unmatched(source.months, {&target.months}, nullptr);
  std::vector<std::string> target_months = Unmatched(target.months, {&source.months}, nullptr);
  // Weekdays only when both sides name one: Arabic الأحد is also "the one".
  std::vector<std::string> source_weekdays, target_weekdays;
  if (!source.weekdays.empty() && !target.weekdays.empty()) {
    source_weekdays = Unmatched(source.weekdays, {&target.weekdays}, nullptr);
    target_weekdays = Unmatched(target.weekdays, {&source.weekdays}, nullptr);
  }
  if (source_strong.empty() && target_strong.empty() && source_weak.empty() &&
      target_weak.empty() && source_months.empty() && target_months.empty() &&
      source_weekdays.empty() && target_weekdays.empty()) {
    return false;
  }

  // An error: a figure of some size missing or changed, a figure changed on both sides, or a
  // different month. A warning: a small number (often spelled out on the other side), a code's
  // digits, a month or weekday on one side only.
  const bool significant = absl::c_any_of(source_strong,
                                          [&](const std::string& v) {
                                            return IsSignificant(v, options.small_number_limit);
                                          }) ||
                           absl::c_any_of(target_strong, [&](const std::string& v) {
                             return IsSignificant(v, options.small_number_limit);
                           });
  const bool changed = !source_strong.empty() && !target_strong.empty();
  const bool month_changed = !source_months.empty() && !target_months.empty();
  finding->kind = FindingKind::kNumberMismatch;
  finding->severity =
      significant || changed || month_changed ? Severity::kError : Severity::kWarning;

  for (auto* list : {&source_strong, &source_weak, &source_months, &source_weekdays}) {
    finding->source_only.insert(finding->source_only.end(), list->begin(), list->end());
  }
  for (auto* list : {&target_strong, &target_weak, &target_months, &target_weekdays}) {
    finding->target_only.insert(finding->target_only.end(), list->begin(), list->end());
  }
  finding->values = finding->source_only;
  finding->values.insert(finding->values.end(), finding->target_only.begin(),
                         finding->target_only.end());

  const std::string source_part =
      finding->source_only.empty()
          ? ""
          : absl::StrCat(Described(finding->source_only), " in the source ",
                         finding->source_only.size() == 1 ? "is" : "are", " not in the target");
  const std::string target_part =
      finding->target_only.empty()
          ? ""
          : absl::StrCat(Described(finding->target_only), " in the target ",
                         finding->target_only.size() == 1 ? "is" : "are", " not in the source");
  finding->message = source_part.empty()   ? target_part
                     : target_part.empty() ? source_part
                                           : absl::StrCat(source_part, "; ", target_part);
  if (finding->severity == Severity::kWarning) {
    absl::StrAppend(&finding->message, " (perhaps spelled out or written differently)");
  }
  return true;
}

}  // namespace newsalign::report_internal
