#include "align/sentence_features.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "anchors/curated_names.h"
#include "anchors/dates.h"
#include "anchors/numbers.h"
#include "base/side_by_side.h"
#include "base/status_macros.h"
#include "base/task_pool.h"
#include "text/latin.h"
#include "text/name_skeletons.h"
#include "text/utf8.h"
#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace newsalign {
namespace {

void AddPunctuation(absl::string_view text, std::vector<RawAnchor>* out) {
  int quotes = 0;
  ForEachCodePoint(text, [&](UChar32 c) {
    switch (c) {
      case '?':
      case 0x061F:  // ؟
        out->push_back({AnchorKind::kPunctuation, "?"});
        break;
      case '!':
        out->push_back({AnchorKind::kPunctuation, "!"});
        break;
      case ':':
        out->push_back({AnchorKind::kPunctuation, ":"});
        break;
      case '(':
      case '[':
        out->push_back({AnchorKind::kPunctuation, "("});
        break;
      case '"':
      case 0x00AB:  // «
      case 0x00BB:  // »
      case 0x201C:  // “
      case 0x201D:  // ”
      case 0x201E:  // „
        ++quotes;
        break;
      default:
        break;
    }
  });
  for (int q = 0; q < (quotes + 1) / 2; ++q) out->push_back({AnchorKind::kPunctuation, "quote"});
}

std::vector<RawAnchor> AnchorsOf(absl::string_view sentence, const std::vector<Token>& tokens,
                                 absl::Span<const absl::string_view> keys,
                                 LexiconKeys* lexicon_keys, Script own, Script other,
                                 SentenceReading* reading = nullptr);

// The lexicon keys of `tokens` that are not numbers, in order (empty for a word with none): views
// of `lexicon_keys`' memo, whose keys stay where they are until it is cleared.
std::vector<absl::string_view> KeysOf(const std::vector<Token>& tokens,
                                      LexiconKeys* lexicon_keys) {
  std::vector<absl::string_view> keys;
  keys.reserve(tokens.size());
  for (const Token& t : tokens) {
    if (!t.is_number) keys.push_back(lexicon_keys->Of(t.norm));
  }
  return keys;
}

}  // namespace

std::vector<RawAnchor> ExtractRawAnchors(absl::string_view sentence, absl::string_view language,
                                         Script own, Script other) {
  LexiconKeys keys(language);
  return ExtractRawAnchors(sentence, own, other, &keys);
}

std::vector<RawAnchor> ExtractRawAnchors(absl::string_view sentence, Script own, Script other,
                                         LexiconKeys* lexicon_keys) {
  const std::vector<Token> tokens = Tokenize(sentence);
  return AnchorsOf(sentence, tokens, KeysOf(tokens, lexicon_keys), lexicon_keys, own, other);
}

namespace {

// The anchors of `sentence`, whose tokens are `tokens` and whose words' lexicon keys are `keys`
// (KeysOf(tokens, lexicon_keys)); `lexicon_keys` also remembers Arabic words' skeletons. With
// `reading`, also sets its numbers, dates and curated names.
std::vector<RawAnchor> AnchorsOf(absl::string_view sentence, const std::vector<Token>& tokens,
                                 absl::Span<const absl::string_view> keys,
                                 LexiconKeys* lexicon_keys, Script own, Script other,
                                 SentenceReading* reading) {
  std::vector<RawAnchor> out;
  // About one anchor a token (identical tokens, names, their skeletons): grown once.
  out.reserve(tokens.size() + 4);
  std::vector<std::string> numbers = ExtractNumbers(sentence);
  if (reading != nullptr) reading->numbers = numbers;
  for (std::string& n : numbers) out.push_back({AnchorKind::kNumber, std::move(n)});
  std::vector<std::string> dates = ExtractDates(tokens);
  if (reading != nullptr) reading->dates = dates;
  for (std::string& d : dates) out.push_back({AnchorKind::kDate, std::move(d)});
  const bool cross_script = own != other;
  for (size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    if (t.is_number) continue;
    const size_t letters = CountCodePoints(t.norm);
    // Identical tokens.
    if (cross_script) {
      // Latin (or other foreign-script) words: all of them on the Latin side, only foreign ones
      // on the other; the pair-level filter keeps those found on both sides.
      if (t.script != Script::kArabic && letters >= 2) {
        out.push_back({AnchorKind::kToken, t.norm});
      }
    } else if (letters >= 4 || t.all_caps) {
      out.push_back({AnchorKind::kToken, t.norm});
    }
    // Names.
    if (cross_script) {
      if (t.script == Script::kLatin && (t.all_caps || (t.capitalised && k > 0)) && letters >= 3) {
        std::string skeleton = LatinSkeleton(t.norm);
        if (skeleton.size() >= 2) out.push_back({AnchorKind::kName, std::move(skeleton)});
      } else if (t.script == Script::kArabic && own == Script::kArabic) {
        for (const std::string& s : lexicon_keys->ArabicSkeletonsOf(t.norm)) {
          out.push_back({AnchorKind::kName, s});
        }
      }
    } else if (t.capitalised && k > 0 && letters >= 5) {
      // A word with no Latin letter folds to nothing, which would match any other such word.
      std::string folded =
          FoldToAscii(t.norm, AccentFolding::kVowelsAndCedilla).substr(0, 4);
      if (!folded.empty()) out.push_back({AnchorKind::kName, std::move(folded)});
    }
  }
  std::vector<std::string> curated = FindCuratedNames(keys, lexicon_keys->language());
  if (reading != nullptr) reading->curated_names = curated;
  for (std::string& concept : curated) out.push_back({AnchorKind::kName, std::move(concept)});
  AddPunctuation(sentence, &out);
  return out;
}

}  // namespace

// Sentences read by DominantScript().
constexpr size_t kScriptSampleSentences = 2000;

namespace {

// The script most letters of `tokenized` (each sentence's tokens) are written in.
Script DominantScriptOf(const std::vector<std::vector<Token>>& tokenized) {
  size_t latin = 0, arabic = 0;
  for (const std::vector<Token>& tokens : tokenized) {
    for (const Token& t : tokens) {
      if (t.script == Script::kLatin) latin += t.end - t.begin;
      if (t.script == Script::kArabic) arabic += t.end - t.begin;
    }
  }
  if (latin == 0 && arabic == 0) return Script::kOther;
  return arabic > latin ? Script::kArabic : Script::kLatin;
}

// The tokens of the sentences DominantScript() reads. The first sentences decide: a long
// document does not change script half-way, and reading all of it would tokenise it once more
// before any stop condition is looked at.
std::vector<std::vector<Token>> TokenizeHead(const std::vector<absl::string_view>& sentences) {
  std::vector<std::vector<Token>> tokenized(std::min(sentences.size(), kScriptSampleSentences));
  for (size_t i = 0; i < tokenized.size(); ++i) tokenized[i] = Tokenize(sentences[i]);
  return tokenized;
}

}  // namespace

Script DominantScript(const std::vector<absl::string_view>& sentences) {
  return DominantScriptOf(TokenizeHead(sentences));
}

double OnWeightGrid(double x) { return std::ldexp(std::nearbyint(std::ldexp(x, 32)), -32); }

uint32_t AnchorVocabulary::Add(AnchorKind k, std::string v, double w, double p) {
  kind.push_back(k);
  value.push_back(std::move(v));
  weight.push_back(OnWeightGrid(w));
  penalty.push_back(OnWeightGrid(p));
  return static_cast<uint32_t>(kind.size() - 1);
}

void AddAnchor(SideFeatures* side, int sentence, uint32_t id) {
  auto& ids = side->anchors[sentence];
  ids.insert(std::upper_bound(ids.begin(), ids.end(), id), id);
}

absl::Status AddWordAnchors(const std::vector<std::vector<uint32_t>>& ids_of_word,
                            SideFeatures* side, const StopCondition& stop) {
  StopPoller poll(stop, 256);
  // A sentence's new ids, gathered, sorted and merged into its sorted list at once: one by one,
  // each insertion shifted the list (common words give a sentence dozens of lexicon pairs).
  std::vector<uint32_t> added, merged;
  for (size_t i = 0; i < side->words.size(); ++i) {
    RETURN_IF_ERROR(poll.Tick());
    added.clear();
    for (uint32_t w : side->words[i]) {
      if (w >= ids_of_word.size()) continue;
      added.insert(added.end(), ids_of_word[w].begin(), ids_of_word[w].end());
    }
    if (added.empty()) continue;
    std::sort(added.begin(), added.end());
    added.erase(std::unique(added.begin(), added.end()), added.end());
    std::vector<uint32_t>& ids = side->anchors[i];
    merged.clear();
    std::merge(ids.begin(), ids.end(), added.begin(), added.end(), std::back_inserter(merged));
    ids.assign(merged.begin(), merged.end());
  }
  return absl::OkStatus();
}

void SetParagraphs(const std::vector<int>& paragraphs,
                   const std::vector<absl::string_view>& sentences, SideFeatures* side) {
  side->paragraph_start.clear();
  side->heading.clear();
  if (paragraphs.size() != sentences.size() || paragraphs.empty() ||
      paragraphs.front() == paragraphs.back()) {
    return;
  }
  const size_t n = sentences.size();
  side->paragraph_start.resize(n);
  side->heading.resize(n);
  for (size_t i = 0; i < n; ++i) {
    side->paragraph_start[i] = i == 0 || paragraphs[i] != paragraphs[i - 1];
    const bool alone = side->paragraph_start[i] && (i + 1 == n || paragraphs[i + 1] != paragraphs[i]);
    if (!alone) continue;
    // The last character that is not a space or a closing quote.
    absl::string_view text = sentences[i];
    UChar32 last = 0;
    int32_t end = static_cast<int32_t>(text.size());
    while (end > 0) {
      U8_PREV(text.data(), 0, end, last);
      if (!u_isUWhiteSpace(last) && last != 0x00BB && last != 0x201D && last != '"') break;
      last = 0;
    }
    const bool ends_sentence = last == '.' || last == '!' || last == '?' || last == 0x061F ||
                               last == 0x2026 || last == ':' || last == 0x06D4;
    side->heading[i] = !ends_sentence && last != 0;
  }
}

namespace {

double KindWeight(AnchorKind kind, const ModelWeights& w) {
  switch (kind) {
    case AnchorKind::kNumber: return w.number_weight;
    case AnchorKind::kDate: return w.date_weight;
    case AnchorKind::kName: return w.name_weight;
    case AnchorKind::kToken: return w.token_weight;
    case AnchorKind::kPunctuation: return w.punctuation_weight;
    case AnchorKind::kLexicon: return w.lexicon_weight;
  }
  return 0;
}

// How much an anchor seen on one side only counts against a bead, relative to its weight.
double KindPenalty(AnchorKind kind, const ModelWeights& w) {
  switch (kind) {
    case AnchorKind::kNumber:
    case AnchorKind::kDate:
    case AnchorKind::kPunctuation:
      return w.unmatched_penalty;
    case AnchorKind::kToken:
      return w.unmatched_penalty * w.token_unmatched_share;
    case AnchorKind::kName:
      return w.unmatched_penalty * w.name_unmatched_share;
    case AnchorKind::kLexicon:
      return 0;
  }
  return 0;
}

using Key = std::pair<int, std::string>;

struct SideRaw {
  // The side's distinct anchor keys, each once, in order of first sight, and each one's index
  // in `keys` and the number of sentences holding it.
  std::vector<Key> keys;
  absl::flat_hash_map<Key, uint32_t> key_index;
  std::vector<int> document_frequency;
  // Per sentence, its anchors as indices in `keys` (names and tokens once a sentence).
  std::vector<std::vector<uint32_t>> anchors;
  std::vector<double> length;  // SideFeatures::length
  // The side's word keys and, per sentence, its words (SideFeatures::word_keys and words), and
  // whether it is noise.
  std::vector<std::string> word_keys;
  std::vector<std::vector<uint32_t>> words;
  std::vector<bool> noise;
};

// Sentences between two looks at the stop condition while building features (~5 ms of work).
constexpr size_t kSentencesPerCheck = 256;

// Pairs of at least this many sentences together run the two sides' steps after their
// extraction side by side (one on the task pool), when given two threads: below, handing a
// side over costs more than it saves.
constexpr size_t kSentencesForSideThreads = 16;

// The most word and anchor keys a side's tables are sized for before they are read (longer
// documents grow them from there).
constexpr size_t kMostReservedKeys = 1 << 14;

// `head` holds the tokens of the first sentences (DominantScript()'s), reused. With `readings`,
// sets what is read of each sentence there (sized to the sentences).
absl::StatusOr<SideRaw> ExtractSide(const std::vector<absl::string_view>& sentences,
                                    std::vector<std::vector<Token>> head,
                                    LexiconKeys* keys, Script own, Script other,
                                    const std::vector<AnchorKind>& disabled,
                                    const StopCondition& stop,
                                    std::vector<SentenceReading>* readings) {
  SideRaw raw;
  if (readings != nullptr) readings->assign(sentences.size(), SentenceReading());
  raw.anchors.resize(sentences.size());
  raw.length.resize(sentences.size());
  raw.words.resize(sentences.size());
  raw.noise.assign(sentences.size(), true);
  // Each word key's index in raw.word_keys.
  absl::flat_hash_map<std::string, uint32_t> word_index;
  // The last sentence that counted each anchor key (by its index in raw.keys).
  std::vector<int> last_sentence;
  // The tables sized for about a key every six bytes (a word and its space; an article's keys
  // all fit, where they grew by doubling, rehashing and moving their strings), at most
  // kMostReservedKeys.
  size_t bytes = 0;
  for (const absl::string_view s : sentences) bytes += s.size();
  const size_t expected_keys = std::min(bytes / 6 + 16, kMostReservedKeys);
  word_index.reserve(expected_keys);
  raw.word_keys.reserve(expected_keys);
  raw.key_index.reserve(expected_keys);
  raw.keys.reserve(expected_keys);
  raw.document_frequency.reserve(expected_keys);
  last_sentence.reserve(expected_keys);
  for (size_t i = 0; i < sentences.size(); ++i) {
    if (i % kSentencesPerCheck == 0) RETURN_IF_ERROR(stop.Check());
    // Code points without spaces and tabs (LengthStatistics' unit).
    raw.length[i] = static_cast<double>(CountCodePointsExcept(sentences[i], " \t"));
    // Tokenised once, for the script, the anchors and the words.
    std::vector<Token> tokens = i < head.size() ? std::move(head[i]) : Tokenize(sentences[i]);
    SentenceReading* reading = readings != nullptr ? &(*readings)[i] : nullptr;
    // Each word's key looked up once, for the words and the curated names.
    const std::vector<absl::string_view> word_keys = KeysOf(tokens, keys);
    raw.words[i].reserve(word_keys.size());
    size_t word = 0;
    for (const Token& t : tokens) {
      if (t.is_number) {
        raw.noise[i] = false;
        continue;
      }
      if (CountCodePoints(t.norm) >= 2) raw.noise[i] = false;
      const absl::string_view key = word_keys[word++];
      if (key.empty()) continue;
      const auto [it, inserted] =
          word_index.try_emplace(key, static_cast<uint32_t>(raw.word_keys.size()));
      if (inserted) raw.word_keys.emplace_back(key);
      raw.words[i].push_back(it->second);
    }
    std::vector<RawAnchor> anchors =
        AnchorsOf(sentences[i], tokens, word_keys, keys, own, other, reading);
    raw.anchors[i].reserve(anchors.size());
    for (RawAnchor& a : anchors) {
      if (std::find(disabled.begin(), disabled.end(), a.kind) != disabled.end()) continue;
      Key key{static_cast<int>(a.kind), std::move(a.value)};
      // Each key is hashed once an occurrence and copied once a side.
      const auto [it, inserted] =
          raw.key_index.try_emplace(std::move(key), static_cast<uint32_t>(raw.keys.size()));
      const uint32_t index = it->second;
      if (inserted) {
        raw.keys.push_back(it->first);
        raw.document_frequency.push_back(0);
        last_sentence.push_back(-1);
      }
      // Names and tokens count once per sentence (one word may give several skeletons).
      const bool once = a.kind == AnchorKind::kName || a.kind == AnchorKind::kToken;
      if (last_sentence[index] != static_cast<int>(i)) {
        last_sentence[index] = static_cast<int>(i);
        ++raw.document_frequency[index];
      } else if (once) {
        continue;
      }
      raw.anchors[i].push_back(index);
    }
    if (reading != nullptr) reading->tokens = std::move(tokens);
  }
  return raw;
}

// The number of sentences of `side` that contain each of its words (by index).
absl::StatusOr<std::vector<int>> WordFrequency(const SideFeatures& side,
                                               const StopCondition& stop) {
  std::vector<int> df(side.word_keys.size(), 0);
  // The last sentence that counted each word.
  std::vector<int> counted_in(side.word_keys.size(), -1);
  StopPoller poll(stop, kSentencesPerCheck);
  for (size_t i = 0; i < side.words.size(); ++i) {
    RETURN_IF_ERROR(poll.Tick());
    for (uint32_t w : side.words[i]) {
      if (counted_in[w] == static_cast<int>(i)) continue;
      counted_in[w] = static_cast<int>(i);
      ++df[w];
    }
  }
  return df;
}

// Each lexicon pair (source key, target key) with both words in the documents becomes one anchor
// id, added to the sentences that hold either word.
// With `side_by_side`, each side's steps run on two threads.
absl::Status AddLexiconAnchors(const Lexicon& lexicon, const ModelWeights& weights,
                               const StopCondition& stop, bool side_by_side, PairFeatures* f) {
  std::vector<int> df_source, df_target;
  auto frequency = [&stop](const SideFeatures& side, std::vector<int>* df) -> absl::Status {
    ASSIGN_OR_RETURN(*df, WordFrequency(side, stop));
    return absl::OkStatus();
  };
  RETURN_IF_ERROR(RunBothSides(
      side_by_side, [&] { return frequency(f->source, &df_source); },
      [&] { return frequency(f->target, &df_target); }));
  const absl::flat_hash_map<absl::string_view, uint32_t> target_index = WordKeyIndex(f->target);
  std::vector<std::vector<uint32_t>> ids_of_source(f->source.word_keys.size());
  std::vector<std::vector<uint32_t>> ids_of_target(f->target.word_keys.size());
  // Ids in word order, not hash order (which changes with the table's address): the same input
  // gives the same ids, so the same sums in the same order, and the same bytes out.
  std::vector<std::pair<absl::string_view, uint32_t>> words;
  words.reserve(f->source.word_keys.size());
  for (size_t w = 0; w < f->source.word_keys.size(); ++w) {
    words.emplace_back(f->source.word_keys[w], static_cast<uint32_t>(w));
  }
  std::sort(words.begin(), words.end());
  StopPoller poll(stop, 4096);
  for (const auto& [word, source_index] : words) {
    RETURN_IF_ERROR(poll.Tick());
    const std::vector<Lexicon::Translation>* translations = lexicon.Translations(word);
    if (translations == nullptr) continue;
    for (const auto& [target_word, weight] : *translations) {
      auto it = target_index.find(target_word);
      if (it == target_index.end()) continue;
      const int df = std::max(df_source[source_index], df_target[it->second]);
      const double rarity = 1.0 / (1.0 + std::log(df));
      const uint32_t id = f->vocabulary.Add(AnchorKind::kLexicon,
                                            absl::StrCat(word, "=", target_word),
                                            weights.lexicon_weight * weight * rarity, 0);
      ids_of_source[source_index].push_back(id);
      ids_of_target[it->second].push_back(id);
    }
  }
  return RunBothSides(
      side_by_side, [&] { return AddWordAnchors(ids_of_source, &f->source, stop); },
      [&] { return AddWordAnchors(ids_of_target, &f->target, stop); });
}

}  // namespace

absl::flat_hash_map<absl::string_view, uint32_t> WordKeyIndex(const SideFeatures& side) {
  absl::flat_hash_map<absl::string_view, uint32_t> index;
  index.reserve(side.word_keys.size());
  for (size_t w = 0; w < side.word_keys.size(); ++w) {
    index.emplace(side.word_keys[w], static_cast<uint32_t>(w));
  }
  return index;
}

PairFeatures BuildPairFeatures(const std::vector<absl::string_view>& source,
                               absl::string_view source_language,
                               const std::vector<absl::string_view>& target,
                               absl::string_view target_language, const ModelWeights& weights,
                               const std::vector<AnchorKind>& disabled,
                               const Lexicon* lexicon) {
  // Never stops, so never fails.
  return *BuildPairFeatures(source, source_language, target, target_language, weights, disabled,
                            lexicon, StopCondition());
}

absl::StatusOr<PairFeatures> BuildPairFeatures(const std::vector<absl::string_view>& source,
                                               absl::string_view source_language,
                                               const std::vector<absl::string_view>& target,
                                               absl::string_view target_language,
                                               const ModelWeights& weights,
                                               const std::vector<AnchorKind>& disabled,
                                               const Lexicon* lexicon,
                                               const StopCondition& stop, int threads,
                                               WordKeyCache* word_keys,
                                               SentenceReadings* readings) {
  PairFeatures f;
  std::vector<std::vector<Token>> source_head = TokenizeHead(source);
  std::vector<std::vector<Token>> target_head = TokenizeHead(target);
  f.source_script = DominantScriptOf(source_head);
  f.target_script = DominantScriptOf(target_head);
  // Each side's words are stemmed once, for its anchors and for its words; with `word_keys`,
  // once for every document that shares it. Two sides of one language extracted side by side
  // do not share a memo (it is not thread-safe): the target's is then its own.
  LexiconKeys own_source_keys(source_language), own_target_keys(target_language);
  LexiconKeys& source_keys =
      word_keys != nullptr ? word_keys->For(source_language) : own_source_keys;
  LexiconKeys& target_keys =
      word_keys != nullptr && (source_language != target_language || threads <= 1)
          ? word_keys->For(target_language)
          : own_target_keys;
  SideRaw tgt;
  absl::StatusOr<SideRaw> source_raw;
  {
    // The source side on the task pool when allowed; joined before the scope ends.
    TaskPool::Task source_task;
    auto extract_source = [&] {
      source_raw = ExtractSide(source, std::move(source_head), &source_keys, f.source_script,
                               f.target_script, disabled, stop,
                               readings != nullptr ? &readings->source : nullptr);
    };
    if (threads > 1) {
      source_task = TaskPool::Shared().Start(extract_source);
    } else {
      extract_source();
      RETURN_IF_ERROR(source_raw.status());
    }
    absl::StatusOr<SideRaw> target_raw =
        ExtractSide(target, std::move(target_head), &target_keys, f.target_script,
                    f.source_script, disabled, stop,
                    readings != nullptr ? &readings->target : nullptr);
    source_task.Join();
    RETURN_IF_ERROR(source_raw.status());
    RETURN_IF_ERROR(target_raw.status());
    tgt = *std::move(target_raw);
  }
  SideRaw src = *std::move(source_raw);

  // Each key's anchor id (by its index in the side's keys), or kNoId when the other side does
  // not hold it. Ids in key order, not hash order (see AddLexiconAnchors).
  constexpr uint32_t kNoId = ~uint32_t{0};
  std::vector<uint32_t> source_ids(src.keys.size(), kNoId), target_ids(tgt.keys.size(), kNoId);
  std::vector<uint32_t> by_key(src.keys.size());
  for (uint32_t k = 0; k < by_key.size(); ++k) by_key[k] = k;
  std::sort(by_key.begin(), by_key.end(),
            [&src](uint32_t a, uint32_t b) { return src.keys[a] < src.keys[b]; });
  for (const uint32_t k : by_key) {
    const Key& key = src.keys[k];
    auto it = tgt.key_index.find(key);
    if (it == tgt.key_index.end()) continue;
    const AnchorKind kind = static_cast<AnchorKind>(key.first);
    const double df = std::max(src.document_frequency[k], tgt.document_frequency[it->second]);
    const double rarity = 1.0 / (1.0 + std::log(df));
    const uint32_t id =
        f.vocabulary.Add(kind, key.second, KindWeight(kind, weights) * rarity,
                         KindPenalty(kind, weights) * KindWeight(kind, weights) * rarity);
    source_ids[k] = id;
    target_ids[it->second] = id;
  }
  auto fill = [&](const std::vector<absl::string_view>& sentences, SideRaw* raw,
                  const std::vector<uint32_t>& ids, SideFeatures* side) -> absl::Status {
    side->anchors.resize(sentences.size());
    side->words.resize(sentences.size());
    side->orphan_numbers.assign(sentences.size(), 0);
    side->noise.assign(sentences.size(), true);
    side->length = std::move(raw->length);
    for (size_t i = 0; i < sentences.size(); ++i) {
      if (i % kSentencesPerCheck == 0) RETURN_IF_ERROR(stop.Check());
      for (const uint32_t k : raw->anchors[i]) {
        if (ids[k] != kNoId) {
          side->anchors[i].push_back(ids[k]);
        } else if (raw->keys[k].first == static_cast<int>(AnchorKind::kNumber)) {
          side->orphan_numbers[i] += 1;
        }
      }
      std::sort(side->anchors[i].begin(), side->anchors[i].end());
      side->words[i] = std::move(raw->words[i]);
      side->noise[i] = raw->noise[i];
    }
    return absl::OkStatus();
  };
  const bool side_by_side =
      threads > 1 && source.size() + target.size() >= kSentencesForSideThreads;
  RETURN_IF_ERROR(RunBothSides(
      side_by_side, [&] { return fill(source, &src, source_ids, &f.source); },
      [&] { return fill(target, &tgt, target_ids, &f.target); }));
  f.source.word_keys = std::move(src.word_keys);
  f.target.word_keys = std::move(tgt.word_keys);
  const bool lexicon_enabled =
      lexicon != nullptr && !lexicon->empty() &&
      std::find(disabled.begin(), disabled.end(), AnchorKind::kLexicon) == disabled.end();
  if (lexicon_enabled) {
    RETURN_IF_ERROR(AddLexiconAnchors(*lexicon, weights, stop, side_by_side, &f));
  }
  return f;
}

}  // namespace newsalign
