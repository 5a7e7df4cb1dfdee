#!/usr/bin/env python3
"""Aligns every document pair of a folder and writes one TSV per pair (as --format=tsv).

    align_folder.py --server=127.0.0.1:50051 pairs/ out/          # pairs/NAME.fr.txt + NAME.ar.txt
    align_folder.py --server=dns:///newsalign:50051 --source-dir=fr/ --target-dir=ar/ out/

Pairs go over AlignStream, spread over every server of the target; out/NAME.tsv per pair.
"""

import argparse
import pathlib
import sys

from newsalign import Client, NewsalignError, to_tsv


def find_pairs(args):
    """Returns (name, source path, target path) for each pair, sorted by name."""
    if args.folder:
        suffix = f".{args.source_lang}.txt"
        sources = sorted(pathlib.Path(args.folder).glob(f"*{suffix}"))
        pairs = [(s.name[:-len(suffix)], s, s.with_name(s.name[:-len(suffix)] +
                                                        f".{args.target_lang}.txt"))
                 for s in sources]
    else:
        pairs = [(s.stem, s, pathlib.Path(args.target_dir) / s.name)
                 for s in sorted(pathlib.Path(args.source_dir).glob("*.txt"))]
    missing = [str(target) for _, _, target in pairs if not target.is_file()]
    if missing:
        sys.exit(f"align_folder: no translation: {', '.join(missing)}")
    return pairs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", help="folder of NAME.SRC.txt + NAME.TGT.txt")
    parser.add_argument("out", help="folder for the NAME.tsv files")
    parser.add_argument("--source-dir", help="or: folder of source documents ...")
    parser.add_argument("--target-dir", help="... and folder of their translations, same names")
    parser.add_argument("--server", default="127.0.0.1:50051")
    parser.add_argument("--source-lang", default="fr")
    parser.add_argument("--target-lang", default="ar")
    args = parser.parse_args()
    if bool(args.folder) == bool(args.source_dir and args.target_dir):
        parser.error("give a folder of pairs, or --source-dir and --target-dir")

    pairs = find_pairs(args)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    texts = ((s.read_text(encoding="utf-8"), t.read_text(encoding="utf-8")) for _, s, t in pairs)
    with Client(args.server) as client:
        try:
            for (name, _, _), response in zip(pairs, client.align_many(
                    texts, args.source_lang, args.target_lang)):
                (out / f"{name}.tsv").write_text(to_tsv(response), encoding="utf-8")
                print(f"{name}: {len(response.beads)} beads, {response.report.verdict}")
        except NewsalignError as error:
            name = pairs[int(error.id)][0] if error.id.isdigit() else "?"
            sys.exit(f"align_folder: {name}: {error}")


if __name__ == "__main__":
    main()
