// Speed of the core: sentence splitting and alignment, sized by input.
//
//   cmake -S . -B build -DNEWSALIGN_BUILD_BENCHMARKS=ON && cmake --build build
//   build/bench/aligner_benchmark --benchmark_min_time=1
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "alignment/aligner.h"
#include "alignment/document_aligner.h"
#include "alignment/lexicon.h"
#include "alignment/sentence_splitter.h"
#include "benchmark/benchmark.h"

namespace newsalign {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Real French and Arabic sentences: the TICO-19 documents one after the other (complete
// translations, so the benchmark measures a realistic path), the sample article when the
// evaluation data is not there.
struct Corpus {
  std::vector<std::string> fr, ar;
};

const Corpus& LoadCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus();
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(NEWSALIGN_SHARED_DIR) / "eval" / "tico19_fr_ar";
    std::vector<fs::path> docs;
    if (fs::is_directory(dir / "fr")) {
      for (const auto& e : fs::directory_iterator(dir / "fr")) docs.push_back(e.path().filename());
    }
    std::sort(docs.begin(), docs.end());
    for (const fs::path& doc : docs) {
      for (auto [lang, out] : {std::pair{"fr", &c->fr}, std::pair{"ar", &c->ar}}) {
        std::istringstream lines(ReadFile(dir / lang / doc));
        for (std::string line; std::getline(lines, line);) out->push_back(line);
      }
    }
    if (c->fr.empty()) {
      for (auto [lang, out] : {std::pair{"fr", &c->fr}, std::pair{"ar", &c->ar}}) {
        std::istringstream lines(ReadFile(
            std::filesystem::path(NEWSALIGN_SOURCE_DIR) / "examples/mali-minusma" /
            (std::string(lang) + ".txt")));
        for (std::string line; std::getline(lines, line);) {
          if (!line.empty()) out->push_back(line);
        }
      }
    }
    return c;
  }();
  return *corpus;
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

// Aligns the first N sentences of each side; arguments: N, second pass, lexicon.
void BM_AlignSentences(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  const size_t n = std::min<size_t>(state.range(0), std::min(corpus.fr.size(), corpus.ar.size()));
  AlignInput source{"fr", {}}, target{"ar", {}};
  for (size_t i = 0; i < n; ++i) {
    source.sentences.push_back(corpus.fr[i]);
    target.sentences.push_back(corpus.ar[i]);
  }
  AlignOptions options;
  options.second_pass = state.range(1) != 0;
  if (state.range(2) != 0) options.lexicon = LoadFrArLexicon();
  for (auto _ : state) {
    auto result = AlignSentences(source, target, options);
    if (!result.ok()) state.SkipWithError(std::string(result.status().message()).c_str());
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
  state.counters["sentences"] = static_cast<double>(n);
}
BENCHMARK(BM_AlignSentences)
    ->ArgNames({"sentences", "second_pass", "lexicon"})
    ->Args({32, 1, 1})
    ->Args({256, 1, 1})
    ->Args({1024, 1, 1})
    ->Args({2742, 1, 1})
    ->Args({1024, 0, 1})
    ->Args({1024, 1, 0})
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

// The whole path of one request without gRPC: split both raw texts, align, summarise.
void BM_AlignDocumentsSample(benchmark::State& state) {
  const std::filesystem::path dir = std::filesystem::path(NEWSALIGN_SOURCE_DIR) / "examples/mali-minusma";
  DocumentInput fr{"fr", ReadFile(dir / "fr.txt"), {}, false};
  DocumentInput ar{"ar", ReadFile(dir / "ar.txt"), {}, false};
  AlignOptions options;
  options.lexicon = LoadFrArLexicon();
  for (auto _ : state) {
    auto result = AlignDocuments(fr, ar, options);
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_AlignDocumentsSample)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace newsalign

BENCHMARK_MAIN();
