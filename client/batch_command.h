// `newsalign align --batch=LIST.tsv` and `newsalign align --source-dir=fr/ --target-dir=ar/`:
// many document pairs over one AlignStream, in the service of a server or in this process.
//
// The pairs come from a list file (one pair a line: source path, target path, id, separated by
// tabs; relative paths are read from the list file's folder) or from two folders (files paired
// by name). Requests are written while answers are read, so the server aligns one pair while the
// client reads the next files. Results come out in input order: one file per pair in an output
// folder (`ID.json`, `ID.tsv`, ... in the chosen format), or one JSON object per line. A pair
// that fails (a file that cannot be read, invalid input, over a limit, no counterpart in the
// other folder) is reported for that pair alone; the others are aligned all the same.
//
//   BatchCommand batch;
//   batch.list_path = "pairs.tsv";
//   batch.align.format = "json";
//   return RunBatchAlign(batch, *connection.alignment, CommandIo());  // JSON lines on stdout
#ifndef NEWSALIGN_CLIENT_BATCH_COMMAND_H_
#define NEWSALIGN_CLIENT_BATCH_COMMAND_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "client/commands.h"
#include "newsalign/v1/alignment.grpc.pb.h"

namespace newsalign::client {

// Exit code of a batch in which some pairs failed (each is reported) and the others were
// aligned and written. A batch whose every pair is aligned exits kExitOk; a usage error
// (bad flag, unreadable or malformed list, missing folder) kExitUsage before anything is sent;
// a stream that fails as a whole (server unreachable, deadline) kExitFailure.
inline constexpr int kExitSomePairsFailed = 3;

// `newsalign align` in batch mode.
struct BatchCommand {
  // What to do with each pair, as for one pair: languages, --pre-split, format (json here by
  // default), alignment options, --lexicon, --max-input-bytes. Its source_path and target_path
  // must stay empty. deadline_seconds bounds the whole stream; 0 (the default here) means none.
  AlignCommand align = [] {
    AlignCommand batch;
    batch.format = "json";
    batch.deadline_seconds = 0;
    return batch;
  }();
  // The list file (--batch); "" when the pairs come from two folders.
  std::string list_path;
  // The two folders (--source-dir, --target-dir), both or neither.
  std::string source_dir;
  std::string target_dir;
  // Where each pair's result goes, as ID.EXT (--output-dir; created when missing); "" writes
  // one JSON object per pair and line on the output stream (format json only).
  std::string output_dir;
  // Print "newsalign: 12/40 pairs, 1 failed" on the error stream as pairs are answered.
  bool progress = false;
};

// One pair of a batch, as the list or the folders give it.
struct BatchPair {
  // The pair's name: its id in the request and the response, and the name of its output file.
  std::string id;
  std::string source_path;
  std::string target_path;
  // Where the pair comes from, for messages: "pairs.tsv:7", or the file name in a folder.
  std::string origin;
  // Not OK when the pair cannot be aligned before anything is read (a file with no
  // counterpart): NOT_FOUND naming the missing file.
  absl::Status status;
};

// Returns the pairs of a list file's `content` (read from `list_path`): one pair a line,
// "SOURCE<TAB>TARGET<TAB>ID"; blank lines and lines starting with "#" are skipped; relative
// paths are taken from the folder of `list_path`. INVALID_ARGUMENT naming "FILE:LINE" for a
// line without exactly three fields, an empty field, an id that cannot name a file (empty, ".",
// "..", with "/", a control character or invalid UTF-8, more than 200 bytes) or an id already
// used on an earlier line; and for a list without any pair.
absl::StatusOr<std::vector<BatchPair>> ParsePairList(absl::string_view content,
                                                     const std::string& list_path);

// Returns the pairs of two folders: every regular file of either folder (names starting with "."
// left out), by name in byte order, paired with the file of the same name in the other folder;
// the id is the file name. A file without a counterpart is a pair of its own whose `status` is
// NOT_FOUND naming the missing file: reported and counted as failed, never silently left out.
// NOT_FOUND or FAILED_PRECONDITION when a folder is missing or not a folder; INVALID_ARGUMENT
// when both are empty.
absl::StatusOr<std::vector<BatchPair>> PairFolders(const std::string& source_dir,
                                                   const std::string& target_dir);

// Returns the file name extension of a format's output: "json", "tsv", "tmx", "html",
// "vecalign" or "txt" (table).
std::string OutputExtension(AlignFormat format);

// Runs the batch: kExitOk when every pair is aligned and written, kExitSomePairsFailed when some
// failed (each on the error stream as `newsalign: align: ID (ORIGIN): CODE: message`, and as its
// JSON line's `status`), kExitFailure when the stream fails as a whole (the pairs not answered
// are reported with its code) or a result cannot be written, kExitUsage for bad options, list or
// folders (nothing sent).
int RunBatchAlign(const BatchCommand& command, v1::AlignmentService::StubInterface& stub,
                  const CommandIo& io);

}  // namespace newsalign::client

#endif  // NEWSALIGN_CLIENT_BATCH_COMMAND_H_
