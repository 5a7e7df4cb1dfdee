#include "tools/freedict_reader.h"

#include <zlib.h>

#include <cstdio>
#include <memory>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/status_macros.h"

namespace newsalign {
namespace {

int DictdDigit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Removes text in parentheses, nested or spanning lines; an unclosed '(' removes the rest.
std::string RemoveParenthesised(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  int depth = 0;
  for (char c : text) {
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (depth > 0) --depth;
    } else if (depth == 0) {
      out.push_back(c);
    }
  }
  return out;
}

// Removes a leading sense number "12. " and returns true if there was one.
bool StripSenseNumber(absl::string_view* line) {
  size_t i = 0;
  while (i < line->size() && absl::ascii_isdigit((*line)[i])) ++i;
  if (i == 0 || i >= line->size() || (*line)[i] != '.') return false;
  if (i + 1 < line->size() && (*line)[i + 1] != ' ') return false;
  line->remove_prefix(i + 1);
  return true;
}

// Removes a trailing definition number " 2." that WikDict leaves on translation lines.
void StripTrailingSenseNumber(absl::string_view* line) {
  absl::string_view s = absl::StripTrailingAsciiWhitespace(*line);
  if (s.empty() || s.back() != '.') return;
  size_t i = s.size() - 1;
  while (i > 0 && absl::ascii_isdigit(s[i - 1])) --i;
  if (i == s.size() - 1 || i == 0 || s[i - 1] != ' ') return;
  *line = s.substr(0, i - 1);
}

// Splits a sense line into its translations: ',' ';' and the Arabic comma and semicolon.
void AddTranslations(absl::string_view line, absl::flat_hash_set<std::string>* seen,
                     std::vector<std::string>* out) {
  for (absl::string_view item :
       absl::StrSplit(line, absl::ByAnyChar(",;"), absl::SkipWhitespace())) {
    for (absl::string_view part :
         absl::StrSplit(item, absl::ByString("\xD8\x8C"), absl::SkipWhitespace())) {  // ،
      for (absl::string_view word :
           absl::StrSplit(part, absl::ByString("\xD8\x9B"), absl::SkipWhitespace())) {  // ؛
        word = absl::StripAsciiWhitespace(word);
        if (!word.empty() && seen->insert(std::string(word)).second) {
          out->emplace_back(word);
        }
      }
    }
  }
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::string text;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), file.get())) > 0) text.append(buffer, n);
  if (std::ferror(file.get())) return absl::DataLossError(absl::StrCat("cannot read ", path));
  return text;
}

// Inflates a gzip (dictzip) file whole.
absl::StatusOr<std::string> ReadGzipFile(const std::string& path) {
  if (std::FILE* probe = std::fopen(path.c_str(), "rb")) {
    std::fclose(probe);
  } else {
    return absl::NotFoundError(absl::StrCat("cannot open ", path));
  }
  std::unique_ptr<gzFile_s, int (*)(gzFile)> file(gzopen(path.c_str(), "rb"), &gzclose);
  if (!file) return absl::DataLossError(absl::StrCat("cannot open gzip file ", path));
  std::string text;
  char buffer[1 << 16];
  int n;
  while ((n = gzread(file.get(), buffer, sizeof(buffer))) > 0) text.append(buffer, n);
  if (n < 0) {
    int code = 0;
    const char* message = gzerror(file.get(), &code);
    return absl::DataLossError(absl::StrCat("cannot inflate ", path, ": ", message));
  }
  return text;
}

}  // namespace

absl::StatusOr<uint64_t> DecodeDictdNumber(absl::string_view digits) {
  if (digits.empty()) return absl::InvalidArgumentError("empty dictd number");
  uint64_t value = 0;
  for (char c : digits) {
    const int digit = DictdDigit(c);
    if (digit < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "'", std::string(1, c), "' is not a dictd base64 digit in \"", digits, "\""));
    }
    if (value > (UINT64_MAX >> 6)) {
      return absl::InvalidArgumentError(absl::StrCat("dictd number \"", digits, "\" overflows"));
    }
    value = (value << 6) | static_cast<uint64_t>(digit);
  }
  return value;
}

absl::StatusOr<IndexEntry> ParseIndexLine(absl::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
  if (fields.size() != 3) {
    return absl::InvalidArgumentError(
        absl::StrCat("index line \"", line, "\" has ", fields.size(), " field(s), expected 3"));
  }
  IndexEntry entry;
  entry.headword = std::string(fields[0]);
  ASSIGN_OR_RETURN(entry.offset, DecodeDictdNumber(fields[1]));
  ASSIGN_OR_RETURN(entry.length, DecodeDictdNumber(fields[2]));
  return entry;
}

bool IsMetadataHeadword(absl::string_view headword) {
  return absl::StartsWith(headword, "00database") || absl::StartsWith(headword, "00-database");
}

DictEntry ParseEntry(absl::string_view text, EntryLayout layout) {
  DictEntry entry;
  const size_t first_end = std::min(text.find('\n'), text.size());
  absl::string_view head = text.substr(0, first_end);
  head = head.substr(0, std::min(head.find(" /"), head.find(" <")));
  entry.headword = std::string(absl::StripAsciiWhitespace(RemoveParenthesised(head)));
  if (first_end >= text.size()) return entry;

  const std::string body = RemoveParenthesised(text.substr(first_end + 1));
  absl::flat_hash_set<std::string> seen;
  bool first_line = true;
  for (absl::string_view line : absl::StrSplit(body, '\n')) {
    if (layout == EntryLayout::kTranslations) {
      line = absl::StripLeadingAsciiWhitespace(line);
      StripSenseNumber(&line);
      AddTranslations(line, &seen, &entry.translations);
      continue;
    }
    // WikDict: a translation line is the first line, or one that starts a numbered sense at its
    // first column; indented lines (" 3.") and the others are definitions.
    const bool numbered = StripSenseNumber(&line);
    if (numbered || (first_line && !line.empty() && !absl::ascii_isspace(line.front()))) {
      StripTrailingSenseNumber(&line);
      AddTranslations(line, &seen, &entry.translations);
    }
    first_line = false;
  }
  return entry;
}

absl::StatusOr<std::vector<DictEntry>> ParseFreeDict(absl::string_view index,
                                                     absl::string_view dict, EntryLayout layout) {
  std::vector<DictEntry> entries;
  absl::flat_hash_set<uint64_t> seen_offsets;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(index, '\n', absl::SkipEmpty())) {
    ++line_number;
    absl::StatusOr<IndexEntry> index_entry = ParseIndexLine(line);
    if (!index_entry.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("index line ", line_number, ": ", index_entry.status().message()));
    }
    if (IsMetadataHeadword(index_entry->headword)) continue;
    if (index_entry->offset > dict.size() ||
        index_entry->length > dict.size() - index_entry->offset) {
      return absl::DataLossError(absl::StrCat("index line ", line_number, ": entry \"",
                                              index_entry->headword, "\" ends past the ",
                                              dict.size(), " bytes of the dictionary"));
    }
    if (!seen_offsets.insert(index_entry->offset).second) continue;
    entries.push_back(ParseEntry(dict.substr(index_entry->offset, index_entry->length), layout));
  }
  return entries;
}

absl::StatusOr<std::vector<DictEntry>> ReadFreeDict(absl::string_view dict_dir,
                                                    absl::string_view name, EntryLayout layout) {
  const std::string base = absl::StrCat(dict_dir, "/freedict-", name);
  ASSIGN_OR_RETURN(const std::string index, ReadFile(base + ".index"));
  ASSIGN_OR_RETURN(const std::string dict, ReadGzipFile(base + ".dict.dz"));
  absl::StatusOr<std::vector<DictEntry>> entries = ParseFreeDict(index, dict, layout);
  if (!entries.ok()) {
    return absl::Status(entries.status().code(),
                        absl::StrCat(base, ".index: ", entries.status().message()));
  }
  return entries;
}

}  // namespace newsalign
