#!/bin/sh
set -eu
if [ "$DOCKERCONFIG_BOUND" = true ]; then
  export DOCKER_CONFIG="$DOCKERCONFIG_PATH"   # its config.json or .dockerconfigjson: the registry's credentials
fi
cd "$SOURCE/$PROJECT_DIR"
export CTKIT_REGISTRY="$REGISTRY_DIR/registry"
OUT=.ctkit/tekton
mkdir -p "$OUT"
if [ -n "$IMAGE" ]; then
  # a repository without a tag gets the version as its tag
  case "${IMAGE##*/}" in
    *:*|*@*) ;;
    *) IMAGE="$IMAGE:$MODEL_VERSION" ;;
  esac
  ctkit package --model "$OUT/train/model" --image "$IMAGE" --base "$BASE_IMAGE" --to registry --model-version "$MODEL_VERSION" --out "$OUT/package.json"
else
  IMAGE="ctkit-model:$MODEL_VERSION"
  ctkit package --model "$OUT/train/model" --image "$IMAGE" --base "$BASE_IMAGE" --to tar --tar "$OUT/image.tar" --model-version "$MODEL_VERSION" --out "$OUT/package.json"
fi
json=$(cat "$OUT/package.json")
digest=${json#*\"digest\"}
digest=${digest#*\"}
printf '%s' "${digest%%\"*}" > "$(results.image-digest.path)"
printf '%s' "$IMAGE" > "$(results.IMAGE_URL.path)"
cp "$(results.image-digest.path)" "$(results.IMAGE_DIGEST.path)"
