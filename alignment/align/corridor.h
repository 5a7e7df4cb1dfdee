// The corridor search: linear time and memory on long documents.
//
// A band around the diagonal must be as wide as the path strays from it, which grows with the
// length of the documents (clustered omissions push the path off the diagonal). Instead the
// aligner first finds the path between blocks of sentences (each block of `block` consecutive
// sentences taken as one, with the strong anchors only: numbers, dates, names and identical
// tokens), recursively while the blocks are still many, and then runs the full model in a
// corridor of fixed width around that coarse path, widening it locally wherever the path
// presses against its edge (Vecalign's recursive downsampling, with our own model at every
// level).
#ifndef NEWSALIGN_ALIGNMENT_ALIGN_CORRIDOR_H_
#define NEWSALIGN_ALIGNMENT_ALIGN_CORRIDOR_H_

#include <vector>

#include "align/aligner.h"
#include "align/lattice.h"
#include "align/sentence_features.h"

namespace newsalign {

// Returns the features of blocks of `block` consecutive sentences of each side (the last block
// may be shorter): lengths and orphan numbers summed, the strong anchors of their sentences
// (each id once per block), noise when every sentence is noise. No layout, no words.
PairFeatures CoarsenFeatures(const PairFeatures& features, int block);

// Returns the corridor, for documents of `n` and `m` sentences, around the path `coarse` found
// between blocks of `block` sentences: every fine row under a coarse bead spans that bead's
// target sentences and `margin` more on either side.
Band CorridorAround(const std::vector<Bead>& coarse, int block, int n, int m, int margin);

// Returns `band` with the rows within `radius` of each row in `rows` widened by `extra`
// target positions on either side (kept within [0, m]).
Band WidenAround(const Band& band, const std::vector<int>& rows, int radius, int extra, int m);

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_ALIGN_CORRIDOR_H_
