// Small local status macros: Debian 12's Abseil (20220623) ships none.
//
//   RETURN_IF_ERROR(ValidateUtf8(text, "source.text"));
//   ASSIGN_OR_RETURN(std::vector<Segment> segments, SplitSentences(text, "fr"));
#ifndef NEWSALIGN_ALIGNMENT_BASE_STATUS_MACROS_H_
#define NEWSALIGN_ALIGNMENT_BASE_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define NEWSALIGN_CONCAT_INNER_(a, b) a##b
#define NEWSALIGN_CONCAT_(a, b) NEWSALIGN_CONCAT_INNER_(a, b)

// Returns from the enclosing function when `expr` (an absl::Status) is not OK.
#define RETURN_IF_ERROR(expr)                    \
  do {                                           \
    ::absl::Status newsalign_status_ = (expr);   \
    if (!newsalign_status_.ok()) return newsalign_status_; \
  } while (0)

// Evaluates `rexpr` (an absl::StatusOr<T>); on error returns its status, else moves the value
// into `lhs` (a declaration or an existing variable).
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  NEWSALIGN_ASSIGN_OR_RETURN_IMPL_(NEWSALIGN_CONCAT_(newsalign_statusor_, __LINE__), lhs, rexpr)

#define NEWSALIGN_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                     \
  if (!statusor.ok()) return std::move(statusor).status();     \
  lhs = std::move(statusor).value()

#endif  // NEWSALIGN_ALIGNMENT_BASE_STATUS_MACROS_H_
