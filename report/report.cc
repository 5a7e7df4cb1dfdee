#include "report/report.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "align/sentence_features.h"
#include "anchors/curated_names.h"
#include "anchors/dates.h"
#include "anchors/names.h"
#include "anchors/numbers.h"
#include "base/status_macros.h"
#include "base/stop_condition.h"
#include "lexicon/lexicon.h"
#include "text/tokenizer.h"
#include "text/utf8.h"
#include "unicode/uchar.h"
#include "unicode/uscript.h"
#include "unicode/utf8.h"

namespace newsalign {
namespace {

// ---------------------------------------------------------------------------------------------
// Text helpers.

// Returns the sentences of one bead side joined by a space.
std::string SideText(const SegmentedDocument& document, const std::vector<int>& indices) {
  std::vector<absl::string_view> parts;
  parts.reserve(indices.size());
  for (int i : indices) parts.push_back(MatchingText(document.sentences[i]));
  return absl::StrJoin(parts, " ");
}

// Code points of `text` without spaces, tabs and line breaks, as the length model counts them.
double LengthOf(absl::string_view text) {
  double length = 0;
  for (char c : text) {
    length += (static_cast<unsigned char>(c) & 0xC0) != 0x80 && c != ' ' && c != '\t' &&
              c != '\n' && c != '\r';
  }
  return length;
}

// Returns `text` with runs of white space made one space, trimmed.
std::string CollapseSpaces(absl::string_view text) {
  return absl::StrJoin(absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty()), " ");
}

// A chunk between spaces that is a URL or an e-mail address: its letters are not language.
bool IsAddress(absl::string_view chunk) {
  return absl::StrContains(chunk, "://") || absl::StartsWithIgnoreCase(chunk, "www.") ||
         (absl::StrContains(chunk, "@") && absl::StrContains(chunk, "."));
}

std::string Fixed(double value, int digits) { return absl::StrFormat("%.*f", digits, value); }

// Returns "sentence 4" or "sentences 4-6" (indices as the response gives them).
std::string SentenceRange(const std::vector<int>& indices) {
  if (indices.size() == 1) return absl::StrCat("sentence ", indices[0]);
  return absl::StrCat("sentences ", indices.front(), "-", indices.back());
}

// Returns "4", "4 and 5", "2, 4 and 5".
std::string EnglishList(const std::vector<std::string>& items) {
  if (items.empty()) return "";
  if (items.size() == 1) return items[0];
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return absl::StrCat(absl::StrJoin(head, ", "), " and ", items.back());
}

std::string Plural(int count, absl::string_view one, absl::string_view many) {
  return absl::StrCat(count, " ", count == 1 ? one : many);
}

// ---------------------------------------------------------------------------------------------
// Numbers.

// A number word: its value, and whether it multiplies what comes before it (cent, mille, ألف).
struct NumberWord {
  absl::string_view word;  // NormalizeWord() form
  double value;
  bool multiplier;
};

// Cardinals and ordinals spelled out, in French, Arabic (normalised: alef forms unified,
// ة -> ه, ى -> ي), German and English. Used only to excuse a figure written in digits on the
// other side, so a word with a second meaning costs at most a missed warning.
constexpr NumberWord kNumberWords[] = {
    // French
    {"un", 1, false},
    {"une", 1, false},
    {"premier", 1, false},
    {"première", 1, false},
    {"deux", 2, false},
    {"deuxième", 2, false},
    {"second", 2, false},
    {"seconde", 2, false},
    {"trois", 3, false},
    {"troisième", 3, false},
    {"quatre", 4, false},
    {"quatrième", 4, false},
    {"cinq", 5, false},
    {"cinquième", 5, false},
    {"six", 6, false},
    {"sixième", 6, false},
    {"sept", 7, false},
    {"septième", 7, false},
    {"huit", 8, false},
    {"huitième", 8, false},
    {"neuf", 9, false},
    {"neuvième", 9, false},
    {"dix", 10, false},
    {"dixième", 10, false},
    {"onze", 11, false},
    {"douze", 12, false},
    {"douzaine", 12, false},
    {"treize", 13, false},
    {"quatorze", 14, false},
    {"quinze", 15, false},
    {"seize", 16, false},
    {"vingt", 20, false},
    {"vingts", 20, false},
    {"trente", 30, false},
    {"quarante", 40, false},
    {"cinquante", 50, false},
    {"soixante", 60, false},
    {"septante", 70, false},
    {"huitante", 80, false},
    {"octante", 80, false},
    {"nonante", 90, false},
    {"cent", 100, true},
    {"cents", 100, true},
    {"centaine", 100, true},
    {"mille", 1e3, true},
    {"millier", 1e3, true},
    {"milliers", 1e3, true},
    {"million", 1e6, true},
    {"millions", 1e6, true},
    {"milliard", 1e9, true},
    {"milliards", 1e9, true},
    {"moitié", 50, false},  // "la moitié" for 50 %
    {"dizaine", 10, false},
    {"dizaines", 10, false},
    {"vingtaine", 20, false},
    {"trentaine", 30, false},
    {"quarantaine", 40, false},
    {"cinquantaine", 50, false},
    {"cinquantenaire", 50, false},
    {"cinquantenaires", 50, false},
    {"soixantaine", 60, false},
    {"centaines", 100, true},
    {"centenaire", 100, false},
    {"centenaires", 100, false},
    // Arabic cardinals (masculine and feminine forms) and ordinals
    {"واحد", 1, false},
    {"واحده", 1, false},
    {"احد", 1, false},
    {"احدي", 1, false},
    {"الاول", 1, false},
    {"اول", 1, false},
    {"الاولي", 1, false},
    {"اثنان", 2, false},
    {"اثنين", 2, false},
    {"اثنتان", 2, false},
    {"اثنتين", 2, false},
    {"الثاني", 2, false},
    {"الثانيه", 2, false},
    {"ثاني", 2, false},
    {"ثلاث", 3, false},
    {"ثلاثه", 3, false},
    {"الثالث", 3, false},
    {"الثالثه", 3, false},
    {"اربع", 4, false},
    {"اربعه", 4, false},
    {"الرابع", 4, false},
    {"الرابعه", 4, false},
    {"خمس", 5, false},
    {"خمسه", 5, false},
    {"الخامس", 5, false},
    {"الخامسه", 5, false},
    {"ست", 6, false},
    {"سته", 6, false},
    {"السادس", 6, false},
    {"السادسه", 6, false},
    {"سبع", 7, false},
    {"سبعه", 7, false},
    {"السابع", 7, false},
    {"السابعه", 7, false},
    {"ثمان", 8, false},
    {"ثماني", 8, false},
    {"ثمانيه", 8, false},
    {"الثامن", 8, false},
    {"تسع", 9, false},
    {"تسعه", 9, false},
    {"التاسع", 9, false},
    {"التاسعه", 9, false},
    {"عشر", 10, false},
    {"عشره", 10, false},
    {"العاشر", 10, false},
    {"العاشره", 10, false},
    {"عشرون", 20, false},
    {"عشرين", 20, false},
    {"العشرين", 20, false},
    {"ثلاثون", 30, false},
    {"ثلاثين", 30, false},
    {"اربعون", 40, false},
    {"اربعين", 40, false},
    {"خمسون", 50, false},
    {"خمسين", 50, false},
    {"ستون", 60, false},
    {"ستين", 60, false},
    {"سبعون", 70, false},
    {"سبعين", 70, false},
    {"ثمانون", 80, false},
    {"ثمانين", 80, false},
    {"تسعون", 90, false},
    {"تسعين", 90, false},
    {"مئه", 100, true},
    {"مائه", 100, true},
    {"مئتين", 200, false},
    {"مئتان", 200, false},
    {"مائتين", 200, false},
    {"مائتان", 200, false},
    {"الف", 1e3, true},
    {"الاف", 1e3, true},
    {"الفا", 1e3, true},
    {"الفين", 2e3, false},
    {"الفان", 2e3, false},
    {"مليون", 1e6, true},
    {"ملايين", 1e6, true},
    {"مليونا", 1e6, true},
    {"مليار", 1e9, true},
    {"مليارات", 1e9, true},
    {"نصف", 50, false},  // نصف for 50 %
    // German
    {"ein", 1, false},
    {"eine", 1, false},
    {"eins", 1, false},
    {"erste", 1, false},
    {"ersten", 1, false},
    {"zwei", 2, false},
    {"zweite", 2, false},
    {"zweiten", 2, false},
    {"drei", 3, false},
    {"dritte", 3, false},
    {"dritten", 3, false},
    {"vier", 4, false},
    {"vierte", 4, false},
    {"vierten", 4, false},
    {"fünf", 5, false},
    {"fünfte", 5, false},
    {"sechs", 6, false},
    {"sieben", 7, false},
    {"acht", 8, false},
    {"neun", 9, false},
    {"zehn", 10, false},
    {"elf", 11, false},
    {"zwölf", 12, false},
    {"zwanzig", 20, false},
    {"dreißig", 30, false},
    {"vierzig", 40, false},
    {"fünfzig", 50, false},
    {"hundert", 100, true},
    {"tausend", 1e3, true},
    {"millionen", 1e6, true},
    {"milliarde", 1e9, true},
    {"milliarden", 1e9, true},
    {"hälfte", 50, false},
    // English
    {"one", 1, false},
    {"first", 1, false},
    {"two", 2, false},
    {"three", 3, false},
    {"third", 3, false},
    {"four", 4, false},
    {"five", 5, false},
    {"ten", 10, false},
    {"twenty", 20, false},
    {"hundred", 100, true},
    {"thousand", 1e3, true},
    {"billion", 1e9, true},
    {"half", 50, false},
};

const absl::flat_hash_map<absl::string_view, const NumberWord*>& NumberWordIndex() {
  static const auto* const kIndex = [] {
    auto* index = new absl::flat_hash_map<absl::string_view, const NumberWord*>();
    for (const NumberWord& w : kNumberWords) index->emplace(w.word, &w);
    return index;
  }();
  return *kIndex;
}

// Looks a normalised word up, also without the Arabic conjunction و or the article ال.
const NumberWord* FindNumberWord(absl::string_view word) {
  const auto& index = NumberWordIndex();
  if (auto it = index.find(word); it != index.end()) return it->second;
  for (absl::string_view prefix : {"و", "ب", "ال", "وال", "بال"}) {
    if (word.size() > prefix.size() + 2 && absl::StartsWith(word, prefix)) {
      if (auto it = index.find(word.substr(prefix.size())); it != index.end()) return it->second;
    }
  }
  return nullptr;
}

// Returns the value of an upper-case Roman numeral of two letters or more ("XXI"), or 0.
int RomanValue(absl::string_view word) {
  if (word.size() < 2) return 0;
  auto digit = [](char c) {
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
  };
  int total = 0;
  for (size_t i = 0; i < word.size(); ++i) {
    const int v = digit(word[i]);
    if (v == 0) return 0;
    const int next = i + 1 < word.size() ? digit(word[i + 1]) : 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : 0;
}

std::string CanonicalNumber(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e18) return absl::StrFormat("%.0f", value);
  std::string s = absl::StrFormat("%.6f", value);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// What one side of a bead says in figures.
struct NumberEvidence {
  // Numbers written in digits standing on their own: 15 000, 3,5 %, 2024, ١٥ ألف.
  std::vector<std::string> strong;
  // Numbers in digits that belong to a word: codes (COVID-19, H1N1, SARS-CoV-2) and ordinals
  // (1er, 21e, 2nd). They may lose or change their digits in translation.
  std::vector<std::string> weak;
  // Values spelled out in words ("trois", "ثلاثة آلاف", "XXI").
  absl::flat_hash_set<std::string> spelled;
  // Months named ("month:11") and weekdays ("weekday:3").
  std::vector<std::string> months;
  std::vector<std::string> weekdays;
};

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

bool IsLetter(UChar32 c) {
  return c > 0 && u_hasBinaryProperty(c, UCHAR_ALPHABETIC) && !u_isdigit(c);
}

bool IsArabicLetter(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return IsLetter(c) && uscript_getScript(c, &status) == USCRIPT_ARABIC && U_SUCCESS(status);
}

bool IsHyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }

// No-break, narrow no-break and thin spaces become plain spaces, so that the figures read here
// and those ExtractNumbers() reads see one kind of space.
bool IsOddSpace(UChar32 c) { return c == 0x00A0 || c == 0x202F || c == 0x2009; }

// Splits the figures of `text` into strong and weak ones (see NumberEvidence). Spaces are
// made plain, a fraction written without its 0 (".08") gets it, and the digits of weak numbers
// are read apart and taken out of the text ExtractNumbers() reads.
void ExtractFigures(absl::string_view text, NumberEvidence* out) {
  std::string plain;
  plain.reserve(text.size() + 8);
  const char* s = text.data();
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  UChar32 previous = 0, before_previous = 0;
  auto peek = [&](int32_t at, int32_t* next) {
    UChar32 c = -1;
    if (at < length) U8_NEXT(s, at, length, c);
    *next = at;
    return c;
  };
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0 || !u_isdigit(c)) {
      int32_t after;
      // ".08" after an Arabic proclitic (و.08%): a fraction without its 0.
      const bool word_start = (previous == 0x0648 || previous == 0x0628) &&
                              (before_previous == 0 || u_isspace(before_previous));
      if ((c == '.' || c == 0x066B) && word_start && u_isdigit(peek(i, &after))) {
        plain.push_back('0');
      }
      if (IsOddSpace(c)) {
        plain.push_back(' ');
      } else {
        plain.append(text.data() + start, i - start);
      }
      before_previous = previous;
      previous = c;
      continue;
    }
    // A run of digits [start, end).
    int32_t end = i;
    for (int32_t next; u_isdigit(peek(end, &next));) end = next;
    // Letters after the digits, up to the next non-letter (H1N1, 5G, 1er, 21e, 10km).
    int32_t letters_end = end;
    for (int32_t next;
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
      for (int32_t next, after;
           (peek(end, &next) == '.' || peek(end, &next) == ',') && u_isdigit(peek(next, &after));) {
        end = next;
        for (int32_t more; u_isdigit(peek(end, &more));) end = more;
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
    before_previous = previous;
    previous = '0';
  }
  out->strong = ExtractNumbers(plain);

  const std::vector<Token> tokens = Tokenize(text);
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
    const size_t roman_end = std::min(word.find_first_not_of("IVXLCDM"), word.size());
    if (roman_end == word.size() || IsOrdinalSuffix(word.substr(roman_end))) {
      if (int roman = RomanValue(word.substr(0, roman_end)); roman > 0) {
        out->spelled.insert(absl::StrCat(roman));
      }
    }
    const NumberWord* w = FindNumberWord(t.norm);
    if (w == nullptr) {
      if (t.norm != "et" && t.norm != "und" && t.norm != "and") close_run();
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

  for (std::string& d : ExtractDates(tokens)) {
    (absl::StartsWith(d, "month:") ? out->months : out->weekdays).push_back(std::move(d));
  }
}

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

// Compares the figures and dates of both sides; returns false when they agree.
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

// ---------------------------------------------------------------------------------------------
// Scripts.

struct ScriptLetters {
  int latin = 0;
  int arabic = 0;
};

// Counts the letters of `text` by script, leaving out URLs, e-mail addresses and all-capital
// acronyms of two letters or more (MINUSMA, IEDCR, WHO), which translations keep as they are.
ScriptLetters CountLetters(absl::string_view text) {
  ScriptLetters counts;
  for (absl::string_view chunk :
       absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty())) {
    if (IsAddress(chunk)) continue;
    for (const Token& t : Tokenize(chunk)) {
      if (t.is_number || (t.all_caps && t.end - t.begin >= 2)) continue;
      const absl::string_view word = chunk.substr(t.begin, t.end - t.begin);
      const char* s = word.data();
      const int32_t length = static_cast<int32_t>(word.size());
      int32_t i = 0;
      while (i < length) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (!IsLetter(c)) continue;
        UErrorCode status = U_ZERO_ERROR;
        const UScriptCode script = uscript_getScript(c, &status);
        if (U_FAILURE(status)) continue;
        if (script == USCRIPT_LATIN) ++counts.latin;
        if (script == USCRIPT_ARABIC) ++counts.arabic;
      }
    }
  }
  return counts;
}

// Whether `text` has language to translate, not only names, acronyms, codes and addresses: a
// word of two letters or more, outside URLs, that does not start with a capital. A list of names
// ("Nanga Parbat, Cho Oyu") reads the same in both languages.
bool HasCommonWord(absl::string_view text) {
  for (absl::string_view chunk :
       absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty())) {
    if (IsAddress(chunk)) continue;
    for (const Token& t : Tokenize(chunk)) {
      if (!t.is_number && !t.capitalised && CountCodePoints(t.norm) >= 2) return true;
    }
  }
  return false;
}

bool CheckUntranslated(absl::string_view source_text, absl::string_view target_text,
                       Script source_script, Script target_script, const ReportOptions& options,
                       Finding* finding) {
  finding->kind = FindingKind::kUntranslated;
  finding->severity = Severity::kError;
  if (CollapseSpaces(source_text) == CollapseSpaces(target_text) && HasCommonWord(target_text)) {
    finding->values = {"identical"};
    finding->message = "the target is the source text, left untranslated";
    return true;
  }
  const bool cross_script = source_script != target_script &&
                            (source_script == Script::kLatin || source_script == Script::kArabic) &&
                            (target_script == Script::kLatin || target_script == Script::kArabic);
  if (!cross_script) return false;
  const ScriptLetters letters = CountLetters(target_text);
  const int own = target_script == Script::kArabic ? letters.arabic : letters.latin;
  const int foreign = source_script == Script::kLatin ? letters.latin : letters.arabic;
  // A few letters (a name left in Latin letters) are no evidence.
  constexpr int kMinForeignLetters = 3;
  if (foreign < kMinForeignLetters) return false;
  const double share = static_cast<double>(foreign) / (foreign + own);
  if (share < options.untranslated_share) return false;
  finding->values = {Fixed(share, 2)};
  finding->message = absl::StrFormat("%.0f %% of the target's letters are in the source's script",
                                     std::floor(100 * share));
  return true;
}

// ---------------------------------------------------------------------------------------------
// Names.

// A name as one side writes it: how it is matched, and how it reads.
struct NameMention {
  std::string key;
  std::string surface;
};

struct SideNames {
  // Names found the way the other side can confirm them.
  std::vector<NameMention> mentions;
  // Keys under which the other side's names are found in this side (Arabic skeletons of every
  // word, Latin tokens, curated concepts).
  absl::flat_hash_set<std::string> keys;
};

// Finds the names of one sentence. In a Latin-script sentence facing Arabic: capitalised
// words (not the first) and acronyms, by consonant skeleton. Within one script: capitalised
// words of five letters or more (not the first), by their first four letters. Either way the
// curated names (ONU = الأمم المتحدة), by concept.
SideNames FindNames(absl::string_view text, absl::string_view language, Script own, Script other) {
  SideNames names;
  const std::vector<Token> tokens = Tokenize(text);
  const bool cross_script = own != other;
  std::vector<std::string> lexicon_keys;
  for (size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    if (t.is_number) continue;
    lexicon_keys.push_back(LexiconKey(t.norm, language));
    const std::string surface(text.substr(t.begin, t.end - t.begin));
    const size_t letters = CountCodePoints(t.norm);
    if (cross_script) {
      if (t.script == Script::kLatin) {
        names.keys.insert(absl::StrCat("=", t.norm));
        if ((t.all_caps || (t.capitalised && k > 0)) && letters >= 3) {
          std::string skeleton = LatinSkeleton(t.norm);
          if (skeleton.size() >= 2) {
            names.keys.insert(skeleton);
            names.mentions.push_back({std::move(skeleton), surface});
          }
        }
      } else if (t.script == Script::kArabic) {
        for (std::string& s : ArabicSkeletons(t.norm)) names.keys.insert(std::move(s));
      }
    } else {
      std::string folded;
      for (char c : t.norm) {
        if (static_cast<unsigned char>(c) < 0x80) folded.push_back(c);
      }
      if (folded.size() >= 4) names.keys.insert(folded.substr(0, 4));
      if (t.capitalised && k > 0 && letters >= 5 && folded.size() >= 4) {
        names.mentions.push_back({folded.substr(0, 4), surface});
      }
    }
  }
  for (std::string& concept : FindCuratedNames(lexicon_keys, language)) {
    names.keys.insert(concept);
    names.mentions.push_back({concept, concept});
  }
  return names;
}

// Names of one bead found on one side only, as they read ("Bamako", "un").
struct NameGaps {
  std::vector<std::string> source_only;
  std::vector<std::string> target_only;
};

// A name is flagged only where the document itself shows that it is carried across: found on
// both sides of at least kMinCarried other beads, and carried at least kCarriedPerDropped times
// for each bead that drops it. Translators write "le pays" for "le Mali" now and then, and a
// skeleton can meet a common word by chance; a name that is seldom matched says nothing.
constexpr int kMinCarried = 2;
constexpr int kCarriedPerDropped = 2;

absl::StatusOr<std::vector<NameGaps>> FindNameGaps(const DocumentAlignment& alignment,
                                                   Script source_script, Script target_script,
                                                   const StopCondition& stop) {
  StopPoller poll(stop, 256);
  std::vector<SideNames> source_names, target_names;
  for (const Sentence& s : alignment.source.sentences) {
    RETURN_IF_ERROR(poll.Tick());
    source_names.push_back(
        FindNames(MatchingText(s), alignment.source.language, source_script, target_script));
  }
  for (const Sentence& s : alignment.target.sentences) {
    RETURN_IF_ERROR(poll.Tick());
    target_names.push_back(
        FindNames(MatchingText(s), alignment.target.language, target_script, source_script));
  }
  struct Dropped {
    size_t bead;
    bool source_side;
    std::string key;
    std::string surface;
  };
  std::vector<Dropped> dropped;
  // Per side (0 source, 1 target): beads that carry / drop each key.
  absl::flat_hash_map<std::string, int> carried[2], drops[2];
  for (size_t b = 0; b < alignment.beads.size(); ++b) {
    RETURN_IF_ERROR(poll.Tick());
    const Bead& bead = alignment.beads[b];
    if (bead.source.empty() || bead.target.empty()) continue;
    SideNames side[2];
    for (int s : bead.source) {
      side[0].keys.insert(source_names[s].keys.begin(), source_names[s].keys.end());
      side[0].mentions.insert(side[0].mentions.end(), source_names[s].mentions.begin(),
                              source_names[s].mentions.end());
    }
    for (int t : bead.target) {
      side[1].keys.insert(target_names[t].keys.begin(), target_names[t].keys.end());
      side[1].mentions.insert(side[1].mentions.end(), target_names[t].mentions.begin(),
                              target_names[t].mentions.end());
    }
    for (int own = 0; own < 2; ++own) {
      const absl::flat_hash_set<std::string>& other = side[1 - own].keys;
      absl::flat_hash_set<std::string> seen;
      for (const NameMention& m : side[own].mentions) {
        if (!seen.insert(m.key).second) continue;
        const std::string same_word = absl::StrCat("=", absl::AsciiStrToLower(m.surface));
        if (other.contains(m.key) || other.contains(same_word)) {
          ++carried[own][m.key];
        } else {
          ++drops[own][m.key];
          dropped.push_back({b, own == 0, m.key, m.surface});
        }
      }
    }
  }
  std::vector<NameGaps> gaps(alignment.beads.size());
  for (const Dropped& d : dropped) {
    const int own = d.source_side ? 0 : 1;
    const int carried_count = carried[own].contains(d.key) ? carried[own].at(d.key) : 0;
    if (carried_count < kMinCarried || carried_count < kCarriedPerDropped * drops[own].at(d.key)) {
      continue;
    }
    std::vector<std::string>& list =
        d.source_side ? gaps[d.bead].source_only : gaps[d.bead].target_only;
    // A curated name is shown as a person names it, in both languages ("ONU / الأمم المتحدة"),
    // not by its concept id ("@un").
    const std::string shown =
        absl::StartsWith(d.surface, "@")
            ? CuratedNameDisplay(d.surface, alignment.source.language, alignment.target.language)
            : d.surface;
    if (!absl::c_linear_search(list, shown)) list.push_back(shown);
  }
  return gaps;
}

// ---------------------------------------------------------------------------------------------

// Shortest sentence, in code points without spaces, that counts as repeated when it occurs
// twice: shorter lines ("Source", "Photo : AFP") legitimately do.
constexpr double kMinRepeatedLength = 20;

// Returns, for each sentence, the index of an earlier identical sentence of the same document
// (of kMinRepeatedLength or more), or -1.
std::vector<int> EarlierCopies(const std::vector<Sentence>& sentences) {
  std::vector<int> copies(sentences.size(), -1);
  absl::flat_hash_map<std::string, int> first;
  for (size_t i = 0; i < sentences.size(); ++i) {
    if (LengthOf(MatchingText(sentences[i])) < kMinRepeatedLength) continue;
    auto [it, inserted] =
        first.emplace(CollapseSpaces(MatchingText(sentences[i])), static_cast<int>(i));
    if (!inserted) copies[i] = it->second;
  }
  return copies;
}

// Returns, for each target sentence, the index of an earlier identical target sentence when
// the aligner gave both a source, and the source of this one is not itself a repeat: the copy is
// extra content the beads hide (a duplicated passage whose copy landed in a 1-2 bead). -1
// otherwise. A copy alone in a 0-1 bead is an addition already.
std::vector<int> FindRepeats(const DocumentAlignment& alignment) {
  const std::vector<int> target_copies = EarlierCopies(alignment.target.sentences);
  const std::vector<int> source_copies = EarlierCopies(alignment.source.sentences);
  std::vector<bool> has_source(alignment.target.sentences.size(), false);
  std::vector<bool> source_repeats(alignment.target.sentences.size(), false);
  for (const Bead& bead : alignment.beads) {
    const bool repeated = absl::c_any_of(bead.source, [&](int s) { return source_copies[s] >= 0; });
    for (int t : bead.target) {
      has_source[t] = !bead.source.empty();
      source_repeats[t] = repeated;
    }
  }
  std::vector<int> repeats(alignment.target.sentences.size(), -1);
  for (size_t t = 0; t < repeats.size(); ++t) {
    const int original = target_copies[t];
    if (original >= 0 && has_source[t] && has_source[original] && !source_repeats[t]) {
      repeats[t] = original;
    }
  }
  return repeats;
}

// The script a document in `language` should be written in: from the tag when this project
// knows it (so that an Arabic translation left wholly in French is still caught), else the
// script most of its letters are in.
Script ExpectedScript(absl::string_view language, const std::vector<absl::string_view>& texts) {
  const std::string primary = absl::AsciiStrToLower(
      language.substr(0, std::min(language.find_first_of("-_"), language.size())));
  static constexpr absl::string_view kArabicScript[] = {"ar", "fa", "ur", "ps"};
  static constexpr absl::string_view kLatinScript[] = {"fr", "de", "en", "es", "it", "pt", "nl",
                                                       "ro", "ca", "rm", "pl", "tr", "sv", "da"};
  if (absl::c_linear_search(kArabicScript, primary)) return Script::kArabic;
  if (absl::c_linear_search(kLatinScript, primary)) return Script::kLatin;
  return DominantScript(texts);
}

void SortFindings(std::vector<Finding>* findings) {
  std::stable_sort(findings->begin(), findings->end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return static_cast<int>(a.kind) < static_cast<int>(b.kind);
  });
}

// The coverage's expected value and 90 % interval from the posterior, and the sentences likely
// to have no counterpart. The report's omitted and added sentences must be set.
void SetCoverageInterval(const DocumentAlignment& alignment, DocumentReport* report) {
  // Each sentence the alignment leaves alone, and any other likely to have no counterpart.
  auto list = [](const std::vector<double>& probability, const std::vector<int>& alone) {
    std::vector<SentenceProbability> out;
    for (size_t i = 0; i < probability.size(); ++i) {
      if (probability[i] >= kOmissionProbabilityFloor ||
          std::binary_search(alone.begin(), alone.end(), static_cast<int>(i))) {
        out.push_back({static_cast<int>(i), probability[i]});
      }
    }
    return out;
  };
  std::vector<int> added_alone;  // in 0-1 beads (not the repeats that ADDITION also names)
  for (const Bead& bead : alignment.beads) {
    if (bead.source.empty()) {
      added_alone.insert(added_alone.end(), bead.target.begin(), bead.target.end());
    }
  }
  report->omission_probabilities =
      list(alignment.omission_probability, report->omitted_source_sentences);
  report->addition_probabilities = list(alignment.addition_probability, added_alone);

  const std::vector<Sentence>& sentences = alignment.source.sentences;
  CoverageEstimate estimate{report->character_coverage, report->character_coverage,
                            report->character_coverage};
  if (alignment.omission_probability.size() == sentences.size()) {
    std::vector<double> chars;
    for (const Sentence& s : sentences) {
      chars.push_back(static_cast<double>(s.code_point_end - s.code_point_begin));
    }
    estimate = EstimateCoverage(chars, alignment.omission_probability, alignment.sampled_omissions);
  }
  report->expected_character_coverage = estimate.expected;
  // The interval always holds the figure the report states (the best path's coverage), which
  // the paths drawn may all miss when the best path is itself unlikely.
  report->character_coverage_low = std::min(estimate.low, report->character_coverage);
  report->character_coverage_high = std::max(estimate.high, report->character_coverage);
}

std::string Verdict(const DocumentAlignment& alignment, const DocumentReport& report) {
  const std::string target_name = LanguageName(alignment.target.language);
  const std::string source_name = LanguageName(alignment.source.language);
  const bool known =
      target_name != alignment.target.language && source_name != alignment.source.language;
  // Rounded down: a story with a sentence missing never reads "100 %".
  const int percent = static_cast<int>(std::floor(100 * report.character_coverage + 1e-9));
  std::string verdict = known
                            ? absl::StrCat("The ", target_name, " carries ", percent, " % of the ",
                                           source_name, " story")
                            : absl::StrCat("The translation carries ", percent, " % of the source");
  // The posterior's 90 % interval, when it says more than the figure itself.
  const int low = static_cast<int>(std::floor(100 * report.character_coverage_low + 1e-9));
  const int high = static_cast<int>(std::floor(100 * report.character_coverage_high + 1e-9));
  if (low != percent || high != percent) {
    absl::StrAppend(&verdict, " (likely between ", low, " % and ", high, " %)");
  }
  std::vector<std::string> clauses;
  const auto& paragraphs = report.missing_source_paragraphs;
  if (!paragraphs.empty()) {
    std::vector<std::string> numbers;
    for (int p : paragraphs) numbers.push_back(absl::StrCat(p + 1));
    clauses.push_back(absl::StrCat(paragraphs.size() == 1 ? "paragraph " : "paragraphs ",
                                   EnglishList(numbers), paragraphs.size() == 1 ? " is" : " are",
                                   " missing"));
  }
  int other_omitted = 0;
  for (int s : report.omitted_source_sentences) {
    const int paragraph = alignment.source.sentences[s].paragraph;
    if (!std::binary_search(paragraphs.begin(), paragraphs.end(), paragraph)) ++other_omitted;
  }
  if (other_omitted > 0) {
    clauses.push_back(absl::StrCat(Plural(other_omitted, "sentence", "sentences"),
                                   paragraphs.empty() ? "" : " more",
                                   other_omitted == 1 ? " is" : " are", " not translated"));
  }
  const auto& added_paragraphs = report.added_target_paragraphs;
  if (!added_paragraphs.empty()) {
    std::vector<std::string> numbers;
    for (int p : added_paragraphs) numbers.push_back(absl::StrCat(p + 1));
    clauses.push_back(absl::StrCat(
        known ? absl::StrCat("the ", target_name, "'s ") : "the translation's ",
        added_paragraphs.size() == 1 ? "paragraph " : "paragraphs ", EnglishList(numbers),
        added_paragraphs.size() == 1 ? " has" : " have", " no ",
        known ? absl::StrCat(source_name, " ") : "", "source"));
  }
  int other_added = 0;
  for (int t : report.added_target_sentences) {
    const int paragraph = alignment.target.sentences[t].paragraph;
    if (!std::binary_search(added_paragraphs.begin(), added_paragraphs.end(), paragraph)) {
      ++other_added;
    }
  }
  if (other_added > 0) {
    clauses.push_back(absl::StrCat(Plural(other_added, "sentence", "sentences"),
                                   added_paragraphs.empty() ? "" : " more",
                                   other_added == 1 ? " has" : " have", " no source"));
  }
  auto count_errors = [&](FindingKind kind) {
    int n = 0;
    for (const auto& findings : report.bead_findings) {
      for (const Finding& f : findings) n += f.kind == kind && f.severity == Severity::kError;
    }
    return n;
  };
  if (int n = count_errors(FindingKind::kNumberMismatch); n > 0) {
    clauses.push_back(absl::StrCat("figures differ in ", Plural(n, "pair", "pairs")));
  }
  if (int n = count_errors(FindingKind::kUntranslated); n > 0) {
    clauses.push_back(absl::StrCat(Plural(n, "pair is", "pairs are"), " left untranslated"));
  }
  if (clauses.empty()) {
    clauses.push_back(report.warning_count == 0
                          ? "no errors found"
                          : absl::StrCat("no errors found, ",
                                         Plural(report.warning_count, "warning", "warnings"),
                                         " to check"));
  }
  return absl::StrCat(verdict, "; ", absl::StrJoin(clauses, "; "), ".");
}

}  // namespace

absl::string_view FindingKindName(FindingKind kind) {
  switch (kind) {
    case FindingKind::kNumberMismatch:
      return "NUMBER_MISMATCH";
    case FindingKind::kOmission:
      return "OMISSION";
    case FindingKind::kAddition:
      return "ADDITION";
    case FindingKind::kLengthRatio:
      return "LENGTH_RATIO";
    case FindingKind::kUntranslated:
      return "UNTRANSLATED";
    case FindingKind::kLowConfidence:
      return "LOW_CONFIDENCE";
    case FindingKind::kNameMismatch:
      return "NAME_MISMATCH";
  }
  return "UNKNOWN";
}

absl::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "unknown";
}

absl::Status ReportOptions::Validate() const {
  if (!(low_confidence_threshold >= 0 && low_confidence_threshold <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "low_confidence_threshold must be between 0 and 1, got ", low_confidence_threshold));
  }
  if (!(length_ratio_factor >= 1 && std::isfinite(length_ratio_factor))) {
    return absl::InvalidArgumentError(
        absl::StrCat("length_ratio_factor must be at least 1, got ", length_ratio_factor));
  }
  if (!(length_smoothing >= 0 && std::isfinite(length_smoothing))) {
    return absl::InvalidArgumentError(
        absl::StrCat("length_smoothing must be at least 0, got ", length_smoothing));
  }
  if (!(untranslated_share > 0 && untranslated_share <= 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("untranslated_share must be above 0 and at most 1, got ", untranslated_share));
  }
  if (!(small_number_limit >= 0 && std::isfinite(small_number_limit))) {
    return absl::InvalidArgumentError(
        absl::StrCat("small_number_limit must be at least 0, got ", small_number_limit));
  }
  return absl::OkStatus();
}

std::string LanguageName(absl::string_view tag) {
  const std::string primary =
      absl::AsciiStrToLower(tag.substr(0, std::min(tag.find_first_of("-_"), tag.size())));
  static constexpr std::pair<absl::string_view, absl::string_view> kNames[] = {
      {"ar", "Arabic"},  {"fr", "French"},  {"de", "German"},     {"en", "English"},
      {"es", "Spanish"}, {"it", "Italian"}, {"pt", "Portuguese"}, {"nl", "Dutch"},
      {"ru", "Russian"}, {"tr", "Turkish"}, {"fa", "Persian"},    {"ur", "Urdu"},
      {"he", "Hebrew"},  {"zh", "Chinese"}, {"ja", "Japanese"},   {"rm", "Romansh"},
  };
  for (const auto& [code, name] : kNames) {
    if (primary == code) return std::string(name);
  }
  return std::string(tag);
}

CoverageEstimate EstimateCoverage(const std::vector<double>& chars,
                                  const std::vector<double>& omission_probability,
                                  const std::vector<std::vector<int>>& sampled_omissions) {
  CoverageEstimate estimate;
  double total = 0, expected = 0;
  for (size_t i = 0; i < chars.size(); ++i) {
    total += chars[i];
    expected += chars[i] * (1 - (i < omission_probability.size() ? omission_probability[i] : 0));
  }
  if (total <= 0) return estimate;
  estimate.expected = estimate.low = estimate.high = expected / total;
  if (sampled_omissions.empty()) return estimate;
  std::vector<double> coverage;
  for (const std::vector<int>& omitted : sampled_omissions) {
    double lost = 0;
    for (int s : omitted) lost += chars[s];
    coverage.push_back((total - lost) / total);
  }
  std::sort(coverage.begin(), coverage.end());
  const size_t last = coverage.size() - 1;
  estimate.low = coverage[static_cast<size_t>(std::floor(0.05 * last))];
  estimate.high = coverage[static_cast<size_t>(std::ceil(0.95 * last))];
  return estimate;
}

DocumentReport BuildReport(const DocumentAlignment& alignment, const ReportOptions& options) {
  // Never stops, so never fails.
  return *BuildReport(alignment, options, StopCondition());
}

absl::StatusOr<DocumentReport> BuildReport(const DocumentAlignment& alignment,
                                           const ReportOptions& options,
                                           const StopCondition& stop) {
  DocumentReport report;
  const SegmentedDocument& source = alignment.source;
  const SegmentedDocument& target = alignment.target;
  const double threshold = std::clamp(options.low_confidence_threshold, 0.0, 1.0);
  const double factor = std::max(1.0, options.length_ratio_factor);
  const double smoothing = std::max(0.0, options.length_smoothing);
  const double ratio = alignment.length.ratio > 0 ? alignment.length.ratio : 1.0;

  std::vector<absl::string_view> source_texts, target_texts;
  for (const Sentence& s : source.sentences) source_texts.push_back(MatchingText(s));
  for (const Sentence& s : target.sentences) target_texts.push_back(MatchingText(s));
  const Script source_script = ExpectedScript(source.language, source_texts);
  const Script target_script = ExpectedScript(target.language, target_texts);

  ASSIGN_OR_RETURN(const std::vector<NameGaps> name_gaps,
                   FindNameGaps(alignment, source_script, target_script, stop));
  RETURN_IF_ERROR(stop.Check());
  const std::vector<int> repeats = FindRepeats(alignment);
  RETURN_IF_ERROR(stop.Check());

  report.bead_findings.resize(alignment.beads.size());
  double confidence_sum = 0;
  StopPoller poll(stop, 256);
  for (size_t b = 0; b < alignment.beads.size(); ++b) {
    RETURN_IF_ERROR(poll.Tick());
    const Bead& bead = alignment.beads[b];
    std::vector<Finding>& findings = report.bead_findings[b];
    confidence_sum += bead.confidence;
    if (report.lowest_confidence_bead < 0 || bead.confidence < report.lowest_confidence) {
      report.lowest_confidence = bead.confidence;
      report.lowest_confidence_bead = static_cast<int>(b);
    }

    if (bead.target.empty() && !bead.source.empty()) {
      findings.push_back(
          {FindingKind::kOmission,
           Severity::kError,
           absl::StrCat("source ", SentenceRange(bead.source), " has no translation"),
           {},
           {},
           {}});
    } else if (bead.source.empty() && !bead.target.empty()) {
      findings.push_back({FindingKind::kAddition,
                          Severity::kError,
                          absl::StrCat("target ", SentenceRange(bead.target), " has no source"),
                          {},
                          {},
                          {}});
    } else if (!bead.source.empty()) {
      const std::string source_text = SideText(source, bead.source);
      const std::string target_text = SideText(target, bead.target);

      // A target sentence that repeats an earlier one, which the aligner put in a bead with
      // source sentences (a 1-2 bead) rather than alone.
      std::vector<int> copies, originals;
      for (int t : bead.target) {
        if (repeats[t] < 0) continue;
        copies.push_back(t);
        originals.push_back(repeats[t]);
      }
      if (!copies.empty()) {
        findings.push_back(
            {FindingKind::kAddition,
             Severity::kError,
             absl::StrCat("target ", copies.size() == 1 ? "sentence " : "sentences ",
                          absl::StrJoin(copies, ", "), copies.size() == 1 ? " repeats" : " repeat",
                          " target ", originals.size() == 1 ? "sentence " : "sentences ",
                          absl::StrJoin(originals, ", ")),
             {},
             {},
             {}});
      }

      Finding untranslated;
      const bool is_untranslated = CheckUntranslated(source_text, target_text, source_script,
                                                     target_script, options, &untranslated);
      if (is_untranslated) findings.push_back(std::move(untranslated));

      NumberEvidence source_numbers, target_numbers;
      ExtractFigures(source_text, &source_numbers);
      ExtractFigures(target_text, &target_numbers);
      if (Finding numbers; CheckNumbers(source_numbers, target_numbers, options, &numbers)) {
        findings.push_back(std::move(numbers));
      }

      const double source_length = LengthOf(source_text);
      const double target_length = LengthOf(target_text);
      const double off = (target_length + smoothing) / (ratio * source_length + smoothing);
      if (off >= factor || off <= 1 / factor) {
        Finding length{FindingKind::kLengthRatio, Severity::kWarning, "", {Fixed(off, 2)}, {}, {}};
        length.message = off > 1 ? absl::StrFormat(
                                       "the target is %.1f times as long as the document's length "
                                       "ratio predicts (%.0f code points for %.0f)",
                                       off, target_length, source_length)
                                 : absl::StrFormat(
                                       "the target is %.1f times shorter than the document's "
                                       "length ratio predicts (%.0f code points for %.0f)",
                                       1 / off, target_length, source_length);
        findings.push_back(std::move(length));
      }

      // Names on one side only, among those the document carries across reliably.
      if (!is_untranslated) {
        const NameGaps& gaps = name_gaps[b];
        if (!gaps.source_only.empty() || !gaps.target_only.empty()) {
          Finding names{FindingKind::kNameMismatch, Severity::kInfo, "", {},
                        gaps.source_only,           gaps.target_only};
          names.values = names.source_only;
          names.values.insert(names.values.end(), names.target_only.begin(),
                              names.target_only.end());
          std::vector<std::string> parts;
          if (!names.source_only.empty()) {
            parts.push_back(absl::StrCat(EnglishList(names.source_only), " in the source ",
                                         names.source_only.size() == 1 ? "is" : "are",
                                         " not in the target"));
          }
          if (!names.target_only.empty()) {
            parts.push_back(absl::StrCat(EnglishList(names.target_only), " in the target ",
                                         names.target_only.size() == 1 ? "is" : "are",
                                         " not in the source"));
          }
          names.message = absl::StrCat(absl::StrJoin(parts, "; "),
                                       ", though the document translates it elsewhere");
          findings.push_back(std::move(names));
        }
      }
    }

    if (bead.confidence < threshold) {
      findings.push_back(
          {FindingKind::kLowConfidence,
           Severity::kWarning,
           absl::StrFormat("confidence %.2f is below %.2f", bead.confidence, threshold),
           {Fixed(bead.confidence, 2)},
           {},
           {}});
    }
    SortFindings(&findings);

    bool has_error = false;
    for (const Finding& f : findings) {
      ++report.finding_counts[f.kind];
      switch (f.severity) {
        case Severity::kError:
          ++report.error_count;
          has_error = true;
          break;
        case Severity::kWarning:
          ++report.warning_count;
          break;
        case Severity::kInfo:
          ++report.info_count;
          break;
      }
    }
    report.beads_with_errors += has_error;
  }
  if (!alignment.beads.empty()) {
    report.mean_confidence = confidence_sum / static_cast<double>(alignment.beads.size());
  }

  // Coverage, by sentence and by character; paragraphs with nothing translated.
  report.source_sentences = static_cast<int>(source.sentences.size());
  std::vector<bool> translated(source.sentences.size(), false);
  for (const Bead& bead : alignment.beads) {
    for (int s : bead.source) translated[s] = !bead.target.empty();
    if (bead.target.empty()) {
      report.omitted_source_sentences.insert(report.omitted_source_sentences.end(),
                                             bead.source.begin(), bead.source.end());
    }
    if (bead.source.empty()) {
      report.added_target_sentences.insert(report.added_target_sentences.end(), bead.target.begin(),
                                           bead.target.end());
    }
  }
  for (size_t t = 0; t < repeats.size(); ++t) {
    if (repeats[t] >= 0) report.added_target_sentences.push_back(static_cast<int>(t));
  }
  std::sort(report.omitted_source_sentences.begin(), report.omitted_source_sentences.end());
  std::sort(report.added_target_sentences.begin(), report.added_target_sentences.end());
  size_t covered = 0, total = 0;
  std::map<int, bool> paragraph_translated;
  for (size_t i = 0; i < source.sentences.size(); ++i) {
    const Sentence& sentence = source.sentences[i];
    const size_t chars = sentence.code_point_end - sentence.code_point_begin;
    total += chars;
    if (translated[i]) {
      covered += chars;
      ++report.translated_source_sentences;
    }
    paragraph_translated[sentence.paragraph] |= translated[i];
  }
  for (const auto& [paragraph, any] : paragraph_translated) {
    if (!any) report.missing_source_paragraphs.push_back(paragraph);
  }
  {
    std::vector<bool> added(alignment.target.sentences.size(), false);
    for (int t : report.added_target_sentences) added[t] = true;
    std::map<int, bool> paragraph_sourced;
    for (size_t t = 0; t < alignment.target.sentences.size(); ++t) {
      paragraph_sourced[alignment.target.sentences[t].paragraph] |= !added[t];
    }
    for (const auto& [paragraph, any] : paragraph_sourced) {
      if (!any) report.added_target_paragraphs.push_back(paragraph);
    }
  }
  if (report.source_sentences > 0) {
    report.sentence_coverage =
        static_cast<double>(report.translated_source_sentences) / report.source_sentences;
  }
  if (total > 0) report.character_coverage = static_cast<double>(covered) / total;
  SetCoverageInterval(alignment, &report);
  report.verdict = Verdict(alignment, report);
  return report;
}

}  // namespace newsalign
