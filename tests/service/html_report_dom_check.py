#!/usr/bin/env python3
"""Checks the DOM a browser rendered from `newsalign align --format=html` against the JSON of
the same alignment. Standard library only. Exits 0 when every check passes; otherwise prints
one "FAIL: ..." line per failed check and exits 1.

  html_report_dom_check.py DOM.html RESPONSE.json [--expect-omission] [--expect-finding KIND]...

DOM.html is Chromium's --dump-dom output; RESPONSE.json is `--format=json` of the same run.
"""

import argparse
import json
import re
import sys
from html.parser import HTMLParser

# Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and the Arabic presentation forms.
RTL_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                 "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []
        self.text_parts = []

    def classes(self):
        return set(self.attrs.get("class", "").split())

    def text(self):
        parts = []
        for item in self.text_parts:
            parts.append(item.text() if isinstance(item, Element) else item)
        return "".join(parts)

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def direction(self):
        """The nearest dir attribute, or <bdi>'s implicit auto; None for none at all."""
        node = self
        while node is not None:
            if node.tag == "bdi" and "dir" not in node.attrs:
                return "auto"
            if "dir" in node.attrs:
                return node.attrs["dir"]
            node = node.parent
        return None


class TreeBuilder(HTMLParser):
    """A small DOM: enough for a serialised, well-formed document such as --dump-dom's."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [], None)
        self.current = self.root
        # (element, text) pairs, to check the direction of every text run.
        self.texts = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        self.current.text_parts.append(element)
        if tag not in VOID_ELEMENTS:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        self.current.text_parts.append(element)

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.text_parts.append(data)
        self.texts.append((self.current, data))


def bead_kind(bead):
    return "%d-%d" % (len(bead.get("source_sentences", [])), len(bead.get("target_sentences", [])))


def finding_slug(kind):
    return kind.removeprefix("FINDING_KIND_").lower().replace("_", "-")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dom")
    parser.add_argument("response")
    parser.add_argument("--expect-omission", action="store_true")
    parser.add_argument("--expect-finding", action="append", default=[])
    args = parser.parse_args()

    with open(args.dom, encoding="utf-8") as f:
        builder = TreeBuilder()
        builder.feed(f.read())
        builder.close()
    with open(args.response, encoding="utf-8") as f:
        response = json.load(f)
    root = builder.root
    failures = []

    def check(condition, message):
        if not condition:
            failures.append(message)
        return condition

    beads = response.get("beads", [])
    source_texts = {s["index"]: s["text"] for s in response["source"].get("sentences", [])}
    target_texts = {s["index"]: s["text"] for s in response["target"].get("sentences", [])}
    target_language = response["target"]["language"]

    # Nothing outside the page: no script, no external link, no fetched resource.
    for element in root.iter():
        check(element.tag not in ("script", "link", "img", "iframe", "object", "embed"),
              "a <%s> element" % element.tag)
        check("src" not in element.attrs, "a src attribute on <%s>" % element.tag)
        href = element.attrs.get("href")
        check(href is None or href.startswith("#"), "a link out of the page: %r" % href)

    # The summary.
    headers = [e for e in root.iter() if e.tag == "header" and "summary" in e.classes()]
    if check(len(headers) == 1, "expected one <header class=summary>, found %d" % len(headers)):
        verdicts = [e for e in headers[0].iter() if "verdict" in e.classes()]
        check(len(verdicts) == 1 and verdicts[0].text().strip(), "no verdict in the summary")

    # One row per bead, in order, with its kind.
    rows = [e for e in root.iter() if e.tag == "tr" and "data-bead" in e.attrs]
    check(len(rows) == len(beads),
          "%d rows in the rendered table, %d beads in the JSON" % (len(rows), len(beads)))
    for i, (row, bead) in enumerate(zip(rows, beads)):
        where = "row %d" % i
        check(row.attrs.get("data-bead") == str(i), "%s: data-bead=%r" % (where, row.attrs.get("data-bead")))
        check(row.attrs.get("data-kind") == bead_kind(bead),
              "%s: data-kind=%r, the JSON bead is %s" % (where, row.attrs.get("data-kind"), bead_kind(bead)))
        cells = [c for c in row.children if c.tag == "td"]
        source_cells = [c for c in cells if {"text", "src"} <= c.classes()]
        target_cells = [c for c in cells if {"text", "tgt"} <= c.classes()]
        if not check(len(source_cells) == 1 and len(target_cells) == 1, "%s: text cells" % where):
            continue
        source_cell, target_cell = source_cells[0], target_cells[0]
        # Every Arabic-side cell reads right to left, the gaps' too.
        check(target_cell.attrs.get("dir") == "rtl", "%s: the %s cell has dir=%r" %
              (where, target_language, target_cell.attrs.get("dir")))
        source_ids = bead.get("source_sentences", [])
        target_ids = bead.get("target_sentences", [])
        if target_ids:
            check(target_cell.attrs.get("lang") == target_language,
                  "%s: the target cell has lang=%r" % (where, target_cell.attrs.get("lang")))
            check(target_cell.text() == " ".join(target_texts[t] for t in target_ids),
                  "%s: the target text differs from the JSON's" % where)
        else:
            check("omission" in row.classes(), "%s: a 1-0 bead without class omission" % where)
            check("MISSING IN" in target_cell.text(), "%s: omission without its label" % where)
        if source_ids:
            check(source_cell.text() == " ".join(source_texts[s] for s in source_ids),
                  "%s: the source text differs from the JSON's" % where)
        else:
            check("addition" in row.classes(), "%s: a 0-1 bead without class addition" % where)
            check("NOT IN THE" in source_cell.text(), "%s: addition without its label" % where)
        # Its findings, as badges, in the JSON's order.
        shown = [e.attrs.get("data-finding") for e in row.iter()
                 if e.tag == "li" and "finding" in e.classes()]
        expected = [finding_slug(f["kind"]) for f in bead.get("findings", [])]
        check(shown == expected, "%s: findings %s, the JSON has %s" % (where, shown, expected))
        for badge in (e for e in row.iter() if "finding" in e.classes()):
            check(badge.text().strip(), "%s: an empty finding" % where)

    # Every run of Arabic (or other right-to-left) text sits in a right-to-left or isolated
    # context, in the body and the header alike.
    rtl_runs = 0
    for element, text in builder.texts:
        if element.tag in ("style", "title") or not RTL_LETTERS.search(text):
            continue
        rtl_runs += 1
        check(element.direction() in ("rtl", "auto"),
              "right-to-left text in a %r context: %r" % (element.direction(), text[:40]))
    check(rtl_runs > 0, "no right-to-left text at all on the page")

    if args.expect_omission:
        check(any("omission" in row.classes() for row in rows), "no omission row")
    for kind in args.expect_finding:
        check(any(e.attrs.get("data-finding") == kind for e in root.iter()),
              "no %s finding on the page" % kind)

    for failure in failures[:40]:
        print("FAIL: " + failure)
    if len(failures) > 40:
        print("FAIL: ... and %d more" % (len(failures) - 40))
    if not failures:
        print("ok: %d rows, %d right-to-left text runs, %d findings" %
              (len(rows), rtl_runs, sum(len(b.get("findings", [])) for b in beads)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
