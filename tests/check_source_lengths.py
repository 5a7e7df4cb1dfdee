#!/usr/bin/env python3
"""Checks that no source file of the project is longer than 600 lines, so that each holds one
concept a reader can take in. Exits 1 listing each longer file with its length and what to do.

  check_source_lengths.py SOURCE_DIR [MAX_LINES]
"""
import pathlib
import sys

# Where the project's own sources live; build folders, data and prose are not counted.
FOLDERS = ("alignment", "report", "server", "client", "clients", "proto", "tools", "tests",
           "bench", "fuzz", "scripts", "docker")
SUFFIXES = (".cc", ".h", ".in", ".py", ".sh", ".proto", ".cmake")
NAMES = ("CMakeLists.txt", "Dockerfile")


def long_files(root: pathlib.Path, most: int):
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            if path.suffix not in SUFFIXES and path.name not in NAMES:
                continue
            lines = len(path.read_text(encoding="utf-8", errors="replace").splitlines())
            if lines > most:
                yield path.relative_to(root), lines


def main() -> int:
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1])
    most = int(sys.argv[2]) if len(sys.argv) == 3 else 600
    found = list(long_files(root, most))
    for path, lines in found:
        print(f"{path}: {lines} lines, more than {most}: split it by concept")
    if not found:
        print(f"every source file has at most {most} lines")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
