// newsalign: align a translated news article with its source, split text into sentences, or
// check a server's health, or train a lexicon from a parallel corpus. Without --server, align and
// segment run the service in this process.
//
//   newsalign align --source=fr.txt --target=ar.txt
//   newsalign align --source=fr.txt --target=ar.txt --server=127.0.0.1:50051 --format=tsv
//   newsalign segment --lang=ar ar.txt
//   newsalign health --server=127.0.0.1:50051
//   newsalign lexicon train --tmx=memory.tmx --out=fr-ar.tsv
//   newsalign align --source=fr.txt --target=ar.txt --lexicon=fr-ar.tsv
//
//   newsalign align --batch=pairs.tsv --output-dir=out/ --format=tsv
//   newsalign align --source-dir=fr/ --target-dir=ar/ > pairs.jsonl
//
// Flags may be spelt with dashes or underscores (--source-lang, --source_lang). Exit codes:
// 0 success, 1 the call failed (or not SERVING), 2 a usage error, 3 a batch in which some pairs
// failed.
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/flags/commandlineflag.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "client/batch_command.h"
#include "client/commands.h"
#include "client/lexicon_command.h"
#include "grpcpp/grpcpp.h"
#include "server/alignment_server.h"
#include "server/security.h"

ABSL_FLAG(std::string, source, "", "align: the source document (\"-\" reads stdin)");
ABSL_FLAG(std::string, target, "", "align: the translated document (\"-\" reads stdin)");
ABSL_FLAG(std::string, source_lang, "fr", "align: BCP 47 language tag of --source");
ABSL_FLAG(std::string, target_lang, "ar", "align: BCP 47 language tag of --target");
ABSL_FLAG(bool, pre_split, false, "align: the files hold one sentence per line");
ABSL_FLAG(int32_t, max_bead_sentences, 0,
          "align: most sentences on one side of a bead, 1 to 5 (0: the server's default, 5)");
ABSL_FLAG(bool, no_second_pass, false, "align: skip the second, lexicon-informed pass");
ABSL_FLAG(std::vector<std::string>, disable_anchors, {},
          "align: anchor kinds to leave out: number,date,name,token,punctuation,lexicon");
ABSL_FLAG(double, low_confidence, 0,
          "align: pairs below this confidence get a low_confidence finding, 0 to 1 (0: the "
          "server's default, 0.5)");
ABSL_FLAG(double, min_confidence, 0.5,
          "align --format=tmx: pairs below this confidence stay out of the memory, 0 to 1");
ABSL_FLAG(std::string, batch, "",
          "align: a list of pairs, one a line: SOURCE<TAB>TARGET<TAB>ID (relative paths from the "
          "list's folder; # comments and blank lines allowed)");
ABSL_FLAG(std::string, source_dir, "",
          "align: a folder of source files, paired by name with those of --target-dir");
ABSL_FLAG(std::string, target_dir, "", "align: the folder of translations, see --source-dir");
ABSL_FLAG(std::string, output_dir, "",
          "align --batch/--source-dir: write each pair's result to DIR/ID.EXT in --format "
          "(without it: one JSON object per pair and line on stdout)");
ABSL_FLAG(bool, progress, false,
          "align --batch/--source-dir: show pairs done on stderr (default: when stderr is a "
          "terminal)");
ABSL_FLAG(std::string, lang, "", "segment: BCP 47 language tag of FILE");
ABSL_FLAG(std::string, format, "",
          "align: table (default), tsv, json, vecalign, html or tmx; segment: text (default) or "
          "json");
ABSL_FLAG(std::string, server, "",
          "HOST:PORT of a newsalign-server; empty runs the service in this process");
ABSL_FLAG(double, deadline, 60,
          "seconds the call may take, a finite number above 0 (default 60, health 5)");
ABSL_FLAG(std::string, service, "", "health: the service to ask about (\"\": the server)");
ABSL_FLAG(std::string, lexicon, "",
          "align: a TSV of your own word pairs (source<TAB>target[<TAB>weight]), sent with the "
          "request and merged with the built-in lexicon");
ABSL_FLAG(int64_t, max_input_bytes, static_cast<int64_t>(newsalign::client::kDefaultMaxInputBytes),
          "align, segment: largest file read for --source, --target, --lexicon or FILE, in bytes "
          "(at most 2147483647, gRPC's largest message); a larger file or an endless stream is "
          "refused after reading this many bytes plus one");
ABSL_FLAG(bool, tls, false,
          "connect to --server over TLS (implied by --tls_ca, --tls_cert, --tls_server_name)");
ABSL_FLAG(std::string, tls_ca, "",
          "PEM file of the CA that signed the server's certificate (default: the system's roots)");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM file of this client's certificate, for servers that require mutual TLS");
ABSL_FLAG(std::string, tls_key, "", "PEM file of the private key of --tls_cert");
ABSL_FLAG(std::string, tls_server_name, "",
          "the name the server's certificate must carry, when it is not the host of --server");
ABSL_FLAG(std::string, auth_token_file, "",
          "file holding the server's bearer token (one line), sent as \"authorization: Bearer "
          "<token>\"");
ABSL_FLAG(std::string, tmx, "", "lexicon train: the corpus as a TMX translation memory");
ABSL_FLAG(std::string, tsv, "", "lexicon train: the corpus as source<TAB>target lines");
ABSL_FLAG(std::string, out, "", "lexicon train: where the lexicon TSV goes (\"-\": stdout)");
ABSL_FLAG(int32_t, iterations, 5, "lexicon train: EM iterations, 1 to 1000");
ABSL_FLAG(double, min_probability, 0.05,
          "lexicon train: smallest translation probability kept, in (0, 1]");
ABSL_FLAG(int32_t, max_translations, 5, "lexicon train: most translations kept per word");
ABSL_FLAG(int32_t, min_count, 2,
          "lexicon train: word pairs seen together in fewer sentence pairs are dropped");
ABSL_FLAG(double, max_word_share, 0.05,
          "lexicon train: words in more than this share of the sentence pairs (function words) "
          "are left out; 1 keeps every word");
ABSL_FLAG(int64_t, max_cooccurrences, 50'000'000,
          "lexicon train: most word co-occurrences counted (memory: about 4-44 bytes each)");

namespace {

using newsalign::client::kExitFailure;
using newsalign::client::kExitOk;
using newsalign::client::kExitUsage;

constexpr char kUsage[] = R"(usage: newsalign COMMAND [FLAGS]

Aligns a translated news article with its source, sentence by sentence.

commands:
  align --source=FILE --target=FILE [--source-lang=fr] [--target-lang=ar] [--pre-split]
        [--format=table|tsv|json|vecalign|html|tmx] [--server=HOST:PORT] [--deadline=SECONDS]
        [--max-bead-sentences=N] [--no-second-pass] [--disable-anchors=number,name,...]
        [--lexicon=FILE] [--low-confidence=0.5] [--min-confidence=0.5]
        [--max-input-bytes=268435456]
      Aligns FILE pairs. --pre-split: one sentence per line. FILE "-" reads stdin.
      Every format but vecalign carries the QA findings (numbers, omissions, ...); pairs below
      --low-confidence are flagged. tmx: a TMX 1.4b memory of pairs at --min-confidence or more.
      --lexicon: your own word pairs, "source<TAB>target[<TAB>weight]" lines.
      --max-input-bytes: largest file read (default 256 MiB, at most 2147483647).
  align (--batch=LIST.tsv | --source-dir=DIR --target-dir=DIR) [--output-dir=DIR]
        [--progress] [the options of align above]
      Aligns many pairs over one stream, in input order. LIST: SOURCE<TAB>TARGET<TAB>ID lines
      (relative paths from LIST's folder; # comments). DIRs: files paired by name, the name is
      the id; a file without a counterpart fails as a pair. --output-dir: DIR/ID.EXT per pair
      in --format; without it one JSON object per pair and line (--format=json, the default),
      with "id" and "status". --deadline bounds the whole batch (default: none).
      Exit codes: 0 all pairs aligned, 3 some failed (each on stderr), 1 the stream failed,
      2 usage error (bad flag, list line, folder: nothing sent).
  segment --lang=LANG FILE [--server=HOST:PORT] [--format=text|json] [--deadline=SECONDS]
        [--max-input-bytes=268435456]
      Splits FILE into sentences, one per line.
  health --server=HOST:PORT [--service=NAME] [--deadline=SECONDS]
      Prints the server's serving status; exits 0 only when SERVING.
  --version
      Prints the version, the API and the gRPC version it was built with.
  lexicon train (--tmx=FILE | --tsv=FILE | --source=FILE --target=FILE) --out=FILE
        [--source-lang=fr] [--target-lang=ar] [--iterations=5] [--min-probability=0.05]
        [--max-translations=5] [--min-count=2] [--max-word-share=0.05] [--max-cooccurrences=N]
      Learns word translation probabilities (IBM Model 1) from a parallel corpus you own (a TMX
      translation memory, source<TAB>target lines, or two line-aligned files) and writes them
      as a lexicon for align --lexicon. --out=- writes to stdout. Runs locally.

align, segment and health also take [--tls] [--tls-ca=FILE] [--tls-cert=FILE --tls-key=FILE]
[--tls-server-name=NAME] [--auth-token-file=FILE] to reach a server over TLS (mutual TLS with a
client certificate) and with a bearer token.

Without --server, align and segment run the service in this process.
Flags take dashes or underscores. Exit codes: 0 ok, 1 the call failed, 2 usage error,
3 a batch in which some pairs failed.
)";

// The flags each command accepts (underscore spelling).
const absl::flat_hash_set<std::string>& FlagsOf(absl::string_view command) {
  static const auto* const kAlign = new absl::flat_hash_set<std::string>{
      "source", "target",   "source_lang",        "target_lang",    "pre_split",      "format",
      "server", "deadline", "max_bead_sentences", "no_second_pass", "disable_anchors",
      "lexicon", "low_confidence", "min_confidence", "max_input_bytes", "batch", "source_dir",
      "target_dir", "output_dir", "progress",
      "tls", "tls_ca", "tls_cert", "tls_key", "tls_server_name", "auth_token_file"};
  static const auto* const kSegment =
      new absl::flat_hash_set<std::string>{
      "lang", "format", "server", "deadline", "max_input_bytes", "tls", "tls_ca", "tls_cert",
      "tls_key", "tls_server_name", "auth_token_file"};
  static const auto* const kHealth =
      new absl::flat_hash_set<std::string>{"server",   "service",         "deadline",
                                           "tls",      "tls_ca",          "tls_cert",
                                           "tls_key",  "tls_server_name", "auth_token_file"};
  static const auto* const kLexicon = new absl::flat_hash_set<std::string>{
      "source",          "target",           "source_lang", "target_lang",
      "tmx",             "tsv",              "out",         "iterations",
      "min_probability", "max_translations", "min_count",   "max_word_share",
      "max_cooccurrences"};
  if (command == "align") return *kAlign;
  if (command == "lexicon") return *kLexicon;
  if (command == "segment") return *kSegment;
  return *kHealth;
}

// Checks the flags of `command` in `args` and rewrites their names to the underscore
// spelling, so that absl::ParseCommandLine() (which exits 1 on any error) never fails: an
// unknown flag or a bad value is a usage error here, exit 2. Returns false (after printing
// why) when the command line is wrong.
bool CheckFlags(absl::string_view command, std::vector<std::string>& args,
                absl::flat_hash_set<std::string>& given) {
  const absl::flat_hash_set<std::string>& allowed = FlagsOf(command);
  for (size_t i = 0; i < args.size(); ++i) {
    std::string& arg = args[i];
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-') continue;  // a positional argument, or "-" (stdin)
    absl::string_view body = arg;
    body.remove_prefix(absl::StartsWith(body, "--") ? 2 : 1);
    const size_t equals = body.find('=');
    std::string name = absl::StrReplaceAll(body.substr(0, equals), {{"-", "_"}});
    const bool has_value = equals != absl::string_view::npos;
    const std::string value(has_value ? body.substr(equals + 1) : "");

    std::string flag_name = name;
    bool negated = false;
    if (!allowed.contains(flag_name) && absl::StartsWith(name, "no") &&
        allowed.contains(name.substr(2))) {
      flag_name = name.substr(2);
      negated = true;
    }
    absl::CommandLineFlag* flag =
        allowed.contains(flag_name) ? absl::FindCommandLineFlag(flag_name) : nullptr;
    if (flag == nullptr || (negated && !flag->IsOfType<bool>())) {
      std::cerr << "newsalign: " << command << ": unknown flag --" << body.substr(0, equals)
                << " (see newsalign --help)\n";
      return false;
    }
    arg = absl::StrCat("--", name, has_value ? "=" : "", value);
    given.insert(flag_name);
    if (negated && has_value) {
      std::cerr << "newsalign: " << command << ": --" << name << " takes no value\n";
      return false;
    }
    std::string candidate = value;
    if (!has_value && !flag->IsOfType<bool>()) {
      if (i + 1 >= args.size()) {
        std::cerr << "newsalign: " << command << ": --" << name << " needs a value\n";
        return false;
      }
      candidate = args[++i];
    }
    if (has_value || !flag->IsOfType<bool>()) {
      std::string error;
      if (!flag->ParseFrom(candidate, &error)) {
        std::cerr << "newsalign: " << command << ": bad value for --" << name << ": " << error
                  << "\n";
        return false;
      }
    }
  }
  return true;
}

// Returns the terminal width: $COLUMNS, else the terminal's own, else 100.
int TerminalColumns() {
  int columns = 0;
  const char* env = std::getenv("COLUMNS");
  if (env != nullptr && absl::SimpleAtoi(env, &columns) && columns > 0) return columns;
  winsize size{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  return 100;
}

// Returns --deadline when it was given (checked in main), else `fallback`.
double Deadline(const absl::flat_hash_set<std::string>& given, double fallback) {
  return given.contains("deadline") ? absl::GetFlag(FLAGS_deadline) : fallback;
}

// Fills `*options` from the TLS and token flags, reading their files; false (after saying
// why) when a file cannot be read.
bool ConnectFlags(newsalign::client::ConnectOptions* options) {
  options->tls = absl::GetFlag(FLAGS_tls);
  options->tls_server_name = absl::GetFlag(FLAGS_tls_server_name);
  struct PemFlag {
    const char* flag;
    std::string path;
    std::string* pem;
  };
  for (const PemFlag& pem :
       {PemFlag{"--tls_ca", absl::GetFlag(FLAGS_tls_ca), &options->tls_ca_pem},
        PemFlag{"--tls_cert", absl::GetFlag(FLAGS_tls_cert), &options->tls_cert_pem},
        PemFlag{"--tls_key", absl::GetFlag(FLAGS_tls_key), &options->tls_key_pem}}) {
    if (pem.path.empty()) continue;
    absl::StatusOr<std::string> content = newsalign::ReadPemFile(pem.path, pem.flag);
    if (!content.ok()) {
      std::cerr << "newsalign: " << content.status().message() << "\n";
      return false;
    }
    *pem.pem = *std::move(content);
  }
  if (const std::string path = absl::GetFlag(FLAGS_auth_token_file); !path.empty()) {
    absl::StatusOr<std::string> token = newsalign::ReadTokenFile(path, "--auth_token_file");
    if (!token.ok()) {
      std::cerr << "newsalign: " << token.status().message() << "\n";
      return false;
    }
    options->auth_token = *std::move(token);
  }
  return true;
}

// Sets `*bytes` from --max_input_bytes; false (after saying why) when it is out of range.
bool MaxInputBytes(size_t* bytes) {
  const int64_t flag = absl::GetFlag(FLAGS_max_input_bytes);
  if (flag < 1 || flag > static_cast<int64_t>(newsalign::client::kMaxInputBytesCeiling)) {
    std::cerr << "newsalign: --max-input-bytes must be between 1 and "
              << newsalign::client::kMaxInputBytesCeiling << ", got " << flag << "\n";
    return false;
  }
  *bytes = static_cast<size_t>(flag);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  newsalign::SkipMutexDeadlockDetection();
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string command = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  for (const std::string& arg : args) {
    if (arg == "--") break;
    if (arg == "--help" || arg == "-h" || arg == "-help" || arg == "--helpfull") {
      std::cout << kUsage;
      return kExitOk;
    }
  }
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (command == "--version" || command == "version") {
    std::cout << "newsalign " << NEWSALIGN_VERSION << " (API newsalign.v1, gRPC "
              << grpc::Version() << ", " << NEWSALIGN_BUILD_TYPE << " build)\n";
    return kExitOk;
  }
  if (command != "align" && command != "segment" && command != "health" &&
      command != "lexicon") {
    std::cerr << "newsalign: unknown command \"" << command
              << "\" (expected align, segment, health or lexicon)\n\n"
              << kUsage;
    return kExitUsage;
  }
  absl::flat_hash_set<std::string> given;
  if (!CheckFlags(command, args, given)) return kExitUsage;

  std::vector<char*> parse_argv = {argv[0]};
  for (std::string& arg : args) parse_argv.push_back(arg.data());
  const std::vector<char*> positional =
      absl::ParseCommandLine(static_cast<int>(parse_argv.size()), parse_argv.data());

  newsalign::client::CommandIo io;
  io.columns = TerminalColumns();
  const std::string server = absl::GetFlag(FLAGS_server);
  const std::string format = absl::GetFlag(FLAGS_format);
  if (given.contains("deadline")) {
    if (absl::Status valid = newsalign::client::ValidateDeadlineFlag(absl::GetFlag(FLAGS_deadline));
        !valid.ok()) {
      std::cerr << "newsalign: " << command << ": " << valid.message() << "\n";
      return kExitUsage;
    }
  }
  if (!server.empty()) {
    if (absl::Status valid = newsalign::client::ValidateServerFlag(server); !valid.ok()) {
      std::cerr << "newsalign: " << command << ": " << valid.message() << "\n";
      return kExitUsage;
    }
  }

  if (command == "health") {
    if (positional.size() > 1) {
      std::cerr << "newsalign: health: unexpected argument \"" << positional[1] << "\"\n";
      return kExitUsage;
    }
    if (server.empty()) {
      std::cerr << "newsalign: health: --server=HOST:PORT is required\n";
      return kExitUsage;
    }
  }
  if (command == "lexicon") {
    if (positional.size() != 2 || absl::string_view(positional[1]) != "train") {
      std::cerr << "newsalign: lexicon: expected \"lexicon train\" (see newsalign --help)\n";
      return kExitUsage;
    }
    newsalign::client::LexiconTrainCommand train;
    train.source_language = absl::GetFlag(FLAGS_source_lang);
    train.target_language = absl::GetFlag(FLAGS_target_lang);
    train.corpus.tmx = absl::GetFlag(FLAGS_tmx);
    train.corpus.tsv = absl::GetFlag(FLAGS_tsv);
    train.corpus.source = absl::GetFlag(FLAGS_source);
    train.corpus.target = absl::GetFlag(FLAGS_target);
    train.out_path = absl::GetFlag(FLAGS_out);
    train.options.iterations = absl::GetFlag(FLAGS_iterations);
    train.options.min_probability = absl::GetFlag(FLAGS_min_probability);
    train.options.max_translations = absl::GetFlag(FLAGS_max_translations);
    train.options.min_count = absl::GetFlag(FLAGS_min_count);
    train.options.max_cooccurrences = absl::GetFlag(FLAGS_max_cooccurrences);
    train.options.max_word_share = absl::GetFlag(FLAGS_max_word_share);
    return newsalign::client::RunLexiconTrain(train, io);
  }
  newsalign::client::ConnectOptions connect_options;
  if (!ConnectFlags(&connect_options)) return kExitUsage;
  // In this process, only the lexicons the command can use: align's language pair; segment
  // and health need none.
  connect_options.lexicon_languages =
      command == "align" ? std::make_pair(absl::GetFlag(FLAGS_source_lang),
                                          absl::GetFlag(FLAGS_target_lang))
                         : std::make_pair(std::string(), std::string());
  // One pair in this process calls the service directly: no gRPC server to start and stop.
  const bool batch = given.contains("batch") || given.contains("source_dir") ||
                     given.contains("target_dir") || given.contains("output_dir") ||
                     given.contains("progress");
  connect_options.service_only = command == "align" && !batch;
  absl::StatusOr<newsalign::client::Connection> connection =
      newsalign::client::Connect(server, connect_options);
  if (connection.status().code() == absl::StatusCode::kInvalidArgument) {
    std::cerr << "newsalign: " << command << ": " << connection.status().message() << "\n";
    return kExitUsage;
  }
  if (!connection.ok()) {
    std::cerr << "newsalign: cannot start the in-process service: " << connection.status().message()
              << "\n";
    return kExitFailure;
  }

  if (command == "align") {
    if (positional.size() > 1) {
      std::cerr << "newsalign: align: unexpected argument \"" << positional[1]
                << "\" (use --source=FILE --target=FILE)\n";
      return kExitUsage;
    }
    newsalign::client::AlignCommand align;
    align.source_path = absl::GetFlag(FLAGS_source);
    align.target_path = absl::GetFlag(FLAGS_target);
    align.source_language = absl::GetFlag(FLAGS_source_lang);
    align.target_language = absl::GetFlag(FLAGS_target_lang);
    align.pre_split = absl::GetFlag(FLAGS_pre_split);
    if (!format.empty()) align.format = format;
    align.deadline_seconds = Deadline(given, batch ? 0 : 60);
    align.max_bead_sentences = absl::GetFlag(FLAGS_max_bead_sentences);
    align.second_pass = !absl::GetFlag(FLAGS_no_second_pass);
    align.disabled_anchors = absl::GetFlag(FLAGS_disable_anchors);
    align.lexicon_path = absl::GetFlag(FLAGS_lexicon);
    align.low_confidence = absl::GetFlag(FLAGS_low_confidence);
    align.min_confidence = absl::GetFlag(FLAGS_min_confidence);
    if (!MaxInputBytes(&align.max_input_bytes)) return kExitUsage;
    if (batch) {
      newsalign::client::BatchCommand run;
      if (format.empty()) align.format = run.align.format;
      run.align = std::move(align);
      run.list_path = absl::GetFlag(FLAGS_batch);
      run.source_dir = absl::GetFlag(FLAGS_source_dir);
      run.target_dir = absl::GetFlag(FLAGS_target_dir);
      run.output_dir = absl::GetFlag(FLAGS_output_dir);
      run.progress =
          given.contains("progress") ? absl::GetFlag(FLAGS_progress) : isatty(STDERR_FILENO) != 0;
      return newsalign::client::RunBatchAlign(run, *connection->alignment, io);
    }
    if (connection->local_service != nullptr) {
      return newsalign::client::RunAlign(align, *connection->local_service, io);
    }
    return newsalign::client::RunAlign(align, *connection->alignment, io);
  }
  if (command == "segment") {
    if (positional.size() != 2) {
      std::cerr << "newsalign: segment: expected exactly one FILE, got " << positional.size() - 1
                << "\n";
      return kExitUsage;
    }
    newsalign::client::SegmentCommand segment;
    segment.path = positional[1];
    segment.language = absl::GetFlag(FLAGS_lang);
    if (!format.empty()) segment.format = format;
    segment.deadline_seconds = Deadline(given, 60);
    if (!MaxInputBytes(&segment.max_input_bytes)) return kExitUsage;
    return newsalign::client::RunSegment(segment, *connection->alignment, io);
  }
  newsalign::client::HealthCommand health;
  health.service = absl::GetFlag(FLAGS_service);
  health.deadline_seconds = Deadline(given, 5);
  return newsalign::client::RunHealth(health, *connection->health, io);
}
