#!/usr/bin/env python3
"""Checks the core's layering: each folder of alignment/ includes only the folders below it,
the core never includes the report, the service, the client or gRPC, and the report never
includes the service or the client. Exits 1 with one line a wrong include, naming the file,
the line and the folders it may include.

  check_layers.py SOURCE_DIR
"""
import pathlib
import re
import sys

# Each layer of the core with the layers it may include (itself included).
CORE = ["base", "text", "lexicon", "anchors", "align"]
ALLOWED = {layer: set(CORE[: i + 1]) for i, layer in enumerate(CORE)}
# Project folders outside the core, which no core file may name.
OUTSIDE = ("report/", "server/", "client/", "tools/", "fuzz/", "tests/", "newsalign/v1/",
           "grpc", "google/protobuf/")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def wrong_includes(root: pathlib.Path):
    for path in sorted(root.glob("alignment/**/*")) + sorted(root.glob("report/**/*")):
        if path.suffix not in (".h", ".cc", ".in"):
            continue
        relative = path.relative_to(root)
        in_report = relative.parts[0] == "report"
        layer = None if in_report else relative.parts[1]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            header = match.group(1)
            first = header.split("/", 1)[0]
            if in_report:
                if header.startswith(OUTSIDE) and not header.startswith("report/"):
                    yield f"{relative}:{number}: {header}: the report uses the core only"
            elif header.startswith(OUTSIDE):
                yield f"{relative}:{number}: {header}: the core includes no {first}/"
            elif first in ALLOWED and first not in ALLOWED.get(layer, set()):
                allowed = ", ".join(sorted(ALLOWED.get(layer, set())))
                yield f"{relative}:{number}: {header}: alignment/{layer} may include {allowed}"


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1])
    wrong = list(wrong_includes(root))
    for line in wrong:
        print(line)
    if not wrong:
        print("the core's layers include only what is below them")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
