#include "align/corridor.h"

#include <algorithm>
#include <utility>
#include <cstdint>

namespace newsalign {
namespace {

// Anchor kinds kept between blocks: all but punctuation, which is in nearly every sentence, so
// that between blocks of sentences it says little and costs much.
bool StrongAnchor(AnchorKind kind) {
  return kind == AnchorKind::kNumber || kind == AnchorKind::kDate ||
         kind == AnchorKind::kName || kind == AnchorKind::kToken || kind == AnchorKind::kLexicon;
}

SideFeatures CoarsenSide(const SideFeatures& side, const AnchorVocabulary& vocabulary,
                         const std::vector<uint8_t>& keep, int block) {
  const int n = static_cast<int>(side.length.size());
  const int blocks = (n + block - 1) / block;
  SideFeatures coarse;
  coarse.length.assign(blocks, 0);
  coarse.orphan_numbers.assign(blocks, 0);
  coarse.noise.assign(blocks, true);
  coarse.anchors.resize(blocks);
  for (int b = 0; b < blocks; ++b) {
    std::vector<uint32_t>& ids = coarse.anchors[b];
    size_t held = 0;
    for (int i = b * block; i < std::min(n, (b + 1) * block); ++i) held += side.anchors[i].size();
    ids.reserve(held);
    for (int i = b * block; i < std::min(n, (b + 1) * block); ++i) {
      coarse.length[b] += side.length[i];
      coarse.orphan_numbers[b] += side.orphan_numbers[i];
      coarse.noise[b] = coarse.noise[b] && side.noise[i];
      for (uint32_t id : side.anchors[i]) {
        if (keep[id]) ids.push_back(id);
      }
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }
  return coarse;
}

// Anchors held by more blocks than this on either side are left out between blocks. A common
// word's lexicon pair or a name repeated all along a book says little about where a block goes
// and, held by hundreds of sentences, made the coarse levels cost as much as the fine one
// (20,009 x 19,227 sentences: 1.25 s against 0.02 s; 100,010 x 96,309: the same path).
constexpr int kMostBlocks = 8;

// Counts, for each anchor id, the blocks of `block` sentences of `side` that hold it (up to 255).
void CountBlocks(const SideFeatures& side, int block, std::vector<uint8_t>* blocks) {
  std::vector<int> last(blocks->size(), -1);
  for (int i = 0; i < static_cast<int>(side.anchors.size()); ++i) {
    const int b = i / block;
    for (uint32_t id : side.anchors[i]) {
      if (last[id] == b) continue;
      last[id] = b;
      if ((*blocks)[id] < 255) ++(*blocks)[id];
    }
  }
}

// The anchors kept between blocks: strong ones, in few blocks of either side.
std::vector<uint8_t> KeptAnchors(const PairFeatures& f, int block) {
  const size_t size = f.vocabulary.size();
  std::vector<uint8_t> source(size, 0), target(size, 0), keep(size, 0);
  CountBlocks(f.source, block, &source);
  CountBlocks(f.target, block, &target);
  for (size_t id = 0; id < size; ++id) {
    keep[id] = StrongAnchor(f.vocabulary.kind[id]) && std::max(source[id], target[id]) <= kMostBlocks;
  }
  return keep;
}

// Makes lo non-decreasing (from the end) and hi non-decreasing (from the start): the region
// only grows, and consecutive rows that overlapped still do.
void MakeMonotone(std::vector<int>* lo, std::vector<int>* hi) {
  for (size_t i = lo->size(); i-- > 1;) (*lo)[i - 1] = std::min((*lo)[i - 1], (*lo)[i]);
  for (size_t i = 1; i < hi->size(); ++i) (*hi)[i] = std::max((*hi)[i], (*hi)[i - 1]);
}

}  // namespace

PairFeatures CoarsenFeatures(const PairFeatures& features, int block) {
  PairFeatures coarse;
  // The coarse levels read only the ids' kinds, weights and penalties.
  coarse.vocabulary.kind = features.vocabulary.kind;
  coarse.vocabulary.weight = features.vocabulary.weight;
  coarse.vocabulary.penalty = features.vocabulary.penalty;
  coarse.vocabulary.value.assign(features.vocabulary.size(), std::string());
  const std::vector<uint8_t> keep = KeptAnchors(features, block);
  coarse.source = CoarsenSide(features.source, features.vocabulary, keep, block);
  coarse.target = CoarsenSide(features.target, features.vocabulary, keep, block);
  coarse.source_script = features.source_script;
  coarse.target_script = features.target_script;
  return coarse;
}

Band CorridorAround(const std::vector<Bead>& coarse, int block, int n, int m, int margin) {
  std::vector<int> lo(n + 1, m), hi(n + 1, 0);
  int source_block = 0, target_block = 0;
  for (const Bead& bead : coarse) {
    const int next_source = source_block + static_cast<int>(bead.source.size());
    const int next_target = target_block + static_cast<int>(bead.target.size());
    // A block left without a counterpart may in truth sit anywhere within the neighbouring
    // blocks of the other side (blocks cut through beads): its rectangle reaches one block
    // further on the other side.
    const int row_reach = bead.source.empty() ? block : 0;
    const int column_reach = bead.target.empty() ? block : 0;
    const int first_row = std::max(0, std::min(n, source_block * block) - row_reach);
    const int last_row = std::min(n, next_source * block + row_reach);
    const int first_column =
        std::max(0, std::min(m, target_block * block) - margin - column_reach);
    const int last_column = std::min(m, next_target * block + margin + column_reach);
    for (int row = first_row; row <= last_row; ++row) {
      lo[row] = std::min(lo[row], first_column);
      hi[row] = std::max(hi[row], last_column);
    }
    source_block = next_source;
    target_block = next_target;
  }
  lo[0] = 0;
  hi[n] = m;
  for (int row = 0; row <= n; ++row) {
    // A row no bead reached (a path that did not cover every block): the whole width.
    if (lo[row] > hi[row]) {
      lo[row] = 0;
      hi[row] = m;
    }
  }
  MakeMonotone(&lo, &hi);
  return Band(std::move(lo), std::move(hi));
}

Band WidenAround(const Band& band, const std::vector<int>& rows, int radius, int extra, int m) {
  const int count = band.rows();
  std::vector<int> lo(count), hi(count);
  for (int i = 0; i < count; ++i) {
    lo[i] = band.lo(i);
    hi[i] = band.hi(i);
  }
  for (int row : rows) {
    for (int i = std::max(0, row - radius); i <= std::min(count - 1, row + radius); ++i) {
      lo[i] = std::max(0, band.lo(i) - extra);
      hi[i] = std::min(m, band.hi(i) + extra);
    }
  }
  MakeMonotone(&lo, &hi);
  return Band(std::move(lo), std::move(hi));
}

}  // namespace newsalign
