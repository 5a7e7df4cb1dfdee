#include "server/lexicon_loader.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace newsalign {

std::string DefaultLexiconDir() { return NEWSALIGN_LEXICON_DIR; }

absl::StatusOr<LexiconSet> LoadLexiconDir(
    const std::string& dir, const std::optional<std::pair<std::string, std::string>>& between) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    return absl::NotFoundError(absl::StrCat("lexicon folder ", dir, " does not exist"));
  }
  LexiconSet set;
  // The primary subtags of the pair asked for, if any: the files are named by them.
  std::optional<std::pair<std::string, std::string>> wanted;
  if (between.has_value()) {
    wanted.emplace(PrimaryLanguage(between->first), PrimaryLanguage(between->second));
  }
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    const fs::path path = entry.path();
    if (path.extension() != ".tsv") continue;
    std::vector<std::string> languages = absl::StrSplit(path.stem().string(), '-');
    if (languages.size() != 2 || languages[0].empty() || languages[1].empty()) continue;
    if (wanted.has_value()) {
      const std::string x = PrimaryLanguage(languages[0]), y = PrimaryLanguage(languages[1]);
      const auto& [a, b] = *wanted;
      if (!((x == a && y == b) || (x == b && y == a))) continue;
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    absl::StatusOr<Lexicon> lexicon = Lexicon::FromTsv(text.str(), languages[0], languages[1]);
    if (!lexicon.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path.string(), ": ", lexicon.status().message()));
    }
    set.Add(std::make_shared<const Lexicon>(*std::move(lexicon)));
  }
  return set;
}

}  // namespace newsalign
