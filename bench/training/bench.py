#!/usr/bin/python3
"""Training benchmark peer and report: scikit-learn's MLPClassifier vs ctkit's ND4J training.

  bench.py data DIR              write the benchmark datasets and their ctkit.yaml files
                                 (DIR/<case>: the default direct engine; DIR/<case>-samediff: engine samediff)
  bench.py sklearn DIR           time scikit-learn epochs (partial_fit = one epoch) -> DIR/<case>/sklearn.json
  bench.py report DIR            compare with ctkit's epoch times (DIR/<case>/trained/training.json)

Same data (make_classification, standardized features), architecture (relu hidden layers,
softmax output), optimizer (Adam, lr 0.001, L2 1e-4), batch size and epoch count on both sides.
"""
import csv
import json
import os
import statistics
import sys
import time
import warnings

import numpy as np

CASES = {
    # name: rows, features, classes, hidden, batch, epochs
    "small": (1200, 10, 3, [32], 32, 15),
    "medium": (20000, 20, 3, [64, 32], 128, 8),
    "wide": (20000, 50, 3, [256, 128], 256, 5),
}


def data(root):
    from sklearn.datasets import make_classification
    for name, (rows, features, classes, hidden, batch, epochs) in CASES.items():
        d = os.path.join(root, name)
        os.makedirs(d, exist_ok=True)
        x, y = make_classification(n_samples=rows, n_features=features, n_informative=features // 2,
                                   n_classes=classes, random_state=11)
        cols = [f"f{i}" for i in range(features)]
        with open(os.path.join(d, "train.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(cols + ["label"])
            for xi, yi in zip(x, y):
                w.writerow([f"{v:.6f}" for v in xi] + [f"c{yi}"])
        with open(os.path.join(d, "holdout.csv"), "w") as f:
            f.write(",".join(cols + ["label"]) + "\n")
            f.write(",".join(["0"] * features + ["c0"]) + "\n")
        labels = ", ".join(f"c{i}" for i in range(classes))
        schema = "\n".join(f"      - {{name: {c}, type: number}}" for c in cols)
        feats = "\n".join(f"  - {{name: {c}, transform: standardize}}" for c in cols)
        layers = "\n".join(f"    - {{units: {u}, activation: relu}}" for u in hidden)
        yaml = f"""name: bench-{name}
seed: 1
data:
  train: train.csv
  holdout: holdout.csv
  schema:
    columns:
{schema}
      - {{name: label, type: label, kind: classification, values: [{labels}]}}
features:
{feats}
model:
  task: multiclass-classification
  hidden:
{layers}
training:
  optimizer: adam
  learning_rate: 0.001
  batch_size: {batch}
  epochs: {epochs}
  l2: 0.0001
"""
        with open(os.path.join(d, "ctkit.yaml"), "w") as f:
            f.write(yaml)
        sd = d + "-samediff"
        os.makedirs(sd, exist_ok=True)
        for csv_name in ("train.csv", "holdout.csv"):
            with open(os.path.join(d, csv_name)) as src, open(os.path.join(sd, csv_name), "w") as dst:
                dst.write(src.read())
        with open(os.path.join(sd, "ctkit.yaml"), "w") as f:
            f.write(yaml + "  engine: samediff\n")


def sklearn(root):
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler
    for name, (rows, features, classes, hidden, batch, epochs) in CASES.items():
        d = os.path.join(root, name)
        raw = np.loadtxt(os.path.join(d, "train.csv"), delimiter=",", skiprows=1, dtype=str)
        x = StandardScaler().fit_transform(raw[:, :-1].astype(np.float64))
        y = raw[:, -1]
        model = MLPClassifier(hidden_layer_sizes=tuple(hidden), activation="relu", solver="adam",
                              learning_rate_init=0.001, alpha=1e-4, batch_size=batch, random_state=1)
        times = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for _ in range(epochs):
                t = time.perf_counter()
                model.partial_fit(x, y, classes=np.unique(y))
                times.append((time.perf_counter() - t) * 1000)
        with open(os.path.join(d, "sklearn.json"), "w") as f:
            json.dump({"epoch_ms": times}, f)


def report(root):
    import sklearn as sk
    print(f"scikit-learn {sk.__version__}, numpy {np.__version__}; epochs after the first (warm-up) are compared")
    print("| case | rows x features | hidden | batch | epochs | ctkit direct ms/epoch (median) | ctkit samediff | scikit-learn | direct / sklearn | samediff / sklearn |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, (rows, features, classes, hidden, batch, epochs) in CASES.items():
        d = os.path.join(root, name)
        ours = [e["ms"] for e in json.load(open(os.path.join(d, "trained", "training.json")))["history"]]
        graph = [e["ms"] for e in json.load(open(os.path.join(d + "-samediff", "trained", "training.json")))["history"]]
        theirs = json.load(open(os.path.join(d, "sklearn.json")))["epoch_ms"]
        a, g, b = statistics.median(ours[1:]), statistics.median(graph[1:]), statistics.median(theirs[1:])
        print(f"| {name} | {rows} x {features} | {hidden} | {batch} | {epochs} | {a:.1f} | {g:.1f} | {b:.1f} "
              f"| {a / b:.2f}x | {g / b:.2f}x |")


if __name__ == "__main__":
    {"data": data, "sklearn": sklearn, "report": report}[sys.argv[1]](sys.argv[2])
