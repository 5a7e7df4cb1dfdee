#include "report/sentence_facts.h"

#include <algorithm>
#include <atomic>

#include "base/status_macros.h"
#include "base/task_pool.h"
#include "lexicon/lexicon.h"

namespace newsalign::report_internal {
namespace {

// The target side is read in chunks of this many sentences, so that the source's thread, done
// with its own side, can take the figures and letters of the chunks the target's thread has
// not reached (the target, Arabic facing French, is read longer: its letters are counted too).
constexpr size_t kChunk = 256;

// What the alignment read of one side's sentences (SentenceReadings), or null when it kept
// none for them.
using Readings = std::vector<SentenceReading>;

// Reads the figures (and, when `letters`, the letters) of sentence `i`, `text`, from its
// `tokens` (and its dates, when `reading` has them) into `out`.
void ReadFiguresOf(absl::string_view text, const std::vector<Token>& tokens,
                   const SentenceReading* reading, size_t i, bool letters, SideFacts* out) {
  ExtractFigures(text, tokens, &out->figures[i], reading != nullptr ? &reading->dates : nullptr,
                 reading != nullptr ? &reading->numbers : nullptr);
  if (letters) out->letters[i] = CountLetters(text, tokens);
}

// Calls `read(text, tokens, reading)` for sentence `i` of `side`: its tokens from `readings`
// when given, else tokenized here.
template <typename F>
void WithTokens(const SegmentedDocument& side, const Readings* readings, size_t i, F&& read) {
  const absl::string_view text = MatchingText(side.sentences[i]);
  if (readings != nullptr) {
    const SentenceReading& reading = (*readings)[i];
    read(text, reading.tokens, &reading);
  } else {
    read(text, Tokenize(text), nullptr);
  }
}

// Reads the figures and letters of `side`'s sentences [begin, end).
void ReadFigures(const SegmentedDocument& side, const Readings* readings, size_t begin,
                 size_t end, bool letters, SideFacts* out) {
  for (size_t i = begin; i < end; ++i) {
    WithTokens(side, readings, i,
               [&](absl::string_view text, const std::vector<Token>& tokens,
                   const SentenceReading* reading) {
                 ReadFiguresOf(text, tokens, reading, i, letters, out);
               });
  }
}

// Sizes `out` for `count` sentences, with their letters when `letters`.
void Size(size_t count, bool letters, SideFacts* out) {
  out->names.resize(count);
  out->figures.resize(count);
  if (letters) out->letters.resize(count);
}

// Reads the sentences of `side` (into `out`, sized), written in `own` and facing `other`, with
// `keys` (that side's memo of word keys). With `claimed` (one flag per chunk), a chunk's
// figures and letters are read only when this call claims it first; its names always are.
absl::Status ReadSide(const SegmentedDocument& side, const Readings* readings, LexiconKeys* keys,
                      Script own, Script other, bool letters, const StopCondition& stop,
                      SideFacts* out, std::vector<std::atomic<bool>>* claimed = nullptr) {
  StopPoller poll(stop, 256);
  const size_t count = side.sentences.size();
  for (size_t chunk = 0; chunk * kChunk < count; ++chunk) {
    const bool figures = claimed == nullptr || !(*claimed)[chunk].exchange(true);
    for (size_t i = chunk * kChunk; i < std::min(count, (chunk + 1) * kChunk); ++i) {
      RETURN_IF_ERROR(poll.Tick());
      WithTokens(side, readings, i,
                 [&](absl::string_view text, const std::vector<Token>& tokens,
                     const SentenceReading* reading) {
                   out->names[i] =
                       FindNames(text, tokens, keys, own, other,
                                 reading != nullptr ? &reading->curated_names : nullptr);
                   if (figures) ReadFiguresOf(text, tokens, reading, i, letters, out);
                 });
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ReadSentenceFacts(const DocumentAlignment& alignment, Script source_script,
                               Script target_script, bool target_letters,
                               const StopCondition& stop, int threads, SideFacts* source,
                               SideFacts* target) {
  // The keys the alignment found for the same words, when it kept them.
  LexiconKeys own_source_keys(alignment.source.language);
  LexiconKeys own_target_keys(alignment.target.language);
  LexiconKeys& source_keys = alignment.word_keys != nullptr
                                 ? alignment.word_keys->For(alignment.source.language)
                                 : own_source_keys;
  LexiconKeys& target_keys = alignment.word_keys != nullptr
                                 ? alignment.word_keys->For(alignment.target.language)
                                 : own_target_keys;
  Size(alignment.source.sentences.size(), false, source);
  Size(alignment.target.sentences.size(), target_letters, target);
  // What the alignment read of the sentences, when it kept it for these very sentences.
  const SentenceReadings* kept = alignment.readings.get();
  const bool readings = kept != nullptr &&
                        kept->source.size() == alignment.source.sentences.size() &&
                        kept->target.size() == alignment.target.sentences.size();
  const Readings* source_readings = readings ? &kept->source : nullptr;
  const Readings* target_readings = readings ? &kept->target : nullptr;
  const bool side_by_side = threads > 1 && &source_keys != &target_keys;
  if (!side_by_side) {
    RETURN_IF_ERROR(ReadSide(alignment.source, source_readings, &source_keys, source_script,
                             target_script, false, stop, source));
    return ReadSide(alignment.target, target_readings, &target_keys, target_script,
                    source_script, target_letters, stop, target);
  }
  const size_t target_count = alignment.target.sentences.size();
  const size_t chunks = (target_count + kChunk - 1) / kChunk;
  std::vector<std::atomic<bool>> claimed(chunks);
  for (std::atomic<bool>& flag : claimed) flag.store(false);
  absl::Status target_status;
  TaskPool::Task target_task = TaskPool::Shared().Start([&] {
    target_status = ReadSide(alignment.target, target_readings, &target_keys, target_script,
                             source_script, target_letters, stop, target, &claimed);
  });
  absl::Status source_status = ReadSide(alignment.source, source_readings, &source_keys,
                                        source_script, target_script, false, stop, source);
  // Then the figures and letters of the target's last chunks, from the end, until one is the
  // target thread's (it claims them from the start). Each sentence's facts are written by the
  // one thread that claimed its chunk.
  StopPoller poll(stop, 1);
  for (size_t chunk = chunks; source_status.ok() && chunk-- > 1;) {
    if (claimed[chunk].exchange(true)) break;
    source_status = poll.Tick();
    if (!source_status.ok()) break;
    ReadFigures(alignment.target, target_readings, chunk * kChunk,
                std::min(target_count, (chunk + 1) * kChunk), target_letters, target);
  }
  target_task.Join();
  RETURN_IF_ERROR(source_status);
  return target_status;
}

}  // namespace newsalign::report_internal
