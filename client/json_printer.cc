#include "client/json_printer.h"

#include <algorithm>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/type_resolver.h"
#include "google/protobuf/util/type_resolver_util.h"
#include "newsalign/v1/alignment.pb.h"

namespace newsalign::client {
namespace {

// The index one past the JSON string that starts at text[at] ('"').
size_t SkipString(absl::string_view text, size_t at) {
  for (size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return text.size();
}

// The index one past the array or object that opens at text[at].
size_t SkipContainer(absl::string_view text, size_t at) {
  int depth = 0;
  for (size_t i = at; i < text.size();) {
    const char c = text[i];
    if (c == '"') {
      i = SkipString(text, i);
      continue;
    }
    if (c == '[' || c == '{') ++depth;
    if ((c == ']' || c == '}') && --depth == 0) return i + 1;
    ++i;
  }
  return text.size();
}

// Where, in JSON printed by protobuf, the array is that is the value of `path` (keys from the
// outer object): [its '[', one past its ']'), or {npos, npos}.
std::pair<size_t, size_t> FindArray(absl::string_view json,
                                    const std::vector<absl::string_view>& path) {
  struct Level {
    bool object;
    absl::string_view key;
  };
  std::vector<Level> levels;
  bool expect_key = false;
  for (size_t i = 0; i < json.size();) {
    const char c = json[i];
    if (c == '"') {
      const size_t end = SkipString(json, i);
      if (expect_key && !levels.empty() && levels.back().object) {
        levels.back().key = json.substr(i + 1, end - i - 2);
        expect_key = false;
      }
      i = end;
      continue;
    }
    if (c == '[' && levels.size() == path.size()) {
      bool here = true;
      for (size_t k = 0; k < path.size() && here; ++k) {
        here = levels[k].object && levels[k].key == path[k];
      }
      if (here) return {i, SkipContainer(json, i)};
    }
    if (c == '{' || c == '[') {
      levels.push_back({c == '{', {}});
      expect_key = c == '{';
    } else if (c == '}' || c == ']') {
      if (!levels.empty()) levels.pop_back();
    } else if (c == ',') {
      expect_key = !levels.empty() && levels.back().object;
    }
    ++i;
  }
  return {absl::string_view::npos, absl::string_view::npos};
}

// Whether AlignResponse and SegmentedDocument have the fields PrintJson copies one by one (a
// field added to either must be copied there too; until then the whole response is copied).
bool AlignResponseHasKnownFields() {
  return v1::AlignResponse::descriptor()->field_count() == 6 &&
         v1::SegmentedDocument::descriptor()->field_count() == 2;
}

}  // namespace

absl::StatusOr<std::string> PrintJsonWhole(const google::protobuf::Message& message,
                                           bool whitespace) {
  // Map entries in key order: protobuf's printer keeps the order of the serialised message,
  // and a map serialises in its hash order, which changes from run to run (the seed is
  // random), so the message is serialised deterministically (keys sorted) and printed from
  // those bytes.
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = whitespace;
  options.always_print_primitive_fields = true;
  options.preserve_proto_field_names = true;
  std::string binary;
  {
    google::protobuf::io::StringOutputStream bytes(&binary);
    google::protobuf::io::CodedOutputStream coded(&bytes);
    coded.SetSerializationDeterministic(true);
    if (!message.SerializeToCodedStream(&coded)) {
      return absl::InternalError("cannot print JSON: the message does not serialise");
    }
  }
  static google::protobuf::util::TypeResolver* const resolver =
      google::protobuf::util::NewTypeResolverForDescriptorPool(
          "type.googleapis.com", google::protobuf::DescriptorPool::generated_pool());
  std::string json;
  const google::protobuf::util::Status status = google::protobuf::util::BinaryToJsonString(
      resolver, absl::StrCat("type.googleapis.com/", message.GetDescriptor()->full_name()),
      binary, &json, options);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("cannot print JSON: ", status.ToString()));
  }
  return json;
}

namespace {

// Prints the elements of `all` (a list that `field` reaches in an AlignResponse, at `path` in its
// JSON) `chunk` at a time, each chunk copied into a response holding only them: printed at the
// same depth as in the whole response, so with the same indentation. Returns the list's JSON
// array, as the whole response would print it.
template <typename T, typename Field>
absl::StatusOr<std::string> PrintList(const google::protobuf::RepeatedPtrField<T>& all,
                                      Field field, const std::vector<absl::string_view>& path,
                                      bool whitespace, int chunk) {
  // Each chunk's array body (what lies between "[" and "]"), printed on up to four threads:
  // the chunks are independent, and the output is assembled in their order.
  const int chunks = (all.size() + chunk - 1) / chunk;
  std::vector<absl::StatusOr<std::string>> bodies(chunks, std::string());
  auto print_chunk = [&](int c) -> absl::StatusOr<std::string> {
    const int begin = c * chunk;
    const int end = std::min(all.size(), begin + chunk);
    v1::AlignResponse part;
    google::protobuf::RepeatedPtrField<T>* elements = field(&part);
    elements->Reserve(end - begin);
    for (int k = begin; k < end; ++k) *elements->Add() = all.Get(k);
    absl::StatusOr<std::string> printed = PrintJsonWhole(part, whitespace);
    if (!printed.ok()) return printed.status();
    const auto [open, close] = FindArray(*printed, path);
    if (open == absl::string_view::npos || close - open < 2) {
      return absl::InternalError("cannot print JSON: a chunk of a list was not found");
    }
    return printed->substr(open + 1, close - open - 2);
  };
  const int threads =
      std::min({chunks, 4, std::max(1, static_cast<int>(std::thread::hardware_concurrency()))});
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int c = t; c < chunks; c += threads) bodies[c] = print_chunk(c);
    });
  }
  for (int c = 0; c < chunks; c += threads) bodies[c] = print_chunk(c);
  for (std::thread& worker : workers) worker.join();
  // A chunk's body is its elements followed by the newline and indentation before "]" (nothing
  // on one line): the elements of every chunk joined with ",", then the last one's closing.
  std::string array = "[";
  absl::string_view closing;
  for (int c = 0; c < chunks; ++c) {
    if (!bodies[c].ok()) return bodies[c].status();
    const absl::string_view body = *bodies[c];
    const size_t content_end = body.find_last_not_of(" \n");
    const size_t kept = content_end == absl::string_view::npos ? 0 : content_end + 1;
    if (c > 0) array += ",";
    array.append(body.data(), kept);
    closing = body.substr(kept);
  }
  return absl::StrCat(array, closing, "]");
}

}  // namespace

absl::StatusOr<std::string> PrintJson(const google::protobuf::Message& message, bool whitespace,
                                      int chunk) {
  const auto* response = dynamic_cast<const v1::AlignResponse*>(&message);
  chunk = std::max(chunk, 1);
  if (response == nullptr ||
      std::max({response->source().sentences_size(), response->target().sentences_size(),
                response->beads_size()}) <= chunk) {
    return PrintJsonWhole(message, whitespace);
  }
  // The response without its long lists, printed: each list's place is an empty array. Lists
  // with no element are printed as they are.
  v1::AlignResponse rest;
  if (AlignResponseHasKnownFields()) {
    // Every field but the lists copied one by one: a copy of the lists would double the memory.
    rest.set_id(response->id());
    if (response->has_source()) rest.mutable_source()->set_language(response->source().language());
    if (response->has_target()) rest.mutable_target()->set_language(response->target().language());
    if (response->has_summary()) *rest.mutable_summary() = response->summary();
    if (response->has_report()) *rest.mutable_report() = response->report();
  } else {
    rest = *response;
    rest.mutable_source()->clear_sentences();
    rest.mutable_target()->clear_sentences();
    rest.clear_beads();
  }
  const auto& source_sentences = response->source().sentences();
  const auto& target_sentences = response->target().sentences();
  const auto& beads = response->beads();
  absl::StatusOr<std::string> json = PrintJsonWhole(rest, whitespace);
  if (!json.ok()) return json.status();
  // The lists in the order the printer writes them (the fields' order in the proto).
  const std::vector<absl::string_view> paths[] = {{"source", "sentences"},
                                                  {"target", "sentences"},
                                                  {"beads"}};
  std::string arrays[3];
  const bool filled[3] = {!source_sentences.empty(), !target_sentences.empty(), !beads.empty()};
  for (int l = 0; l < 3; ++l) {
    if (!filled[l]) continue;
    absl::StatusOr<std::string> array =
        l == 0   ? PrintList(source_sentences,
                             [](v1::AlignResponse* r) {
                               return r->mutable_source()->mutable_sentences();
                             },
                             paths[l], whitespace, chunk)
        : l == 1 ? PrintList(target_sentences,
                             [](v1::AlignResponse* r) {
                               return r->mutable_target()->mutable_sentences();
                             },
                             paths[l], whitespace, chunk)
                 : PrintList(beads, [](v1::AlignResponse* r) { return r->mutable_beads(); },
                             paths[l], whitespace, chunk);
    if (!array.ok()) return array.status();
    arrays[l] = *std::move(array);
  }
  // Into their places, last first so that the earlier places do not move.
  std::pair<size_t, size_t> places[3];
  for (int l = 0; l < 3; ++l) {
    if (filled[l]) places[l] = FindArray(*json, paths[l]);
  }
  for (int l = 2; l >= 0; --l) {
    if (!filled[l]) continue;
    const auto [open, close] = places[l];
    if (open == absl::string_view::npos) {
      return absl::InternalError("cannot print JSON: the place of a list was not found");
    }
    json->replace(open, close - open, arrays[l]);
  }
  return json;
}

}  // namespace newsalign::client
