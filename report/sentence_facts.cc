#include "report/sentence_facts.h"

#include <thread>

#include "base/status_macros.h"
#include "lexicon/lexicon.h"

namespace newsalign::report_internal {
namespace {

// Reads the sentences of `side`, written in `own` and facing `other`, with `keys` (that side's
// memo of word keys).
absl::Status ReadSide(const SegmentedDocument& side, LexiconKeys* keys, Script own, Script other,
                      bool letters, const StopCondition& stop, SideFacts* out) {
  StopPoller poll(stop, 256);
  const size_t count = side.sentences.size();
  out->names.reserve(count);
  out->figures.resize(count);
  if (letters) out->letters.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    RETURN_IF_ERROR(poll.Tick());
    const absl::string_view text = MatchingText(side.sentences[i]);
    const std::vector<Token> tokens = Tokenize(text);
    out->names.push_back(FindNames(text, tokens, keys, own, other));
    ExtractFigures(text, tokens, &out->figures[i]);
    if (letters) out->letters.push_back(CountLetters(text, tokens));
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
  auto read_target = [&] {
    return ReadSide(alignment.target, &target_keys, target_script, source_script, target_letters,
                    stop, target);
  };
  absl::Status target_status;
  std::thread target_thread;
  if (threads > 1 && &source_keys != &target_keys) {
    target_thread = std::thread([&] { target_status = read_target(); });
  }
  const absl::Status source_status = ReadSide(alignment.source, &source_keys, source_script,
                                              target_script, false, stop, source);
  if (target_thread.joinable()) {
    target_thread.join();
  } else if (source_status.ok()) {
    target_status = read_target();
  }
  RETURN_IF_ERROR(source_status);
  return target_status;
}

}  // namespace newsalign::report_internal
