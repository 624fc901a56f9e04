#!/bin/sh
set -eu
cd "$SOURCE/$PROJECT_DIR"
export CTKIT_REGISTRY="$REGISTRY_DIR/registry"
OUT=.ctkit/tekton
mkdir -p "$OUT"
ctkit validate-data --data "$DATA" --schema "$SCHEMA" --out "$OUT/validation.json"
