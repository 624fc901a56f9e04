#!/bin/sh
set -eu
cd "$SOURCE/$PROJECT_DIR"
export CTKIT_REGISTRY="$REGISTRY_DIR/registry"
OUT=.ctkit/tekton
mkdir -p "$OUT"
set -- "$MODEL_REF" --target "$TARGET" --out "$OUT/deploy.json"
# only a cluster runs a pushed image; the local and docker targets build their own from the bundle
if [ -n "$IMAGE" ] && [ "$TARGET" = kubernetes ]; then
  set -- "$@" --image "$IMAGE"
fi
ctkit deploy "$@"
