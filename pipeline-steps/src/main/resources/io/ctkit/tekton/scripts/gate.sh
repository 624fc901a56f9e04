#!/bin/sh
set -eu
cd "$SOURCE/$PROJECT_DIR"
export CTKIT_REGISTRY="$REGISTRY_DIR/registry"
OUT=.ctkit/tekton
mkdir -p "$OUT"
if ctkit gate --model "$OUT/train/model" --data "$HOLDOUT" --label "$LABEL" --policy "$POLICY" --out "$OUT/gate.json"; then
  printf pass > "$(results.decision.path)"
else
  code=$?
  [ "$code" -eq 1 ] || exit "$code"
  printf fail > "$(results.decision.path)"
fi
