// JSON output of the client's messages: protobuf's own printer (proto field names, zero values
// printed, map entries in key order, the same bytes on every run), with the long lists of an
// AlignResponse printed a chunk of elements at a time.
//
// protobuf 3.21 prints zero values by building the whole message as a tree of nodes first:
// for a 20,000-sentence response that tree took 460 MB and 1.4 s beside 38 MB of JSON. Printed
// in chunks, each element is printed by the same printer, at the same depth, so the bytes are
// the same as the whole message printed at once (tests/service/json_printer_test.cc).
//
//   ASSIGN_OR_RETURN(std::string json, PrintJson(response, /*whitespace=*/true));
#ifndef NEWSALIGN_CLIENT_JSON_PRINTER_H_
#define NEWSALIGN_CLIENT_JSON_PRINTER_H_

#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"

namespace newsalign::client {

// Returns `message` as JSON, indented by one space a level with `whitespace`, else on one
// line. An AlignResponse's source and target sentences and its beads are printed
// `chunk` elements at a time (at least 1), the chunks of a list on up to four threads.
absl::StatusOr<std::string> PrintJson(const google::protobuf::Message& message, bool whitespace,
                                      int chunk = 256);

// The same, the whole message at once (the reference PrintJson must equal).
absl::StatusOr<std::string> PrintJsonWhole(const google::protobuf::Message& message,
                                           bool whitespace);

}  // namespace newsalign::client

#endif  // NEWSALIGN_CLIENT_JSON_PRINTER_H_
