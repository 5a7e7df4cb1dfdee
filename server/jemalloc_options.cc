// jemalloc's options for the two executables (newsalign, newsalign-server), compiled only into
// executables linked with jemalloc (CMakeLists.txt). jemalloc reads this string when it starts;
// the MALLOC_CONF environment variable, read after it, can still change any of them.
//
// thp:always asks the kernel for 2 MiB pages for the heap (madvise(MADV_HUGEPAGE), so it works
// where transparent huge pages are "madvise", Debian's default; nothing changes where they are
// "never"). metadata_thp:always does the same for jemalloc's own bookkeeping. A long pair's
// alignment touches hundreds of megabytes once: with 4 KiB pages 15 % of its perf samples were
// in the kernel's page faults. At 20,009 x 19,227 sentences through the client: 86,000 faults
// -> 14,000, 1.94-2.48 s -> 1.50-1.64 s, peak 182 MB -> 204-212 MB, the same bytes out
// (bench/results/2026-12-05-thp.txt).
extern "C" {
// The name jemalloc looks for; a definition here takes the place of the library's weak one.
__attribute__((visibility("default"), used)) const char* malloc_conf =
    "thp:always,metadata_thp:always";
}
