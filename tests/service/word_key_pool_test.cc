// The server's word-key memos: a call leases one no other call holds, and the next call gets
// it back with the words it learnt; a memo past its bound forgets them when leased again.
#include "server/word_key_pool.h"

#include <memory>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace newsalign {
namespace {

TEST(WordKeyPoolTest, ALeaseComesBackWithItsWords) {
  WordKeyPool pool;
  WordKeyCache* first = nullptr;
  {
    std::shared_ptr<WordKeyCache> lease = pool.Lease();
    first = lease.get();
    EXPECT_EQ(lease->For("fr").Of("Soldats"), "soldat");
    EXPECT_EQ(lease->For("ar").Of("والمجلس"), "مجلس");
    // Held by a second owner (the alignment's result) as well: still leased.
    std::shared_ptr<WordKeyCache> copy = lease;
    lease.reset();
    EXPECT_EQ(pool.idle(), 0u);
  }
  EXPECT_EQ(pool.idle(), 1u);
  std::shared_ptr<WordKeyCache> again = pool.Lease();
  EXPECT_EQ(again.get(), first);
  EXPECT_EQ(again->words(), 2u);
  EXPECT_EQ(pool.idle(), 0u);
}

TEST(WordKeyPoolTest, CallsAtOnceHoldDifferentMemos) {
  WordKeyPool pool;
  std::shared_ptr<WordKeyCache> a = pool.Lease();
  std::shared_ptr<WordKeyCache> b = pool.Lease();
  EXPECT_NE(a.get(), b.get());
  a.reset();
  b.reset();
  EXPECT_EQ(pool.idle(), 2u);
  // Leased and given back from several threads at once (run under TSan as well).
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&pool, t] {
      for (int k = 0; k < 50; ++k) {
        std::shared_ptr<WordKeyCache> lease = pool.Lease();
        lease->For(t % 2 == 0 ? "fr" : "ar").Of(t % 2 == 0 ? "casques" : "الجنود");
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_GE(pool.idle(), 2u);
  EXPECT_LE(pool.idle(), 4u);
}

TEST(WordKeyPoolTest, AMemoPastItsBoundForgetsItsWordsWhenLeased) {
  WordKeyPool pool(/*max_words=*/2);
  {
    std::shared_ptr<WordKeyCache> lease = pool.Lease();
    for (const char* word : {"soldats", "casques", "bleus"}) lease->For("fr").Of(word);
    lease->For("ar").Of("الجنود");
  }
  std::shared_ptr<WordKeyCache> again = pool.Lease();
  EXPECT_EQ(again->For("fr").size(), 0u);
  EXPECT_EQ(again->For("ar").size(), 1u);
}

}  // namespace
}  // namespace newsalign
