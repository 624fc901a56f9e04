#!/bin/sh
set -eu
cd "$SOURCE/$PROJECT_DIR"
export CTKIT_REGISTRY="$REGISTRY_DIR/registry"
OUT=.ctkit/tekton
mkdir -p "$OUT"
ctkit train . --out "$OUT/train"
# the image has no cut or sed: split sha256sum's "HASH  FILE" with the shell
set -- $(sha256sum "$OUT/train/model/MANIFEST.json")
DIGEST="sha256:$1"
printf '%s' "$DIGEST" > "$(results.bundle-digest.path)"
printf '{"uri":"%s","digest":"%s","isBuildArtifact":"true"}' "file://$PWD/$OUT/train/model" "$DIGEST" > "$(results.MODEL_ARTIFACT_OUTPUTS.path)"
