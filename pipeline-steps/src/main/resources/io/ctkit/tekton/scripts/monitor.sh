#!/bin/sh
set -eu
cd "$SOURCE/$PROJECT_DIR"
export CTKIT_REGISTRY="$REGISTRY_DIR/registry"
OUT=.ctkit/tekton
mkdir -p "$OUT"
ctkit monitor --log-dir "$LOG_DIR" --model "$MODEL_REF" --project . --out "$OUT/monitor.json"
