"""Responses as the `newsalign` command writes them: JSON (--format=json) and TSV (--format=tsv).

    to_dict(response)   # the dict of `newsalign align --format=json`: the proto's field names
    to_json(response)   # the same, as a JSON string
    to_tsv(response)    # the text of `newsalign align --format=tsv`, header included

Both follow client/formatters.cc; the end-to-end test compares them with the command's output.
"""

import json

from google.protobuf import json_format

from newsalign.v1 import alignment_pb2

TSV_COLUMNS = ("source", "target", "confidence", "length_score", "anchor_score", "anchors",
               "findings", "finding_messages", "source_text", "target_text",
               "unpaired_probability")


def to_dict(message):
    """Returns the message as the command's JSON does: proto field names, defaults included."""
    return json_format.MessageToDict(message, including_default_value_fields=True,
                                     preserving_proto_field_name=True)


def to_json(message, indent=2):
    """Returns to_dict(message) as JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(to_dict(message), ensure_ascii=False, indent=indent)


def _escape_control_characters(text):
    """Shows C0 controls and DEL as \\x1b, C1 controls as \\u0085, as the command does."""
    out = []
    for char in text:
        code = ord(char)
        if code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif 0x80 <= code <= 0x9F:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def _escape_tsv(field):
    """Escapes backslash, tab, newline and carriage return, then the other control characters."""
    field = (field.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
             .replace("\r", "\\r"))
    return _escape_control_characters(field)


def _short_name(enum_type, value, prefix):
    """Returns "number" for ANCHOR_KIND_NUMBER, "error" for SEVERITY_ERROR."""
    name = enum_type.Name(value)
    return (name[len(prefix):] if name.startswith(prefix) else name).lower()


def to_tsv(response):
    """Returns the response as `newsalign align --format=tsv` prints it: one row per bead."""
    source_texts = {s.index: s.text for s in response.source.sentences}
    target_texts = {s.index: s.text for s in response.target.sentences}
    omission = {p.sentence: p.probability for p in response.report.omission_probabilities}
    addition = {p.sentence: p.probability for p in response.report.addition_probabilities}
    rows = ["\t".join(TSV_COLUMNS)]
    for bead in response.beads:
        unpaired = max([omission.get(s, 0.0) for s in bead.source_sentences] +
                       [addition.get(t, 0.0) for t in bead.target_sentences] + [0.0])
        anchors = "|".join(
            _short_name(alignment_pb2.AnchorKind, a.kind, "ANCHOR_KIND_") + ":" +
            _escape_tsv(a.value).replace("|", "\\|") for a in bead.anchors)
        findings = "; ".join(
            _short_name(alignment_pb2.FindingKind, f.kind, "FINDING_KIND_") + ":" +
            _short_name(alignment_pb2.Severity, f.severity, "SEVERITY_") for f in bead.findings)
        messages = "; ".join(f.message for f in bead.findings)
        rows.append("\t".join([
            ",".join(map(str, bead.source_sentences)),
            ",".join(map(str, bead.target_sentences)),
            f"{bead.confidence:.4f}", f"{bead.length_score:.4f}", f"{bead.anchor_score:.4f}",
            anchors, findings, _escape_tsv(messages),
            _escape_tsv(" ".join(source_texts.get(i, "?") for i in bead.source_sentences)),
            _escape_tsv(" ".join(target_texts.get(i, "?") for i in bead.target_sentences)),
            f"{unpaired:.4f}",
        ]))
    return "\n".join(rows) + "\n"
