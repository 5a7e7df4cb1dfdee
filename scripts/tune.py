#!/usr/bin/env python3
"""Tunes the model weights (alignment/align/model_weights.h) on ../shared/eval by coordinate descent.

Runs newsalign-eval with --weights overrides and maximises the mean strict F1 over the sets
(each in its own direction and mirrored), plus --omission-weight times the mean F1 of omitted and
added sentences over the perturbed sets, with tico19_fr_ar (a complete translation) held at
or above a floor, so that the model is not rewarded for inventing omissions. Prints the best
weights; copy them into model_weights.h.

    scripts/tune.py --eval-bin build/tools/newsalign-eval --eval-dir ../shared/eval [--rounds 2]
"""
import argparse
import re
import subprocess
import sys

DEFAULT_WEIGHTS = [
    "prior_1_2", "prior_2_2", "prior_1_3", "prior_2_3", "prior_1_4", "prior_1_5",
    "omission_fixed", "noise_omission", "omission_per_char", "length_weight",
    "variance_initial", "number_weight", "date_weight", "name_weight", "token_weight",
    "punctuation_weight", "unmatched_penalty", "penalty_cap", "anchor_cap", "association_min_dice",
    "association_weight", "lexicon_weight",
]


def evaluate(args, weights):
    spec = ",".join(f"{k}={v:.6g}" for k, v in weights.items())
    out = subprocess.run([args.eval_bin, f"--eval_dir={args.eval_dir}", f"--weights={spec}"]
                         + args.extra, capture_output=True, text=True, check=True).stdout
    f1, lonely = {}, []
    for line in out.splitlines()[1:]:
        cols = line.split()
        if len(cols) >= 4 and not line.startswith(" "):
            f1[cols[0]] = float(cols[3])
            # omitted and added P/R/F1 ("-" for a set that has none)
            for triple in cols[7:9]:
                if "perturbed" in cols[0] and triple != "-":
                    lonely.append(float(triple.split("/")[2]))
    score = sum(f1.values()) / len(f1)
    if lonely and args.omission_weight > 0:
        score += args.omission_weight * sum(lonely) / len(lonely)
    for name in ("tico19_fr_ar", "tico19_fr_ar/mirrored"):
        complete = f1.get(name, 1.0)
        if complete < args.complete_floor:
            score -= 10 * (args.complete_floor - complete)
    # No set may fall below its floor (tools/eval_floors.tsv).
    for name, floor in args.floor_of.items():
        if name in f1 and f1[name] < floor:
            score -= 10 * (floor - f1[name])
    if lonely:
        f1["omitted/added F1 (perturbed)"] = round(sum(lonely) / len(lonely), 4)
    return score, f1


def current_weights(args):
    header = open(args.weights_header, encoding="utf-8").read()
    return {m.group(1): float(m.group(2))
            for m in re.finditer(r"double (\w+) = ([0-9.eE+-]+);", header)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-bin", default="build/tools/newsalign-eval")
    ap.add_argument("--eval-dir", default="../shared/eval")
    ap.add_argument("--weights-header", default="alignment/align/model_weights.h")
    ap.add_argument("--names", default=",".join(DEFAULT_WEIGHTS))
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--complete-floor", type=float, default=0.999)
    ap.add_argument("--omission-weight", type=float, default=0.0,
                    help="weight of the mean omitted/added F1 in the score")
    ap.add_argument("extra", nargs="*", help="extra flags for newsalign-eval")
    ap.add_argument("--floors", default="tools/eval_floors.tsv",
                    help="TSV of set<TAB>min strict F1 no trial may fall below; empty for none")
    args = ap.parse_args()
    args.floor_of = {}
    if args.floors:
        for line in open(args.floors, encoding="utf-8"):
            cols = line.strip().split("\t")
            if len(cols) >= 2 and not line.startswith("#"):
                args.floor_of[cols[0]] = float(cols[1])

    all_weights = current_weights(args)
    names = [n for n in args.names.split(",") if n in all_weights]
    weights = {n: all_weights[n] for n in names}
    best, f1 = evaluate(args, weights)
    print(f"start {best:.4f} {f1}", flush=True)
    for r in range(args.rounds):
        steps = [0.5, 0.75, 1.33, 2.0] if r == 0 else [0.85, 1.15]
        for name in names:
            base = weights[name]
            candidates = [base * s for s in steps] if base != 0 else [0.25, 0.5, 1.0]
            for value in candidates:
                trial = dict(weights, **{name: value})
                score, trial_f1 = evaluate(args, trial)
                if score > best + 1e-4:
                    best, f1, weights = score, trial_f1, trial
                    print(f"round {r} {name}={value:.4g} -> {best:.4f} {f1}", flush=True)
    print("best:", ",".join(f"{k}={v:.4g}" for k, v in weights.items()))
    print("f1:", f1)


if __name__ == "__main__":
    sys.exit(main())
