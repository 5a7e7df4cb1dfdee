#include "report/number_words.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "text/arabic.h"
#include "text/tokenizer.h"
#include "text/word_endings.h"

namespace newsalign::report_internal {
namespace {

// The parsed table, its index by word, and its words' endings (most tokens of a sentence are
// told apart by them, without hashing them up to six times).
struct NumberWordTable {
  std::vector<NumberWord> words;
  absl::flat_hash_map<absl::string_view, const NumberWord*> index;
  WordEndings endings;
};

const NumberWordTable& Table() {
  static const NumberWordTable* const kTable = [] {
    absl::StatusOr<std::vector<NumberWord>> words = ParseNumberWords(NumberWordsTsv());
    if (!words.ok()) {
      // The table is compiled in: a bad line is a defect of this build, not of anyone's input,
      // and no report may be made without it. Stop at once, so that the first test shows it.
      std::fprintf(stderr, "newsalign: %s\n", std::string(words.status().message()).c_str());
      std::abort();
    }
    auto* table = new NumberWordTable();
    table->words = *std::move(words);
    for (const NumberWord& w : table->words) {
      table->index.emplace(w.word, &w);
      table->endings.Add(w.word);
    }
    return table;
  }();
  return *kTable;
}

}  // namespace

const NumberWord* FindNumberWord(absl::string_view word) {
  const NumberWordTable& table = Table();
  if (!table.endings.MayBe(word)) return nullptr;
  const auto& index = table.index;
  if (auto it = index.find(word); it != index.end()) return it->second;
  // Shortest proclitic first; what remains must be longer than one Arabic letter.
  static constexpr ProcliticGroup kProclitics[] = {ProcliticGroup::kWa, ProcliticGroup::kBi,
                                                   ProcliticGroup::kAl, ProcliticGroup::kWaAl,
                                                   ProcliticGroup::kBiAl};
  const NumberWord* found = nullptr;
  TryWithoutProclitic(word, kProclitics, [&](absl::string_view rest) {
    if (rest.size() <= 2) return false;
    if (auto it = index.find(rest); it != index.end()) found = it->second;
    return found != nullptr;
  });
  return found;
}

absl::StatusOr<std::vector<NumberWord>> ParseNumberWords(absl::string_view tsv) {
  std::vector<NumberWord> words;
  absl::flat_hash_map<absl::string_view, int> first_line;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(tsv, '\n')) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(
          absl::StrCat("report/data/number_words.tsv line ", line_number, ": ", why, " in \"", line,
                       "\"; the line must read word<TAB>value<TAB>multiplier"));
    };
    const std::vector<absl::string_view> columns = absl::StrSplit(line, '\t');
    if (columns.size() != 3) return bad(absl::StrCat(columns.size(), " columns"));
    NumberWord entry;
    entry.word = columns[0];
    if (entry.word.empty() || NormalizeWord(entry.word) != entry.word) {
      return bad(absl::StrCat("the word is not in NormalizeWord() form (\"",
                              NormalizeWord(entry.word), "\")"));
    }
    if (!absl::SimpleAtod(columns[1], &entry.value) || !std::isfinite(entry.value) ||
        entry.value <= 0) {
      return bad("the value is not a positive number");
    }
    if (columns[2] != "yes" && columns[2] != "no") return bad("the multiplier is not yes or no");
    entry.multiplier = columns[2] == "yes";
    if (auto [it, inserted] = first_line.emplace(entry.word, line_number); !inserted) {
      return bad(absl::StrCat("the word is listed on line ", it->second, " already"));
    }
    words.push_back(entry);
  }
  return words;
}

}  // namespace newsalign::report_internal
