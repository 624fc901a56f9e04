#!/bin/sh
set -eu
# The image's user may have no writable home (uid 10001 in an image made for root): build tools
# (Maven's ~/.m2, say) then write under /tmp.
if [ ! -w "${HOME:-/}" ]; then
  export HOME=/tmp
fi
cd "$SOURCE/$PROJECT_DIR"
export CTKIT_REGISTRY="$REGISTRY_DIR/registry"
OUT=.ctkit/tekton
mkdir -p "$OUT"
export CTKIT_MODEL="$PWD/$OUT/train/model"
sh -c "$TEST_COMMAND"
rm -rf "$OUT/tests" && cp -r "$JUNIT_DIR" "$OUT/tests"
