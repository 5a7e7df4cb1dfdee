// newsalign-build-lexicon: writes a word-pair lexicon TSV (see alignment/lexicon/lexicon.h) from the
// FreeDict dictionaries that Debian installs under /usr/share/dictd.
//
//   newsalign-build-lexicon --pair=fr-ar --out=build/lexicon/fr-ar.tsv
//       French -> Arabic through English: fra-eng, eng-fra, eng-ara, ara-eng.
//   newsalign-build-lexicon --pair=de-fr --out=build/lexicon/de-fr.tsv
//       German -> French: deu-fra.
//   newsalign-build-lexicon --pair=en-ar --out=build/lexicon/en-ar.tsv   (and en-fr)
//       English -> Arabic: eng-ara, and ara-eng read reversed (English -> French likewise).
//
// The data is GPL (CC BY-SA for deu-fra): generate it into the build folder, never commit it.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "base/status_macros.h"
#include "lexicon/lexicon.h"
#include "tools/freedict_reader.h"
#include "tools/lexicon_builder.h"

#ifndef NEWSALIGN_DICTD_DIR
#define NEWSALIGN_DICTD_DIR "/usr/share/dictd"
#endif

ABSL_FLAG(std::string, pair, "",
          "Lexicon to build: fr-ar (pivot through English), de-fr, en-ar or en-fr.");
ABSL_FLAG(std::string, dict_dir, NEWSALIGN_DICTD_DIR,
          "Folder of the FreeDict dictd files freedict-<name>.{index,dict.dz}.");
ABSL_FLAG(std::string, out, "", "Lexicon TSV to write (its folder is created).");
ABSL_FLAG(int, max_translations, newsalign::LexiconBuildOptions().max_translations,
          "Most translations kept per source word, best weights first.");
ABSL_FLAG(double, min_weight, newsalign::LexiconBuildOptions().min_weight,
          "fr-ar: drop pairs weighing less (a pair through one ambiguous pivot weighs little).");
ABSL_FLAG(double, pivot_weight, newsalign::LexiconBuildOptions().pivot_weight,
          "fr-ar: weight of one specific, primary shared English pivot; k give 1 - (1 - w)^k.");
ABSL_FLAG(double, secondary_pivot_factor, newsalign::LexiconBuildOptions().secondary_pivot_factor,
          "fr-ar: factor on a word's non-cognate pivots when it has a cognate one.");
ABSL_FLAG(double, cognate_similarity, newsalign::LexiconBuildOptions().cognate_similarity,
          "fr-ar: bigram Dice similarity from which a French word and its pivot are cognates.");

namespace {

using newsalign::DictEntry;
using newsalign::EntryLayout;

absl::StatusOr<std::vector<DictEntry>> Read(const std::string& dir, const std::string& name,
                                            EntryLayout layout) {
  ASSIGN_OR_RETURN(std::vector<DictEntry> entries, newsalign::ReadFreeDict(dir, name, layout));
  std::printf("%-8s %7zu entries\n", name.c_str(), entries.size());
  return entries;
}

// Writes `text` to `path` through a temporary file, so a failed run leaves no half lexicon.
absl::Status WriteFileAtomically(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, error);
  if (error) return absl::InternalError(absl::StrCat("cannot create ", parent.string()));
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) return absl::InternalError(absl::StrCat("cannot write ", temporary));
  }
  fs::rename(temporary, path, error);
  if (error) return absl::InternalError(absl::StrCat("cannot rename ", temporary, " to ", path));
  return absl::OkStatus();
}

absl::Status Run() {
  const std::string pair = absl::GetFlag(FLAGS_pair);
  const std::string dir = absl::GetFlag(FLAGS_dict_dir);
  const std::string out = absl::GetFlag(FLAGS_out);
  if (out.empty()) return absl::InvalidArgumentError("--out is required");

  newsalign::LexiconBuildOptions options;
  options.max_translations = absl::GetFlag(FLAGS_max_translations);
  options.min_weight = absl::GetFlag(FLAGS_min_weight);
  options.pivot_weight = absl::GetFlag(FLAGS_pivot_weight);
  options.secondary_pivot_factor = absl::GetFlag(FLAGS_secondary_pivot_factor);
  options.cognate_similarity = absl::GetFlag(FLAGS_cognate_similarity);

  const absl::Time start = absl::Now();
  std::vector<newsalign::SurfacePair> pairs;
  newsalign::LexiconBuildStats stats;
  std::string header;
  if (pair == "fr-ar") {
    options.source_language = "fr";
    options.target_language = "ar";
    RETURN_IF_ERROR(options.Validate());
    newsalign::PivotDictionaries dictionaries;
    ASSIGN_OR_RETURN(dictionaries.source_to_pivot,
                     Read(dir, "fra-eng", EntryLayout::kTranslations));
    ASSIGN_OR_RETURN(dictionaries.pivot_to_source,
                     Read(dir, "eng-fra", EntryLayout::kTranslations));
    ASSIGN_OR_RETURN(dictionaries.pivot_to_target,
                     Read(dir, "eng-ara", EntryLayout::kTranslations));
    ASSIGN_OR_RETURN(dictionaries.target_to_pivot,
                     Read(dir, "ara-eng", EntryLayout::kTranslations));
    pairs = newsalign::BuildPivotLexicon(dictionaries, options, &stats);
    header = absl::StrFormat(
        "# French -> Arabic word pairs through English, generated by newsalign-build-lexicon\n"
        "# from FreeDict fra-eng, eng-fra, eng-ara, ara-eng (GPL-2.0-or-later): do not commit.\n"
        "# See tools/lexicon_builder.h for the weights: pivot_weight %g, secondary_pivot_factor "
        "%g,\n"
        "# cognate_similarity %g, min_weight %g, max_translations %d.",
        options.pivot_weight, options.secondary_pivot_factor, options.cognate_similarity,
        options.min_weight, options.max_translations);
  } else if (pair == "en-ar" || pair == "en-fr") {
    // English is the third language of most Arabic and French newsrooms: both dictionaries of the
    // pair, eng-xxx as it is and xxx-eng read reversed, give one direct lexicon.
    const std::string other = pair == "en-ar" ? "ara" : "fra";
    options.source_language = "en";
    options.target_language = pair.substr(3);
    RETURN_IF_ERROR(options.Validate());
    ASSIGN_OR_RETURN(std::vector<DictEntry> entries,
                     Read(dir, "eng-" + other, EntryLayout::kTranslations));
    ASSIGN_OR_RETURN(const std::vector<DictEntry> reverse,
                     Read(dir, other + "-eng", EntryLayout::kTranslations));
    pairs = newsalign::BuildDirectLexicon(newsalign::WithReversed(std::move(entries), reverse),
                                          options, &stats);
    header = absl::StrFormat(
        "# English -> %s word pairs, generated by newsalign-build-lexicon from FreeDict\n"
        "# eng-%s and %s-eng (GPL-2.0-or-later): do not commit. max_translations %d.",
        other == "ara" ? "Arabic" : "French", other, other, options.max_translations);
  } else if (pair == "de-fr") {
    options.source_language = "de";
    options.target_language = "fr";
    RETURN_IF_ERROR(options.Validate());
    ASSIGN_OR_RETURN(const std::vector<DictEntry> entries,
                     Read(dir, "deu-fra", EntryLayout::kWikDict));
    pairs = newsalign::BuildDirectLexicon(entries, options, &stats);
    header = absl::StrFormat(
        "# German -> French word pairs, generated by newsalign-build-lexicon from FreeDict\n"
        "# deu-fra (WikDict, CC BY-SA 3.0): do not commit. max_translations %d.",
        options.max_translations);
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("--pair must be fr-ar, de-fr, en-ar or en-fr, got \"", pair, "\""));
  }

  // The pairs stay distinct once normalised, and are written as those keys: loading them then
  // normalises no word.
  ASSIGN_OR_RETURN(const newsalign::Lexicon lexicon,
                   newsalign::Lexicon::FromTsv(newsalign::SurfacePairsToTsv(pairs, header),
                                               options.source_language, options.target_language));
  if (lexicon.size() != pairs.size()) {
    return absl::InternalError(absl::StrCat("built ", pairs.size(), " pairs but they load as ",
                                            lexicon.size(), " key pairs"));
  }
  const std::string tsv = newsalign::KeyedLexiconTsv(
      lexicon, absl::StrCat(header, "\nWords are written as their lookup keys (normalised and "
                                    "stemmed), as newsalign lexicon train writes its own."));
  // Self-check: the file reads back to the same lexicon.
  ASSIGN_OR_RETURN(
      const newsalign::Lexicon reread,
      newsalign::Lexicon::FromTsv(tsv, options.source_language, options.target_language));
  if (reread.ToTsv() != lexicon.ToTsv()) {
    return absl::InternalError("the lexicon written as keys does not read back the same");
  }
  RETURN_IF_ERROR(WriteFileAtomically(out, tsv));
  if (pair == "fr-ar") {
    std::printf("pivots   %7zu English words shared by both sides\n", stats.pivots_used);
  }
  std::printf("pairs    %7zu candidates, %zu written for %zu source words to %s (%.1f s)\n",
              stats.candidate_pairs, stats.pairs, stats.source_words, out.c_str(),
              absl::ToDoubleSeconds(absl::Now() - start));
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Writes a word-pair lexicon TSV from FreeDict.\n"
      "  newsalign-build-lexicon --pair=fr-ar|de-fr|en-ar|en-fr --out=FILE [--dict_dir=/usr/share/dictd]");
  absl::ParseCommandLine(argc, argv);
  const absl::Status status = Run();
  if (!status.ok()) {
    std::fprintf(stderr, "newsalign-build-lexicon: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
