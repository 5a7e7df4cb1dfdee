#include "client/parallel_corpus.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>

#include "absl/base/call_once.h"
#include "absl/container/btree_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "client/commands.h"
#include "libxml/globals.h"
#include "libxml/parser.h"
#include "libxml/tree.h"
#include "libxml/xmlerror.h"
#include "libxml/xmlreader.h"
#include "text/utf8.h"

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

// Inline elements whose content is native markup (codes of the original format), not text.
bool IsCodeElement(absl::string_view name) {
  return name == "bpt" || name == "ept" || name == "ph" || name == "it" || name == "ut";
}

// Refuses every external resource libxml2 would load: DTDs, external entities, XIncludes.
// A translation memory needs none, and loading one would let a file read others (XXE).
xmlParserInputPtr RefuseExternalEntity(const char* /*url*/, const char* /*id*/,
                                       xmlParserCtxtPtr /*context*/) {
  return nullptr;
}

// libxml2's process-wide set-up, done once, before any parse, by any thread: xmlInitParser()
// (its own global tables; never undone, since other code of the process may use libxml2) and
// the loader above in place of the default one, which would read local files.
void InitLibXml2Once() {
  static absl::once_flag once;
  absl::call_once(once, [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(RefuseExternalEntity);
  });
}

// Silences libxml2's generic error output for the calling thread (libxml2 keeps these handlers
// per thread) while a document is read, and restores what was there.
class QuietLibXml2 {
 public:
  QuietLibXml2()
      : generic_(xmlGenericError),
        generic_context_(xmlGenericErrorContext),
        structured_(xmlStructuredError),
        structured_context_(xmlStructuredErrorContext) {
    xmlSetGenericErrorFunc(nullptr, &Ignore);
    xmlSetStructuredErrorFunc(nullptr, &IgnoreStructured);
  }
  ~QuietLibXml2() {
    xmlSetGenericErrorFunc(generic_context_, generic_);
    xmlSetStructuredErrorFunc(structured_context_, structured_);
  }
  QuietLibXml2(const QuietLibXml2&) = delete;
  QuietLibXml2& operator=(const QuietLibXml2&) = delete;

 private:
  static void Ignore(void* /*context*/, const char* /*format*/, ...) {}
  static void IgnoreStructured(void* /*context*/, xmlErrorPtr /*error*/) {}

  xmlGenericErrorFunc generic_;
  void* generic_context_;
  xmlStructuredErrorFunc structured_;
  void* structured_context_;
};

// Feeds libxml2 from a string_view in chunks, so documents over 2 GiB (libxml2 takes an int
// size for memory) read too.
struct MemoryInput {
  absl::string_view rest;

  static int Read(void* context, char* buffer, int length) {
    auto* input = static_cast<MemoryInput*>(context);
    const size_t n = std::min(input->rest.size(), static_cast<size_t>(std::max(length, 0)));
    if (n == 0) return 0;  // rest.data() may be null: no memcpy from it
    std::memcpy(buffer, input->rest.data(), n);
    input->rest.remove_prefix(n);
    return static_cast<int>(n);
  }
  static int Close(void* /*context*/) { return 0; }
};

// Returns libxml2's message without its trailing line break or the details it adds on further
// lines ("Bytes: 0xC3 0x28 ...").
std::string FirstLine(const char* message) {
  if (message == nullptr) return "malformed XML";
  absl::string_view text(message);
  text = text.substr(0, text.find('\n'));
  return std::string(absl::StripAsciiWhitespace(text));
}

// Returns the number of the last line of `xml`, counting the line feeds of its text: 16-bit
// units for UTF-16 (as libxml2 detects it: a byte order mark, or '<' and a zero byte), bytes
// for UTF-8 and the other encodings that keep ASCII.
long LastLine(absl::string_view xml) {
  const bool little =
      absl::StartsWith(xml, "\xFF\xFE") || absl::StartsWith(xml, absl::string_view("<\0?\0", 4));
  const bool big =
      absl::StartsWith(xml, "\xFE\xFF") || absl::StartsWith(xml, absl::string_view("\0<\0?", 4));
  long line = 1;
  if (little || big) {
    for (size_t i = 0; i + 1 < xml.size(); i += 2) {
      if (xml[i + (little ? 0 : 1)] == '\n' && xml[i + (little ? 1 : 0)] == '\0') ++line;
    }
  } else {
    line += std::count(xml.begin(), xml.end(), '\n');
  }
  return line;
}

// One pass over a TMX document with libxml2's streaming reader (memory bounded by its window,
// not the document), and the <tu>/<tuv>/<seg> structure on top.
class TmxReader {
 public:
  TmxReader(absl::string_view xml, absl::string_view source_language,
            absl::string_view target_language, absl::string_view file)
      : xml_(xml),
        input_{xml},
        file_(file),
        source_language_(Primary(source_language)),
        target_language_(Primary(target_language)) {}

  absl::StatusOr<std::vector<SentencePair>> Read() {
    InitLibXml2Once();
    QuietLibXml2 quiet;
    // No XML_PARSE_NOENT (entities stay references: nothing external is ever substituted),
    // no DTD loading, validation or default attributes, no network; libxml2's default limits
    // (no XML_PARSE_HUGE) bound names, text nodes (10 MB) and depth (256).
    const int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOXINCNODE;
    std::unique_ptr<xmlTextReader, void (*)(xmlTextReaderPtr)> reader(
        xmlReaderForIO(&MemoryInput::Read, &MemoryInput::Close, &input_, nullptr, nullptr, options),
        &xmlFreeTextReader);
    if (reader == nullptr) return Error(1, "libxml2 could not start reading the file");
    reader_ = reader.get();
    xmlTextReaderSetStructuredErrorHandler(reader_, &TmxReader::OnError, this);

    int read;
    while ((read = xmlTextReaderRead(reader_)) == 1) {
      if (!error_.ok()) break;
      absl::Status status = Visit();
      if (!status.ok()) return status;
    }
    if (!error_.ok()) {
      // libxml2's streaming reader calls an empty file, and one that ends inside an element,
      // "Extra content at the end of the document" (its tree parser says "Document is empty"
      // and "Premature end of data"): say which.
      if (error_code_ == XML_ERR_DOCUMENT_END && !saw_element_) {
        return Error(LastLine(xml_), "the file holds no XML element (is it empty?)");
      }
      if (error_code_ == XML_ERR_DOCUMENT_END && !stack_.empty()) {
        return Error(LastLine(xml_), absl::StrCat("the file ends inside <", stack_.back().name,
                                                  "> (opened at line ", stack_.back().line, ")"));
      }
      return error_;
    }
    if (read < 0) return Error(ParserLine(), "malformed XML");
    if (!stack_.empty()) {
      return Error(LastLine(xml_), absl::StrCat("the file ends inside <", stack_.back().name,
                                                "> (opened at line ", stack_.back().line, ")"));
    }
    if (pairs_.empty()) {
      return Error(
          LastLine(xml_),
          absl::StrCat("no translation unit has both a \"", source_language_, "\" and a \"",
                       target_language_, "\" segment (", units_, " unit(s); languages seen: ",
                       languages_.empty() ? "none" : absl::StrJoin(languages_, ", "), ")"));
    }
    return std::move(pairs_);
  }

 private:
  struct Element {
    std::string name;
    long line;
  };

  absl::Status Error(long line, absl::string_view message) const {
    return absl::InvalidArgumentError(absl::StrCat(file_, ":", line, ": ", message));
  }

  // The line libxml2's parser has reached (the whole file at its end).
  long ParserLine() const { return xmlTextReaderGetParserLineNumber(reader_); }

  // The line the current node starts on.
  long NodeLine() const {
    const xmlNode* node = xmlTextReaderCurrentNode(reader_);
    const long line = node == nullptr ? 0 : xmlGetLineNo(node);
    return line > 0 ? line : ParserLine();
  }

  // Keeps the first error libxml2 reports; warnings (such as an entity the unread DTD might
  // declare) are left to the reference check in Visit().
  static void OnError(void* context, xmlErrorPtr error) {
    auto* self = static_cast<TmxReader*>(context);
    if (error == nullptr || error->level < XML_ERR_ERROR || !self->error_.ok()) return;
    // Namespace errors (an undeclared prefix) leave the document readable.
    if (error->domain == XML_FROM_NAMESPACE && error->level != XML_ERR_FATAL) return;
    self->error_ =
        self->Error(error->line > 0 ? error->line : self->ParserLine(), FirstLine(error->message));
    self->error_code_ = error->code;
  }

  bool Collecting() const { return in_seg_ && code_depth_ == 0; }

  absl::Status Visit() {
    const int type = xmlTextReaderNodeType(reader_);
    switch (type) {
      case XML_READER_TYPE_ELEMENT: {
        saw_element_ = true;
        const char* name = reinterpret_cast<const char*>(xmlTextReaderConstName(reader_));
        const std::string element(name == nullptr ? "" : name);
        const long line = NodeLine();
        std::optional<std::string> language;
        if (!in_seg_ && element == "tuv") language = Language();
        if (absl::Status status = Open(element, language, line); !status.ok()) return status;
        if (xmlTextReaderIsEmptyElement(reader_)) {
          Close(element);
        } else {
          stack_.push_back({element, line});
        }
        return absl::OkStatus();
      }
      case XML_READER_TYPE_END_ELEMENT: {
        if (stack_.empty()) return absl::OkStatus();  // libxml2 reports stray end tags
        const std::string name = std::move(stack_.back().name);
        stack_.pop_back();
        Close(name);
        return absl::OkStatus();
      }
      case XML_READER_TYPE_TEXT:
      case XML_READER_TYPE_CDATA:
      case XML_READER_TYPE_WHITESPACE:
      case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        if (Collecting()) {
          const char* value = reinterpret_cast<const char*>(xmlTextReaderConstValue(reader_));
          if (value != nullptr) segment_ += value;
        }
        return absl::OkStatus();
      case XML_READER_TYPE_ENTITY_REFERENCE: {
        // Only the five predefined entities and character references, which libxml2 turns
        // into text, are read. A reference left is to an entity of the DTD (internal, or
        // external and never loaded): refused rather than dropped from the text.
        const char* name = reinterpret_cast<const char*>(xmlTextReaderConstName(reader_));
        return Error(NodeLine(),
                     absl::StrCat("entity \"&", name == nullptr ? "" : name,
                                  ";\" is not read (a TMX file may use only &amp; &lt; &gt; "
                                  "&quot; &apos; and character references)"));
      }
      default:
        return absl::OkStatus();
    }
  }

  // Returns the xml:lang (TMX 1.4) or lang (TMX 1.1, some tools) of the current element.
  std::optional<std::string> Language() {
    for (const char* attribute : {"xml:lang", "lang"}) {
      xmlChar* value = xmlTextReaderGetAttribute(reader_, BAD_CAST attribute);
      if (value != nullptr) {
        std::string language(reinterpret_cast<const char*>(value));
        xmlFree(value);
        return language;
      }
    }
    return std::nullopt;
  }

  absl::Status Open(const std::string& name, const std::optional<std::string>& language,
                    long line) {
    if (in_seg_) {
      if (IsCodeElement(name) || code_depth_ > 0) ++code_depth_;
      return absl::OkStatus();
    }
    if (name == "tu") {
      if (in_tu_) return Error(line, "<tu> inside <tu>");
      in_tu_ = true;
      ++units_;
      unit_source_.reset();
      unit_target_.reset();
    } else if (name == "tuv") {
      if (!in_tu_) return Error(line, "<tuv> outside <tu>");
      if (in_tuv_) return Error(line, "<tuv> inside <tuv>");
      if (!language.has_value() || language->empty()) {
        return Error(line, "<tuv> without xml:lang");
      }
      in_tuv_ = true;
      tuv_language_ = Primary(*language);
      languages_.insert(tuv_language_);
      tuv_has_seg_ = false;
    } else if (name == "seg") {
      if (!in_tuv_) return Error(line, "<seg> outside <tuv>");
      if (tuv_has_seg_) return Error(line, "a second <seg> in one <tuv>");
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
  MemoryInput input_;
  absl::string_view file_;
  std::string source_language_;
  std::string target_language_;
  xmlTextReaderPtr reader_ = nullptr;
  // The first error libxml2 reported, or OK, and its code (xmlParserErrors).
  absl::Status error_;
  int error_code_ = 0;
  std::vector<Element> stack_;
  bool saw_element_ = false;
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
