#include "client/html_writer.h"

namespace newsalign::client {

std::string EscapeHtml(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\0':
        out += "\u2400";  // ␀
        break;
      default:
        out += c;
    }
  }
  return out;
}

void HtmlWriter::Append(const HtmlPiece& piece) {
  if (piece.escape_) {
    html_ += EscapeHtml(piece.bytes_);
  } else {
    html_.append(piece.bytes_.data(), piece.bytes_.size());
  }
}

HtmlWriter& HtmlWriter::FillTemplate(
    absl::string_view page,
    std::initializer_list<std::pair<absl::string_view, const HtmlWriter*>> slots) {
  constexpr absl::string_view kOpen = "{{";
  constexpr absl::string_view kClose = "}}";
  while (!page.empty()) {
    const size_t open = page.find(kOpen);
    const size_t close =
        open == absl::string_view::npos ? open : page.find(kClose, open + kOpen.size());
    if (close == absl::string_view::npos) break;
    const absl::string_view name = page.substr(open + kOpen.size(), close - open - kOpen.size());
    const HtmlWriter* slot = nullptr;
    for (const auto& [slot_name, html] : slots) {
      if (slot_name == name) slot = html;
    }
    const size_t end = close + kClose.size();
    html_.append(page.data(), slot == nullptr ? end : open);
    if (slot != nullptr) html_ += slot->html();
    page.remove_prefix(end);
  }
  html_.append(page.data(), page.size());
  return *this;
}

}  // namespace newsalign::client
