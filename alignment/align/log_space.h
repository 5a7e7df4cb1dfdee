// The exps and sums in log space of the dynamic programme (lattice.cc), the omission sums and
// the posterior draws: tens of thousands of exps an article, a tenth of its instructions
// through the C library's exp.
//
//   LogSum sum;
//   for (...) sum.Add(alpha[prev] - cost / temperature);
//   alpha[here] = sum.Result();
//
// FastExp is within 2 ulp of the exact value (the C library's exp within 1), exact at 0, 0 at
// -infinity, and std::exp itself outside (-708, 708), where results leave the normal range.
// It uses IEEE additions and multiplications only (no fused multiply-add), so it gives the
// same bits on every machine of an architecture (glibc picks its exp by CPU feature), and
// LogSum's two-at-a-time SSE2 path the same bits as the scalar one.
#ifndef NEWSALIGN_ALIGNMENT_ALIGN_LOG_SPACE_H_
#define NEWSALIGN_ALIGNMENT_ALIGN_LOG_SPACE_H_

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

#if defined(__SSE2__) && defined(__x86_64__)
#define NEWSALIGN_LOG_SPACE_SSE2 1
#include <emmintrin.h>
#endif

namespace newsalign {
namespace log_space_internal {

// exp(x) = 2^(k / 32) * exp(r), with k = round(x * 32 / ln 2) and |r| <= ln 2 / 64.
constexpr int kTableBits = 5;
constexpr int kTableSize = 1 << kTableBits;
// 32 / ln 2, and ln 2 / 32 in two parts: the first has its low 16 bits zero, so k times it is
// exact for |k| < 2^16 (|x| < 708 gives |k| < 32,700).
constexpr double kInvLn2N = 0x1.71547652b82fep+5;
constexpr double kLn2HiN = 0x1.62e42fefa0000p-6;
constexpr double kLn2LoN = 0x1.cf79abc9e3b3ap-45;
// Adding and taking away 1.5 * 2^52 rounds to the nearest integer, and leaves the integer k
// in the low bits of the sum (nearbyint has no instruction in the baseline x86-64 set).
constexpr double kRound = 0x1.8p52;
constexpr double kLowest = -708.0;
constexpr double kHighest = 708.0;

// 2^(j / 32) for j in [0, 32), by the Taylor series of exp(j / 32 * ln 2) in long double (30
// terms leave < 1e-30), rounded once: worked out by the compiler, not by the C library of the
// machine that runs it.
inline constexpr std::array<double, kTableSize> kExp2Fractions = [] {
  std::array<double, kTableSize> table{};
  for (int j = 0; j < kTableSize; ++j) {
    const long double y = j * 0.693147180559945309417232121458176568L / kTableSize;
    long double term = 1, sum = 1;
    for (int n = 1; n < 30; ++n) {
      term *= y / n;
      sum += term;
    }
    table[j] = static_cast<double>(sum);
  }
  return table;
}();

inline double FromBits(uint64_t bits) {
  double x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

inline uint64_t ToBits(double x) {
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}

// The bits of 2^(j / 32), less j << 47: adding the rounded sum's bits shifted left by 47
// (k << 47 = (k >> 5) << 52 + (k & 31) << 47, the constant 1.5 * 2^52 shifting out) gives
// the bits of 2^(k / 32).
inline const std::array<uint64_t, kTableSize>& Table() {
  static const std::array<uint64_t, kTableSize> table = [] {
    std::array<uint64_t, kTableSize> t{};
    for (int j = 0; j < kTableSize; ++j) {
      t[j] = ToBits(kExp2Fractions[j]) - (static_cast<uint64_t>(j) << 47);
    }
    return t;
  }();
  return table;
}

// exp(r) for |r| <= 0.0109: the next term, r^7 / 7!, is below 4e-18.
inline double ExpReduced(double r) {
  return 1.0 + r * (1.0 + r * (1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 +
                                                                            r * (1.0 / 720))))));
}

}  // namespace log_space_internal

inline double FastExp(double x) {
  using namespace log_space_internal;
  if (!(x > kLowest && x < kHighest)) return std::exp(x);  // also infinities and NaN
  const double shifted = x * kInvLn2N + kRound;
  const double kd = shifted - kRound;
  const double r = (x - kd * kLn2HiN) - kd * kLn2LoN;
  const uint64_t k = ToBits(shifted);
  const uint64_t scale = Table()[k & (kTableSize - 1)] + (k << (52 - kTableBits));
  return FromBits(scale) * ExpReduced(r);
}

// out[k] = FastExp(x[k] - shift) for k < size: two at a time with SSE2, the same bits.
inline void FastExpShifted(const double* x, int size, double shift, double* out) {
#if defined(NEWSALIGN_LOG_SPACE_SSE2)
  using namespace log_space_internal;
  const uint64_t* const table = Table().data();
  const __m128d shift2 = _mm_set1_pd(shift), lowest = _mm_set1_pd(kLowest),
                highest = _mm_set1_pd(kHighest), inv_ln2 = _mm_set1_pd(kInvLn2N),
                round = _mm_set1_pd(kRound), ln2_hi = _mm_set1_pd(kLn2HiN),
                ln2_lo = _mm_set1_pd(kLn2LoN);
  // ExpReduced's coefficients, innermost first.
  const __m128d c720 = _mm_set1_pd(1.0 / 720), c120 = _mm_set1_pd(1.0 / 120),
                c24 = _mm_set1_pd(1.0 / 24), c6 = _mm_set1_pd(1.0 / 6), c2 = _mm_set1_pd(1.0 / 2),
                one = _mm_set1_pd(1.0);
  for (int k = 0; k < size; k += 2) {
    // An odd last term is taken twice and written once.
    const bool pair = k + 1 < size;
    const __m128d v = _mm_sub_pd(pair ? _mm_loadu_pd(x + k) : _mm_set1_pd(x[k]), shift2);
    if (_mm_movemask_pd(_mm_and_pd(_mm_cmpgt_pd(v, lowest), _mm_cmplt_pd(v, highest))) != 3) {
      out[k] = FastExp(x[k] - shift);
      if (pair) out[k + 1] = FastExp(x[k + 1] - shift);
      continue;
    }
    const __m128d shifted = _mm_add_pd(_mm_mul_pd(v, inv_ln2), round);
    const __m128d kd = _mm_sub_pd(shifted, round);
    const __m128d r =
        _mm_sub_pd(_mm_sub_pd(v, _mm_mul_pd(kd, ln2_hi)), _mm_mul_pd(kd, ln2_lo));
    __m128d p = _mm_add_pd(c120, _mm_mul_pd(r, c720));
    p = _mm_add_pd(c24, _mm_mul_pd(r, p));
    p = _mm_add_pd(c6, _mm_mul_pd(r, p));
    p = _mm_add_pd(c2, _mm_mul_pd(r, p));
    p = _mm_add_pd(one, _mm_mul_pd(r, p));
    p = _mm_add_pd(one, _mm_mul_pd(r, p));
    const __m128i bits = _mm_castpd_si128(shifted);
    const auto low = static_cast<uint64_t>(_mm_cvtsi128_si64(bits));
    const auto high = static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(bits, bits)));
    const __m128i entries = _mm_set_epi64x(static_cast<int64_t>(table[high & (kTableSize - 1)]),
                                           static_cast<int64_t>(table[low & (kTableSize - 1)]));
    const __m128i scale = _mm_add_epi64(entries, _mm_slli_epi64(bits, 52 - kTableBits));
    const __m128d result = _mm_mul_pd(_mm_castsi128_pd(scale), p);
    if (pair) {
      _mm_storeu_pd(out + k, result);
    } else {
      _mm_store_sd(out + k, result);
    }
  }
#else
  for (int k = 0; k < size; ++k) out[k] = FastExp(x[k] - shift);
#endif
}

// log(sum of exp(x)) over the few terms of one cell of the dynamic programme (at most
// kMostTerms): the terms are kept and summed once around their maximum, one exp each and one
// log in all (adding them pairwise in log space costs an exp and a log1p per term).
class LogSum {
 public:
  static constexpr int kMostTerms = 16;
  void Add(double x) {
    terms_[size_++] = x;
    if (x > max_) max_ = x;
  }
  double Result() const {
    if (max_ == -std::numeric_limits<double>::infinity()) return max_;
    double e[kMostTerms];
    FastExpShifted(terms_, size_, max_, e);
    double sum = 0;
    for (int k = 0; k < size_; ++k) sum += e[k];
    return max_ + std::log(sum);
  }

 private:
  double terms_[kMostTerms];
  int size_ = 0;
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace newsalign

#undef NEWSALIGN_LOG_SPACE_SSE2

#endif  // NEWSALIGN_ALIGNMENT_ALIGN_LOG_SPACE_H_
