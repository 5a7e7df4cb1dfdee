// Two steps, one for each side of a pair of documents, run side by side when asked.
//
//   RETURN_IF_ERROR(RunBothSides(threads > 1, [&] { return ReadSource(); },
//                                [&] { return ReadTarget(); }));
#ifndef NEWSALIGN_ALIGNMENT_BASE_SIDE_BY_SIDE_H_
#define NEWSALIGN_ALIGNMENT_BASE_SIDE_BY_SIDE_H_

#include "absl/status/status.h"
#include "base/status_macros.h"
#include "base/task_pool.h"

namespace newsalign {

// Runs `source` and `target` (one step for each side; neither touches the other's side), the
// first on the shared task pool when `side_by_side`. Returns the source's error, else the
// target's.
template <typename SourceStep, typename TargetStep>
absl::Status RunBothSides(bool side_by_side, SourceStep source, TargetStep target) {
  if (!side_by_side) {
    RETURN_IF_ERROR(source());
    return target();
  }
  absl::Status source_status;
  TaskPool::Task source_task = TaskPool::Shared().Start([&] { source_status = source(); });
  const absl::Status target_status = target();
  source_task.Join();
  RETURN_IF_ERROR(source_status);
  return target_status;
}

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_BASE_SIDE_BY_SIDE_H_
