// The HTML report's fixed parts, kept as files a designer edits and compiled in: the page
// skeleton client/templates/report.html (head, Content-Security-Policy, footer) and its style
// sheet client/templates/report.css. client/CMakeLists.txt reads both into report_templates.cc
// (generated from report_templates.cc.in) at configure time, and configures again when either
// changes; the binary reads no files at run time.
//
//   HtmlWriter title, body;
//   title.Write(Escaped("Alignment report"));
//   body.Write("<main>", ..., "</main>\n");
//   std::string page = ReportPage(title, body).Release();
#ifndef NEWSALIGN_CLIENT_REPORT_TEMPLATES_H_
#define NEWSALIGN_CLIENT_REPORT_TEMPLATES_H_

#include "client/html_writer.h"

namespace newsalign::client {

// Returns report.css as it is: the content of the page's <style> element.
HtmlWriter ReportStyleSheet();

// Returns report.html with {{title}} replaced by `title`, {{style}} by ReportStyleSheet() and
// {{body}} by `body` (the page's content before its footer).
HtmlWriter ReportPage(const HtmlWriter& title, const HtmlWriter& body);

}  // namespace newsalign::client

#endif  // NEWSALIGN_CLIENT_REPORT_TEMPLATES_H_
