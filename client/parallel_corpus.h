// Reads a parallel corpus (sentences and their translations) for `newsalign lexicon train`, in
// the three forms translation teams keep them:
//  - TMX 1.4 translation memories: <tu><tuv xml:lang="fr"><seg>…</seg></tuv>…</tu>, the two
//    languages picked by their primary subtag ("fr" takes "fr-FR"), other languages ignored,
//    inline markup (<ph>, <bpt>, <ept>, <it>, <ut>) dropped with its content, <hi> kept;
//  - TSV: "source<TAB>target" on each line;
//  - two line-aligned files: line n of one translates line n of the other.
// Every error is INVALID_ARGUMENT naming the file and line ("memory.tmx:12: ..."), including
// text that is not UTF-8 (TMX: not in its declared encoding).
//
//   ParallelCorpusFiles files;
//   files.tmx = "memory.tmx";
//   ASSIGN_OR_RETURN(std::vector<SentencePair> corpus, ReadParallelCorpus(files, "fr", "ar"));
#ifndef NEWSALIGN_CLIENT_PARALLEL_CORPUS_H_
#define NEWSALIGN_CLIENT_PARALLEL_CORPUS_H_

#include <iostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lexicon/ibm_model1.h"

namespace newsalign::client {

// Returns the pairs of the TMX document `xml` whose translation unit has a segment in
// `source_language` and one in `target_language` (primary subtags compared, case-insensitively;
// the first such segment of each language; units lacking either are skipped). Read with
// libxml2's streaming reader: any encoding the document declares or libxml2 detects (UTF-8,
// UTF-16 LE or BE with or without a byte order mark, windows-1256, ...); the predefined
// entities and character references decoded, CDATA kept as it is, line breaks in a segment
// become spaces. Nothing outside `xml` is ever read: no DTD, no external entity, no network.
// A reference in text to any entity a DTD declares is an error (so neither XXE nor nested
// entities get in); in an attribute, where XML expands internal entities, libxml2's own
// amplification check stops nested ones. `file` names the document in errors: INVALID_ARGUMENT "file:line: ..." with
// libxml2's message for malformed XML ("t.tmx:3: Opening and ending tag mismatch: seg line 3
// and tuv"), text not in its encoding, a <tuv> without a language, or when no unit has both
// languages (the message lists the languages seen). libxml2's limits apply (no element deeper
// than 256, no text node over 10 MB). Thread-safe; the first call sets libxml2 up for the
// process (xmlInitParser, and an external entity loader that refuses everything).
absl::StatusOr<std::vector<SentencePair>> ParseTmx(absl::string_view xml,
                                                   absl::string_view source_language,
                                                   absl::string_view target_language,
                                                   absl::string_view file);

// Returns the pairs of "source<TAB>target" lines (blank lines skipped, "\r\n" accepted).
// INVALID_ARGUMENT "file:line: ..." for a line without exactly two fields, with an empty
// field, or with invalid UTF-8.
absl::StatusOr<std::vector<SentencePair>> ParseParallelTsv(absl::string_view tsv,
                                                           absl::string_view file);

// Returns line n of `source` paired with line n of `target` (lines as SplitLines(); pairs
// whose two lines are blank are skipped). INVALID_ARGUMENT naming both files and both counts
// when they differ in lines, or "file:line: ..." for invalid UTF-8.
absl::StatusOr<std::vector<SentencePair>> ZipLineAligned(absl::string_view source,
                                                         absl::string_view source_file,
                                                         absl::string_view target,
                                                         absl::string_view target_file);

// Where the corpus is: exactly one of `tmx`, `tsv`, or `source` with `target`. "-" reads the
// CommandIo's input (for one file at most).
struct ParallelCorpusFiles {
  std::string tmx;
  std::string tsv;
  std::string source;
  std::string target;
};

// Reads the corpus `files` name with the parser of its form. INVALID_ARGUMENT when not exactly
// one form is given (or only one of source and target); NOT_FOUND (or another code) naming the
// file when it cannot be read; the parser's errors otherwise.
absl::StatusOr<std::vector<SentencePair>> ReadParallelCorpus(const ParallelCorpusFiles& files,
                                                             absl::string_view source_language,
                                                             absl::string_view target_language,
                                                             std::istream& in);

}  // namespace newsalign::client

#endif  // NEWSALIGN_CLIENT_PARALLEL_CORPUS_H_
