#include "client/parallel_corpus.h"

#include <cstdint>
#include <optional>
#include <utility>

#include "absl/container/btree_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "alignment/utf8.h"
#include "client/commands.h"

namespace newsalign::client {
namespace {

constexpr absl::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Returns OK when every line of `text` is valid UTF-8, else INVALID_ARGUMENT
// "file:line: invalid UTF-8 at byte N ..." (N within the line).
absl::Status ValidateLines(absl::string_view text, absl::string_view file) {
  if (ValidateUtf8(text, file).ok()) return absl::OkStatus();
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    if (absl::Status valid = ValidateUtf8(line, absl::StrCat(file, ":", line_number));
        !valid.ok()) {
      return valid;
    }
  }
  return absl::OkStatus();
}

// Returns `text` without a leading UTF-8 byte order mark.
absl::string_view StripBom(absl::string_view text) {
  absl::ConsumePrefix(&text, kUtf8Bom);
  return text;
}

// Returns "fr" for "fr-FR", lower case.
std::string Primary(absl::string_view tag) {
  return absl::AsciiStrToLower(tag.substr(0, tag.find_first_of("-_")));
}

void AppendUtf8(uint32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsNameChar(char c) {
  return absl::ascii_isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':' ||
         (static_cast<unsigned char>(c) & 0x80) != 0;
}

// Inline elements whose content is native markup (codes of the original format), not text.
bool IsCodeElement(absl::string_view name) {
  return name == "bpt" || name == "ept" || name == "ph" || name == "it" || name == "ut";
}

// A single pass over a TMX document: a small pull parser for the XML it needs (elements,
// attributes, text, entities, comments, CDATA, processing instructions, a DOCTYPE) and the
// <tu>/<tuv>/<seg> structure on top.
class TmxReader {
 public:
  TmxReader(absl::string_view xml, absl::string_view source_language,
            absl::string_view target_language, absl::string_view file)
      : xml_(xml),
        file_(file),
        source_language_(Primary(source_language)),
        target_language_(Primary(target_language)) {}

  absl::StatusOr<std::vector<SentencePair>> Read() {
    while (pos_ < xml_.size()) {
      absl::Status status = xml_[pos_] == '<' ? ReadMarkup() : ReadText();
      if (!status.ok()) return status;
    }
    if (!stack_.empty()) {
      return Error(xml_.size(), absl::StrCat("the file ends inside <", stack_.back().name,
                                             "> (opened at line ", stack_.back().line, ")"));
    }
    if (pairs_.empty()) {
      return Error(
          xml_.size(),
          absl::StrCat("no translation unit has both a \"", source_language_, "\" and a \"",
                       target_language_, "\" segment (", units_, " unit(s); languages seen: ",
                       languages_.empty() ? "none" : absl::StrJoin(languages_, ", "), ")"));
    }
    return std::move(pairs_);
  }

 private:
  struct Element {
    std::string name;
    int line;
  };

  // Returns the 1-based line of byte `offset`; offsets must not decrease between calls.
  int LineAt(size_t offset) {
    for (; counted_ < offset && counted_ < xml_.size(); ++counted_) {
      if (xml_[counted_] == '\n') ++line_;
    }
    return line_;
  }

  absl::Status Error(size_t offset, absl::string_view message) {
    return absl::InvalidArgumentError(absl::StrCat(file_, ":", LineAt(offset), ": ", message));
  }

  bool Collecting() const { return in_seg_ && code_depth_ == 0; }

  // Decodes the entities of `raw` (starting at byte `offset` of the file) onto `out`.
  absl::Status Decode(absl::string_view raw, size_t offset, std::string* out) {
    size_t i = 0;
    while (i < raw.size()) {
      const size_t amp = raw.find('&', i);
      if (amp == absl::string_view::npos) {
        absl::StrAppend(out, raw.substr(i));
        break;
      }
      absl::StrAppend(out, raw.substr(i, amp - i));
      const size_t semicolon = raw.find(';', amp);
      if (semicolon == absl::string_view::npos || semicolon - amp > 12) {
        return Error(offset + amp, "'&' not followed by an entity (write \"&amp;\" for '&')");
      }
      const absl::string_view entity = raw.substr(amp + 1, semicolon - amp - 1);
      if (entity == "amp") {
        out->push_back('&');
      } else if (entity == "lt") {
        out->push_back('<');
      } else if (entity == "gt") {
        out->push_back('>');
      } else if (entity == "quot") {
        out->push_back('"');
      } else if (entity == "apos") {
        out->push_back('\'');
      } else if (absl::StartsWith(entity, "#")) {
        absl::string_view digits = entity.substr(1);
        uint32_t code = 0;
        const bool hex = absl::ConsumePrefix(&digits, "x") || absl::ConsumePrefix(&digits, "X");
        bool ok = !digits.empty() && digits.size() <= 8 &&
                  (hex ? absl::SimpleHexAtoi(digits, &code) : absl::SimpleAtoi(digits, &code)) &&
                  absl::ascii_isxdigit(digits.front());
        ok = ok && code != 0 && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF);
        if (!ok) {
          return Error(offset + amp,
                       absl::StrCat("\"&", entity, ";\" is not a valid character reference"));
        }
        AppendUtf8(code, out);
      } else {
        return Error(offset + amp,
                     absl::StrCat("unknown entity \"&", entity,
                                  ";\" (XML defines only &amp; &lt; &gt; &quot; &apos;)"));
      }
      i = semicolon + 1;
    }
    return absl::OkStatus();
  }

  absl::Status ReadText() {
    size_t end = xml_.find('<', pos_);
    if (end == absl::string_view::npos) end = xml_.size();
    const absl::string_view raw = xml_.substr(pos_, end - pos_);
    absl::Status status = absl::OkStatus();
    if (Collecting()) {
      status = Decode(raw, pos_, &segment_);
    } else if (raw.find('&') != absl::string_view::npos) {
      std::string ignored;  // still checked: a broken entity is a broken file
      status = Decode(raw, pos_, &ignored);
    }
    pos_ = end;
    return status;
  }

  // Skips from pos_ past `terminator`; error `what` when it never comes.
  absl::Status SkipPast(absl::string_view terminator, absl::string_view what) {
    const size_t end = xml_.find(terminator, pos_);
    if (end == absl::string_view::npos) {
      return Error(pos_, absl::StrCat("unterminated ", what));
    }
    pos_ = end + terminator.size();
    return absl::OkStatus();
  }

  absl::Status ReadMarkup() {
    const absl::string_view rest = xml_.substr(pos_);
    if (absl::StartsWith(rest, "<!--")) return SkipPast("-->", "comment");
    if (absl::StartsWith(rest, "<?")) return SkipPast("?>", "processing instruction");
    if (absl::StartsWith(rest, "<![CDATA[")) {
      const size_t begin = pos_ + 9;
      const size_t end = xml_.find("]]>", begin);
      if (end == absl::string_view::npos) return Error(pos_, "unterminated CDATA section");
      if (Collecting()) absl::StrAppend(&segment_, xml_.substr(begin, end - begin));
      pos_ = end + 3;
      return absl::OkStatus();
    }
    if (absl::StartsWith(rest, "<!")) {
      // <!DOCTYPE tmx SYSTEM "tmx14.dtd"> or with an internal subset [ ... ]>.
      const size_t bracket = rest.find('[');
      const size_t close = rest.find('>');
      if (bracket != absl::string_view::npos && bracket < close) return SkipPast("]>", "DOCTYPE");
      return SkipPast(">", "declaration");
    }
    if (absl::StartsWith(rest, "</")) return ReadEndTag();
    return ReadStartTag();
  }

  absl::Status ReadEndTag() {
    const size_t start = pos_;
    size_t i = pos_ + 2;
    const size_t name_begin = i;
    while (i < xml_.size() && IsNameChar(xml_[i])) ++i;
    const absl::string_view name = xml_.substr(name_begin, i - name_begin);
    while (i < xml_.size() && IsXmlSpace(xml_[i])) ++i;
    if (name.empty() || i >= xml_.size() || xml_[i] != '>') {
      return Error(start, "malformed end tag");
    }
    pos_ = i + 1;
    if (stack_.empty()) {
      return Error(start, absl::StrCat("</", name, "> closes no element"));
    }
    if (stack_.back().name != name) {
      return Error(start, absl::StrCat("</", name, "> closes <", stack_.back().name,
                                       "> (opened at line ", stack_.back().line, ")"));
    }
    stack_.pop_back();
    Close(name);
    return absl::OkStatus();
  }

  absl::Status ReadStartTag() {
    const size_t start = pos_;
    size_t i = pos_ + 1;
    const size_t name_begin = i;
    while (i < xml_.size() && IsNameChar(xml_[i])) ++i;
    const std::string name(xml_.substr(name_begin, i - name_begin));
    if (name.empty()) return Error(start, "'<' does not start a tag (write \"&lt;\" for '<')");
    std::optional<std::string> language;
    bool self_closing = false;
    while (true) {
      while (i < xml_.size() && IsXmlSpace(xml_[i])) ++i;
      if (i >= xml_.size()) {
        return Error(start, absl::StrCat("the file ends inside the tag <", name, ">"));
      }
      if (xml_[i] == '>') {
        ++i;
        break;
      }
      if (xml_[i] == '/' && i + 1 < xml_.size() && xml_[i + 1] == '>') {
        self_closing = true;
        i += 2;
        break;
      }
      const size_t attribute_begin = i;
      while (i < xml_.size() && IsNameChar(xml_[i])) ++i;
      const absl::string_view attribute = xml_.substr(attribute_begin, i - attribute_begin);
      while (i < xml_.size() && IsXmlSpace(xml_[i])) ++i;
      if (attribute.empty() || i >= xml_.size() || xml_[i] != '=') {
        return Error(attribute_begin, absl::StrCat("malformed attribute in <", name, ">"));
      }
      ++i;
      while (i < xml_.size() && IsXmlSpace(xml_[i])) ++i;
      if (i >= xml_.size() || (xml_[i] != '"' && xml_[i] != '\'')) {
        return Error(attribute_begin,
                     absl::StrCat("attribute ", attribute, " of <", name, "> is not quoted"));
      }
      const char quote = xml_[i];
      const size_t value_end = xml_.find(quote, i + 1);
      if (value_end == absl::string_view::npos) {
        return Error(attribute_begin, absl::StrCat("unterminated attribute ", attribute));
      }
      std::string value;
      if (absl::Status status = Decode(xml_.substr(i + 1, value_end - i - 1), i + 1, &value);
          !status.ok()) {
        return status;
      }
      // TMX 1.4 writes xml:lang; TMX 1.1 and some tools write lang.
      if (attribute == "xml:lang" || (attribute == "lang" && !language.has_value())) {
        language = std::move(value);
      }
      i = value_end + 1;
    }
    pos_ = i;
    if (absl::Status status = Open(name, language, start); !status.ok()) return status;
    if (self_closing) {
      Close(name);
      return absl::OkStatus();
    }
    stack_.push_back({name, LineAt(start)});
    return absl::OkStatus();
  }

  absl::Status Open(const std::string& name, const std::optional<std::string>& language,
                    size_t at) {
    if (in_seg_) {
      if (IsCodeElement(name) || code_depth_ > 0) ++code_depth_;
      return absl::OkStatus();
    }
    if (name == "tu") {
      if (in_tu_) return Error(at, "<tu> inside <tu>");
      in_tu_ = true;
      ++units_;
      unit_source_.reset();
      unit_target_.reset();
    } else if (name == "tuv") {
      if (!in_tu_) return Error(at, "<tuv> outside <tu>");
      if (in_tuv_) return Error(at, "<tuv> inside <tuv>");
      if (!language.has_value() || language->empty()) {
        return Error(at, "<tuv> without xml:lang");
      }
      in_tuv_ = true;
      tuv_language_ = Primary(*language);
      languages_.insert(tuv_language_);
      tuv_has_seg_ = false;
    } else if (name == "seg") {
      if (!in_tuv_) return Error(at, "<seg> outside <tuv>");
      if (tuv_has_seg_) return Error(at, "a second <seg> in one <tuv>");
      in_seg_ = true;
      tuv_has_seg_ = true;
      segment_.clear();
    }
    return absl::OkStatus();
  }

  void Close(absl::string_view name) {
    if (in_seg_ && name != "seg") {
      if (code_depth_ > 0) --code_depth_;
      return;
    }
    if (name == "seg" && in_seg_) {
      in_seg_ = false;
      // One line of text: line breaks and tabs become spaces, ends trimmed.
      for (char& c : segment_) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
      }
      std::string text(absl::StripAsciiWhitespace(segment_));
      if (tuv_language_ == source_language_ && !unit_source_.has_value()) {
        unit_source_ = std::move(text);
      } else if (tuv_language_ == target_language_ && !unit_target_.has_value()) {
        unit_target_ = std::move(text);
      }
    } else if (name == "tuv") {
      in_tuv_ = false;
    } else if (name == "tu") {
      in_tu_ = false;
      if (unit_source_.has_value() && unit_target_.has_value() && !unit_source_->empty() &&
          !unit_target_->empty()) {
        pairs_.push_back({*std::move(unit_source_), *std::move(unit_target_)});
      }
    }
  }

  absl::string_view xml_;
  absl::string_view file_;
  std::string source_language_;
  std::string target_language_;
  size_t pos_ = 0;
  // Line counting: bytes before counted_ hold line_ - 1 newlines.
  size_t counted_ = 0;
  int line_ = 1;
  std::vector<Element> stack_;
  bool in_tu_ = false;
  bool in_tuv_ = false;
  bool in_seg_ = false;
  bool tuv_has_seg_ = false;
  // Depth inside inline code elements of the current <seg>: their text is not collected.
  int code_depth_ = 0;
  std::string tuv_language_;
  std::string segment_;
  std::optional<std::string> unit_source_;
  std::optional<std::string> unit_target_;
  int units_ = 0;
  absl::btree_set<std::string> languages_;
  std::vector<SentencePair> pairs_;
};

}  // namespace

absl::StatusOr<std::vector<SentencePair>> ParseTmx(absl::string_view xml,
                                                   absl::string_view source_language,
                                                   absl::string_view target_language,
                                                   absl::string_view file) {
  if (absl::StartsWith(xml, "\xFF\xFE") || absl::StartsWith(xml, "\xFE\xFF")) {
    return absl::InvalidArgumentError(absl::StrCat(
        file, ":1: the file is UTF-16; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)"));
  }
  xml = StripBom(xml);
  if (absl::Status valid = ValidateLines(xml, file); !valid.ok()) return valid;
  return TmxReader(xml, source_language, target_language, file).Read();
}

absl::StatusOr<std::vector<SentencePair>> ParseParallelTsv(absl::string_view tsv,
                                                           absl::string_view file) {
  tsv = StripBom(tsv);
  if (absl::Status valid = ValidateLines(tsv, file); !valid.ok()) return valid;
  std::vector<SentencePair> pairs;
  const std::vector<std::string> lines = SplitLines(tsv);
  for (size_t i = 0; i < lines.size(); ++i) {
    const absl::string_view line = lines[i];
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    auto error = [&](absl::string_view what) {
      return absl::InvalidArgumentError(absl::StrCat(file, ":", i + 1, ": ", what));
    };
    const std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    if (fields.size() != 2) {
      return error(
          absl::StrCat("expected \"source<TAB>target\", got ", fields.size(), " field(s)"));
    }
    const absl::string_view source = absl::StripAsciiWhitespace(fields[0]);
    const absl::string_view target = absl::StripAsciiWhitespace(fields[1]);
    if (source.empty()) return error("empty source sentence");
    if (target.empty()) return error("empty target sentence");
    pairs.push_back({std::string(source), std::string(target)});
  }
  return pairs;
}

absl::StatusOr<std::vector<SentencePair>> ZipLineAligned(absl::string_view source,
                                                         absl::string_view source_file,
                                                         absl::string_view target,
                                                         absl::string_view target_file) {
  source = StripBom(source);
  target = StripBom(target);
  if (absl::Status valid = ValidateLines(source, source_file); !valid.ok()) return valid;
  if (absl::Status valid = ValidateLines(target, target_file); !valid.ok()) return valid;
  std::vector<std::string> source_lines = SplitLines(source);
  std::vector<std::string> target_lines = SplitLines(target);
  if (source_lines.size() != target_lines.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", source_file, "\" has ", source_lines.size(), " lines but \"", target_file, "\" has ",
        target_lines.size(), "; line-aligned files must have the same number of lines"));
  }
  std::vector<SentencePair> pairs;
  pairs.reserve(source_lines.size());
  for (size_t i = 0; i < source_lines.size(); ++i) {
    if (absl::StripAsciiWhitespace(source_lines[i]).empty() &&
        absl::StripAsciiWhitespace(target_lines[i]).empty()) {
      continue;
    }
    pairs.push_back({std::move(source_lines[i]), std::move(target_lines[i])});
  }
  return pairs;
}

// Largest corpus file read: far above the corpora IBM Model 1 trains on here, but a bound, so
// a stream such as /dev/zero is refused instead of filling the memory.
constexpr size_t kMaxCorpusFileBytes = size_t{4} << 30;

absl::StatusOr<std::vector<SentencePair>> ReadParallelCorpus(const ParallelCorpusFiles& files,
                                                             absl::string_view source_language,
                                                             absl::string_view target_language,
                                                             std::istream& in) {
  const int forms =
      !files.tmx.empty() + !files.tsv.empty() + (!files.source.empty() || !files.target.empty());
  if (forms != 1) {
    return absl::InvalidArgumentError(
        "give the corpus as exactly one of --tmx=FILE, --tsv=FILE or --source=FILE "
        "--target=FILE");
  }
  if (!files.tmx.empty()) {
    absl::StatusOr<std::string> xml = ReadInput(files.tmx, in, kMaxCorpusFileBytes);
    if (!xml.ok()) return xml.status();
    return ParseTmx(*xml, source_language, target_language, files.tmx);
  }
  if (!files.tsv.empty()) {
    absl::StatusOr<std::string> tsv = ReadInput(files.tsv, in, kMaxCorpusFileBytes);
    if (!tsv.ok()) return tsv.status();
    return ParseParallelTsv(*tsv, files.tsv);
  }
  if (files.source.empty() || files.target.empty()) {
    return absl::InvalidArgumentError(
        "line-aligned files need both --source=FILE and --target=FILE");
  }
  if (files.source == "-" && files.target == "-") {
    return absl::InvalidArgumentError("only one of --source and --target may be \"-\" (stdin)");
  }
  absl::StatusOr<std::string> source = ReadInput(files.source, in, kMaxCorpusFileBytes);
  if (!source.ok()) return source.status();
  absl::StatusOr<std::string> target = ReadInput(files.target, in, kMaxCorpusFileBytes);
  if (!target.ok()) return target.status();
  return ZipLineAligned(*source, files.source, *target, files.target);
}

}  // namespace newsalign::client
