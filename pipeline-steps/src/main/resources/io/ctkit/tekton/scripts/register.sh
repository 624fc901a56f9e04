#!/bin/sh
set -eu
cd "$SOURCE/$PROJECT_DIR"
export CTKIT_REGISTRY="$REGISTRY_DIR/registry"
OUT=.ctkit/tekton
mkdir -p "$OUT"
set -- --bundle "$OUT/train/model" --metrics "$OUT/metrics.json" --gate "$OUT/gate.json" --out "$OUT/registered.json"
[ -z "$MODEL" ] || set -- "$@" --name "$MODEL"
[ -z "$ALIAS" ] || set -- "$@" --alias "$ALIAS"
[ -z "$HOLDOUT" ] || set -- "$@" --golden-data "$HOLDOUT"
ctkit register "$@"
# {"model" : ..., "version" : N, ...}: the image has no sed, so the shell cuts the number out
json=$(cat "$OUT/registered.json")
version=${json#*\"version\"}
version=${version#*:}
version=${version# }
printf '%s' "${version%%[!0-9]*}" > "$(results.version.path)"
