#!/bin/sh
set -eu
cd "$SOURCE/$PROJECT_DIR"
export CTKIT_REGISTRY="$REGISTRY_DIR/registry"
OUT=.ctkit/tekton
mkdir -p "$OUT"
export CTKIT_MODEL="$PWD/$OUT/train/model"
sh -c "$TEST_COMMAND"
rm -rf "$OUT/tests" && cp -r "$JUNIT_DIR" "$OUT/tests"
