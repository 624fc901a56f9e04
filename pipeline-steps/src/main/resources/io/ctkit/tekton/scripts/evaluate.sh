#!/bin/sh
set -eu
cd "$SOURCE/$PROJECT_DIR"
export CTKIT_REGISTRY="$REGISTRY_DIR/registry"
OUT=.ctkit/tekton
mkdir -p "$OUT"
ctkit evaluate --model "$OUT/train/model" --data "$HOLDOUT" --label "$LABEL" --out "$OUT/metrics.json"
