#include "text/abbreviations.h"

#include <string>

#include "text/utf8.h"
#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace newsalign {
namespace {

// Abbreviations that never end a sentence, with their period. Matched as written, and with the
// first letter lowercased ("Cf." opening a sentence is "cf."). Left out on purpose: "etc." and
// "usw." (they end a sentence when a capital follows, as ICU already decides), "sept." (also
// "seven"; see AbbreviationsBeforeNumber()), "hab.", "cit.".
const WordSet& FrenchAbbreviations() {
  static const auto* const kSet = new WordSet({
      "M.",    "MM.",  "Mme.",  "Mmes.", "Mlle.", "Mlles.", "Mgr.",  "Dr.", "Drs.", "Pr.",
      "Me.",   "St.",  "Ste.",  "Sts.",  "Jr.",   "Mr.",    "Mrs.",  "cf.", "p.",   "pp.",
      "ex.",   "art.", "n°.",   "vol.",  "env.",  "min.",   "max.",  "av.", "apr.", "ap.",
      "chap.", "fig.", "éd.",   "réf.",  "coll.", "dir.",   "trad.", "vs.", "bd.",  "janv.",
      "févr.", "avr.", "juil.", "oct.",  "nov.",  "déc.",
  });
  return *kSet;
}

const WordSet& GermanAbbreviations() {
  static const auto* const kSet = new WordSet({
      "Dr.",   "Prof.", "Hr.",  "Hrn.",  "Fr.",   "Frl.",  "St.",  "Nr.",  "Str.",  "Abs.",
      "Abt.",  "Bd.",   "Kap.", "Hrsg.", "Jh.",   "Jhd.",  "Mio.", "Mrd.", "ca.",   "vgl.",
      "bzw.",  "evtl.", "ggf.", "inkl.", "exkl.", "zzgl.", "sog.", "geb.", "gest.", "Mr.",
      "Mrs.",  "a.",    "d.",   "n.",    "o.",    "s.",    "u.",   "v.",   "z.",    "Feb.",
      "Febr.", "Apr.",  "Aug.", "Sep.",  "Sept.", "Okt.",  "Nov.", "Dez.",
  });
  return *kSet;
}

const WordSet& EnglishAbbreviations() {
  static const auto* const kSet = new WordSet({
      "Mr.",  "Mrs.", "Ms.",  "Dr.",  "Prof.", "St.",   "Jr.",  "Sr.",  "vs.",  "cf.",
      "e.g.", "i.e.", "Fig.", "Feb.", "Aug.",  "Sept.", "Oct.", "Nov.", "Dec.",
  });
  return *kSet;
}

// Words that usually open a sentence and are seldom names: an initial or acronym before one of
// them ends its sentence ("la vitamine D. Des études", "la protéine S. Le virus").
const WordSet& FrenchOpeners() {
  static const auto* const kSet = new WordSet({
      "Le",        "La",       "Les",    "Un",      "Une",      "Des",     "Du",        "De",
      "Au",        "Aux",      "Ce",     "Cet",     "Cette",    "Ces",     "Il",        "Ils",
      "Elle",      "Elles",    "On",     "Nous",    "Vous",     "Je",      "Tu",        "Mais",
      "Et",        "Ou",       "Donc",   "Or",      "Car",      "Ni",      "Si",        "En",
      "Dans",      "Par",      "Pour",   "Sur",     "Sous",     "Avec",    "Sans",      "Selon",
      "Après",     "Avant",    "Depuis", "Pendant", "Lors",     "Alors",   "Ainsi",     "Cependant",
      "Toutefois", "Pourtant", "Enfin",  "Puis",    "Cela",     "Ceci",    "Ça",        "Quand",
      "Comme",     "Leur",     "Leurs",  "Son",     "Sa",       "Ses",     "Notre",     "Nos",
      "Votre",     "Vos",      "Tous",   "Toutes",  "Tout",     "Toute",   "Plusieurs", "Certains",
      "Certaines", "Aucun",    "Aucune", "Chaque",  "Entre",    "Parmi",   "Malgré",    "Outre",
      "Néanmoins", "À",        "Qui",    "Que",     "Pourquoi", "Comment", "Où",        "Dès",
      "Vers",      "Chez",
  });
  return *kSet;
}

const WordSet& GermanOpeners() {
  static const auto* const kSet = new WordSet({
      "Der",      "Die",   "Das",     "Den",     "Dem",    "Des",    "Ein",    "Eine",    "Einen",
      "Einem",    "Einer", "Eines",   "Er",      "Sie",    "Es",     "Wir",    "Ich",     "Ihr",
      "Man",      "Im",    "In",      "Am",      "An",     "Auf",    "Aus",    "Bei",     "Mit",
      "Nach",     "Vom",   "Zu",      "Zum",     "Zur",    "Für",    "Und",    "Aber",    "Doch",
      "Dann",     "Da",    "Dies",    "Diese",   "Dieser", "Dieses", "Auch",   "Als",     "Wenn",
      "Wie",      "So",    "Nun",     "Jedoch",  "Damit",  "Dabei",  "Danach", "Deshalb", "Daher",
      "Trotzdem", "Seit",  "Nachdem", "Während", "Ob",     "Was",    "Wer",    "Wo",      "Warum",
      "Sein",     "Seine", "Ihre",    "Unser",   "Unsere", "Alle",   "Viele",  "Jetzt",   "Heute",
      "Hier",     "Dort",
  });
  return *kSet;
}

const WordSet& EnglishOpeners() {
  static const auto* const kSet = new WordSet({
      "The",   "A",    "An",    "It",    "He",     "She",      "They",   "We",   "You",
      "This",  "That", "These", "Those", "In",     "On",       "At",     "But",  "And",
      "Or",    "So",   "As",    "If",    "When",   "However",  "Its",    "His",  "Her",
      "Their", "Our",  "There", "After", "Before", "Since",    "During", "For",  "With",
      "From",  "By",   "Many",  "Some",  "Most",   "All",      "What",   "Who",  "Why",
      "How",   "Then", "Now",   "Also",  "Yet",    "Although", "While",  "Thus",
  });
  return *kSet;
}

// Arabic words that usually open a sentence; checked for every language, as they cannot be
// confused with words of another script.
const WordSet& ArabicOpeners() {
  // Prepositions and particles without "و" (في، من، على، أن، ...) are left out: Arabic has no
  // case, and they go on with a sentence after a date ("عام 300 ق.م. في مصر").
  static const auto* const kSet = new WordSet({
      "ثم",   "وقد",   "لقد",   "ولقد",  "فقد",   "كما",    "وكما",  "وفي",   "ومن",   "إن",
      "وإن",  "لكن",   "ولكن",  "كان",   "وكان",  "كانت",   "وكانت", "هذا",   "وهذا",  "هذه",
      "وهذه", "وهو",   "وهي",   "قال",   "وقال",  "وأضاف",  "وأكد",  "وأشار", "وأوضح", "وتابع",
      "وعلى", "وإلى",  "وبعد",  "وقبل",  "ومنذ",  "وعندما", "وحيث",  "وكذلك", "أما",   "وأما",
      "ولم",  "ولا",   "وما",   "هل",    "وإذا",  "ومع",    "وعن",   "وبين",  "بينما", "وحتى",
      "وتم",  "يذكر",  "ويذكر", "يشار",  "ويشار", "وفقا",   "وفقاً",  "وبحسب", "وذلك",  "وهنا",
      "لذلك", "ولذلك", "وبذلك", "ويأتي", "وتأتي", "وجاء",   "ويعد",  "وتعد",
  });
  return *kSet;
}

// Words that usually open a sentence in `language` (Arabic ones aside), or nullptr.
const WordSet* Openers(SplitterLanguage language) {
  switch (language) {
    case SplitterLanguage::kFrench:
      return &FrenchOpeners();
    case SplitterLanguage::kGerman:
      return &GermanOpeners();
    case SplitterLanguage::kEnglish:
      return &EnglishOpeners();
    case SplitterLanguage::kOther:
      return nullptr;
  }
  return nullptr;
}

}  // namespace

const WordSet* Abbreviations(SplitterLanguage language) {
  switch (language) {
    case SplitterLanguage::kFrench:
      return &FrenchAbbreviations();
    case SplitterLanguage::kGerman:
      return &GermanAbbreviations();
    case SplitterLanguage::kEnglish:
      return &EnglishAbbreviations();
    case SplitterLanguage::kOther:
      return nullptr;
  }
  return nullptr;
}

const WordSet* AbbreviationsBeforeNumber(SplitterLanguage language) {
  static const auto* const kFrench = new WordSet({"sept.", "no.", "nos.", "t.", "tab.", "ch."});
  static const auto* const kGerman = new WordSet({"Art.", "Jan."});
  static const auto* const kEnglish = new WordSet({"No.", "Nos.", "Jan."});
  switch (language) {
    case SplitterLanguage::kFrench:
      return kFrench;
    case SplitterLanguage::kGerman:
      return kGerman;
    case SplitterLanguage::kEnglish:
      return kEnglish;
    case SplitterLanguage::kOther:
      return nullptr;
  }
  return nullptr;
}

bool InWordSet(const WordSet* set, absl::string_view word) {
  if (set == nullptr || word.empty()) return false;
  if (set->contains(word)) return true;
  size_t length;
  const UChar32 first = DecodeUtf8At(word, 0, &length);
  const UChar32 lower = u_tolower(first);
  if (lower == first) return false;
  char buffer[U8_MAX_LENGTH];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buffer, n, lower);
  std::string lowered(buffer, n);
  lowered.append(word.data() + length, word.size() - length);
  return set->contains(lowered);
}

bool IsSentenceOpener(absl::string_view word, SplitterLanguage language) {
  if (word.empty()) return false;
  if (ArabicOpeners().contains(word)) return true;
  if (language == SplitterLanguage::kFrench) {
    // Elided articles and pronouns: "L’armée", "D'après", "Qu’il", "C'est", "Jusqu’à".
    for (const absl::string_view apostrophe : {"'", "\xE2\x80\x99"}) {
      const size_t at = word.find(apostrophe);
      if (at == absl::string_view::npos || at + apostrophe.size() >= word.size()) continue;
      const absl::string_view head = word.substr(0, at);
      if (head == "L" || head == "D" || head == "J" || head == "C" || head == "S" || head == "N" ||
          head == "M" || head == "T" || head == "Qu" || head == "Jusqu" || head == "Lorsqu" ||
          head == "Puisqu") {
        return true;
      }
    }
  }
  const WordSet* openers = Openers(language);
  return openers != nullptr && openers->contains(word);
}

}  // namespace newsalign
