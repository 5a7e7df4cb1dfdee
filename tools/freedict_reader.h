// Reads FreeDict dictionaries in dictd format (Debian's dict-freedict-* packages).
//
// A dictionary is two files: NAME.index, one line per headword "headword<TAB>offset<TAB>length"
// with offset and length in dictd's base64 digits, and NAME.dict.dz, the entries' text
// compressed with dictzip (gzip-compatible). An entry is plain text rendered from TEI: the headword
// line (headword, pronunciations "/.../", part of speech "<...>"), then its translations, one
// sense a line, numbered "1. " when there are several, separated by commas. The WikDict
// dictionaries (deu-fra) follow each sense's translation line with definition lines in the source
// language, which are not translations.
//
//   ASSIGN_OR_RETURN(std::vector<DictEntry> entries,
//                    ReadFreeDict("/usr/share/dictd", "fra-eng", EntryLayout::kTranslations));
//   for (const DictEntry& e : entries) ... e.headword ... e.translations ...
#ifndef NEWSALIGN_TOOLS_FREEDICT_READER_H_
#define NEWSALIGN_TOOLS_FREEDICT_READER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newsalign {

// How an entry's lines after the headword are laid out.
enum class EntryLayout {
  // Every line is a sense: translations separated by ',' ';' or '،' (fra-eng, eng-fra, eng-ara,
  // ara-eng).
  kTranslations,
  // Each sense is a translation line (numbered "N. " when there are several) followed by
  // definition lines in the source language, which are skipped (WikDict: deu-fra).
  kWikDict,
};

// One line of a .index file.
struct IndexEntry {
  std::string headword;
  uint64_t offset = 0;
  uint64_t length = 0;
};

// One entry: its headword and translations as written (trimmed, notes in parentheses removed),
// in the dictionary's order, without duplicates.
struct DictEntry {
  std::string headword;
  std::vector<std::string> translations;
};

// Decodes a number written in dictd's base64 digits
// ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", most significant first).
// Returns INVALID_ARGUMENT on an empty string, another character, or more than 64 bits.
absl::StatusOr<uint64_t> DecodeDictdNumber(absl::string_view digits);

// Parses one .index line "headword<TAB>offset<TAB>length". Returns INVALID_ARGUMENT otherwise.
absl::StatusOr<IndexEntry> ParseIndexLine(absl::string_view line);

// Returns true for the dictd metadata headwords ("00databaseinfo", "00-database-url", ...).
bool IsMetadataHeadword(absl::string_view headword);

// Parses one entry's text. The headword is taken from the entry's first line (with its case), up
// to its pronunciation "/" or part of speech "<". Text in parentheses is removed everywhere.
DictEntry ParseEntry(absl::string_view text, EntryLayout layout);

// Reads dictionary `name` (e.g. "fra-eng") from `dict_dir`/freedict-`name`.{index,dict.dz}: every
// entry once (index lines that share an entry are read once), metadata skipped, in index order.
// Returns NOT_FOUND naming the file when one is missing, DATA_LOSS when the .dict.dz does not
// inflate or an index line points past its end, INVALID_ARGUMENT on a malformed index line.
absl::StatusOr<std::vector<DictEntry>> ReadFreeDict(absl::string_view dict_dir,
                                                    absl::string_view name, EntryLayout layout);

// Same, from the index text and the inflated dictionary text already in memory (for tests).
absl::StatusOr<std::vector<DictEntry>> ParseFreeDict(absl::string_view index,
                                                     absl::string_view dict, EntryLayout layout);

}  // namespace newsalign

#endif  // NEWSALIGN_TOOLS_FREEDICT_READER_H_
