#!/usr/bin/python3
"""Exports a Keras model made of Dense layers as a ctkit model bundle (format ctkit-model/1).

Needs only numpy: save the weights where Keras runs, export them anywhere.

    # where Keras runs
    np.savez("weights.npz", *model.get_weights())
    # anywhere with python3 + numpy
    /usr/bin/python3 export_from_keras.py --weights weights.npz --activations relu,softmax \
        --inputs alcohol,ash,hue --labels red,white,rose --task multiclass-classification \
        --name my-model --out model

Layer layout, as Keras's Dense.get_weights() gives it: for each layer a kernel W of shape
[inputs, units] and a bias b of shape [units], in order (W0, b0, W1, b1, ...); the layer computes
activation(x . W + b). ctkit stores the same layout, so nothing is transposed.
Activations: linear, relu, sigmoid, tanh, softmax. Exit codes: 0 written, 2 bad input.
"""
import argparse
import hashlib
import json
import os
import shutil
import sys

import numpy as np

ACTIVATIONS = ("linear", "relu", "sigmoid", "tanh", "softmax")
TASKS = {"regression": "regression", "binary": "binary-classification",
         "binary-classification": "binary-classification", "multiclass": "multiclass-classification",
         "multiclass-classification": "multiclass-classification"}


class ExportError(ValueError):
    """Bad input: the message says what and where, and how to fix it."""


def check(weights, activations, inputs, task, labels):
    if len(weights) == 0 or len(weights) % 2:
        raise ExportError(f"weights: expected kernel/bias pairs (W0, b0, W1, b1, ...) as from "
                          f"model.get_weights(), got {len(weights)} arrays")
    layers = len(weights) // 2
    if len(activations) != layers:
        raise ExportError(f"activations: {layers} Dense layers need {layers} activations, "
                          f"got {len(activations)} ({','.join(activations)})")
    width = len(inputs)
    for i in range(layers):
        w, b = weights[2 * i], weights[2 * i + 1]
        if w.ndim != 2 or b.ndim != 1 or b.shape[0] != w.shape[1]:
            raise ExportError(f"layer {i}: kernel must be [inputs, units] and bias [units], got "
                              f"kernel {list(w.shape)} and bias {list(b.shape)}; is it a Dense layer?")
        if w.shape[0] != width:
            what = f"{width} inputs are named" if i == 0 else f"layer {i - 1} has {width} units"
            raise ExportError(f"layer {i}: kernel has {w.shape[0]} rows but {what}")
        if w.dtype not in (np.float32, np.float64) or b.dtype not in (np.float32, np.float64):
            raise ExportError(f"layer {i}: weights must be float32 or float64, got {w.dtype}/{b.dtype}")
        if activations[i] not in ACTIVATIONS:
            raise ExportError(f"layer {i}: activation {activations[i]!r} is not supported; "
                              f"use one of {', '.join(ACTIVATIONS)}")
        width = w.shape[1]
    if task == "regression":
        if width != 1 or labels:
            raise ExportError(f"task regression: the last layer must have 1 unit and no labels, "
                              f"got {width} units and {len(labels)} labels")
    elif task == "binary-classification":
        if len(labels) != 2 or (width, activations[-1]) not in ((1, "sigmoid"), (2, "softmax")):
            raise ExportError(f"task binary-classification: needs 2 labels and a last layer of 1 "
                              f"sigmoid unit or 2 softmax units, got {len(labels)} labels, {width} "
                              f"{activations[-1]} units")
    elif len(labels) != width or activations[-1] != "softmax" or width < 3:
        raise ExportError(f"task multiclass-classification: needs one label per softmax unit (at "
                          f"least 3), got {len(labels)} labels, {width} {activations[-1]} units")


def export(weights, activations, inputs, task, labels, name, out):
    """Writes the bundle directory `out` (replaced if present); returns the manifest's files."""
    task = TASKS.get(task)
    if task is None:
        raise ExportError(f"task: use one of {', '.join(TASKS)}")
    weights = [np.asarray(a) for a in weights]
    check(weights, activations, inputs, task, labels)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.join(out, "weights"))
    layers = []
    for i, activation in enumerate(activations):
        layer = {"type": "dense", "weights": f"weights/dense_{i}_W.npy",
                 "bias": f"weights/dense_{i}_b.npy", "activation": activation}
        np.save(os.path.join(out, layer["weights"]), np.ascontiguousarray(weights[2 * i]))
        np.save(os.path.join(out, layer["bias"]), np.ascontiguousarray(weights[2 * i + 1]))
        layers.append(layer)
    model = {"format": "ctkit-model/1", "name": name, "task": task,
             "inputs": [{"name": n, "type": "number"} for n in inputs], "layers": layers}
    if labels:
        model["labels"] = labels
    with open(os.path.join(out, "model.json"), "w", encoding="utf-8") as f:
        json.dump(model, f, indent=2)
        f.write("\n")
    files = {}
    for dirpath, _, names in os.walk(out):
        for n in names:
            full = os.path.join(dirpath, n)
            with open(full, "rb") as f:
                files[os.path.relpath(full, out).replace(os.sep, "/")] = hashlib.sha256(f.read()).hexdigest()
    with open(os.path.join(out, "MANIFEST.json"), "w", encoding="utf-8") as f:
        json.dump({"format": "ctkit-manifest/1", "files": dict(sorted(files.items()))}, f, indent=2)
        f.write("\n")
    return files


def load_npz(path):
    # np.savez(path, *arrays) names them arr_0, arr_1, ...; order by the number, not the text
    with np.load(path, allow_pickle=False) as npz:
        keys = sorted(npz.files, key=lambda k: int(k[4:]) if k.startswith("arr_") and k[4:].isdigit() else -1)
        if any(not k.startswith("arr_") for k in keys):
            raise ExportError(f"{path}: expected arrays arr_0, arr_1, ... as written by "
                              f"np.savez(path, *model.get_weights()), got {', '.join(npz.files)}")
        return [npz[k] for k in keys]


def split(text):
    return [t.strip() for t in text.split(",") if t.strip()] if text else []


def main(argv=None):
    p = argparse.ArgumentParser(description="Export Keras Dense weights as a ctkit model bundle.")
    p.add_argument("--weights", required=True, help=".npz from np.savez(path, *model.get_weights())")
    p.add_argument("--activations", required=True, help="one per Dense layer, comma-separated")
    p.add_argument("--inputs", required=True, help="input names in the model's input order")
    p.add_argument("--labels", default="", help="class labels in output order (classifiers)")
    p.add_argument("--task", required=True, help=", ".join(TASKS))
    p.add_argument("--name", required=True)
    p.add_argument("--out", required=True, help="bundle directory to write (replaced)")
    a = p.parse_args(argv)
    try:
        if not os.path.isfile(a.weights):
            raise ExportError(f"--weights {a.weights}: no such file")
        files = export(load_npz(a.weights), split(a.activations), split(a.inputs), a.task,
                       split(a.labels), a.name, a.out)
    except ExportError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"wrote {a.out} ({len(files)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
