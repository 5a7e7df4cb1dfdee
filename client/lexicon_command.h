// `newsalign lexicon train`: learns word translation probabilities (IBM Model 1) from a parallel
// corpus the user owns (a TMX translation memory, a TSV, or two line-aligned files) and writes
// them as a lexicon TSV, which `newsalign align --lexicon=FILE` sends with each request. And the
// reading of such a file into a request's options.
//
//   LexiconTrainCommand command;
//   command.corpus.tmx = "memory.tmx";
//   command.out_path = "fr-ar.tsv";
//   return RunLexiconTrain(command, CommandIo());
#ifndef NEWSALIGN_CLIENT_LEXICON_COMMAND_H_
#define NEWSALIGN_CLIENT_LEXICON_COMMAND_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "client/commands.h"
#include "client/parallel_corpus.h"
#include "lexicon/ibm_model1.h"
#include "newsalign/v1/alignment.pb.h"

namespace newsalign::client {

// `newsalign lexicon train`.
struct LexiconTrainCommand {
  // BCP 47 tags of the corpus's two sides: the lexicon goes from source to target.
  std::string source_language = "fr";
  std::string target_language = "ar";
  // The corpus: exactly one of tmx, tsv, or source with target.
  ParallelCorpusFiles corpus;
  // Where the lexicon TSV goes; "-" writes it to the CommandIo's output. Required.
  std::string out_path;
  // Training: iterations, min_probability, max_translations, min_count, max_word_share,
  // max_cooccurrences.
  IbmModel1Options options;
};

// Runs `newsalign lexicon train`: reads the corpus, trains, writes the lexicon's ToTsv() to
// out_path (through a temporary file renamed at the end, so a failed run leaves no half file)
// and prints one summary line on the error stream: pairs read, vocabulary sizes, lexicon pairs,
// seconds. Returns kExitUsage for a bad command (no corpus or two, no --out, an option out of
// range, an unreadable file); kExitFailure for a malformed corpus (file:line on stderr), a
// corpus with nothing to learn from, or an output that cannot be written; kExitOk otherwise.
int RunLexiconTrain(const LexiconTrainCommand& command, const CommandIo& io);

// Fills options->lexicon with the pairs of a lexicon TSV (Lexicon::FromTsv's format: surface
// words, or keys under kNormalisedMarker, which sets options->lexicon_normalised), the words as
// written (the server normalises them), weight 0 where the file gives none. INVALID_ARGUMENT
// with FromTsv's message ("lexicon line 3: ...") for a malformed file, or when it has more pairs
// than a request may carry (kMaxLexiconEntries).
absl::Status AddUserLexicon(absl::string_view tsv, absl::string_view source_language,
                            absl::string_view target_language, v1::AlignOptions* options);

}  // namespace newsalign::client

#endif  // NEWSALIGN_CLIENT_LEXICON_COMMAND_H_
