#include "anchors/dates.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "text/arabic.h"
#include "text/word_endings.h"

namespace newsalign {
namespace {

// Words are in NormalizeWord() form: lower case; Arabic alef forms unified, ى -> ي, ة -> ه.
struct DateWord {
  absl::string_view word;
  int month;    // 1..12, or 0
  int weekday;  // 1 (Monday) .. 7, or 0
};

constexpr DateWord kDateWords[] = {
    // French
    {"janvier", 1, 0}, {"février", 2, 0}, {"fevrier", 2, 0}, {"mars", 3, 0}, {"avril", 4, 0},
    {"mai", 5, 0}, {"juin", 6, 0}, {"juillet", 7, 0}, {"août", 8, 0}, {"aout", 8, 0},
    {"septembre", 9, 0}, {"octobre", 10, 0}, {"novembre", 11, 0}, {"décembre", 12, 0},
    {"decembre", 12, 0}, {"lundi", 0, 1}, {"mardi", 0, 2}, {"mercredi", 0, 3}, {"jeudi", 0, 4},
    {"vendredi", 0, 5}, {"samedi", 0, 6}, {"dimanche", 0, 7},
    // German
    {"januar", 1, 0}, {"jänner", 1, 0}, {"februar", 2, 0}, {"märz", 3, 0}, {"juni", 6, 0},
    {"juli", 7, 0}, {"august", 8, 0}, {"september", 9, 0}, {"oktober", 10, 0},
    {"november", 11, 0}, {"dezember", 12, 0}, {"montag", 0, 1}, {"dienstag", 0, 2},
    {"mittwoch", 0, 3}, {"donnerstag", 0, 4}, {"freitag", 0, 5}, {"samstag", 0, 6},
    {"sonntag", 0, 7},
    // English
    {"january", 1, 0}, {"february", 2, 0}, {"march", 3, 0}, {"april", 4, 0}, {"may", 5, 0},
    {"june", 6, 0}, {"july", 7, 0}, {"october", 10, 0}, {"december", 12, 0},
    {"monday", 0, 1}, {"tuesday", 0, 2}, {"wednesday", 0, 3}, {"thursday", 0, 4},
    {"friday", 0, 5}, {"saturday", 0, 6}, {"sunday", 0, 7},
    // Arabic, Egyptian/Gulf names
    {"يناير", 1, 0}, {"فبراير", 2, 0}, {"مارس", 3, 0}, {"ابريل", 4, 0}, {"مايو", 5, 0},
    {"يونيو", 6, 0}, {"يونيه", 6, 0}, {"يوليو", 7, 0}, {"يوليه", 7, 0}, {"اغسطس", 8, 0},
    {"سبتمبر", 9, 0}, {"اكتوبر", 10, 0}, {"نوفمبر", 11, 0}, {"ديسمبر", 12, 0},
    // Arabic, Levantine names (كانون and تشرين are handled with the next word)
    {"شباط", 2, 0}, {"اذار", 3, 0}, {"نيسان", 4, 0}, {"ايار", 5, 0}, {"حزيران", 6, 0},
    {"تموز", 7, 0}, {"ايلول", 9, 0},  // آب (August) is left out: it is also "father"
    // Arabic, Maghreb names
    {"جانفي", 1, 0}, {"فيفري", 2, 0}, {"افريل", 4, 0}, {"ماي", 5, 0}, {"جوان", 6, 0},
    {"جويليه", 7, 0}, {"اوت", 8, 0},
    // Arabic weekdays
    {"الاثنين", 0, 1}, {"الثلاثاء", 0, 2}, {"الاربعاء", 0, 3}, {"الخميس", 0, 4},
    {"الجمعه", 0, 5}, {"السبت", 0, 6}, {"الاحد", 0, 7},
};

// The date words by word, and their endings (most tokens are told apart by them).
struct DateWordIndex {
  absl::flat_hash_map<absl::string_view, const DateWord*> by_word;
  WordEndings endings;
};

const DateWordIndex& DateWords() {
  static const auto* index = [] {
    auto* words = new DateWordIndex();
    for (const DateWord& w : kDateWords) {
      words->by_word.emplace(w.word, &w);
      words->endings.Add(w.word);
    }
    return words;
  }();
  return *index;
}

// Looks `word` up, also without one conjunction (و ف) or preposition (ب ل) that leaves more than
// four bytes (three letters or more): "وفبراير" -> "فبراير". The article is not stripped (the
// weekdays are listed with it: "الخميس", "والخميس").
const DateWord* Lookup(absl::string_view word) {
  const DateWordIndex& words = DateWords();
  if (!words.endings.MayBe(word)) return nullptr;
  const auto& index = words.by_word;
  if (auto it = index.find(word); it != index.end()) return it->second;
  constexpr ProcliticGroup kDateProclitics[] = {ProcliticGroup::kWa, ProcliticGroup::kBi,
                                                ProcliticGroup::kLi, ProcliticGroup::kFa};
  const DateWord* found = nullptr;
  TryWithoutProclitic(word, kDateProclitics, [&](absl::string_view rest) {
    if (rest.size() <= 4) return false;
    if (auto it = index.find(rest); it != index.end()) found = it->second;
    return found != nullptr;
  });
  return found;
}

bool EndsWith(absl::string_view s, absl::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::vector<std::string> ExtractDates(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    absl::string_view word = tokens[i].norm;
    // Levantine two-word months: كانون الثاني (1), كانون الاول (12), تشرين الاول (10),
    // تشرين الثاني (11).
    if (EndsWith(word, "كانون") || EndsWith(word, "تشرين")) {
      if (i + 1 < tokens.size()) {
        absl::string_view next = tokens[i + 1].norm;
        const bool first = next == "الاول";
        const bool second = next == "الثاني";
        if (first || second) {
          const bool kanun = EndsWith(word, "كانون");
          const int month = kanun ? (second ? 1 : 12) : (second ? 11 : 10);
          out.push_back(absl::StrCat("month:", month));
          ++i;
        }
      }
      continue;
    }
    if (const DateWord* w = Lookup(word)) {
      out.push_back(w->month ? absl::StrCat("month:", w->month)
                             : absl::StrCat("weekday:", w->weekday));
    }
  }
  return out;
}

}  // namespace newsalign
