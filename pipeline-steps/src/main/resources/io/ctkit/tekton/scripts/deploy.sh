#!/bin/sh
set -eu
cd "$SOURCE/$PROJECT_DIR"
export CTKIT_REGISTRY="$REGISTRY_DIR/registry"
OUT=.ctkit/tekton
mkdir -p "$OUT"
ctkit deploy "$MODEL_REF" --target "$TARGET" --out "$OUT/deploy.json"
