#!/usr/bin/python3
"""The peer of `ctkit evaluate --task binary`: scikit-learn computing the same metric set once,
with no intervals, on the same predictions file.

Usage: sklearn_metrics.py FILE.csv [THRESHOLD] > metrics.json

Prints {"read_s": ..., "metrics_s": ..., "metrics": {name: value}} so that run.sh can check the
values against ctkit's report and show where the time went. run.sh times the whole process.
"""
import json
import sys
import time

import numpy as np
from sklearn import metrics


def main():
    path = sys.argv[1]
    threshold = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
    start = time.perf_counter()
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64)
    y = data[:, 0].astype(np.int64)
    score = data[:, 1]
    read = time.perf_counter()
    predicted = (score >= threshold).astype(np.int64)
    values = {
        "accuracy": metrics.accuracy_score(y, predicted),
        "balanced_accuracy": metrics.balanced_accuracy_score(y, predicted),
        "precision": metrics.precision_score(y, predicted, zero_division=0),
        "recall": metrics.recall_score(y, predicted, zero_division=0),
        "f1": metrics.f1_score(y, predicted, zero_division=0),
        "roc_auc": metrics.roc_auc_score(y, score),
        "average_precision": metrics.average_precision_score(y, score),
        "log_loss": metrics.log_loss(y, score),
        "brier": metrics.brier_score_loss(y, score),
        "mcc": metrics.matthews_corrcoef(y, predicted),
    }
    done = time.perf_counter()
    json.dump({"read_s": read - start, "metrics_s": done - read,
               "metrics": {k: float(v) for k, v in values.items()}}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
