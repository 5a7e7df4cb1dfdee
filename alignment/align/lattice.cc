#include "align/lattice.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>
#include <functional>
#include <iterator>
#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "align/log_space.h"
#include "align/posterior_draws.h"
#include "base/status_macros.h"
#include "base/task_pool.h"

namespace newsalign {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// A path closer than this to the band's edge may have been bent by the band.
constexpr int kEdgeMargin = 3;
// The sweeps check the stop condition once per this many cells (about 15 costs each: a few
// milliseconds of work at most).
constexpr int kCellsPerCheck = 1024;
// The same for the sweep that computes the costs.
constexpr int kScoredCellsPerCheck = 64;
// Regions of at least this many cells (an article's 400 gain) sum the omission probabilities
// and read the best path on the task pool beside the posterior draws, given two threads.
constexpr int64_t kCellsForOmissionThread = 256;

// With costs scored first on several threads, the rows each thread takes at a time.
constexpr int kRowsPerTake = 16;

// Most moves of the dynamic programme (1-1, 1-0, 0-1 and the twelve merges up to 1-5).
constexpr int kMaxMoves = 16;

static_assert(LogSum::kMostTerms >= kMaxMoves, "a cell's terms fit its LogSum");

// The cells the moves of one row link to: move k joins cell (i, j) to cell base[k] + j (its
// predecessor (i - source, j - target), or its successor (i + source, j + target)) when
// first[k] <= j <= last[k]. Read once a row, where Band::Index() per move and cell cost a
// tenth of the sweeps.
struct RowLinks {
  int64_t base[kMaxMoves];
  int first[kMaxMoves];
  int last[kMaxMoves];
};

RowLinks LinksOf(const Band& band, const std::vector<Move>& moves, int i, bool successors) {
  RowLinks links;
  for (size_t k = 0; k < moves.size(); ++k) {
    const int row = successors ? i + moves[k].source : i - moves[k].source;
    // The linked cell's column is j + shift.
    const int shift = successors ? moves[k].target : -moves[k].target;
    if (row < 0 || row >= band.rows()) {
      links.base[k] = 0;
      links.first[k] = 1;
      links.last[k] = 0;
      continue;
    }
    links.first[k] = band.lo(row) - shift;
    links.last[k] = band.hi(row) - shift;
    links.base[k] = band.RowStart(row) + shift;
  }
  return links;
}

// Steps on the task pool that score bead costs beside the forward sweep. Join() waits for them
// and returns the first error one met (its stop condition); the destructor abandons and joins
// those still running, so an early return leaves none behind.
class CostHelpers {
 public:
  using Work = std::function<absl::Status(const std::atomic<bool>& abandoned)>;
  CostHelpers() = default;
  CostHelpers(const CostHelpers&) = delete;
  CostHelpers& operator=(const CostHelpers&) = delete;
  ~CostHelpers() {
    abandoned_.store(true, std::memory_order_relaxed);
    Join().IgnoreError();
  }

  void Start(Work work) {
    statuses_.emplace_back();
    absl::Status* status = &statuses_.back();
    tasks_.push_back(TaskPool::Shared().Start(
        [this, status, work = std::move(work)] { *status = work(abandoned_); }));
  }

  absl::Status Join() {
    for (TaskPool::Task& task : tasks_) task.Join();
    for (const absl::Status& status : statuses_) RETURN_IF_ERROR(status);
    return absl::OkStatus();
  }

 private:
  std::atomic<bool> abandoned_{false};
  std::deque<absl::Status> statuses_;  // stable addresses as steps start
  std::vector<TaskPool::Task> tasks_;
};

}  // namespace

absl::StatusOr<LatticeResult> RunLattice(const PairFeatures& features,
                                         const LengthStatistics& length,
                                         const AlignOptions& options, int half_width,
                                         double temperature, const StopCondition& stop,
                                         int posterior_samples) {
  const int n = static_cast<int>(features.source.length.size());
  const int m = static_cast<int>(features.target.length.size());
  LatticeOptions lattice;
  lattice.temperature = temperature;
  lattice.posterior_samples = posterior_samples;
  return RunLattice(features, length, options, Band(n, m, half_width), lattice, stop);
}

absl::StatusOr<LatticeResult> RunLattice(const PairFeatures& features,
                                         const LengthStatistics& length,
                                         const AlignOptions& options, const Band& band,
                                         const LatticeOptions& lattice,
                                         const StopCondition& stop) {
  const int n = static_cast<int>(features.source.length.size());
  const int m = static_cast<int>(features.target.length.size());
  if (band.rows() != n + 1 || band.lo(0) != 0 || band.hi(n) != m) {
    return absl::InternalError("the search region does not span the two documents");
  }
  const std::vector<Move> moves = MovesFor(options);
  const double temperature = lattice.temperature;
  const int posterior_samples = lattice.posterior_samples;
  int max_run = 1;
  for (const Move& mv : moves) max_run = std::max({max_run, mv.source, mv.target});
  const BeadScorer scorer(features, length, options.weights, max_run, &band, &stop,
                          options.threads);
  RETURN_IF_ERROR(scorer.status());
  const double t = temperature;

  const int64_t cells = band.cells();
  const size_t k_moves = moves.size();
  // Costs of the forward sweep, kept for the backward one, the coverage sweeps and the draws.
  const bool cache = !lattice.best_path_only;
  LatticeCosts costs;
  // With more than one thread (and the costs kept), every cost is scored first (below), each
  // one set, unreachable moves to infinity: the costs need no filling first.
  const bool scored_first = cache && options.threads > 1 && n > 1;
  if (cache) {
    RETURN_IF_ERROR(costs.Reset(cells * static_cast<int64_t>(k_moves), lattice.exact_costs,
                                stop, /*infinite=*/!scored_first));
  }
  std::vector<double> best(cells, kInf);
  std::vector<uint8_t> back(cells, 0);
  std::vector<double> alpha(lattice.best_path_only ? 1 : cells, -kInf);
  // (0, 0) is always the first cell of the band.
  best[0] = 0;
  alpha[0] = 0;
  const bool reusing = lattice.reuse != nullptr && lattice.reuse->moves == k_moves;
  // Cell (i, j) in the earlier run's region, or -1.
  auto reused_cell = [&](int i, int j) -> int64_t {
    return reusing && i < lattice.reuse->band.rows() ? lattice.reuse->band.Index(i, j) : -1;
  };
  // The costs of the beads that end at cell (i, j) with the moves of `wanted` (bit k: move k)
  // into cell_costs[k]: from the earlier run's costs where it has them (`reused` is
  // reused_cell(i, j)), the others scored together.
  auto score = [&](int i, int j, int64_t reused, uint32_t wanted, double* cell_costs,
                   BeadScorer::CellScratch* scratch) {
    if (reused >= 0) {
      for (uint32_t bits = wanted; bits != 0; bits &= bits - 1) {
        const int k = __builtin_ctz(bits);
        cell_costs[k] = lattice.reuse->Get(reused * k_moves + k);
        if (cell_costs[k] != kInf) wanted &= ~(uint32_t{1} << k);
      }
    }
    if (wanted != 0) scorer.CostsEndingAt(i, j, moves, wanted, cell_costs, scratch);
  };
  // Scores every bead inside the region that ends in rows [row_begin, row_end) into the cache,
  // reachable or not (the extra costs are of cells no path reaches, which nothing reads), and
  // sets the rows' other moves (from outside the region) to infinity: every cost of the rows
  // is set. `scratch` is the thread's own (its tables span the vocabulary).
  auto score_rows = [&](int row_begin, int row_end, const std::atomic<bool>& abandoned,
                        BeadScorer::CellScratch& scratch) -> absl::Status {
    StopPoller poll(stop, kScoredCellsPerCheck);
    double cell_costs[kMaxMoves];
    for (int i = row_begin; i < row_end; ++i) {
      const RowLinks links = LinksOf(band, moves, i, /*successors=*/false);
      for (int j = band.lo(i); j <= band.hi(i); ++j) {
        if (abandoned.load(std::memory_order_relaxed)) return absl::OkStatus();
        RETURN_IF_ERROR(poll.Tick());
        const int64_t here = band.Index(i, j);
        uint32_t wanted = 0;
        for (size_t k = 0; k < k_moves; ++k) {
          if (j >= links.first[k] && j <= links.last[k]) wanted |= uint32_t{1} << k;
        }
        score(i, j, reused_cell(i, j), wanted, cell_costs, &scratch);
        for (size_t k = 0; k < k_moves; ++k) {
          costs.Set(here * k_moves + k, wanted & (uint32_t{1} << k) ? cell_costs[k] : kInf);
        }
      }
    }
    return absl::OkStatus();
  };
  const int64_t end = band.Index(n, m);
  // The backward sweep at temperature `temp`, and the forward one (alpha) for a temperature
  // other than the Viterbi sweep's.
  auto backward = [&](double temp, std::vector<double>* out,
                      const std::atomic<bool>* abandoned = nullptr) -> absl::Status {
    std::vector<double>& b = *out;
    b.assign(cells, -kInf);
    b[end] = 0;
    StopPoller poll(stop, kCellsPerCheck);
    for (int i = n; i >= 0; --i) {
      if (abandoned != nullptr && abandoned->load(std::memory_order_relaxed)) {
        return absl::OkStatus();
      }
      RETURN_IF_ERROR(poll.Tick(band.hi(i) - band.lo(i) + 1));
      const RowLinks links = LinksOf(band, moves, i, /*successors=*/true);
      const int64_t row = band.RowStart(i);
      for (int j = band.hi(i); j >= band.lo(i); --j) {
        const int64_t here = row + j;
        if (here == end) continue;
        LogSum log_sum;
        for (size_t k = 0; k < k_moves; ++k) {
          if (j < links.first[k] || j > links.last[k]) continue;
          const int64_t next = links.base[k] + j;
          if (b[next] == -kInf) continue;
          const double cost = cache ? costs.Get(next * k_moves + k)
                                    : scorer.Cost(i, i + moves[k].source, j, j + moves[k].target);
          log_sum.Add(b[next] - cost / temp);
        }
        b[here] = log_sum.Result();
      }
    }
    return absl::OkStatus();
  };
  auto forward = [&](double temp, std::vector<double>* out) -> absl::Status {
    std::vector<double>& a = *out;
    a.assign(cells, -kInf);
    a[0] = 0;
    StopPoller poll(stop, kCellsPerCheck);
    for (int i = 0; i <= n; ++i) {
      RETURN_IF_ERROR(poll.Tick(band.hi(i) - band.lo(i) + 1));
      const RowLinks links = LinksOf(band, moves, i, /*successors=*/false);
      const int64_t row = band.RowStart(i);
      for (int j = band.lo(i); j <= band.hi(i); ++j) {
        const int64_t here = row + j;
        if (here == 0) continue;
        LogSum log_sum;
        for (size_t k = 0; k < k_moves; ++k) {
          if (j < links.first[k] || j > links.last[k]) continue;
          const int64_t prev = links.base[k] + j;
          if (a[prev] == -kInf) continue;
          const double cost = cache ? costs.Get(here * k_moves + k)
                                    : scorer.Cost(i - moves[k].source, i, j - moves[k].target, j);
          log_sum.Add(a[prev] - cost / temp);
        }
        a[here] = log_sum.Result();
      }
    }
    return absl::OkStatus();
  };
  // With more than one thread (and the costs kept), every cost is scored first, the rows
  // split between this thread and helpers; then the Viterbi and forward sweep runs on this
  // thread beside the backward sweep on another (`sweeps`), which also takes the coverage
  // temperature's backward sweep while this one takes its forward sweep. The sweeps read only
  // the costs and write their own sums: the same sums, in the same order, as on one thread.
  CostHelpers helpers;
  if (scored_first) {
    // Every thread takes kRowsPerTake rows at a time from one counter: a row's costs vary with
    // its sentences' anchors, and rows split into even shares of cells left one thread scoring
    // alone for the last tenth. A cost is the same whichever thread scores it.
    std::atomic<int> next_row{0};
    auto score_taken = [&](const std::atomic<bool>& abandoned) -> absl::Status {
      BeadScorer::CellScratch scratch;
      for (int begin = next_row.fetch_add(kRowsPerTake); begin <= n;
           begin = next_row.fetch_add(kRowsPerTake)) {
        RETURN_IF_ERROR(
            score_rows(begin, std::min(n + 1, begin + kRowsPerTake), abandoned, scratch));
        if (abandoned.load(std::memory_order_relaxed)) break;
      }
      return absl::OkStatus();
    };
    for (int h = 1; h < std::min(options.threads, n); ++h) helpers.Start(score_taken);
    const std::atomic<bool> never{false};
    const absl::Status own = score_taken(never);
    const absl::Status theirs = helpers.Join();
    RETURN_IF_ERROR(own);
    RETURN_IF_ERROR(theirs);
  }
  const double ct = options.weights.coverage_temperature;
  const bool coverage = posterior_samples > 0 && !lattice.best_path_only;
  // The coverage temperature's sums, when they differ from the confidences'.
  const bool coverage_sweeps = coverage && ct != t;
  std::vector<double> beta, coverage_alpha, coverage_beta;
  absl::Status sweeps_status;
  std::atomic<bool> sweeps_abandoned{false};
  TaskPool::Task sweeps;
  struct Joiner {
    TaskPool::Task& task;
    std::atomic<bool>* abandoned = nullptr;
    ~Joiner() {
      if (abandoned != nullptr) abandoned->store(true, std::memory_order_relaxed);
      task.Join();
    }
  } sweeps_joiner{sweeps, &sweeps_abandoned};
  if (scored_first) {
    sweeps = TaskPool::Shared().Start([&] {
      sweeps_status = backward(t, &beta, &sweeps_abandoned);
      if (sweeps_status.ok() && coverage_sweeps) {
        sweeps_status = backward(ct, &coverage_beta, &sweeps_abandoned);
      }
    });
  }
  // Checked every kScoredCellsPerCheck cells: outside the pair index a cell's 15 costs each
  // merge the anchors of their sentences, which on long documents took ~90 us a cell.
  StopPoller poll_forward(stop, kScoredCellsPerCheck);
  BeadScorer::CellScratch scratch;
  double cell_costs[kMaxMoves];
  int64_t previous[kMaxMoves];
  for (int i = 0; i <= n; ++i) {
    const bool scored = scored_first;
    const RowLinks links = LinksOf(band, moves, i, /*successors=*/false);
    const int64_t row = band.RowStart(i);
    for (int j = band.lo(i); j <= band.hi(i); ++j) {
      RETURN_IF_ERROR(poll_forward.Tick());
      const int64_t here = row + j;
      if (i == 0 && j == 0) continue;
      // The moves from a reachable cell, and their costs.
      uint32_t reachable = 0;
      for (size_t k = 0; k < k_moves; ++k) {
        if (j < links.first[k] || j > links.last[k]) continue;
        const int64_t prev = links.base[k] + j;
        if (best[prev] == kInf) continue;
        previous[k] = prev;
        reachable |= uint32_t{1} << k;
      }
      if (!scored) score(i, j, reused_cell(i, j), reachable, cell_costs, &scratch);
      double best_cost = kInf;
      LogSum log_sum;
      uint8_t best_move = 0;
      for (uint32_t bits = reachable; bits != 0; bits &= bits - 1) {
        const int k = __builtin_ctz(bits);
        const int64_t prev = previous[k];
        double cost;
        if (scored) {
          cost = costs.Get(here * k_moves + k);
        } else {
          cost = cell_costs[k];
          if (cache) {
            // As kept (single precision on long documents), as the helpers' rows and every
            // later sweep read it: the result does not depend on the number of threads.
            costs.Set(here * k_moves + k, cost);
            cost = costs.Get(here * k_moves + k);
          }
        }
        if (best[prev] + cost < best_cost) {
          best_cost = best[prev] + cost;
          best_move = static_cast<uint8_t>(k);
        }
        if (!lattice.best_path_only) log_sum.Add(alpha[prev] - cost / t);
      }
      best[here] = best_cost;
      back[here] = best_move;
      if (!lattice.best_path_only) alpha[here] = log_sum.Result();
    }
  }
  if (best[end] == kInf) {
    // Without 1-0 and 0-1 beads, documents whose sentence counts differ too much (13 and 6
    // with beads of at most 2 a side) have no path at all: the caller's options forbid it.
    if (!options.allow_omissions) {
      return absl::InvalidArgumentError(absl::StrCat(
          "no alignment of ", n, " source and ", m, " target sentences without omissions, in beads "
          "of at most ", options.max_bead_sentences,
          " sentences a side within the search band: allow omissions, raise max_bead_sentences "
          "or widen the band"));
    }
    return absl::InternalError("the search band does not connect the two documents");
  }
  // Whether the path runs within kEdgeMargin of the region's edge at row i, column j: it may
  // have been pushed there by the region.
  auto at_edge = [&](int i, int j) {
    return (j - band.lo(i) < kEdgeMargin && band.lo(i) > 0) ||
           (band.hi(i) - j < kEdgeMargin && band.hi(i) < m);
  };
  // The rows whose cells on the region's edge (not the document's) hold more posterior
  // probability than lattice.edge_mass under the sums `a` and `b` (total log_z), merged into
  // `rows` (ascending).
  const double log_edge_mass = lattice.edge_mass > 0 ? std::log(lattice.edge_mass) : kInf;
  auto mass_at_edge = [&](const std::vector<double>& a, const std::vector<double>& b,
                          double log_z, std::vector<int>* rows) {
    std::vector<int> found;
    for (int r = 0; r <= n; ++r) {
      const int64_t row = band.RowStart(r);
      const bool low = band.lo(r) > 0 &&
                       a[row + band.lo(r)] + b[row + band.lo(r)] - log_z > log_edge_mass;
      const bool high = band.hi(r) < m &&
                        a[row + band.hi(r)] + b[row + band.hi(r)] - log_z > log_edge_mass;
      if (low || high) found.push_back(r);
    }
    std::vector<int> merged;
    std::set_union(rows->begin(), rows->end(), found.begin(), found.end(),
                   std::back_inserter(merged));
    *rows = std::move(merged);
  };
  auto finish = [&](LatticeResult* result) {
    // The backward sweeps may still read the costs (a path pressing the edge returns before
    // their sums are needed): they stop first.
    sweeps_abandoned.store(true, std::memory_order_relaxed);
    sweeps.Join();
    if (lattice.keep_costs && cache) {
      costs.band = band;
      costs.moves = k_moves;
      result->costs = std::move(costs);
    }
    return std::move(*result);
  };
  // The run stopped at `rows`, where the path or the posterior presses the region's edge.
  auto stop_at = [&](std::vector<int> rows, bool for_mass) {
    LatticeResult pressed;
    pressed.edge_rows = std::move(rows);
    pressed.best_cost = best[end];
    pressed.stopped_at_edge = true;
    pressed.stopped_for_mass = for_mass;
    return finish(&pressed);
  };
  if (lattice.only_path_at_edge && !lattice.best_path_only) {
    // The caller widens the region when the path presses its edge, and the sums of this run
    // would be thrown away: look for the edge first, along the back pointers.
    LatticeResult pressed;
    StopPoller poll(stop, 1024);
    for (int i = n, j = m; i > 0 || j > 0;) {
      RETURN_IF_ERROR(poll.Tick());
      if (at_edge(i, j) && (pressed.edge_rows.empty() || pressed.edge_rows.back() != i)) {
        pressed.edge_rows.push_back(i);
      }
      const Move mv = moves[back[band.Index(i, j)]];
      i -= mv.source;
      j -= mv.target;
    }
    if (!pressed.edge_rows.empty()) {
      std::reverse(pressed.edge_rows.begin(), pressed.edge_rows.end());
      return stop_at(std::move(pressed.edge_rows), false);
    }
  }
  // Omissions and coverage are read at their own temperature (ModelWeights::
  // coverage_temperature): the bead confidences' tempering would spread an omission's
  // probability over complete translations.
  if (scored_first) {
    // This thread's share of the sums, while the other finishes the backward sweeps.
    if (coverage_sweeps) RETURN_IF_ERROR(forward(ct, &coverage_alpha));
    sweeps.Join();
    RETURN_IF_ERROR(sweeps_status);
  } else if (!lattice.best_path_only) {
    RETURN_IF_ERROR(backward(t, &beta));
  }
  const double log_z = lattice.best_path_only ? 0 : alpha[end];
  // Paths the region cuts off would count in the sums: with a caller that widens, stop here
  // (the coverage sums, when summed apart, are checked as well).
  const bool check_mass = lattice.only_path_at_edge && lattice.edge_mass > 0 &&
                          !lattice.best_path_only;
  if (check_mass) {
    std::vector<int> rows;
    mass_at_edge(alpha, beta, log_z, &rows);
    if (scored_first && coverage_sweeps) {
      mass_at_edge(coverage_alpha, coverage_beta, coverage_alpha[end], &rows);
    }
    if (!rows.empty()) return stop_at(std::move(rows), true);
  }
  LatticeResult result;
  result.best_cost = best[end];
  result.log_partition = log_z;
  // The best path's beads, their confidences (from the sums at temperature t) and evidence.
  auto path = [&]() -> absl::Status {
    int i = n, j = m;
    StopPoller poll_path(stop, 1024);
    while (i > 0 || j > 0) {
      RETURN_IF_ERROR(poll_path.Tick());
      // A path along the band's edge may have been pushed there by the band: say so.
      if (at_edge(i, j) && (result.edge_rows.empty() || result.edge_rows.back() != i)) {
        result.edge_rows.push_back(i);
      }
      const Move mv = moves[back[band.Index(i, j)]];
      const int pi = i - mv.source, pj = j - mv.target;
      Bead bead;
      for (int k = pi; k < i; ++k) bead.source.push_back(k);
      for (int k = pj; k < j; ++k) bead.target.push_back(k);
      if (lattice.bead_evidence || !lattice.best_path_only) {
        std::vector<uint32_t> matched;
        const double cost =
            lattice.bead_evidence
                ? scorer.Cost(pi, i, pj, j, &bead.length_score, &bead.anchor_score, &matched)
                : scorer.Cost(pi, i, pj, j);
        if (!lattice.best_path_only) {
          const double log_posterior =
              alpha[band.Index(pi, pj)] - cost / t + beta[band.Index(i, j)] - log_z;
          bead.confidence = std::clamp(FastExp(log_posterior), 0.0, 1.0);
        }
        bead.anchors.reserve(matched.size());
        for (uint32_t id : matched) {
          bead.anchors.push_back({features.vocabulary.kind[id], features.vocabulary.value[id]});
        }
      }
      result.beads.push_back(std::move(bead));
      i = pi;
      j = pj;
    }
    std::reverse(result.beads.begin(), result.beads.end());
    std::reverse(result.edge_rows.begin(), result.edge_rows.end());
    return absl::OkStatus();
  };
  // A long document's path (0.2 s of 100,000 sentences) is read on the helper thread below,
  // after the omission sums and beside the draws, when the sums it reads stay: the coverage
  // sums are the confidences' own, or were summed apart (scored_first). Elsewhere it comes
  // first.
  const bool helper = options.threads > 1 && cells >= kCellsForOmissionThread;
  const bool path_beside = coverage && helper && (scored_first || !coverage_sweeps);
  if (!path_beside) {
    RETURN_IF_ERROR(path());
    if (!coverage) return finish(&result);
  }

  // The coverage temperature's sums: the confidences' when the temperatures are the same.
  const std::vector<double>* coverage_forward = &alpha;
  const std::vector<double>* coverage_backward = &beta;
  if (scored_first) {
    if (coverage_sweeps) {
      coverage_forward = &coverage_alpha;
      coverage_backward = &coverage_beta;
    }
  } else if (coverage_sweeps) {
    // The path has been read: its sums give way.
    RETURN_IF_ERROR(forward(ct, &alpha));
    RETURN_IF_ERROR(backward(ct, &beta));
  }
  const std::vector<double>& calpha = *coverage_forward;
  const std::vector<double>& cbeta = *coverage_backward;
  const double coverage_log_z = calpha[end];
  if (check_mass && !scored_first && coverage_sweeps) {
    // The coverage sums, summed after the path was read.
    std::vector<int> rows;
    mass_at_edge(calpha, cbeta, coverage_log_z, &rows);
    if (!rows.empty()) return stop_at(std::move(rows), true);
  }
  // Marginal posteriors of the one-sided beads: every 1-0 (0-1) bead that leaves sentence i (j)
  // alone, over every cell it can start from. They read only the sums, as the draws below do:
  // on a long document with two threads or more they are summed on a thread of their own
  // beside the draws (each sum in the same order either way). Joined on every return.
  auto omissions = [&]() -> absl::Status {
    result.omission_probability.assign(n, 0.0);
    result.addition_probability.assign(m, 0.0);
    if (!options.allow_omissions) return absl::OkStatus();
    StopPoller poll(stop, kCellsPerCheck);
    for (int row = 0; row <= n; ++row) {
      RETURN_IF_ERROR(poll.Tick(band.hi(row) - band.lo(row) + 1));
      for (int col = band.lo(row); col <= band.hi(row); ++col) {
        const int64_t here = band.Index(row, col);
        if (calpha[here] == -kInf) continue;
        if (const int64_t next = band.Index(row + 1, col); row < n && next >= 0) {
          result.omission_probability[row] +=
              FastExp(calpha[here] - scorer.Cost(row, row + 1, col, col) / ct + cbeta[next] -
                       coverage_log_z);
        }
        if (const int64_t next = band.Index(row, col + 1); col < m && next >= 0) {
          result.addition_probability[col] +=
              FastExp(calpha[here] - scorer.Cost(row, row, col, col + 1) / ct + cbeta[next] -
                       coverage_log_z);
        }
      }
    }
    for (double& p : result.omission_probability) p = std::min(p, 1.0);
    for (double& p : result.addition_probability) p = std::min(p, 1.0);
    return absl::OkStatus();
  };
  absl::Status omissions_status;
  TaskPool::Task omissions_task;
  Joiner omissions_joiner{omissions_task};
  if (helper) {
    omissions_task = TaskPool::Shared().Start([&] {
      omissions_status = omissions();
      if (omissions_status.ok() && path_beside) omissions_status = path();
    });
  } else {
    RETURN_IF_ERROR(omissions());
  }

  // Paths drawn backwards from the end (forward filtering, backward sampling).
  RETURN_IF_ERROR(DrawPaths(
      band, moves, calpha,
      [&](int i, int j, size_t k) {
        const int pi = i - moves[k].source, pj = j - moves[k].target;
        return cache ? costs.Get(band.Index(i, j) * k_moves + k) : scorer.Cost(pi, i, pj, j);
      },
      ct, posterior_samples, stop, &result.sampled_omissions));
  if (omissions_task.joinable()) {
    omissions_task.Join();
    RETURN_IF_ERROR(omissions_status);
  }
  return finish(&result);
}

}  // namespace newsalign
