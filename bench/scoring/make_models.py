#!/usr/bin/env python3
"""Writes the benchmark's model bundles (seeded random weights, float32) and request payloads.

  mlp30:  30 inputs -> 128 relu -> 64 relu -> 1 linear (regression), the scoring goal's model
  heavy:  512 inputs -> 1024 relu -> 1024 relu -> 10 softmax, compute-heavy, for the batching goal

Usage: make_models.py OUT_DIR   (writes OUT_DIR/models/<model>/1/ bundles, OUT_DIR/payloads/*.json)
Both servers in the benchmark load these same files, so they do the same arithmetic.
"""
import hashlib
import json
import os
import sys

import numpy as np

MODELS = {
    "mlp30": ([30, 128, 64, 1], ["relu", "relu", "linear"], "regression"),
    "heavy": ([512, 1024, 1024, 10], ["relu", "relu", "softmax"], "multiclass-classification"),
}


def write_bundle(root, name, sizes, activations, task, rng):
    bundle = os.path.join(root, "models", name, "1")
    os.makedirs(os.path.join(bundle, "weights"), exist_ok=True)
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        w = (rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)).astype(np.float32)
        b = (rng.standard_normal(n_out) * 0.01).astype(np.float32)
        np.save(os.path.join(bundle, f"weights/dense_{i}_W.npy"), w)
        np.save(os.path.join(bundle, f"weights/dense_{i}_b.npy"), b)
        layers.append({"type": "dense", "weights": f"weights/dense_{i}_W.npy",
                       "bias": f"weights/dense_{i}_b.npy", "activation": activations[i]})
    model = {"format": "ctkit-model/1", "name": name, "task": task,
             "inputs": [{"name": f"x{i}", "type": "number"} for i in range(sizes[0])],
             "layers": layers}
    if task != "regression":
        model["labels"] = [f"c{i}" for i in range(sizes[-1])]
    with open(os.path.join(bundle, "model.json"), "w", encoding="utf-8") as f:
        json.dump(model, f, indent=2)
        f.write("\n")
    files = {}
    for dirpath, _, names in os.walk(bundle):
        for n in names:
            if n.startswith("MANIFEST"):
                continue
            full = os.path.join(dirpath, n)
            with open(full, "rb") as f:
                files[os.path.relpath(full, bundle).replace(os.sep, "/")] = hashlib.sha256(f.read()).hexdigest()
    with open(os.path.join(bundle, "MANIFEST.json"), "w", encoding="utf-8") as f:
        json.dump({"format": "ctkit-manifest/1", "files": dict(sorted(files.items()))}, f, indent=2, sort_keys=True)
        f.write("\n")


def write_payload(root, name, features, batch, rng):
    data = [round(float(v), 6) for v in rng.standard_normal(batch * features)]
    body = {"inputs": [{"name": "input", "shape": [batch, features], "datatype": "FP32", "data": data}]}
    os.makedirs(os.path.join(root, "payloads"), exist_ok=True)
    with open(os.path.join(root, "payloads", f"{name}-b{batch}.json"), "w", encoding="utf-8") as f:
        json.dump(body, f, separators=(",", ":"))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = sys.argv[1]
    rng = np.random.default_rng(20261201)
    for name, (sizes, activations, task) in MODELS.items():
        write_bundle(root, name, sizes, activations, task, rng)
    write_payload(root, "mlp30", 30, 1, rng)
    write_payload(root, "heavy", 512, 1, rng)


if __name__ == "__main__":
    main()
