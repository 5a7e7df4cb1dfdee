#include "client/display_width.h"

#include <cstdint>

#include "absl/strings/str_split.h"
#include "text/utf8.h"
#include "unicode/uchar.h"

namespace newsalign::client {
namespace {

// Returns the columns one code point takes.
int CodePointWidth(UChar32 c) {
  if (c < 0) return 1;  // a malformed byte, shown as a replacement character
  const int8_t type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return 0;
  const int east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  if (east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH) return 2;
  return 1;
}

// One character as it will be broken: a base code point with its zero-width marks.
struct Cluster {
  absl::string_view bytes;
  int width = 0;
};

// Splits `word` into clusters (a base and the zero-width code points after it).
std::vector<Cluster> Clusters(absl::string_view word) {
  std::vector<Cluster> clusters;
  size_t i = 0;
  while (i < word.size()) {
    const size_t begin = i;
    const UChar32 c = NextCodePoint(word, &i);
    const int width = CodePointWidth(c);
    if (width == 0 && !clusters.empty()) {
      Cluster& last = clusters.back();
      last.bytes = absl::string_view(last.bytes.data(), last.bytes.size() + (i - begin));
      continue;
    }
    clusters.push_back({word.substr(begin, i - begin), width});
  }
  return clusters;
}

}  // namespace

int DisplayWidth(absl::string_view text) {
  int width = 0;
  ForEachCodePoint(text, [&width](UChar32 c) { width += CodePointWidth(c); });
  return width;
}

std::vector<std::string> WrapToWidth(absl::string_view text, int width) {
  if (width < 1) width = 1;
  std::vector<std::string> lines;
  std::string line;
  int line_width = 0;
  for (absl::string_view word :
       absl::StrSplit(text, absl::ByAnyChar(" \t\n\r\f\v"), absl::SkipEmpty())) {
    const int word_width = DisplayWidth(word);
    if (!line.empty() && line_width + 1 + word_width <= width) {
      line.append(" ").append(word.data(), word.size());
      line_width += 1 + word_width;
      continue;
    }
    if (!line.empty()) {
      lines.push_back(std::move(line));
      line.clear();
      line_width = 0;
    }
    if (word_width <= width) {
      line.assign(word.data(), word.size());
      line_width = word_width;
      continue;
    }
    // A word wider than a line: break it between clusters.
    for (const Cluster& cluster : Clusters(word)) {
      if (line_width + cluster.width > width && !line.empty()) {
        lines.push_back(std::move(line));
        line.clear();
        line_width = 0;
      }
      line.append(cluster.bytes.data(), cluster.bytes.size());
      line_width += cluster.width;
    }
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

std::string PadToWidth(absl::string_view text, int width) {
  std::string padded(text);
  const int text_width = DisplayWidth(text);
  if (text_width < width) padded.append(static_cast<size_t>(width - text_width), ' ');
  return padded;
}

}  // namespace newsalign::client
