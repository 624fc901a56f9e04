#!/bin/sh
set -eu
cd "$SOURCE/$PROJECT_DIR"
export CTKIT_REGISTRY="$REGISTRY_DIR/registry"
OUT=.ctkit/tekton
mkdir -p "$OUT"
if ctkit monitor --log-dir "$LOG_DIR" --model "$MODEL_REF" --project . --out "$OUT/monitor.json"; then
  printf ok > "$(results.decision.path)"
else
  code=$?
  [ "$code" -eq 1 ] || exit "$code"
  # degraded or retrain: the report's first "decision" is its verdict; the image has no sed
  json=$(cat "$OUT/monitor.json")
  decision=${json#*\"decision\"}
  decision=${decision#*\"}
  printf '%s' "${decision%%\"*}" > "$(results.decision.path)"
fi
