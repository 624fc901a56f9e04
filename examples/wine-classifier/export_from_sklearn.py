#!/usr/bin/python3
"""Trains a small scikit-learn MLP on the wine data set that ships with scikit-learn and
exports it as a ctkit model bundle (format ctkit-model/1), the way any numpy-based trainer can.

Re-run from this directory with Debian's Python (python3-sklearn, python3-numpy):
    /usr/bin/python3 export_from_sklearn.py
It rewrites model/, holdout.csv and expected.json deterministically. ctkit does not need
Python at run time; this script only shows (and tests) that outside tools can produce bundles.
"""
import csv
import hashlib
import json
import os
import re
import shutil

import numpy as np
from sklearn.datasets import load_wine
from sklearn.metrics import accuracy_score, log_loss
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "model")


def column(name):
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def main():
    data = load_wine()
    names = [column(n) for n in data.feature_names]
    labels = [f"class_{c}" for c in range(len(data.target_names))]
    x_train, x_test, y_train, y_test = train_test_split(
        data.data, data.target, test_size=0.4, random_state=7, stratify=data.target)

    scaler = StandardScaler().fit(x_train)
    clf = MLPClassifier(hidden_layer_sizes=(16,), activation="relu", solver="lbfgs",
                        alpha=1e-3, max_iter=2000, random_state=0)
    clf.fit(scaler.transform(x_train), y_train)
    proba = clf.predict_proba(scaler.transform(x_test))

    shutil.rmtree(MODEL, ignore_errors=True)
    os.makedirs(os.path.join(MODEL, "weights"))
    arrays = {
        "weights/mean.npy": scaler.mean_,
        "weights/std.npy": scaler.scale_,
        "weights/dense_0_W.npy": clf.coefs_[0],
        "weights/dense_0_b.npy": clf.intercepts_[0],
        "weights/dense_1_W.npy": clf.coefs_[1],
        "weights/dense_1_b.npy": clf.intercepts_[1],
    }
    for rel, array in arrays.items():
        np.save(os.path.join(MODEL, rel), np.ascontiguousarray(array, dtype=np.float64))
    model = {
        "format": "ctkit-model/1",
        "name": "wine-classifier",
        "task": "multiclass-classification",
        "inputs": [{"name": n, "type": "number"} for n in names],
        "preprocessing": [{"op": "standardize", "features": names,
                           "mean": "weights/mean.npy", "std": "weights/std.npy"}],
        "layers": [
            {"type": "dense", "weights": "weights/dense_0_W.npy", "bias": "weights/dense_0_b.npy",
             "activation": "relu"},
            {"type": "dense", "weights": "weights/dense_1_W.npy", "bias": "weights/dense_1_b.npy",
             "activation": "softmax"},
        ],
        "labels": labels,
    }
    with open(os.path.join(MODEL, "model.json"), "w", encoding="utf-8") as f:
        json.dump(model, f, indent=2)
        f.write("\n")
    files = {}
    for dirpath, _, filenames in os.walk(MODEL):
        for n in filenames:
            full = os.path.join(dirpath, n)
            with open(full, "rb") as f:
                files[os.path.relpath(full, MODEL).replace(os.sep, "/")] = hashlib.sha256(f.read()).hexdigest()
    with open(os.path.join(MODEL, "MANIFEST.json"), "w", encoding="utf-8") as f:
        json.dump({"format": "ctkit-manifest/1", "files": dict(sorted(files.items()))}, f, indent=2)
        f.write("\n")

    with open(os.path.join(HERE, "holdout.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(names + ["label"])
        for row, y in zip(x_test, y_test):
            w.writerow([repr(float(v)) for v in row] + [labels[y]])

    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump({
            "sklearn_version": __import__("sklearn").__version__,
            "rows": int(len(y_test)),
            "accuracy": accuracy_score(y_test, proba.argmax(axis=1)),
            "log_loss": log_loss(y_test, proba, labels=range(len(labels))),
            "probabilities": proba.tolist(),
        }, f, indent=1)
        f.write("\n")
    print(f"wrote {MODEL} ({len(files)} files), holdout.csv ({len(y_test)} rows), expected.json; "
          f"holdout accuracy {accuracy_score(y_test, proba.argmax(axis=1)):.3f}")


if __name__ == "__main__":
    main()
