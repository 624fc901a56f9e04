#!/usr/bin/python3
"""Writes a seeded binary predictions file (label,score) for bench/evaluate/run.sh.

Usage: generate.py OUT.csv [ROWS] [SEED]

About 30 % positives; scores from a logistic model with noise, so the metrics are realistic
(roc_auc about 0.83) and, as in real model output, almost every score is distinct. Scores are
written with Python's shortest round-trip repr, as ctkit's own predictions writer does.
"""
import sys

import numpy as np


def main():
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20261205
    rng = np.random.default_rng(seed)
    labels = (rng.random(rows) < 0.3).astype(np.int64)
    logit = -0.9 + 1.6 * labels + rng.normal(0.0, 1.0, rows)
    scores = 1.0 / (1.0 + np.exp(-logit))
    with open(out, "w", encoding="ascii") as f:
        f.write("label,score\n")
        f.writelines(f"{y},{s!r}\n" for y, s in zip(labels.tolist(), scores.tolist()))


if __name__ == "__main__":
    main()
