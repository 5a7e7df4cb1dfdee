// Gives the allocator's free memory back to the system when a large call ends: allocators keep
// the freed pages of a large alignment, and the server's resident memory would stay at its peak.
//
//   const TrimAfterLargeCall trim(request.ByteSizeLong());  // declared first: runs last
#ifndef NEWSALIGN_SERVER_MEMORY_TRIM_H_
#define NEWSALIGN_SERVER_MEMORY_TRIM_H_

#include <cstddef>

namespace newsalign {

// Requests at least this large give their memory back to the system when they end.
inline constexpr size_t kLargeCallBytes = 256 << 10;

// Declared before a call's own objects, so that its destructor runs after theirs.
class TrimAfterLargeCall {
 public:
  explicit TrimAfterLargeCall(size_t request_bytes) : large_(request_bytes >= kLargeCallBytes) {}
  TrimAfterLargeCall(const TrimAfterLargeCall&) = delete;
  TrimAfterLargeCall& operator=(const TrimAfterLargeCall&) = delete;
  // jemalloc, when the executable is linked with it (CMakeLists.txt), purges the unused pages
  // of all its arenas; glibc's malloc trims its heaps.
  ~TrimAfterLargeCall();

 private:
  const bool large_;
};

}  // namespace newsalign

#endif  // NEWSALIGN_SERVER_MEMORY_TRIM_H_
