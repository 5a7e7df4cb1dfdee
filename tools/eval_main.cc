// newsalign-eval: evaluates the aligner over a directory in the ../shared/eval layout
// (<set>/<lang>/<doc>.txt one sentence per line, <set>/gold/<doc>.txt one bead per line) and
// prints strict and lax precision, recall and F1 per set (the same figures as score.py), and
// precision, recall and F1 of omitted and added sentences (as omission_score.py), each set in
// its own direction and mirrored. Each line is normalised for matching (normalization.h), as
// the service reads a pre-split document.
//
//   newsalign-eval --eval_dir=../shared/eval [--floors=tools/eval_floors.tsv] [--details]
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "align/aligner.h"
#include "align/model_weights.h"
#include "anchors/anchor.h"
#include "lexicon/lexicon.h"
#include "report/report.h"
#include "text/normalization.h"
#include "text/utf8.h"
#include "tools/alignment_eval.h"

ABSL_FLAG(std::string, eval_dir, "", "Directory of evaluation sets (../shared/eval layout).");
ABSL_FLAG(std::string, sets, "", "Comma-separated set names; empty means every set found.");
ABSL_FLAG(std::string, out_dir, "", "If set, write each alignment to OUT/<set>/<doc>.txt.");
ABSL_FLAG(std::string, floors, "",
          "TSV of `set<TAB>min strict F1`; exit 1 when a set scores below its floor.");
ABSL_FLAG(std::string, disable_anchors, "", "Comma-separated anchor kinds to leave out.");
ABSL_FLAG(std::string, weights, "", "Model weight overrides, name=value,name=value.");
ABSL_FLAG(bool, second_pass, true, "Realign with word associations from the first pass.");
ABSL_FLAG(bool, batch, false,
          "Treat each set as one batch: word associations learnt from earlier documents carry to "
          "later ones, in file-name order (as an AlignStream whose requests set learn_across_stream).");
ABSL_FLAG(int, max_bead_sentences, 5, "Largest number of sentences on one side of a bead.");
ABSL_FLAG(int, corridor_above, newsalign::AlignOptions().corridor_above,
          "Search documents longer than this many sentences in a corridor around a coarse "
          "first path; 0 searches every document so.");
ABSL_FLAG(int, corridor_first_pass_bead_sentences,
          newsalign::AlignOptions().corridor_first_pass_bead_sentences,
          "In a corridor search, the first pass's largest bead side (1 to 5).");
ABSL_FLAG(int, first_pass_bead_limit_above,
          newsalign::AlignOptions().first_pass_bead_limit_above,
          "The first pass's bead limit applies to documents longer than this many sentences.");
ABSL_FLAG(int, band, 0, "Half-width of the search band; 0 chooses it.");
ABSL_FLAG(std::string, lexicon_dir, NEWSALIGN_DEFAULT_LEXICON_DIR,
          "Folder of <source>-<target>.tsv lexicons (built from FreeDict); empty for none.");
ABSL_FLAG(std::string, user_lexicon, "",
          "A lexicon TSV named <source>-<target>*.tsv (e.g. fr-ar.tico19.tsv, as `newsalign "
          "lexicon train` writes), merged into the lexicon of the sets of those languages.");
ABSL_FLAG(bool, mirror, true,
          "Also evaluate every set mirrored: the target language as the source, the gold turned "
          "round (printed as <set>/mirrored).");
ABSL_FLAG(bool, details, false, "Also print the confusion and calibration tables.");

namespace fs = std::filesystem;
using newsalign::AlignmentScorer;
using newsalign::EvalBead;

namespace {

std::vector<std::string> ReadLines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

// Loads <dir>/<source>-<target>.tsv, or <dir>/<target>-<source>.tsv inverted (every lexicon
// serves both directions, as in the server), or returns null when there is neither.
std::shared_ptr<const newsalign::Lexicon> LoadLexicon(const std::string& dir,
                                                      const std::string& source,
                                                      const std::string& target) {
  if (dir.empty()) return nullptr;
  for (const auto& [from, to] : {std::pair{source, target}, std::pair{target, source}}) {
    const fs::path path = fs::path(dir) / (from + "-" + to + ".tsv");
    std::ifstream in(path, std::ios::binary);
    if (!in) continue;
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto lexicon = newsalign::Lexicon::FromTsv(buffer.str(), from, to);
    if (!lexicon.ok()) {
      std::cerr << "newsalign-eval: " << path << ": " << lexicon.status() << "\n";
      return nullptr;
    }
    return newsalign::OrientLexicon(
        std::make_shared<const newsalign::Lexicon>(*std::move(lexicon)), source, target);
  }
  return nullptr;
}

// The --user_lexicon: its languages from its name ("fr-ar.tico19.tsv": fr to ar), and its pairs.
struct UserLexicon {
  std::string source;
  std::string target;
  std::shared_ptr<const newsalign::Lexicon> lexicon;
};

// Loads --user_lexicon; false (after printing why) when its name or content is wrong.
bool LoadUserLexicon(const std::string& path, UserLexicon* out) {
  const std::string name = fs::path(path).filename().string();
  std::vector<std::string> languages =
      absl::StrSplit(name.substr(0, name.find('.')), absl::MaxSplits('-', 1));
  if (languages.size() != 2 || languages[0].empty() || languages[1].empty()) {
    std::cerr << "newsalign-eval: --user_lexicon: name the file <source>-<target>.tsv, got "
              << name << "\n";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "newsalign-eval: --user_lexicon: cannot read " << path << "\n";
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto lexicon = newsalign::Lexicon::FromTsv(buffer.str(), languages[0], languages[1]);
  if (!lexicon.ok()) {
    std::cerr << "newsalign-eval: " << path << ": " << lexicon.status() << "\n";
    return false;
  }
  out->source = languages[0];
  out->target = languages[1];
  out->lexicon = std::make_shared<const newsalign::Lexicon>(*std::move(lexicon));
  return true;
}

std::vector<std::string> LanguageDirs(const fs::path& set) {
  std::vector<std::string> langs;
  for (const auto& entry : fs::directory_iterator(set)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && name != "gold") langs.push_back(name);
  }
  std::sort(langs.begin(), langs.end());
  return langs;
}

// Source language first: the order in which the set's name mentions them ("tico19_fr_ar").
std::pair<std::string, std::string> SourceTarget(const std::string& set_name,
                                                 std::vector<std::string> langs) {
  std::vector<std::string> parts = absl::StrSplit(set_name, '_');
  std::vector<std::string> ordered;
  for (const std::string& p : parts) {
    if (std::find(langs.begin(), langs.end(), p) != langs.end()) ordered.push_back(p);
  }
  if (ordered.size() == 2) return {ordered[0], ordered[1]};
  return {langs[0], langs[1]};
}

// Normalises each line for matching (NormalizeForMatching) into `out`, whose texts view `lines`
// or their own copies. Prints the error and returns false on failure.
bool NormalizeLines(const std::vector<std::string>& lines,
                    std::vector<newsalign::NormalizedText>* out) {
  out->reserve(lines.size());
  for (const std::string& line : lines) {
    absl::StatusOr<newsalign::NormalizedText> normalized = newsalign::NormalizeForMatching(line);
    if (!normalized.ok()) {
      std::cerr << "newsalign-eval: " << normalized.status() << "\n";
      return false;
    }
    out->push_back(*std::move(normalized));
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Evaluates the aligner over ../shared/eval-style directories.");
  absl::ParseCommandLine(argc, argv);
  const fs::path eval_dir = absl::GetFlag(FLAGS_eval_dir);
  if (eval_dir.empty() || !fs::is_directory(eval_dir)) {
    std::cerr << "newsalign-eval: --eval_dir must name a directory\n";
    return 2;
  }
  newsalign::AlignOptions options;
  options.second_pass = absl::GetFlag(FLAGS_second_pass);
  options.max_bead_sentences = absl::GetFlag(FLAGS_max_bead_sentences);
  options.corridor_above = absl::GetFlag(FLAGS_corridor_above);
  options.corridor_first_pass_bead_sentences =
      absl::GetFlag(FLAGS_corridor_first_pass_bead_sentences);
  options.first_pass_bead_limit_above = absl::GetFlag(FLAGS_first_pass_bead_limit_above);
  options.band = absl::GetFlag(FLAGS_band);
  for (absl::string_view name :
       absl::StrSplit(absl::GetFlag(FLAGS_disable_anchors), ',', absl::SkipEmpty())) {
    newsalign::AnchorKind kind;
    if (!newsalign::ParseAnchorKind(name, &kind)) {
      std::cerr << "newsalign-eval: unknown anchor kind " << name << "\n";
      return 2;
    }
    options.disabled_anchors.push_back(kind);
  }
  for (absl::string_view item : absl::StrSplit(absl::GetFlag(FLAGS_weights), ',', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(item, '=');
    double value;
    if (!absl::SimpleAtod(kv.second, &value) ||
        !newsalign::SetModelWeight(kv.first, value, &options.weights).ok()) {
      std::cerr << "newsalign-eval: bad weight " << item << "\n";
      return 2;
    }
  }
  if (absl::Status s = options.Validate(); !s.ok()) {
    std::cerr << "newsalign-eval: " << s.message() << "\n";
    return 2;
  }

  std::vector<std::string> sets =
      absl::StrSplit(absl::GetFlag(FLAGS_sets), ',', absl::SkipEmpty());
  if (sets.empty()) {
    for (const auto& entry : fs::directory_iterator(eval_dir)) {
      if (entry.is_directory() && fs::is_directory(entry.path() / "gold")) {
        sets.push_back(entry.path().filename().string());
      }
    }
    std::sort(sets.begin(), sets.end());
  }

  std::map<std::string, double> floors;
  if (!absl::GetFlag(FLAGS_floors).empty()) {
    for (const std::string& line : ReadLines(absl::GetFlag(FLAGS_floors))) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> cols = absl::StrSplit(line, '\t');
      double value;
      if (cols.size() >= 2 && absl::SimpleAtod(cols[1], &value)) floors[cols[0]] = value;
    }
  }

  UserLexicon user_lexicon;
  if (!absl::GetFlag(FLAGS_user_lexicon).empty() &&
      !LoadUserLexicon(absl::GetFlag(FLAGS_user_lexicon), &user_lexicon)) {
    return 2;
  }

  bool below_floor = false;
  std::printf("%-34s %6s %6s %6s  %6s %6s %6s  %-17s %-17s %s\n", "set", "P", "R", "F1", "P-lax",
              "R-lax", "F1-lax", "omitted P/R/F1", "added P/R/F1", "floor");
  for (const std::string& set : sets) {
    const fs::path set_dir = eval_dir / set;
    const std::vector<std::string> langs = LanguageDirs(set_dir);
    if (langs.size() != 2) {
      std::cerr << "newsalign-eval: " << set_dir << " must hold two language folders\n";
      return 2;
    }
    const auto [set_source, set_target] = SourceTarget(set, langs);
    std::vector<std::string> docs;
    for (const auto& entry : fs::directory_iterator(set_dir / "gold")) {
      docs.push_back(entry.path().filename().string());
    }
    std::sort(docs.begin(), docs.end());
    // Each set in its own direction, then mirrored (the target language as the source, the gold
    // beads turned round), since pipelines send pairs either way round.
    for (const bool mirrored : {false, true}) {
      if (mirrored && !absl::GetFlag(FLAGS_mirror)) continue;
      const std::string src_lang = mirrored ? set_target : set_source;
      const std::string tgt_lang = mirrored ? set_source : set_target;
      const std::string name = mirrored ? set + "/mirrored" : set;
      AlignmentScorer scorer;
      // The coverage interval against the gold: documents whose gold character coverage lies in
      // the interval, the interval's mean width; and the omission probabilities by bucket.
      int interval_holds = 0, interval_docs = 0;
      double interval_width = 0;
      std::map<int, std::pair<int, int>> omission_buckets;  // tenth -> (gold omitted, sentences)
      newsalign::AlignResources resources;
      resources.lexicon = LoadLexicon(absl::GetFlag(FLAGS_lexicon_dir), src_lang, tgt_lang);
      if (user_lexicon.lexicon != nullptr) {
        std::shared_ptr<const newsalign::Lexicon> user =
            newsalign::OrientLexicon(user_lexicon.lexicon, src_lang, tgt_lang);
        if (user != nullptr && resources.lexicon == nullptr) {
          resources.lexicon = user;
        } else if (user != nullptr) {
          auto merged = std::make_shared<newsalign::Lexicon>(*resources.lexicon);
          merged->Merge(*user);
          resources.lexicon = std::move(merged);
        }
      }
      if (absl::GetFlag(FLAGS_batch)) {
        resources.batch_associations = std::make_shared<newsalign::WordAssociations>();
      }
      for (const std::string& doc : docs) {
        const std::vector<std::string> src_lines = ReadLines(set_dir / src_lang / doc);
        const std::vector<std::string> tgt_lines = ReadLines(set_dir / tgt_lang / doc);
        // Each line normalised for matching, as the service reads a pre-split document.
        std::vector<newsalign::NormalizedText> src_normalized, tgt_normalized;
        if (!NormalizeLines(src_lines, &src_normalized) ||
            !NormalizeLines(tgt_lines, &tgt_normalized)) {
          return 1;
        }
        newsalign::AlignInput source{src_lang, {}, {}}, target{tgt_lang, {}, {}};
        for (const auto& l : src_normalized) source.sentences.push_back(l.text());
        for (const auto& l : tgt_normalized) target.sentences.push_back(l.text());
        auto alignment = newsalign::AlignSentences(source, target, options, resources);
        if (!alignment.ok()) {
          std::cerr << "newsalign-eval: " << name << "/" << doc << ": " << alignment.status()
                    << "\n";
          return 1;
        }
        std::vector<EvalBead> gold, test;
        for (const std::string& line : ReadLines(set_dir / "gold" / doc)) {
          if (absl::StripAsciiWhitespace(line).empty()) continue;
          auto bead = newsalign::ParseVecalignLine(line);
          if (!bead.ok()) {
            std::cerr << "newsalign-eval: " << set << "/gold/" << doc << ": " << bead.status()
                      << "\n";
            return 1;
          }
          gold.push_back(*bead);
        }
        if (mirrored) gold = newsalign::MirrorBeads(gold);
        std::ostringstream out;
        for (const newsalign::Bead& b : alignment->beads) {
          test.push_back(EvalBead{b.source, b.target, b.confidence});
          out << newsalign::FormatVecalignLine(b.source, b.target) << "\n";
        }
        scorer.AddDocument(gold, test);
        if (!alignment->sampled_omissions.empty()) {
          std::vector<double> chars;
          double total = 0;
          for (const std::string& l : src_lines) {
            chars.push_back(static_cast<double>(newsalign::CountCodePoints(l)));
            total += chars.back();
          }
          std::vector<bool> gold_omitted(chars.size(), false);
          double gold_lost = 0;
          for (const EvalBead& b : gold) {
            if (!b.target.empty()) continue;
            for (int s : b.source) {
              gold_omitted[s] = true;
              gold_lost += chars[s];
            }
          }
          const newsalign::CoverageEstimate estimate = newsalign::EstimateCoverage(
              chars, alignment->omission_probability, alignment->sampled_omissions);
          const double low = estimate.low, high = estimate.high;
          const double truth = total > 0 ? (total - gold_lost) / total : 1.0;
          ++interval_docs;
          interval_holds += truth >= low - 1e-9 && truth <= high + 1e-9;
          interval_width += high - low;
          for (size_t i = 0; i < alignment->omission_probability.size(); ++i) {
            auto& cell = omission_buckets[std::min(
                9, static_cast<int>(alignment->omission_probability[i] * 10))];
            cell.first += gold_omitted[i];
            ++cell.second;
          }
        }
        if (!absl::GetFlag(FLAGS_out_dir).empty()) {
          const fs::path out_dir = fs::path(absl::GetFlag(FLAGS_out_dir)) / name;
          fs::create_directories(out_dir);
          std::ofstream(out_dir / doc) << out.str();
        }
      }
      std::string floor_text = "-";
      if (auto it = floors.find(name); it != floors.end()) {
        const bool ok = scorer.f1_strict() + 1e-9 >= it->second;
        floor_text = absl::StrFormat("%.3f %s", it->second, ok ? "ok" : "BELOW");
        below_floor = below_floor || !ok;
      }
      // Sets without any gold omission (or addition) show "-": there is nothing to find.
      auto triple = [](long gold, double p, double r, double f) {
        return gold == 0 ? std::string("-") : absl::StrFormat("%.3f/%.3f/%.3f", p, r, f);
      };
      std::printf(
          "%-34s %6.3f %6.3f %6.3f  %6.3f %6.3f %6.3f  %-17s %-17s %s\n", name.c_str(),
          scorer.precision_strict(), scorer.recall_strict(), scorer.f1_strict(),
          scorer.precision_lax(), scorer.recall_lax(), scorer.f1_lax(),
          triple(scorer.gold_omitted(), scorer.precision_omitted(), scorer.recall_omitted(),
                 scorer.f1_omitted())
              .c_str(),
          triple(scorer.gold_added(), scorer.precision_added(), scorer.recall_added(),
                 scorer.f1_added())
              .c_str(),
          floor_text.c_str());
      if (absl::GetFlag(FLAGS_details)) {
        std::printf("  invented: %ld omitted, %ld added (gold %ld / %ld)\n",
                    scorer.false_omitted(), scorer.false_added(), scorer.gold_omitted(),
                    scorer.gold_added());
        std::printf("  coverage interval (90 %%) holds the gold coverage in %d of %d documents, "
                    "mean width %.3f\n",
                    interval_holds, interval_docs,
                    interval_docs ? interval_width / interval_docs : 0.0);
        std::printf("  omission probability (bucket: gold omitted / source sentences):");
        for (const auto& [tenth, cell] : omission_buckets) {
          std::printf("  %.1f: %d/%d", tenth / 10.0, cell.first, cell.second);
        }
        std::printf("\n");
        std::printf("  confusion (gold -> predicted; * = same type, other sentences):\n");
        for (const auto& [gold_type, row] : scorer.confusion()) {
          std::printf("    %-4s", gold_type.c_str());
          for (const auto& [test_type, count] : row) {
            std::printf("  %s:%d", test_type.c_str(), count);
          }
          std::printf("\n");
        }
        std::printf("  calibration (confidence >= bucket: correct / total):\n");
        for (const auto& [bucket, cell] : scorer.calibration()) {
          std::printf("    >= %.2f  %5d / %5d  %.3f\n", bucket, cell.first, cell.second,
                      cell.second ? double(cell.first) / cell.second : 0.0);
        }
      }
    }
  }
  std::fflush(stdout);
  return below_floor ? 1 : 0;
}
