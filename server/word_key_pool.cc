#include "server/word_key_pool.h"

#include <utility>

namespace newsalign {

std::shared_ptr<WordKeyCache> WordKeyPool::Lease() {
  std::unique_ptr<WordKeyCache> cache;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      cache = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (cache == nullptr) {
    cache = std::make_unique<WordKeyCache>(max_words_);
  } else {
    cache->Trim();
  }
  return std::shared_ptr<WordKeyCache>(cache.release(),
                                       [this](WordKeyCache* c) { GiveBack(c); });
}

void WordKeyPool::GiveBack(WordKeyCache* cache) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.emplace_back(cache);
}

size_t WordKeyPool::idle() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return idle_.size();
}

}  // namespace newsalign
