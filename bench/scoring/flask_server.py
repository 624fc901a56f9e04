#!/usr/bin/env python3
"""The peer ctkit replaces: a Flask + numpy scoring server doing the same matrix arithmetic.

Serves POST /v2/models/<name>/infer (KServe V2 JSON, one FP32 tensor "input" [batch, features])
for every bundle under MODELS_DIR (<name>/<version>/model.json and weights/*.npy), in float32 as
ctkit does. Run with gunicorn:  MODELS_DIR=... gunicorn -w 2 -b 127.0.0.1:18081 flask_server:app
"""
import json
import os

import numpy as np
from flask import Flask, jsonify, request

ACTIVATIONS = {
    "linear": lambda x: x,
    "relu": lambda x: np.maximum(x, 0),
    "sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    "tanh": np.tanh,
}


def softmax(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


ACTIVATIONS["softmax"] = softmax


def load(models_dir):
    models = {}
    for name in os.listdir(models_dir):
        versions = [v for v in os.listdir(os.path.join(models_dir, name)) if v.isdigit()]
        if not versions:
            continue
        bundle = os.path.join(models_dir, name, max(versions, key=int))
        with open(os.path.join(bundle, "model.json"), encoding="utf-8") as f:
            spec = json.load(f)
        layers = [(np.load(os.path.join(bundle, l["weights"])).astype(np.float32),
                   np.load(os.path.join(bundle, l["bias"])).astype(np.float32),
                   ACTIVATIONS[l["activation"]]) for l in spec["layers"]]
        models[name] = (spec, layers)
    return models


app = Flask(__name__)
MODELS = load(os.environ.get("MODELS_DIR", "models"))


@app.post("/v2/models/<name>/infer")
def infer(name):
    if name not in MODELS:
        return jsonify(error=f"no model {name}"), 404
    spec, layers = MODELS[name]
    tensor = request.get_json()["inputs"][0]
    x = np.asarray(tensor["data"], dtype=np.float32).reshape(tensor["shape"])
    for w, b, act in layers:
        x = act(x @ w + b)
    if spec["task"] == "regression":
        outputs = [{"name": "prediction", "datatype": "FP32", "shape": [x.shape[0]], "data": x[:, 0].tolist()}]
    else:
        labels = spec["labels"]
        outputs = [{"name": "probabilities", "datatype": "FP32", "shape": list(x.shape), "data": x.ravel().tolist()},
                   {"name": "label", "datatype": "BYTES", "shape": [x.shape[0]],
                    "data": [labels[i] for i in x.argmax(axis=1)]}]
    return jsonify(model_name=name, model_version="1", outputs=outputs)
