// The server's memos of word keys (WordKeyCache), one per alignment running at once: a call
// leases one for its documents and gives it back when it ends, so the words of the news the
// server has read are stemmed once, not once per call. A lease is held by one call alone (a
// cache is not thread-safe); the lock is taken once when a call leases and once when it gives
// back, never while it aligns.
//
//   WordKeyPool pool;
//   AlignResources resources;
//   resources.word_keys = pool.Lease();  // back in the pool when the last copy goes
#ifndef NEWSALIGN_SERVER_WORD_KEY_POOL_H_
#define NEWSALIGN_SERVER_WORD_KEY_POOL_H_

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "lexicon/lexicon.h"

namespace newsalign {

class WordKeyPool {
 public:
  // Each cache forgets a language's words once it holds more than `max_words` of them (checked
  // as it is leased).
  explicit WordKeyPool(size_t max_words = WordKeyCache::kDefaultMaxWords)
      : max_words_(max_words) {}
  WordKeyPool(const WordKeyPool&) = delete;
  WordKeyPool& operator=(const WordKeyPool&) = delete;

  // A cache no other call holds: the last one given back, or a new one. It returns to the pool
  // when the last copy of the pointer is destroyed, which must be before the pool is.
  std::shared_ptr<WordKeyCache> Lease();

  // Caches in the pool, not leased (for tests).
  size_t idle() const;

 private:
  void GiveBack(WordKeyCache* cache);

  const size_t max_words_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<WordKeyCache>> idle_;
};

}  // namespace newsalign

#endif  // NEWSALIGN_SERVER_WORD_KEY_POOL_H_
