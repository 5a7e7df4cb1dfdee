// Speed of the core: sentence splitting and alignment, sized by input.
//
//   cmake -S . -B build -DNEWSALIGN_BUILD_BENCHMARKS=ON && cmake --build build
//   build/bench/aligner_benchmark --benchmark_min_time=1
#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_split.h"
#include "align/aligner.h"
#include "align/document_aligner.h"
#include "benchmark/benchmark.h"
#include "lexicon/lexicon.h"
#include "report/report.h"
#include "tests/testing/unicode_forms.h"
#include "text/normalization.h"
#include "text/sentence_splitter.h"
#include "text/tokenizer.h"

namespace newsalign {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Real French and Arabic documents with their gold alignments: TICO-19 perturbed, FLORES-200
// perturbed and TICO-19 (omissions, additions and merges, then complete translations), one
// after the other; the sample article when the evaluation data is not there.
struct Document {
  std::vector<std::string> fr, ar;
  std::vector<std::pair<std::vector<int>, std::vector<int>>> gold;
};

std::vector<int> ParseIndices(const std::string& text) {
  std::vector<int> out;
  std::string digits;
  for (char c : text + ",") {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (!digits.empty()) {
      out.push_back(std::stoi(digits));
      digits.clear();
    }
  }
  return out;
}

std::vector<std::string> ReadLines(const std::filesystem::path& path) {
  std::istringstream in(ReadFile(path));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const std::vector<Document>& LoadDocuments() {
  static const std::vector<Document>* documents = [] {
    auto* out = new std::vector<Document>();
    namespace fs = std::filesystem;
    for (const char* set : {"tico19_fr_ar_perturbed", "flores200_fr_ar_perturbed", "tico19_fr_ar"}) {
      const fs::path dir = fs::path(NEWSALIGN_SHARED_DIR) / "eval" / set;
      if (!fs::is_directory(dir / "gold")) continue;
      std::vector<fs::path> names;
      for (const auto& e : fs::directory_iterator(dir / "gold")) names.push_back(e.path().filename());
      std::sort(names.begin(), names.end());
      for (const fs::path& name : names) {
        Document doc;
        doc.fr = ReadLines(dir / "fr" / name);
        doc.ar = ReadLines(dir / "ar" / name);
        for (const std::string& bead : ReadLines(dir / "gold" / name)) {
          const size_t colon = bead.find("]:[");
          if (colon == std::string::npos) continue;
          doc.gold.push_back({ParseIndices(bead.substr(0, colon)), ParseIndices(bead.substr(colon))});
        }
        out->push_back(std::move(doc));
      }
    }
    if (out->empty()) {
      Document doc;
      for (auto [lang, lines] : {std::pair{"fr", &doc.fr}, std::pair{"ar", &doc.ar}}) {
        for (std::string& line : ReadLines(std::filesystem::path(NEWSALIGN_SOURCE_DIR) /
                                           "examples/mali-minusma" / (std::string(lang) + ".txt"))) {
          if (!line.empty()) lines->push_back(std::move(line));
        }
      }
      out->push_back(std::move(doc));
    }
    return out;
  }();
  return *documents;
}

// A pair of about `n` French sentences: whole documents one after the other (from the first
// again when they run out), with the gold of the whole (empty for the sample article).
struct Pair {
  std::vector<std::string> fr, ar;
  std::set<std::pair<std::vector<int>, std::vector<int>>> gold;
};

Pair BuildPair(size_t n) {
  const std::vector<Document>& documents = LoadDocuments();
  Pair pair;
  for (size_t d = 0; pair.fr.size() < n; d = (d + 1) % documents.size()) {
    const Document& doc = documents[d];
    const int fr_offset = static_cast<int>(pair.fr.size());
    const int ar_offset = static_cast<int>(pair.ar.size());
    for (auto bead : doc.gold) {
      for (int& i : bead.first) i += fr_offset;
      for (int& j : bead.second) j += ar_offset;
      pair.gold.insert(std::move(bead));
    }
    pair.fr.insert(pair.fr.end(), doc.fr.begin(), doc.fr.end());
    pair.ar.insert(pair.ar.end(), doc.ar.begin(), doc.ar.end());
  }
  return pair;
}

// Peak resident memory of the process so far, in MiB (run one size per process to read it
// per size: --benchmark_filter).
double PeakRssMiB() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

std::shared_ptr<const Lexicon> LoadFrArLexicon() {
  static const std::shared_ptr<const Lexicon> lexicon = []() -> std::shared_ptr<const Lexicon> {
    const std::string tsv = ReadFile(std::filesystem::path(NEWSALIGN_LEXICON_DIR) / "fr-ar.tsv");
    if (tsv.empty()) return nullptr;
    auto parsed = Lexicon::FromTsv(tsv, "fr", "ar");
    return parsed.ok() ? std::make_shared<const Lexicon>(*std::move(parsed)) : nullptr;
  }();
  return lexicon;
}

// Gives `resources` the fr-ar lexicon, as the service has it; without it (not built) the
// benchmark stops with an error instead of timing a lighter model: aligning without the
// lexicon's anchors is faster, and once gave a build a 10 % "gain" it did not have.
bool WithLexicon(benchmark::State& state, AlignResources* resources) {
  resources->lexicon = LoadFrArLexicon();
  if (resources->lexicon == nullptr) {
    state.SkipWithError("no fr-ar lexicon at " NEWSALIGN_LEXICON_DIR
                        "/fr-ar.tsv: build the newsalign_lexicons target first");
    return false;
  }
  return true;
}

// Aligns a pair of about N French sentences (BuildPair); arguments: N, second pass, lexicon.
// Counters: the sentences of each side, strict F1 against the gold, peak memory.
void AlignPair(benchmark::State& state, size_t sentences, bool second_pass, bool lexicon,
               int threads) {
  const Pair pair = BuildPair(sentences);
  AlignInput source{"fr", {pair.fr.begin(), pair.fr.end()}};
  AlignInput target{"ar", {pair.ar.begin(), pair.ar.end()}};
  AlignOptions options;
  options.second_pass = second_pass;
  options.threads = threads;
  AlignResources resources;
  if (lexicon && !WithLexicon(state, &resources)) return;
  options.limits.max_sentences = 1 << 30;
  double f1 = 0;
  for (auto _ : state) {
    auto result = AlignSentences(source, target, options, resources);
    if (!result.ok()) {
      state.SkipWithError(std::string(result.status().message()).c_str());
      break;
    }
    int correct = 0;
    for (const Bead& b : result->beads) correct += pair.gold.count({b.source, b.target}) > 0;
    const double precision = result->beads.empty() ? 0 : double(correct) / result->beads.size();
    const double recall = pair.gold.empty() ? 0 : double(correct) / pair.gold.size();
    f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(pair.fr.size()));
  state.counters["fr"] = static_cast<double>(pair.fr.size());
  state.counters["ar"] = static_cast<double>(pair.ar.size());
  state.counters["strict_f1"] = f1;
  state.counters["peak_rss_mib"] = PeakRssMiB();
}

void BM_AlignSentences(benchmark::State& state) {
  AlignPair(state, static_cast<size_t>(state.range(0)), state.range(1) != 0, state.range(2) != 0,
            1);
}
BENCHMARK(BM_AlignSentences)
    ->ArgNames({"sentences", "second_pass", "lexicon"})
    ->Args({50, 1, 1})
    ->Args({1000, 1, 1})
    ->Args({5000, 1, 1})
    ->Args({20000, 1, 1})
    ->Args({100000, 1, 1})
    ->Args({1000, 0, 1})
    ->Args({1000, 1, 0})
    ->Unit(benchmark::kMillisecond);

// The same with the second pass and the lexicon on `threads` threads (AlignOptions::threads: the
// sides' features and the bead costs are shared out), as the in-process client runs it on a
// machine of that many CPUs.
void BM_AlignSentencesOnThreads(benchmark::State& state) {
  AlignPair(state, static_cast<size_t>(state.range(0)), true, true,
            static_cast<int>(state.range(1)));
}
BENCHMARK(BM_AlignSentencesOnThreads)
    ->ArgNames({"sentences", "threads"})
    ->Args({20000, 2})
    ->Args({100000, 2})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// Splits a document of about N bytes (the sample article, repeated).
void BM_SplitSentences(benchmark::State& state) {
  const std::string language = state.range(1) == 0 ? "fr" : "ar";
  const std::string sample =
      ReadFile(std::filesystem::path(NEWSALIGN_SOURCE_DIR) / "examples/mali-minusma" /
               (language + ".txt")) +
      "\n\n";
  std::string text;
  while (text.size() < static_cast<size_t>(state.range(0))) text += sample;
  for (auto _ : state) {
    auto segments = SplitSentences(text, language);
    benchmark::DoNotOptimize(segments);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_SplitSentences)
    ->ArgNames({"bytes", "arabic"})
    ->Args({16 << 10, 0})
    ->Args({16 << 10, 1})
    ->Args({1 << 20, 0})
    ->Args({1 << 20, 1})
    ->Unit(benchmark::kMillisecond);

// Tokenizes the sample article's French or Arabic (about 1 MiB, repeated), as the features,
// the name check and the figures each do sentence by sentence.
void BM_Tokenize(benchmark::State& state) {
  const std::string language = state.range(0) == 0 ? "fr" : "ar";
  const std::string sample =
      ReadFile(std::filesystem::path(NEWSALIGN_SOURCE_DIR) / "examples/mali-minusma" /
               (language + ".txt")) +
      "\n";
  std::string text;
  while (text.size() < (1u << 20)) text += sample;
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n', absl::SkipEmpty());
  for (auto _ : state) {
    size_t tokens = 0;
    for (absl::string_view line : lines) tokens += Tokenize(line).size();
    benchmark::DoNotOptimize(tokens);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_Tokenize)->ArgName("arabic")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// Aligns `fr` and `ar` as one request without gRPC does: split both raw texts, align,
// summarise; with the FreeDict lexicon, as the service has it.
void AlignSample(benchmark::State& state, const DocumentInput& fr, const DocumentInput& ar,
                 int threads = 1) {
  AlignResources resources;
  if (!WithLexicon(state, &resources)) return;
  AlignOptions options;
  options.threads = threads;
  for (auto _ : state) {
    auto result = AlignDocuments(fr, ar, options, resources);
    benchmark::DoNotOptimize(result);
  }
}

std::filesystem::path SampleDir() {
  return std::filesystem::path(NEWSALIGN_SOURCE_DIR) / "examples/mali-minusma";
}

// The whole path of one request on the sample article.
void BM_AlignDocumentsSample(benchmark::State& state) {
  AlignSample(state, {"fr", ReadFile(SampleDir() / "fr.txt"), {}, false},
              {"ar", ReadFile(SampleDir() / "ar.txt"), {}, false});
}
BENCHMARK(BM_AlignDocumentsSample)->Unit(benchmark::kMillisecond);

// The same on two threads, as the in-process client runs a request on this machine's two
// CPUs: wall time.
void BM_AlignDocumentsSampleOnThreads(benchmark::State& state) {
  AlignSample(state, {"fr", ReadFile(SampleDir() / "fr.txt"), {}, false},
              {"ar", ReadFile(SampleDir() / "ar.txt"), {}, false},
              static_cast<int>(state.range(0)));
}
BENCHMARK(BM_AlignDocumentsSampleOnThreads)
    ->ArgName("threads")
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// The same request with the Arabic in presentation forms (as copied from a PDF) and the French
// in NFD: normalisation's slow path, which the aligner then reads as the sample itself.
void BM_AlignDocumentsSampleOtherForms(benchmark::State& state) {
  AlignSample(state, {"fr", testing::ToNfd(ReadFile(SampleDir() / "fr.txt")), {}, false},
              {"ar", testing::ToPresentationForms(ReadFile(SampleDir() / "ar.txt")), {}, false});
}
BENCHMARK(BM_AlignDocumentsSampleOtherForms)->Unit(benchmark::kMillisecond);

// The QA report of the sample's alignment, as the server builds it after every request (one
// thread, as with the server's default --threads_per_call).
void BM_ReportSample(benchmark::State& state) {
  AlignResources resources;
  if (!WithLexicon(state, &resources)) return;
  const absl::StatusOr<DocumentAlignment> alignment =
      AlignDocuments({"fr", ReadFile(SampleDir() / "fr.txt"), {}, false},
                     {"ar", ReadFile(SampleDir() / "ar.txt"), {}, false}, AlignOptions(),
                     resources);
  if (!alignment.ok()) {
    state.SkipWithError(std::string(alignment.status().message()).c_str());
    return;
  }
  for (auto _ : state) {
    DocumentReport report = BuildReport(*alignment, ReportOptions());
    benchmark::DoNotOptimize(report);
  }
}
BENCHMARK(BM_ReportSample)->Unit(benchmark::kMillisecond);

// Aligns the sample and builds its QA report on `threads`, as one request does, with a
// word-key memo kept across requests (`kept_keys`) or a fresh one each time.
void AlignAndReport(benchmark::State& state, bool kept_keys, int threads) {
  AlignResources resources;
  if (!WithLexicon(state, &resources)) return;
  if (kept_keys) resources.word_keys = std::make_shared<WordKeyCache>();
  AlignOptions options;
  options.threads = threads;
  ReportOptions report_options;
  report_options.threads = threads;
  const DocumentInput fr{"fr", ReadFile(SampleDir() / "fr.txt"), {}, false};
  const DocumentInput ar{"ar", ReadFile(SampleDir() / "ar.txt"), {}, false};
  for (auto _ : state) {
    absl::StatusOr<DocumentAlignment> alignment = AlignDocuments(fr, ar, options, resources);
    if (!alignment.ok()) {
      state.SkipWithError(std::string(alignment.status().message()).c_str());
      return;
    }
    DocumentReport report = BuildReport(*alignment, report_options);
    benchmark::DoNotOptimize(report);
  }
}

// A server worker's whole work on one request of the sample, alignment and report: with a
// word-key memo kept across requests (arg 1, as the server leases one per worker) or a fresh
// one each time (arg 0, as a single call from the client has it).
void BM_AlignAndReportSample(benchmark::State& state) {
  AlignAndReport(state, state.range(0) == 1, 1);
}
BENCHMARK(BM_AlignAndReportSample)->ArgName("kept_keys")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The same on the CPUs given (the in-process client gives every CPU): the side steps run on
// the task pool's threads. Wall time.
void BM_AlignAndReportSampleOnThreads(benchmark::State& state) {
  AlignAndReport(state, state.range(0) == 1, static_cast<int>(state.range(1)));
}
BENCHMARK(BM_AlignAndReportSampleOnThreads)
    ->ArgNames({"kept_keys", "threads"})
    ->Args({0, 2})
    ->Args({1, 2})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// Normalisation for matching alone, on the sample's Arabic: as it is (the fast path: a quick
// check, no copy) and in presentation forms (normalised, with the offset map).
void BM_NormalizeForMatching(benchmark::State& state) {
  const std::filesystem::path dir = std::filesystem::path(NEWSALIGN_SOURCE_DIR) / "examples/mali-minusma";
  std::string text = ReadFile(dir / "ar.txt");
  if (state.range(0) == 1) text = testing::ToPresentationForms(text);
  for (auto _ : state) {
    auto normalized = NormalizeForMatching(text);
    benchmark::DoNotOptimize(normalized);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_NormalizeForMatching)
    ->ArgName("presentation_forms")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace newsalign

BENCHMARK_MAIN();
