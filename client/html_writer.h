// HTML written through one door: every byte is either markup the program wrote itself (a string
// literal, or a file of client/templates/ compiled in) or text escaped by EscapeHtml. Text from a
// document, a request or the user has no way in except escaped: a std::string, a string_view or
// a `const char*` given to Write() without Escaped() does not compile.
//
//   HtmlWriter html;
//   html.Write("<td class=\"text\" lang=\"", Escaped(side.tag), "\">", Escaped(sentence), "</td>");
//   html.Write("<a href=\"#bead-", 4, "\">bead ", 4, "</a>");  // integers in decimal
//   HtmlWriter row;
//   row.Write("<tr>", html, "</tr>\n");  // another writer's HTML, as it is
//   std::string page = std::move(row).Release();
//
// One escaping rule serves element content and double-quoted attribute values alike (see
// EscapeHtml). Markup that starts a context with other rules (<script>, unquoted attributes,
// URLs built from text) is not supported; the report has none.
#ifndef NEWSALIGN_CLIENT_HTML_WRITER_H_
#define NEWSALIGN_CLIENT_HTML_WRITER_H_

#include <cstddef>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace newsalign::client {

// Returns `text` with & < > " ' replaced by character references, for HTML text and
// double-quoted attribute values, and NUL (which HTML parsers drop or turn into U+FFFD) shown as
// U+2400 "␀": never a raw NUL. Everything else, UTF-8 included, is copied as it is.
std::string EscapeHtml(absl::string_view text);

// Text to be escaped when written: Write("<p>", Escaped(message), "</p>").
struct Escaped {
  explicit Escaped(absl::string_view text) : text(text) {}
  absl::string_view text;
};

class HtmlWriter;

// One argument of HtmlWriter::Write. Not built by hand: Write converts each argument.
class HtmlPiece {
 public:
  // A string literal: markup, written as it is.
  template <size_t N>
  HtmlPiece(const char (&markup)[N]) : bytes_(markup, N - 1) {}  // NOLINT: implicit on purpose
  // Text, written escaped.
  HtmlPiece(Escaped text) : bytes_(text.text), escape_(true) {}  // NOLINT
  // An integer, in decimal (bool and char are not integers here).
  template <typename Int, std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool> &&
                                               !std::is_same_v<Int, char>,
                                           int> = 0>
  HtmlPiece(Int number) : number_(number), bytes_(number_.Piece()) {}  // NOLINT
  // HTML another writer wrote, as it is.
  HtmlPiece(const HtmlWriter& html);  // NOLINT

  HtmlPiece(const HtmlPiece&) = delete;
  HtmlPiece& operator=(const HtmlPiece&) = delete;

 private:
  friend class HtmlWriter;
  absl::AlphaNum number_{""};
  absl::string_view bytes_;
  bool escape_ = false;
};

// An HTML document or fragment being written (see the file comment).
class HtmlWriter {
 public:
  // Appends each piece in order: string literals as they are, Escaped(text) escaped, integers
  // in decimal, another HtmlWriter's HTML as it is. Returns *this.
  template <typename... Pieces>
  HtmlWriter& Write(const Pieces&... pieces) {
    (Append(HtmlPiece(pieces)), ...);
    return *this;
  }

  // Appends `page` (a template compiled in from client/templates/) with each placeholder
  // "{{name}}" replaced by the HTML of the slot of that name. The template is read once, from
  // left to right: a slot's HTML is never searched for placeholders. A placeholder without a slot
  // is written as it is. Returns *this.
  template <size_t N>
  HtmlWriter& WriteTemplate(
      const char (&page)[N],
      std::initializer_list<std::pair<absl::string_view, const HtmlWriter*>> slots) {
    return FillTemplate(absl::string_view(page, N - 1), slots);
  }

  // Returns the HTML written so far.
  const std::string& html() const { return html_; }
  // Returns the HTML written, leaving the writer empty.
  std::string Release() && { return std::move(html_); }

 private:
  void Append(const HtmlPiece& piece);
  HtmlWriter& FillTemplate(
      absl::string_view page,
      std::initializer_list<std::pair<absl::string_view, const HtmlWriter*>> slots);

  std::string html_;
};

inline HtmlPiece::HtmlPiece(const HtmlWriter& html) : bytes_(html.html()) {}

}  // namespace newsalign::client

#endif  // NEWSALIGN_CLIENT_HTML_WRITER_H_
