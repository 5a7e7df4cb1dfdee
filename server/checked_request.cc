#include "server/checked_request.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/unknown_field_set.h"
#include "text/utf8.h"

namespace newsalign {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::UnknownField;
using ::google::protobuf::UnknownFieldSet;

// Returns the first string field of `bytes` (a `type` message, read without its schema's UTF-8
// check) that is not valid UTF-8, as INVALID_ARGUMENT; OK when there is none or when `bytes` are
// not a message at all (`*malformed` is then set).
absl::Status FindInvalidUtf8(absl::string_view bytes, const Descriptor& type,
                             const std::string& path, bool* malformed) {
  UnknownFieldSet fields;
  if (!fields.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    *malformed = true;
    return absl::OkStatus();
  }
  absl::flat_hash_map<int, int> occurrences;
  for (int i = 0; i < fields.field_count(); ++i) {
    const UnknownField& field = fields.field(i);
    const int occurrence = occurrences[field.number()]++;
    const FieldDescriptor* descriptor = type.FindFieldByNumber(field.number());
    if (descriptor == nullptr || field.type() != UnknownField::TYPE_LENGTH_DELIMITED) continue;
    std::string name =
        path.empty() ? descriptor->name() : absl::StrCat(path, ".", descriptor->name());
    if (descriptor->is_repeated()) absl::StrAppend(&name, "[", occurrence, "]");
    if (descriptor->type() == FieldDescriptor::TYPE_STRING) {
      // "source.sentences.sentences[1]" is "source.sentences[1]" everywhere else.
      name = absl::StrReplaceAll(name, {{".sentences.sentences[", ".sentences["}});
      if (absl::Status valid = ValidateUtf8(field.length_delimited(), name); !valid.ok()) {
        return valid;
      }
    } else if (descriptor->type() == FieldDescriptor::TYPE_MESSAGE) {
      if (absl::Status valid = FindInvalidUtf8(field.length_delimited(),
                                               *descriptor->message_type(), name, malformed);
          !valid.ok()) {
        return valid;
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status DiagnoseUnparsableMessage(absl::string_view bytes, const Descriptor& type) {
  bool malformed = false;
  if (absl::Status invalid = FindInvalidUtf8(bytes, type, "", &malformed); !invalid.ok()) {
    return invalid;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("the request is not a valid ", type.full_name(),
                   " message (malformed protobuf wire format); send it with a protobuf library "
                   "built from newsalign/v1/alignment.proto"));
}

absl::Status ParseChecked(absl::string_view bytes, google::protobuf::Message& message) {
  if (message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::OkStatus();
  }
  message.Clear();
  return DiagnoseUnparsableMessage(bytes, *message.GetDescriptor());
}

}  // namespace newsalign
