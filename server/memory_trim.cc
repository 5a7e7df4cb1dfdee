#include "server/memory_trim.h"

#include <dlfcn.h>
#include <malloc.h>

namespace newsalign {

TrimAfterLargeCall::~TrimAfterLargeCall() {
  if (!large_) return;
  using Mallctl = int (*)(const char*, void*, size_t*, void*, size_t);
  static const Mallctl mallctl = reinterpret_cast<Mallctl>(dlsym(RTLD_DEFAULT, "mallctl"));
  if (mallctl != nullptr) {
    constexpr const char* kPurgeAllArenas = "arena.4096.purge";  // MALLCTL_ARENAS_ALL
    mallctl(kPurgeAllArenas, nullptr, nullptr, nullptr, 0);
  } else {
    malloc_trim(0);
  }
}

}  // namespace newsalign
