#include "align/log_space.h"

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace newsalign {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The distance from `x` to the exact value `exact`, in units in the last place of the double
// nearest to it.
double UlpsFrom(double x, long double exact) {
  const double nearest = static_cast<double>(exact);
  const double ulp = std::nextafter(std::fabs(nearest), kInf) - std::fabs(nearest);
  return static_cast<double>(std::fabs(static_cast<long double>(x) - exact) / ulp);
}

TEST(FastExpTest, WithinTwoUlpOfTheExactValueOverTheNormalRange) {
  // The sweeps' terms lie in [-40, 0] mostly; every normal result is checked besides.
  std::mt19937_64 random(7);
  double worst = 0;
  for (const auto& [low, high] : {std::pair{-708.0, 708.0}, {-40.0, 0.0}, {-1e-3, 1e-3}}) {
    std::uniform_real_distribution<double> draw(low, high);
    for (int k = 0; k < 200000; ++k) {
      const double x = draw(random);
      worst = std::max(worst, UlpsFrom(FastExp(x), std::exp(static_cast<long double>(x))));
    }
  }
  EXPECT_LT(worst, 2.0);
  // Most results are the correctly rounded ones (642 of these 1,000).
  int rounded = 0;
  for (int k = 0; k < 1000; ++k) {
    const double x = -k * 0.0371;
    rounded += FastExp(x) == static_cast<double>(std::exp(static_cast<long double>(x)));
  }
  EXPECT_GT(rounded, 500);
}

TEST(FastExpTest, ExactAtZeroAndAtTheEnds) {
  EXPECT_EQ(FastExp(0.0), 1.0);
  EXPECT_EQ(FastExp(-0.0), 1.0);
  EXPECT_EQ(FastExp(-kInf), 0.0);
  EXPECT_EQ(FastExp(kInf), kInf);
  EXPECT_TRUE(std::isnan(FastExp(std::numeric_limits<double>::quiet_NaN())));
  // Outside (-708, 708) it is the C library's exp: subnormal results, 0, overflow.
  for (const double x : {-708.5, -720.0, -745.0, -800.0, 709.0, 710.0}) {
    EXPECT_EQ(FastExp(x), std::exp(x)) << x;
  }
  // Just inside the range the result is still normal and close.
  for (const double x : {-707.9, 707.9}) {
    EXPECT_LT(UlpsFrom(FastExp(x), std::exp(static_cast<long double>(x))), 2.0) << x;
  }
}

TEST(FastExpTest, ShiftedBatchHasTheBitsOfOneAtATime) {
  // Two at a time (SSE2) or one: the same bits, for every length, odd ones included, and with
  // terms outside the range (which go to the C library) beside terms inside it.
  std::mt19937_64 random(11);
  std::uniform_real_distribution<double> draw(-760.0, 5.0);
  for (int size = 1; size <= LogSum::kMostTerms; ++size) {
    for (int trial = 0; trial < 2000; ++trial) {
      std::vector<double> x(size);
      for (double& v : x) v = random() % 40 == 0 ? -kInf : draw(random);
      const double shift = trial % 2 == 0 ? 0.0 : draw(random) / 20;
      std::vector<double> out(size, -1.0);
      FastExpShifted(x.data(), size, shift, out.data());
      for (int k = 0; k < size; ++k) {
        ASSERT_EQ(out[k], FastExp(x[k] - shift)) << "size " << size << " term " << k;
      }
    }
  }
}

TEST(LogSumTest, IsTheLogOfTheSumOfExps) {
  std::mt19937_64 random(5);
  std::uniform_real_distribution<double> draw(-60.0, 10.0);
  for (int trial = 0; trial < 20000; ++trial) {
    const int size = 1 + static_cast<int>(random() % LogSum::kMostTerms);
    LogSum sum;
    long double exact = 0;
    for (int k = 0; k < size; ++k) {
      const double x = draw(random);
      sum.Add(x);
      exact += std::exp(static_cast<long double>(x));
    }
    EXPECT_NEAR(sum.Result(), static_cast<double>(std::log(exact)), 1e-13) << trial;
  }
}

TEST(LogSumTest, OneTermIsItselfAndImpossibleTermsAddNothing) {
  LogSum one;
  one.Add(-12.375);
  EXPECT_EQ(one.Result(), -12.375);
  LogSum none;
  EXPECT_EQ(none.Result(), -kInf);
  LogSum impossible;
  impossible.Add(-kInf);
  impossible.Add(-kInf);
  EXPECT_EQ(impossible.Result(), -kInf);
  LogSum mixed;
  mixed.Add(-kInf);
  mixed.Add(-3.5);
  mixed.Add(-kInf);
  EXPECT_EQ(mixed.Result(), -3.5);
  // Two equal terms: log 2 more.
  LogSum two;
  two.Add(-1.0);
  two.Add(-1.0);
  EXPECT_NEAR(two.Result(), -1.0 + std::log(2.0), 1e-15);
}

}  // namespace
}  // namespace newsalign
