#include "client/lexicon_command.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "lexicon/lexicon.h"
#include "server/proto_convert.h"

namespace newsalign::client {
namespace {

int Fail(const CommandIo& io, absl::string_view message, int exit_code) {
  *io.err << "newsalign: lexicon train: " << message << "\n";
  return exit_code;
}

// "min_probability must be in (0, 1], got 0" -> "--min-probability must be in (0, 1], got 0".
std::string AsFlag(absl::string_view message) {
  const size_t space = message.find(' ');
  return absl::StrCat("--", absl::StrReplaceAll(message.substr(0, space), {{"_", "-"}}),
                      message.substr(space == absl::string_view::npos ? message.size() : space));
}

// Writes `content` to `path` through "<path>.tmp", renamed at the end.
absl::Status WriteFile(const std::string& path, absl::string_view content) {
  const std::string temporary = absl::StrCat(path, ".tmp");
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!file) {
      return absl::PermissionDeniedError(
          absl::StrCat("cannot write \"", temporary, "\": ", std::strerror(errno)));
    }
    file.write(content.data(), static_cast<std::streamsize>(content.size()));
    file.close();
    if (!file) {
      std::remove(temporary.c_str());
      return absl::DataLossError(absl::StrCat("cannot write \"", temporary, "\""));
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    std::remove(temporary.c_str());
    return absl::PermissionDeniedError(
        absl::StrCat("cannot write \"", path, "\": ", std::strerror(error)));
  }
  return absl::OkStatus();
}

}  // namespace

int RunLexiconTrain(const LexiconTrainCommand& command, const CommandIo& io) {
  if (command.source_language.empty()) return Fail(io, "--source-lang is required", kExitUsage);
  if (command.target_language.empty()) return Fail(io, "--target-lang is required", kExitUsage);
  const ParallelCorpusFiles& files = command.corpus;
  const int forms =
      !files.tmx.empty() + !files.tsv.empty() + (!files.source.empty() || !files.target.empty());
  if (forms != 1) {
    return Fail(io,
                "give the corpus as exactly one of --tmx=FILE, --tsv=FILE or --source=FILE "
                "--target=FILE",
                kExitUsage);
  }
  if (forms == 1 && files.tmx.empty() && files.tsv.empty() &&
      (files.source.empty() || files.target.empty())) {
    return Fail(io, "line-aligned files need both --source=FILE and --target=FILE", kExitUsage);
  }
  if (command.out_path.empty()) {
    return Fail(io, "--out=FILE is required (\"-\" writes to stdout)", kExitUsage);
  }
  if (absl::Status valid = command.options.Validate(); !valid.ok()) {
    return Fail(io, AsFlag(valid.message()), kExitUsage);
  }

  const absl::Time start = absl::Now();
  absl::StatusOr<std::vector<SentencePair>> corpus =
      ReadParallelCorpus(files, command.source_language, command.target_language, *io.in);
  if (!corpus.ok()) {
    // A file that cannot be read is a usage error, as for align; a malformed one is a failure.
    const bool malformed = corpus.status().code() == absl::StatusCode::kInvalidArgument;
    return Fail(io, corpus.status().message(), malformed ? kExitFailure : kExitUsage);
  }
  absl::StatusOr<IbmModel1> model =
      IbmModel1::Create(*corpus, command.source_language, command.target_language, command.options);
  if (!model.ok()) return Fail(io, model.status().message(), kExitFailure);
  for (int i = 0; i < command.options.iterations; ++i) {
    if (absl::Status status = model->Iterate(); !status.ok()) {
      return Fail(io, status.message(), kExitFailure);
    }
  }
  const Lexicon lexicon = model->ToLexicon(command.options);
  const std::string tsv = lexicon.ToTsv();
  if (command.out_path == "-") {
    *io.out << tsv;
    io.out->flush();
    if (!*io.out) return Fail(io, "cannot write the lexicon to standard output", kExitFailure);
  } else if (absl::Status written = WriteFile(command.out_path, tsv); !written.ok()) {
    return Fail(io, written.message(), kExitFailure);
  }
  *io.err << absl::StrFormat(
      "newsalign: lexicon train: %d pairs read (%d with words on both sides), %d %s words, "
      "%d %s words, %d lexicon pairs, %.2f s\n",
      corpus->size(), model->sentence_pairs(), model->source_vocabulary_size(),
      command.source_language, model->target_vocabulary_size(), command.target_language,
      lexicon.size(), absl::ToDoubleSeconds(absl::Now() - start));
  return kExitOk;
}

absl::Status AddUserLexicon(absl::string_view tsv, absl::string_view source_language,
                            absl::string_view target_language, v1::AlignOptions* options) {
  // FromTsv checks every line (and counts the distinct pairs); the entries are then the lines
  // as written, for the server to normalise with its own rules.
  absl::StatusOr<Lexicon> lexicon = Lexicon::FromTsv(tsv, source_language, target_language);
  if (!lexicon.ok()) return lexicon.status();
  bool normalised = false;
  bool seen_pair = false;
  std::vector<v1::LexiconEntry> entries;
  for (absl::string_view line : absl::StrSplit(tsv, '\n')) {
    const absl::string_view stripped = absl::StripAsciiWhitespace(line);
    if (stripped.empty()) continue;
    if (stripped.front() == '#') {
      if (!seen_pair && stripped == kNormalisedMarker) normalised = true;
      continue;
    }
    seen_pair = true;
    const std::vector<absl::string_view> fields = absl::StrSplit(stripped, '\t');
    v1::LexiconEntry entry;
    entry.set_source(std::string(absl::StripAsciiWhitespace(fields[0])));
    entry.set_target(std::string(absl::StripAsciiWhitespace(fields[1])));
    double weight = 0;
    if (fields.size() == 3 && absl::SimpleAtod(absl::StripAsciiWhitespace(fields[2]), &weight)) {
      entry.set_weight(weight);
    }
    entries.push_back(std::move(entry));
  }
  if (entries.size() > static_cast<size_t>(kMaxLexiconEntries)) {
    return absl::InvalidArgumentError(
        absl::StrCat("the lexicon has ", entries.size(), " pairs; a request carries at most ",
                     kMaxLexiconEntries,
                     " (train with a higher --min-probability or a lower "
                     "--max-translations)"));
  }
  options->set_lexicon_normalised(normalised);
  options->mutable_lexicon()->Reserve(static_cast<int>(entries.size()));
  for (v1::LexiconEntry& entry : entries) *options->add_lexicon() = std::move(entry);
  return absl::OkStatus();
}

}  // namespace newsalign::client
