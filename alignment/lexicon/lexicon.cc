#include "lexicon/lexicon.h"

#include <libstemmer.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <memory>
#include <system_error>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "text/name_skeletons.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace newsalign {
namespace {

enum class KeyRule { kLowerCase, kArabic, kFrench, kGerman, kEnglish };

KeyRule RuleFor(absl::string_view language) {
  const absl::string_view primary = language.substr(0, language.find_first_of("-_"));
  if (absl::EqualsIgnoreCase(primary, "ar")) return KeyRule::kArabic;
  if (absl::EqualsIgnoreCase(primary, "fr")) return KeyRule::kFrench;
  if (absl::EqualsIgnoreCase(primary, "de")) return KeyRule::kGerman;
  if (absl::EqualsIgnoreCase(primary, "en")) return KeyRule::kEnglish;
  return KeyRule::kLowerCase;
}

// The Snowball stemmers, one per algorithm and encoding, owned by the calling thread
// (sb_stemmer is not thread-safe). Each algorithm comes in UTF-8 and in ISO-8859-1: the same
// rules over single bytes, 1.6 times faster for French (about 250 ns a word instead of 400).
class Stemmers {
 public:
  // Returns the stemmer of `rule` (French, German or English) for UTF-8 or Latin-1 words, or
  // nullptr if Snowball lacks it.
  sb_stemmer* Get(KeyRule rule, bool latin1) {
    const int i = static_cast<int>(rule) - static_cast<int>(KeyRule::kFrench);
    static constexpr const char* kAlgorithms[] = {"french", "german", "english"};
    std::unique_ptr<sb_stemmer, Deleter>& stemmer = stemmers_[i][latin1 ? 1 : 0];
    if (!stemmer) stemmer.reset(sb_stemmer_new(kAlgorithms[i], latin1 ? "ISO_8859_1" : "UTF_8"));
    return stemmer.get();
  }

 private:
  struct Deleter {
    void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
  };
  std::unique_ptr<sb_stemmer, Deleter> stemmers_[3][2];
};

Stemmers& ThreadStemmers() {
  thread_local Stemmers stemmers;
  return stemmers;
}

// Sets `latin1` to UTF-8 `word` in ISO-8859-1 and returns true, or returns false when a code
// point of it lies past U+00FF (œ, ’) or it is not valid UTF-8.
bool ToLatin1(absl::string_view word, std::string* latin1) {
  latin1->clear();
  for (size_t i = 0; i < word.size(); ++i) {
    const auto byte = static_cast<uint8_t>(word[i]);
    if (byte < 0x80) {
      latin1->push_back(static_cast<char>(byte));
      continue;
    }
    if ((byte != 0xC2 && byte != 0xC3) || i + 1 >= word.size()) return false;
    const auto trail = static_cast<uint8_t>(word[i + 1]);
    if ((trail & 0xC0) != 0x80) return false;
    latin1->push_back(static_cast<char>(((byte & 0x1F) << 6) | (trail & 0x3F)));
    ++i;
  }
  return true;
}

// Appends ISO-8859-1 `latin1` to `utf8`.
void AppendLatin1AsUtf8(absl::string_view latin1, std::string* utf8) {
  for (const char c : latin1) {
    const auto byte = static_cast<uint8_t>(c);
    if (byte < 0x80) {
      utf8->push_back(c);
    } else {
      utf8->push_back(static_cast<char>(0xC0 | (byte >> 6)));
      utf8->push_back(static_cast<char>(0x80 | (byte & 0x3F)));
    }
  }
}

// `lower` stemmed by the rule's stemmer for UTF-8, or `lower` itself when there is none (or
// memory runs out: the lower-case word still works as a key).
std::string SnowballStemUtf8(KeyRule rule, std::string lower) {
  sb_stemmer* stemmer = ThreadStemmers().Get(rule, /*latin1=*/false);
  if (stemmer == nullptr || lower.empty()) return lower;
  const sb_symbol* stem = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(lower.data()),
                                          static_cast<int>(lower.size()));
  if (stem == nullptr) return lower;
  return std::string(reinterpret_cast<const char*>(stem), sb_stemmer_length(stemmer));
}

// The same stem, by the Latin-1 stemmer when every letter of `lower` has a Latin-1 byte (most
// French, German and English words).
std::string SnowballStem(KeyRule rule, std::string lower) {
  thread_local std::string latin1;
  sb_stemmer* stemmer = ThreadStemmers().Get(rule, /*latin1=*/true);
  if (stemmer == nullptr || lower.empty() || !ToLatin1(lower, &latin1)) {
    return SnowballStemUtf8(rule, std::move(lower));
  }
  const sb_symbol* stem = sb_stemmer_stem(
      stemmer, reinterpret_cast<const sb_symbol*>(latin1.data()), static_cast<int>(latin1.size()));
  if (stem == nullptr) return lower;
  std::string out;
  out.reserve(latin1.size() + 4);
  AppendLatin1AsUtf8(absl::string_view(reinterpret_cast<const char*>(stem),
                                       static_cast<size_t>(sb_stemmer_length(stemmer))),
                     &out);
  return out;
}

bool HasSpace(absl::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) { return absl::ascii_isspace(c); });
}

// Orders translations best weight first, then by key.
bool BetterTranslation(const Lexicon::Translation& a, const Lexicon::Translation& b) {
  if (a.second != b.second) return a.second > b.second;
  return a.first < b.first;
}

// Weights are written with six significant digits, and kept so (CanonicalWeight): a weight of
// 0.9999999 written "1" would otherwise tie with a real 1 on reading and reorder the
// translations, so FromTsv(ToTsv()) would not give back the same lexicon.
std::string FormatWeight(double weight) { return absl::StrFormat("%.6g", weight); }

double CanonicalWeight(double weight) {
  // Remembered per thread: a lexicon's weights take few values (a built fr-ar lexicon: 243 in
  // 10,126 pairs), and printing and reading one back cost ~1,500 instructions a pair.
  thread_local absl::flat_hash_map<double, double> known;
  if (auto it = known.find(weight); it != known.end()) return it->second;
  double read = weight;
  if (!absl::SimpleAtod(FormatWeight(weight), &read)) read = weight;
  if (known.size() >= 4096) known.clear();
  known.emplace(weight, read);
  return read;
}

}  // namespace

std::string LexiconKey(absl::string_view word, absl::string_view language) {
  // NormalizeWord lower-cases every script; the Arabic folding it also does leaves Latin alone.
  std::string lower = NormalizeWord(word);
  const KeyRule rule = RuleFor(language);
  switch (rule) {
    case KeyRule::kArabic:
      return StemArabic(lower);
    case KeyRule::kFrench:
    case KeyRule::kGerman:
    case KeyRule::kEnglish:
      return SnowballStem(rule, std::move(lower));
    case KeyRule::kLowerCase:
      break;
  }
  return lower;
}

namespace lexicon_internal {

std::string LexiconKeyByUtf8Stemmer(absl::string_view word, absl::string_view language) {
  std::string lower = NormalizeWord(word);
  const KeyRule rule = RuleFor(language);
  if (rule == KeyRule::kFrench || rule == KeyRule::kGerman || rule == KeyRule::kEnglish) {
    return SnowballStemUtf8(rule, std::move(lower));
  }
  return LexiconKey(word, language);
}

}  // namespace lexicon_internal

const std::string& LexiconKeys::Of(absl::string_view word) {
  ++lookups_;
  auto it = keys_.find(word);
  if (it == keys_.end()) it = keys_.emplace(word, LexiconKey(word, language_)).first;
  return it->second;
}

const std::vector<std::string>& LexiconKeys::ArabicSkeletonsOf(absl::string_view word) {
  auto it = skeletons_.find(word);
  if (it == skeletons_.end()) it = skeletons_.emplace(word, ArabicSkeletons(word)).first;
  return it->second;
}

LexiconKeys& WordKeyCache::For(absl::string_view language) {
  auto it = languages_.find(language);
  if (it == languages_.end()) it = languages_.emplace(language, LexiconKeys(language)).first;
  return it->second;
}

void WordKeyCache::Trim() {
  for (auto& [language, keys] : languages_) {
    if (keys.size() > max_words_) keys.Clear();
  }
}

size_t WordKeyCache::words() const {
  size_t words = 0;
  for (const auto& [language, keys] : languages_) words += keys.size();
  return words;
}

Lexicon::Lexicon(std::string source_language, std::string target_language)
    : source_language_(std::move(source_language)), target_language_(std::move(target_language)) {}

namespace {

// Reads a weight as absl::SimpleAtod does (the same value, correctly rounded; the same forms
// accepted), taking the C++17 std::from_chars first: a plain decimal such as "0.3536", as every
// built lexicon writes, costs a tenth of SimpleAtod's instructions there (parsing a fr-ar
// lexicon's weights took 6.7 M instructions, a tenth of a client run on an article).
bool ParseWeight(absl::string_view text, double* weight) {
  const char* const end = text.data() + text.size();
  const std::from_chars_result read = std::from_chars(text.data(), end, *weight);
  if (read.ec == std::errc() && read.ptr == end) return true;
  return absl::SimpleAtod(text, weight);
}

}  // namespace

absl::StatusOr<Lexicon> Lexicon::FromTsv(absl::string_view tsv, absl::string_view source_language,
                                         absl::string_view target_language) {
  Lexicon lexicon{std::string(source_language), std::string(target_language)};
  bool normalised = false;
  bool seen_pair = false;
  int line_number = 0;
  // A word is stemmed once however many pairs it is in (a built fr-ar lexicon: 20,252 words,
  // 11,116 distinct).
  LexiconKeys source_keys(source_language), target_keys(target_language);
  for (absl::string_view line : absl::StrSplit(tsv, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const absl::string_view stripped = absl::StripAsciiWhitespace(line);
    if (stripped.empty()) continue;
    if (stripped.front() == '#') {
      if (!seen_pair && stripped == kNormalisedMarker) normalised = true;
      continue;
    }
    seen_pair = true;
    // The line's tab-separated fields: the first three, and how many there are.
    absl::string_view fields[3];
    size_t field_count = 0;
    for (size_t begin = 0;; ++field_count) {
      const size_t tab = line.find('\t', begin);
      if (field_count < 3) fields[field_count] = line.substr(begin, tab - begin);
      if (tab == absl::string_view::npos) break;
      begin = tab + 1;
    }
    ++field_count;
    auto error = [&](absl::string_view what) {
      return absl::InvalidArgumentError(absl::StrCat("lexicon line ", line_number, ": ", what));
    };
    // Words are normalised and sent in protobuf strings, which must be UTF-8.
    if (!ValidateUtf8(line, "line").ok()) return error("not valid UTF-8");
    if (field_count < 2 || field_count > 3) {
      return error(absl::StrCat("expected \"source<TAB>target[<TAB>weight]\", got ", field_count,
                                " field(s)"));
    }
    const absl::string_view source = absl::StripAsciiWhitespace(fields[0]);
    const absl::string_view target = absl::StripAsciiWhitespace(fields[1]);
    if (source.empty() || target.empty()) return error("empty word");
    if (HasSpace(source) || HasSpace(target)) {
      return error("a word has spaces; the lexicon pairs single words");
    }
    double weight = 1.0;
    if (field_count == 3) {
      const absl::string_view text = absl::StripAsciiWhitespace(fields[2]);
      if (!ParseWeight(text, &weight) || !(weight > 0.0 && weight <= 1.0)) {
        return error(absl::StrCat("weight \"", text, "\" is not a number in (0, 1]"));
      }
    }
    const absl::string_view source_key =
        normalised ? source : absl::string_view(source_keys.Of(source));
    const absl::string_view target_key =
        normalised ? target : absl::string_view(target_keys.Of(target));
    if (source_key.empty() || target_key.empty()) return error("a word normalises to nothing");
    // ToTsv() would write such a key at the start of a line, where it reads as a comment.
    if (source_key.front() == '#' || target_key.front() == '#') {
      return error("a word normalises to a key that starts with '#'");
    }
    lexicon.AddKeys(source_key, target_key, weight);
  }
  return lexicon;
}

void Lexicon::Add(absl::string_view source_word, absl::string_view target_word, double weight) {
  AddKeys(LexiconKey(source_word, source_language_), LexiconKey(target_word, target_language_),
          weight);
}

void Lexicon::AddKeys(absl::string_view source_key, absl::string_view target_key, double weight) {
  if (source_key.empty() || target_key.empty() || !(weight > 0.0)) return;
  weight = CanonicalWeight(std::min(weight, 1.0));
  std::vector<Translation>& translations = translations_[source_key];
  auto it = std::find_if(translations.begin(), translations.end(),
                         [&](const Translation& t) { return t.first == target_key; });
  Translation entry;
  if (it == translations.end()) {
    entry = {std::string(target_key), weight};
    ++size_;
  } else if (weight > it->second) {
    entry = {std::move(it->first), weight};
    translations.erase(it);
  } else {
    return;
  }
  // Into its place: the list stays sorted by BetterTranslation (a total order, keys unique).
  const auto place =
      std::upper_bound(translations.begin(), translations.end(), entry, BetterTranslation);
  translations.insert(place, std::move(entry));
}

void Lexicon::Merge(const Lexicon& other) {
  for (const auto& [source_key, translations] : other.translations_) {
    for (const auto& [target_key, weight] : translations) AddKeys(source_key, target_key, weight);
  }
}

Lexicon Lexicon::Inverted() const {
  Lexicon inverted(target_language_, source_language_);
  for (const auto& [source_key, translations] : translations_) {
    for (const auto& [target_key, weight] : translations) {
      inverted.AddKeys(target_key, source_key, weight);
    }
  }
  return inverted;
}

const std::vector<Lexicon::Translation>* Lexicon::Translations(absl::string_view source_key) const {
  auto it = translations_.find(source_key);
  return it == translations_.end() ? nullptr : &it->second;
}

std::string Lexicon::ToTsv() const {
  std::vector<absl::string_view> sources;
  sources.reserve(translations_.size());
  for (const auto& entry : translations_) sources.push_back(entry.first);
  std::sort(sources.begin(), sources.end());
  std::string tsv = absl::StrCat(kNormalisedMarker, "\n");
  for (absl::string_view source : sources) {
    for (const auto& [target, weight] : translations_.find(source)->second) {
      absl::StrAppend(&tsv, source, "\t", target, "\t", FormatWeight(weight), "\n");
    }
  }
  return tsv;
}

std::string PrimaryLanguage(absl::string_view tag) {
  std::string out(tag.substr(0, tag.find_first_of("-_")));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

namespace {

std::string PairKey(absl::string_view source_language, absl::string_view target_language) {
  return PrimaryLanguage(source_language) + "-" + PrimaryLanguage(target_language);
}

}  // namespace

const std::shared_ptr<const Lexicon>& LexiconSet::Entry::Get() const {
  if (!inverted_) return added_;
  absl::call_once(inverting_,
                  [this] { inversion_ = std::make_shared<const Lexicon>(added_->Inverted()); });
  return inversion_;
}

void LexiconSet::Add(std::shared_ptr<const Lexicon> lexicon) {
  const std::string key = PairKey(lexicon->source_language(), lexicon->target_language());
  const std::string reverse = PairKey(lexicon->target_language(), lexicon->source_language());
  if (reverse != key) {
    auto it = lexicons_.find(reverse);
    if (it == lexicons_.end() || it->second->inverted()) {
      lexicons_[reverse] = std::make_shared<const Entry>(lexicon, /*inverted=*/true);
    }
  }
  lexicons_[key] = std::make_shared<const Entry>(std::move(lexicon), /*inverted=*/false);
}

std::shared_ptr<const Lexicon> LexiconSet::Find(absl::string_view source_language,
                                                absl::string_view target_language) const {
  auto it = lexicons_.find(PairKey(source_language, target_language));
  return it == lexicons_.end() ? nullptr : it->second->Get();
}

std::vector<std::string> LexiconSet::Pairs() const {
  std::vector<std::string> pairs;
  for (const auto& [key, unused] : lexicons_) pairs.push_back(key);
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

std::shared_ptr<const Lexicon> OrientLexicon(std::shared_ptr<const Lexicon> lexicon,
                                             absl::string_view source_language,
                                             absl::string_view target_language) {
  if (lexicon == nullptr) return nullptr;
  const std::string key = PairKey(source_language, target_language);
  if (PairKey(lexicon->source_language(), lexicon->target_language()) == key) return lexicon;
  if (PairKey(lexicon->target_language(), lexicon->source_language()) == key) {
    return std::make_shared<const Lexicon>(lexicon->Inverted());
  }
  return nullptr;
}

}  // namespace newsalign
