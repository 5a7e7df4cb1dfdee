#!/usr/bin/env python3
"""Writes seed inputs for the fuzz targets (see fuzz/CMakeLists.txt) into OUT/<target>/.

Seeds come from the evaluation sets in ../shared/eval (when present: they are not part of the
repository) and the sample article in examples/, cut small so a fuzzer starts from realistic
text without slow inputs. Each target's input format is the one its *_fuzzer.cc reads: most take
a first byte that picks a language or mode, then the text. AlignRequest seeds are binary
protobuf, encoded with protoc from text format. Deterministic: the same sources give the same
files. Nothing here is committed; a build writes it.

  make_seeds.py --out=build-fuzz/fuzz/seeds --shared=../shared --examples=examples \
      [--protoc=protoc --proto=proto/newsalign/v1/alignment.proto --proto_path=proto]
"""
import argparse
import os
import shutil
import subprocess
import sys

# Selector bytes, as the fuzzers read them (the index in their tables).
SPLITTER_LANGUAGE = {"fr": 0, "ar": 1, "de": 2, "en": 3}
ANCHORS_LANGUAGE = {"fr": 0, "ar": 1, "de": 2, "en": 3}
SCRIPT = {"fr": 0, "de": 0, "en": 0, "ar": 1}  # kLatin, kArabic
CORPUS_TMX_FR_AR, CORPUS_TMX_DE_FR, CORPUS_TSV, CORPUS_ZIP = 0, 2, 6, 7
LEXICON_PAIR = {("fr", "ar"): 0, ("de", "fr"): 2}

# How much of each source text a seed takes.
MAX_DOCS_PER_SET = 6
MAX_LINES = 12
MAX_BYTES = 2000

HANDWRITTEN_TEXT = [
    ("fr", "M. Dupont et Mme Durand sont arrivés. Dr. Martin, p. ex., cf. J.-P. Sartre.\n"
           "« Il part. » Puis il revint… Le 15 novembre 2024, 3,5 % des 15 000 soldats.\n\n"
           "La vitamine D. Des études de l'O.N.U. montrent que 1. le Mali..."),
    ("ar", "قال د. أحمد إن ١٥ ألف جندي وصلوا في ١٥ تشرين الثاني ٢٠٢٤. هل انتهى؟ نعم!\n"
           "بلغت النسبة ٣٫٥٪ من مليارين، و١٢٬٥٠٠ دولار في يناير. عام 1950 م. وفي باماكو"),
    ("de", "Am 3. Oktober sagte Dr. Müller z. B., dass 1.234,5 Mio. Euro fehlen. Er ging."),
    ("en", "Mr. Smith met U.S. officials on Monday, Jan. 5. They agreed on 2.5 billion."),
]

HANDWRITTEN_LEXICONS = [
    ("fr", "ar", "# un lexique\nsoldat\tجندي\t0.8\nsoldats\tجنود\nMali\tمالي\t1\n\n"
                 "mission\tبعثة\t0.25\r\nnovembre\tنوفمبر\t1e-3\n"),
    ("fr", "ar", "# normalised\nsoldat\tجندي\t0.5\nmal\tمال\t0.999999\n"),
    ("de", "fr", "Berg\tmontagne\t0.9\nGipfel\tsommet\nHöhe\taltitude\t0.3\n"),
]


def read_text(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", errors="replace")


def cut(text, max_lines=MAX_LINES, max_bytes=MAX_BYTES):
    """The first lines of `text`, at most max_lines and about max_bytes."""
    out, size = [], 0
    for line in text.splitlines()[:max_lines]:
        size += len(line.encode("utf-8")) + 1
        if out and size > max_bytes:
            break
        out.append(line)
    return "\n".join(out) + "\n"


def eval_documents(shared):
    """(set, source language, target language, source text, target text) of a few eval docs."""
    eval_dir = os.path.join(shared, "eval")
    if not os.path.isdir(eval_dir):
        return []
    docs = []
    for name in sorted(os.listdir(eval_dir)):
        set_dir = os.path.join(eval_dir, name)
        langs = sorted(d for d in os.listdir(set_dir) if len(d) == 2) if os.path.isdir(set_dir) else []
        if len(langs) != 2:
            continue
        # The source is the language other than fr, unless the pair is fr-ar (fr first).
        source, target = ("fr", "ar") if "ar" in langs else ("de", "fr")
        files = sorted(os.listdir(os.path.join(set_dir, source)))[:MAX_DOCS_PER_SET]
        for f in files:
            target_path = os.path.join(set_dir, target, f)
            if os.path.exists(target_path):
                docs.append((name, source, target, read_text(os.path.join(set_dir, source, f)),
                             read_text(target_path)))
    return docs


def example_documents(examples):
    docs = []
    d = os.path.join(examples, "mali-minusma")
    if os.path.exists(os.path.join(d, "fr.txt")):
        docs.append(("example", "fr", "ar", read_text(os.path.join(d, "fr.txt")),
                     read_text(os.path.join(d, "ar.txt"))))
    return docs


class Writer:
    def __init__(self, out):
        self.out = out
        self.counts = {}

    def write(self, target, data, name=None):
        if isinstance(data, str):
            data = data.encode("utf-8")
        directory = os.path.join(self.out, target)
        os.makedirs(directory, exist_ok=True)
        n = self.counts.get(target, 0)
        self.counts[target] = n + 1
        with open(os.path.join(directory, name or "seed-%03d" % n), "wb") as f:
            f.write(data)


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def tmx(pairs, source, target):
    units = "".join(
        '  <tu>\n    <tuv xml:lang="%s"><seg>%s</seg></tuv>\n'
        '    <tuv xml:lang="%s-XX"><seg>%s</seg></tuv>\n  </tu>\n'
        % (source, xml_escape(s), target, xml_escape(t)) for s, t in pairs)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '<header srclang="%s" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en"'
            ' creationtool="fuzz" creationtoolversion="1"/>\n<body>\n%s</body>\n</tmx>\n'
            % (source, units))


def text_proto_string(text):
    """A text-format string literal holding `text`'s UTF-8 bytes."""
    out = []
    for b in text.encode("utf-8"):
        c = chr(b)
        if c in '"\\':
            out.append("\\" + c)
        elif 0x20 <= b < 0x7F:
            out.append(c)
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'


def align_request(index, source, target, source_text, target_text):
    """A text-format AlignRequest; the index varies the options and the document forms."""
    def document(language, text, pre_split):
        if pre_split:
            sentences = " ".join("sentences: %s" % text_proto_string(line)
                                 for line in text.splitlines() if line.strip())
            return "language: %s sentences { %s }" % (text_proto_string(language), sentences)
        return "language: %s text: %s" % (text_proto_string(language), text_proto_string(text))

    options = [
        "",
        "max_bead_sentences: 2 allow_omissions: false",
        "second_pass: false band: 3 disabled_anchors: ANCHOR_KIND_NAME",
        'lexicon { source: "soldat" target: "\\330\\254\\331\\206\\330\\257\\331\\212" '
        "weight: 0.5 } low_confidence_threshold: 0.3",
        "learn_across_stream: true length_ratio_factor: 2 untranslated_share: 0.5",
    ][index % 5]
    pre_split = index % 3 == 1
    return 'id: "seed-%d" source { %s } target { %s } options { %s }\n' % (
        index, document(source, source_text, pre_split), document(target, target_text, pre_split),
        options)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--examples", required=True)
    parser.add_argument("--protoc")
    parser.add_argument("--proto")
    parser.add_argument("--proto_path")
    args = parser.parse_args()

    if os.path.isdir(args.out):
        shutil.rmtree(args.out)
    w = Writer(args.out)
    docs = example_documents(args.examples) + eval_documents(args.shared)

    # Texts: the splitter, the tokenizer and the anchors.
    for language, text in HANDWRITTEN_TEXT:
        w.write("sentence_splitter", bytes([SPLITTER_LANGUAGE[language]]) + text.encode())
        w.write("tokenizer", text)
        selector = ANCHORS_LANGUAGE[language] + 8 * SCRIPT[language] + 24 * (1 - SCRIPT[language])
        w.write("anchors", bytes([selector]) + text.encode())
    for _, source, target, source_text, target_text in docs:
        for language, text in ((source, source_text), (target, target_text)):
            # Sentences joined into running text, as an article arrives.
            running = " ".join(cut(text).splitlines())
            w.write("sentence_splitter", bytes([SPLITTER_LANGUAGE[language]]) + running.encode())
            w.write("tokenizer", cut(text, 4, 600))
            other = target if language == source else source
            selector = ANCHORS_LANGUAGE[language] + 8 * SCRIPT[language] + 24 * SCRIPT[other]
            lines = [l for l in text.splitlines() if any(c.isdigit() for c in l)][:3]
            for line in lines or text.splitlines()[:1]:
                w.write("anchors", bytes([selector]) + line.encode())

    # Parallel corpora and lexicons.
    for i, (_, source, target, source_text, target_text) in enumerate(docs):
        pairs = list(zip(cut(source_text, 6).splitlines(), cut(target_text, 6).splitlines()))
        mode = CORPUS_TMX_FR_AR if source == "fr" else CORPUS_TMX_DE_FR
        w.write("parallel_corpus", bytes([mode]) + tmx(pairs, source, target).encode())
        tsv = "".join("%s\t%s\n" % p for p in pairs if p[0].strip() and p[1].strip())
        w.write("parallel_corpus", bytes([CORPUS_TSV]) + tsv.encode())
        zipped = "\n".join(s for s, _ in pairs) + "\n\0" + "\n".join(t for _, t in pairs) + "\n"
        w.write("parallel_corpus", bytes([CORPUS_ZIP]) + zipped.encode())
        if i == 0:
            # TMX files exported on Windows are often UTF-16 with a byte-order mark.
            w.write("parallel_corpus", bytes([mode]) + b"\xff\xfe" +
                    tmx(pairs, source, target).encode("utf-16-le"))
        if i >= 8:
            break
    w.write("parallel_corpus", bytes([CORPUS_TMX_FR_AR]) + (
        '<tmx version="1.4"><header srclang="fr"/><body><tu>'
        '<tuv xml:lang="fr"><seg>Le <bpt i="1">&lt;b&gt;</bpt>Mali<ept i="1">&lt;/b&gt;</ept>'
        ' &amp; l&apos;ONU &#233;&#x00E9; <hi>15</hi> <![CDATA[<x>]]></seg></tuv>'
        '<tuv xml:lang="ar"><seg>مالي <ph>{1}</ph>و الأمم</seg></tuv></tu></body></tmx>\n').encode())
    for source, target, text in HANDWRITTEN_LEXICONS:
        w.write("lexicon", bytes([LEXICON_PAIR[(source, target)]]) + text.encode())

    # Align requests: binary AlignRequest, encoded by protoc.
    if args.protoc:
        for i, (_, source, target, source_text, target_text) in enumerate(docs[:12]):
            text_request = align_request(i, source, target, cut(source_text), cut(target_text))
            encoded = subprocess.run(
                [args.protoc, "--encode=newsalign.v1.AlignRequest",
                 "--proto_path=" + args.proto_path, args.proto],
                input=text_request.encode(), stdout=subprocess.PIPE, check=True).stdout
            w.write("align_request", encoded)

    with open(os.path.join(args.out, "stamp"), "w") as f:
        f.write("".join("%s %d\n" % kv for kv in sorted(w.counts.items())))
    print("make_seeds: " + ", ".join("%s %d" % kv for kv in sorted(w.counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
