#include "client/batch_command.h"

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "client/formatters.h"
#include "grpcpp/client_context.h"
#include "text/utf8.h"

namespace newsalign::client {
namespace {

namespace fs = std::filesystem;

// The longest id, in bytes: it names a file (with an extension of up to 9 bytes, under the
// usual 255-byte limit of a file name).
constexpr size_t kMaxIdBytes = 200;

// Returns OK when `id` can name an output file; INVALID_ARGUMENT saying why not.
absl::Status ValidateId(absl::string_view id) {
  if (id.empty()) return absl::InvalidArgumentError("the id is empty");
  if (id == "." || id == "..") {
    return absl::InvalidArgumentError(absl::StrCat("the id \"", id, "\" cannot name a file"));
  }
  if (id.size() > kMaxIdBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("the id has ", id.size(), " bytes; at most ", kMaxIdBytes));
  }
  for (char c : id) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if (c == '/' || byte < 0x20 || byte == 0x7f) {
      return absl::InvalidArgumentError(
          absl::StrCat("the id \"", EscapeControlCharacters(id),
                       "\" has a \"/\" or a control character; it names the pair's output file"));
    }
  }
  return ValidateUtf8(id, "the id");
}

// Returns `path` read from the folder `base` when it is relative.
std::string Resolve(const fs::path& base, absl::string_view path) {
  const fs::path p{std::string(path)};
  if (p.is_absolute()) return p.string();
  return (base / p).lexically_normal().string();
}

// Prints `message` as "newsalign: align: ..." on the error stream.
void Report(const CommandIo& io, absl::string_view message) {
  *io.err << "newsalign: align: " << message << "\n";
}

// What happened to one pair.
struct Outcome {
  // The pair was read and sent: its answer is the next one on the stream.
  bool sent = false;
  // The status when it was not sent (a file that cannot be read, invalid UTF-8, no
  // counterpart), or when the stream ended before its answer.
  absl::Status status;
};

// The pairs' outcomes as the writer thread settles them, for the reading thread to take in
// order.
class Outcomes {
 public:
  explicit Outcomes(size_t pairs) : outcomes_(pairs) {}

  void Set(size_t i, Outcome outcome) {
    std::lock_guard<std::mutex> lock(mu_);
    outcomes_[i] = std::move(outcome);
    ++settled_;
    changed_.notify_all();
  }
  // Every pair from `i` on is settled as not sent, with `status` (the stream failed).
  void SettleRest(size_t i, const absl::Status& status) {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t k = std::max(i, settled_); k < outcomes_.size(); ++k) {
      outcomes_[k] = Outcome{false, status};
    }
    settled_ = outcomes_.size();
    changed_.notify_all();
  }
  // Waits until pair `i` is settled and returns its outcome.
  Outcome Wait(size_t i) {
    std::unique_lock<std::mutex> lock(mu_);
    changed_.wait(lock, [&] { return settled_ > i; });
    return outcomes_[i];
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::vector<Outcome> outcomes_;
  // Pairs 0 .. settled_ - 1 are settled (the writer goes in order).
  size_t settled_ = 0;
};

// Returns the JSON line of one pair: {"id": ..., "status": {"code": 0, "message": ""}, then the
// fields of the single-pair JSON ("source", "target", "beads", "summary", "report")} for an
// aligned pair, only id and status for a failed one.
absl::StatusOr<std::string> JsonLine(const std::string& id, const absl::Status& status,
                                     v1::AlignResponse* response) {
  v1::AlignStreamResponse head;
  head.set_id(id);
  head.mutable_status()->set_code(static_cast<int>(status.code()));
  head.mutable_status()->set_message(std::string(status.message()));
  absl::StatusOr<std::string> line = FormatJsonLine(head);
  if (!line.ok() || response == nullptr) return line;
  // The response's own fields after id and status: its JSON without the id, which comes first
  // (field 1, printed even when empty).
  response->clear_id();
  absl::StatusOr<std::string> body = FormatJsonLine(*response);
  if (!body.ok()) return body;
  absl::string_view rest = *body;
  if (!absl::ConsumePrefix(&rest, "{\"id\":\"\"") || line->empty() || line->back() != '}') {
    return absl::InternalError("unexpected JSON layout of AlignResponse");
  }
  line->pop_back();
  absl::StrAppend(&*line, rest);
  return line;
}

// Writes `content` to `path`; DATA_LOSS naming it when that fails.
absl::Status WriteFile(const fs::path& path, absl::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) {
    return absl::DataLossError(absl::StrCat("cannot write \"", path.string(), "\""));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<BatchPair>> ParsePairList(absl::string_view content,
                                                     const std::string& list_path) {
  const fs::path base = fs::path(list_path).parent_path();
  std::vector<BatchPair> pairs;
  absl::flat_hash_map<std::string, int> id_lines;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(content, '\n')) {
    ++number;
    absl::ConsumeSuffix(&line, "\r");
    const std::string where = absl::StrCat(list_path, ":", number);
    if (absl::StripAsciiWhitespace(line).empty() || absl::StartsWith(line, "#")) continue;
    const std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    if (fields.size() != 3) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, ": expected 3 tab-separated fields (source path, target path, id), got ",
          fields.size()));
    }
    for (size_t f = 0; f < 2; ++f) {
      if (fields[f].empty()) {
        return absl::InvalidArgumentError(absl::StrCat(
            where, ": the ", f == 0 ? "source" : "target", " path is empty"));
      }
    }
    if (absl::Status valid = ValidateId(fields[2]); !valid.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": ", valid.message()));
    }
    const std::string id(fields[2]);
    if (const auto [it, inserted] = id_lines.emplace(id, number); !inserted) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": the id \"", id,
                                                     "\" is already used on line ", it->second,
                                                     "; each pair needs its own"));
    }
    BatchPair pair;
    pair.id = id;
    pair.source_path = Resolve(base, fields[0]);
    pair.target_path = Resolve(base, fields[1]);
    pair.origin = where;
    pairs.push_back(std::move(pair));
  }
  if (pairs.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(list_path, ": the list has no pair"));
  }
  return pairs;
}

absl::StatusOr<std::vector<BatchPair>> PairFolders(const std::string& source_dir,
                                                   const std::string& target_dir) {
  // The regular files of a folder, by name.
  auto files_of = [](const std::string& dir,
                     const char* flag) -> absl::StatusOr<std::vector<std::string>> {
    std::error_code error;
    if (!fs::exists(dir, error)) {
      return absl::NotFoundError(absl::StrCat(flag, ": \"", dir, "\" does not exist"));
    }
    if (!fs::is_directory(dir, error)) {
      return absl::FailedPreconditionError(
          absl::StrCat(flag, ": \"", dir, "\" is not a folder"));
    }
    std::vector<std::string> names;
    fs::directory_iterator it(dir, error);
    if (error) {
      return absl::FailedPreconditionError(
          absl::StrCat(flag, ": cannot list \"", dir, "\": ", error.message()));
    }
    for (const fs::directory_entry& entry : it) {
      const std::string name = entry.path().filename().string();
      if (absl::StartsWith(name, ".") || !entry.is_regular_file(error)) continue;
      names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
  };
  absl::StatusOr<std::vector<std::string>> sources = files_of(source_dir, "--source-dir");
  if (!sources.ok()) return sources.status();
  absl::StatusOr<std::vector<std::string>> targets = files_of(target_dir, "--target-dir");
  if (!targets.ok()) return targets.status();
  std::vector<std::string> names = *sources;
  names.insert(names.end(), targets->begin(), targets->end());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  if (names.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--source-dir \"", source_dir, "\" and --target-dir \"", target_dir, "\" hold no file"));
  }
  std::vector<BatchPair> pairs;
  for (const std::string& name : names) {
    BatchPair pair;
    pair.id = name;
    pair.source_path = (fs::path(source_dir) / name).string();
    pair.target_path = (fs::path(target_dir) / name).string();
    pair.origin = name;
    const bool in_source = std::binary_search(sources->begin(), sources->end(), name);
    const bool in_target = std::binary_search(targets->begin(), targets->end(), name);
    if (!in_source || !in_target) {
      pair.status = absl::NotFoundError(absl::StrCat(
          "no counterpart: \"", in_source ? pair.target_path : pair.source_path,
          "\" does not exist (", in_source ? "--target-dir" : "--source-dir",
          " has no file of that name)"));
    } else if (absl::Status valid = ValidateId(name); !valid.ok()) {
      pair.status = valid;
    }
    pairs.push_back(std::move(pair));
  }
  return pairs;
}

std::string OutputExtension(AlignFormat format) {
  switch (format) {
    case AlignFormat::kJson:
      return "json";
    case AlignFormat::kTsv:
      return "tsv";
    case AlignFormat::kTmx:
      return "tmx";
    case AlignFormat::kHtml:
      return "html";
    case AlignFormat::kVecalign:
      return "vecalign";
    case AlignFormat::kTable:
      return "txt";
  }
  return "txt";
}

int RunBatchAlign(const BatchCommand& command, v1::AlignmentService::StubInterface& stub,
                  const CommandIo& io) {
  auto usage = [&](absl::string_view message) {
    Report(io, message);
    return kExitUsage;
  };
  if (!command.align.source_path.empty() || !command.align.target_path.empty()) {
    return usage("--source and --target align one pair; give either them, or --batch=LIST, or "
                 "--source-dir=DIR --target-dir=DIR");
  }
  const bool folders = !command.source_dir.empty() || !command.target_dir.empty();
  if (folders && !command.list_path.empty()) {
    return usage("--batch and --source-dir/--target-dir are two ways to give the pairs; use one");
  }
  if (folders && (command.source_dir.empty() || command.target_dir.empty())) {
    return usage("--source-dir and --target-dir go together");
  }
  if (!folders && command.list_path.empty()) {
    return usage("a batch needs --batch=LIST or --source-dir=DIR --target-dir=DIR");
  }
  const std::string& format_name = command.align.format;
  absl::StatusOr<AlignFormat> format = ParseAlignFormat(format_name);
  if (!format.ok()) return usage(absl::StrCat("--format: ", format.status().message()));
  if (command.output_dir.empty() && *format != AlignFormat::kJson) {
    return usage(absl::StrCat("--format=", format_name,
                              " writes one file per pair: give --output-dir=DIR (without it, "
                              "a batch prints JSON lines)"));
  }
  absl::StatusOr<v1::AlignOptions> options = AlignOptionsOf(command.align, *format, *io.in);
  if (!options.ok()) return usage(options.status().message());

  absl::StatusOr<std::vector<BatchPair>> listed;
  if (folders) {
    listed = PairFolders(command.source_dir, command.target_dir);
  } else {
    absl::StatusOr<std::string> list =
        ReadInput(command.list_path, *io.in, command.align.max_input_bytes);
    if (!list.ok()) return usage(absl::StrCat("--batch: ", DescribeReadError(list.status())));
    listed = ParsePairList(*list, command.list_path);
  }
  if (!listed.ok()) return usage(listed.status().message());
  const std::vector<BatchPair>& pairs = *listed;

  fs::path output_dir;
  if (!command.output_dir.empty()) {
    output_dir = command.output_dir;
    std::error_code error;
    fs::create_directories(output_dir, error);
    if (error || !fs::is_directory(output_dir, error)) {
      return usage(absl::StrCat("--output-dir: cannot create the folder \"", command.output_dir,
                                "\"", error ? absl::StrCat(": ", error.message()) : ""));
    }
  }

  grpc::ClientContext context;
  if (command.align.deadline_seconds > 0) {
    context.set_deadline(
        absl::ToChronoTime(absl::Now() + absl::Seconds(command.align.deadline_seconds)));
  }
  std::unique_ptr<grpc::ClientReaderWriterInterface<v1::AlignStreamRequest,
                                                    v1::AlignStreamResponse>>
      stream = stub.AlignStream(&context);

  // The writer reads each pair's files and sends it while this thread reads the answers; the
  // server reads at most three requests ahead and gRPC's flow control holds the writer back
  // after that, so only a few pairs are held in memory at once.
  Outcomes outcomes(pairs.size());
  std::thread writer([&] {
    size_t i = 0;
    for (; i < pairs.size(); ++i) {
      const BatchPair& pair = pairs[i];
      if (!pair.status.ok()) {
        outcomes.Set(i, Outcome{false, pair.status});
        continue;
      }
      v1::AlignStreamRequest request;
      v1::AlignRequest& align = *request.mutable_request();
      align.set_id(pair.id);
      *align.mutable_options() = *options;
      absl::Status status;
      for (const bool source : {true, false}) {
        const std::string& path = source ? pair.source_path : pair.target_path;
        absl::StatusOr<std::string> content =
            ReadInput(path, *io.in, command.align.max_input_bytes);
        if (!content.ok()) {
          status = absl::Status(content.status().code(),
                                absl::StrCat(source ? "source: " : "target: ",
                                             DescribeReadError(content.status())));
          break;
        }
        status = FillDocument(*std::move(content), source ? "source" : "target",
                              source ? command.align.source_language
                                     : command.align.target_language,
                              command.align.pre_split,
                              source ? align.mutable_source() : align.mutable_target());
        if (!status.ok()) break;
      }
      if (!status.ok()) {
        outcomes.Set(i, Outcome{false, status});
        continue;
      }
      // A failed write marks the pair sent all the same: its read fails too, and the reader
      // then settles it and the rest with the stream's status.
      const bool written = stream->Write(request);
      outcomes.Set(i, Outcome{true, absl::OkStatus()});
      if (!written) break;
    }
    if (i == pairs.size()) stream->WritesDone();
  });

  int failed = 0;
  bool stream_failed = false;
  bool write_failed = false;
  const std::string extension = OutputExtension(*format);
  // A progress line is on the error stream without its newline.
  bool progress_open = false;
  auto report_failure = [&](const BatchPair& pair, const absl::Status& status) {
    ++failed;
    if (progress_open) *io.err << "\n";
    progress_open = false;
    Report(io, absl::StrCat(pair.id, " (", pair.origin, "): ",
                            absl::StatusCodeToString(status.code()), ": ", status.message()));
  };
  // Writes one pair's result; `response` is null for a failed pair.
  auto emit = [&](const BatchPair& pair, const absl::Status& status,
                  v1::AlignResponse* response) {
    if (!status.ok()) report_failure(pair, status);
    if (output_dir.empty()) {
      absl::StatusOr<std::string> line = JsonLine(pair.id, status, response);
      if (!line.ok()) {
        Report(io, line.status().message());
        write_failed = true;
        return;
      }
      *io.out << *line << "\n";
      return;
    }
    const fs::path path = output_dir / absl::StrCat(pair.id, ".", extension);
    if (response == nullptr) {
      // A result of an earlier run must not pass for this run's.
      std::error_code ignored;
      fs::remove(path, ignored);
      return;
    }
    v1::AlignRequest languages;
    languages.mutable_source()->set_language(command.align.source_language);
    languages.mutable_target()->set_language(command.align.target_language);
    absl::StatusOr<std::string> text =
        FormatAlignResponse(*format, command.align, languages, *response, io.columns);
    absl::Status written = text.ok() ? WriteFile(path, *text) : text.status();
    if (!written.ok()) {
      Report(io, absl::StrCat(pair.id, " (", pair.origin, "): ", written.message()));
      write_failed = true;
    }
  };

  const bool progress = command.progress;
  const size_t total = pairs.size();
  for (size_t i = 0; i < pairs.size(); ++i) {
    Outcome outcome = outcomes.Wait(i);
    if (!outcome.sent) {
      emit(pairs[i], outcome.status, nullptr);
    } else {
      v1::AlignStreamResponse answer;
      if (!stream->Read(&answer)) {
        // The stream ended before this pair's answer: it and every later pair fail with the
        // stream's status. The call is over, so the writer's next write fails and it stops.
        writer.join();
        grpc::Status finished = stream->Finish();
        absl::Status status(static_cast<absl::StatusCode>(finished.error_code()),
                            finished.error_message());
        if (status.ok()) status = absl::InternalError("the stream ended before every answer");
        stream_failed = true;
        outcomes.SettleRest(i, status);
        emit(pairs[i], status, nullptr);
        for (size_t k = i + 1; k < pairs.size(); ++k) {
          const Outcome rest = outcomes.Wait(k);
          emit(pairs[k], rest.sent ? status : rest.status, nullptr);
        }
        break;
      }
      const absl::Status status(static_cast<absl::StatusCode>(answer.status().code()),
                                answer.status().message());
      emit(pairs[i], status, status.ok() ? answer.mutable_response() : nullptr);
    }
    if (progress) {
      *io.err << "\rnewsalign: " << i + 1 << "/" << pairs.size() << " pairs, " << failed
              << " failed";
      io.err->flush();
      progress_open = true;
    }
  }
  if (progress_open) *io.err << "\n";
  if (!stream_failed) {
    writer.join();
    const grpc::Status finished = stream->Finish();
    if (!finished.ok()) {
      Report(io, DescribeRpcError(finished));
      stream_failed = true;
    }
  }
  io.out->flush();
  if (!*io.out) write_failed = true;
  Report(io, absl::StrCat(total - static_cast<size_t>(failed), " of ", total, " pairs aligned",
                          failed > 0 ? absl::StrCat(", ", failed, " failed") : ""));
  if (stream_failed || write_failed) return kExitFailure;
  return failed > 0 ? kExitSomePairsFailed : kExitOk;
}

}  // namespace newsalign::client
