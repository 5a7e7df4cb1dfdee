#include "tools/alignment_eval.h"

#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace newsalign {
namespace {

absl::StatusOr<std::vector<int>> ParseList(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (!absl::ConsumePrefix(&text, "[") || !absl::ConsumeSuffix(&text, "]")) {
    return absl::InvalidArgumentError(absl::StrCat("expected [i, j, ...], got ", text));
  }
  std::vector<int> out;
  if (absl::StripAsciiWhitespace(text).empty()) return out;
  for (absl::string_view part : absl::StrSplit(text, ',')) {
    int value;
    if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(part), &value)) {
      return absl::InvalidArgumentError(absl::StrCat("not an index: ", part));
    }
    out.push_back(value);
  }
  return out;
}

std::string Type(const EvalBead& b) { return absl::StrCat(b.source.size(), "-", b.target.size()); }

// Counts of score.py's _prec(gold, test): tp_s, fp_s, tp_l, fp_l.
void Precision(const std::vector<EvalBead>& gold_in, const std::vector<EvalBead>& test_in,
               long out[4]) {
  std::set<EvalBead> gold, test;
  for (const EvalBead& b : gold_in) {
    if (!b.source.empty() || !b.target.empty()) gold.insert(EvalBead{b.source, b.target});
  }
  for (const EvalBead& b : test_in) {
    if (!b.source.empty() || !b.target.empty()) test.insert(EvalBead{b.source, b.target});
  }
  absl::flat_hash_map<int, absl::flat_hash_set<int>> links;
  for (const EvalBead& b : gold) {
    for (int s : b.source) links[s].insert(b.target.begin(), b.target.end());
  }
  for (const EvalBead& b : test) {
    if (gold.count(b)) {
      ++out[0];
      ++out[2];
      continue;
    }
    ++out[1];
    bool linked = false;
    for (int s : b.source) {
      auto it = links.find(s);
      if (it == links.end()) continue;
      for (int t : b.target) linked = linked || it->second.count(t) > 0;
    }
    ++out[linked ? 2 : 3];
  }
}

double Ratio(long a, long b) { return a + b > 0 ? static_cast<double>(a) / (a + b) : 0.0; }
double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

}  // namespace

absl::StatusOr<EvalBead> ParseVecalignLine(absl::string_view line) {
  std::vector<absl::string_view> sides = absl::StrSplit(line, ':');
  if (sides.size() < 2) {
    return absl::InvalidArgumentError(absl::StrCat("expected [..]:[..], got ", line));
  }
  EvalBead bead;
  auto source = ParseList(sides[0]);
  if (!source.ok()) return source.status();
  auto target = ParseList(sides[1]);
  if (!target.ok()) return target.status();
  bead.source = *std::move(source);
  bead.target = *std::move(target);
  return bead;
}

std::string FormatVecalignLine(const std::vector<int>& source, const std::vector<int>& target) {
  return absl::StrCat("[", absl::StrJoin(source, ", "), "]:[", absl::StrJoin(target, ", "), "]");
}

void AlignmentScorer::AddDocument(const std::vector<EvalBead>& gold,
                                  const std::vector<EvalBead>& test) {
  Precision(gold, test, precision_);
  std::vector<EvalBead> gold_links, test_links;
  for (const EvalBead& b : gold) {
    if (!b.source.empty() && !b.target.empty()) gold_links.push_back(b);
  }
  for (const EvalBead& b : test) {
    if (!b.source.empty() && !b.target.empty()) test_links.push_back(b);
  }
  Precision(test_links, gold_links, recall_);

  // Sentences left alone on one side, as omission_score.py counts them.
  auto lonely = [](const std::vector<EvalBead>& beads, bool source_side) {
    std::set<int> out;
    for (const EvalBead& b : beads) {
      const std::vector<int>& side = source_side ? b.source : b.target;
      const std::vector<int>& other = source_side ? b.target : b.source;
      if (other.empty()) out.insert(side.begin(), side.end());
    }
    return out;
  };
  for (const bool source_side : {true, false}) {
    const std::set<int> g = lonely(gold, source_side), t = lonely(test, source_side);
    long* counts = source_side ? omitted_ : added_;
    for (int s : t) ++counts[g.count(s) ? 0 : 1];
    for (int s : g) counts[2] += t.count(s) == 0;
  }

  // Confusion: each gold bead against the test bead that holds its first sentence.
  absl::flat_hash_map<int, const EvalBead*> test_by_source, test_by_target;
  for (const EvalBead& b : test) {
    for (int s : b.source) test_by_source[s] = &b;
    for (int t : b.target) test_by_target[t] = &b;
  }
  std::set<EvalBead> gold_set(gold.begin(), gold.end());
  for (const EvalBead& g : gold) {
    const EvalBead* t = nullptr;
    if (!g.source.empty()) {
      auto it = test_by_source.find(g.source[0]);
      if (it != test_by_source.end()) t = it->second;
    } else if (!g.target.empty()) {
      auto it = test_by_target.find(g.target[0]);
      if (it != test_by_target.end()) t = it->second;
    }
    ++confusion_[Type(g)][t == nullptr ? "none" : (*t == g ? Type(*t) : Type(*t) + "*")];
  }
  for (const EvalBead& b : test) {
    const double bucket = b.confidence >= 0.99 ? 0.99
                          : b.confidence >= 0.9 ? 0.9
                          : b.confidence >= 0.7 ? 0.7
                          : b.confidence >= 0.5 ? 0.5
                                                : 0.0;
    auto& cell = calibration_[bucket];
    cell.first += gold_set.count(EvalBead{b.source, b.target}) > 0;
    ++cell.second;
  }
}

double AlignmentScorer::precision_strict() const { return Ratio(precision_[0], precision_[1]); }
double AlignmentScorer::recall_strict() const { return Ratio(recall_[0], recall_[1]); }
double AlignmentScorer::f1_strict() const { return F1(precision_strict(), recall_strict()); }
double AlignmentScorer::precision_lax() const { return Ratio(precision_[2], precision_[3]); }
double AlignmentScorer::recall_lax() const { return Ratio(recall_[2], recall_[3]); }
double AlignmentScorer::f1_lax() const { return F1(precision_lax(), recall_lax()); }

// As omission_score.py: a precision or recall with nothing to count is 1.
static double RatioOrOne(long tp, long other) {
  return tp + other == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + other);
}
double AlignmentScorer::precision_omitted() const { return RatioOrOne(omitted_[0], omitted_[1]); }
double AlignmentScorer::recall_omitted() const { return RatioOrOne(omitted_[0], omitted_[2]); }
double AlignmentScorer::f1_omitted() const { return F1(precision_omitted(), recall_omitted()); }
double AlignmentScorer::precision_added() const { return RatioOrOne(added_[0], added_[1]); }
double AlignmentScorer::recall_added() const { return RatioOrOne(added_[0], added_[2]); }
double AlignmentScorer::f1_added() const { return F1(precision_added(), recall_added()); }

std::vector<EvalBead> MirrorBeads(const std::vector<EvalBead>& beads) {
  std::vector<EvalBead> out;
  for (const EvalBead& b : beads) out.push_back(EvalBead{b.target, b.source, b.confidence});
  return out;
}

}  // namespace newsalign
