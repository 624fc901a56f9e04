#!/bin/sh
set -eu
# A run that failed before its first registration has no model to tag (and, on a fresh registry
# workspace, no registry yet): say so and succeed, so that the run shows the task that failed and
# not this one as well. A registry that cannot be read still fails here.
case "$CTKIT_REGISTRY" in
  jdbc:*) ;;
  *)
    if [ ! -f "$CTKIT_REGISTRY/registry.db" ]; then
      echo "no registry at $CTKIT_REGISTRY yet (the run failed before registering a model): nothing to tag"
      exit 0
    fi
    ;;
esac
# Shell built-ins only: the CLI image has a few utilities and no awk or grep.
models=$(ctkit models list)
registered=no
while read -r name count rest; do
  if [ "$name" = "$MODEL" ] && [ "$rest" != "${rest#version(s)}" ]; then
    registered=yes
  fi
done <<LIST
$models
LIST
if [ "$registered" = no ]; then
  echo "no model \"$MODEL\" in the registry yet (the run failed before registering one): nothing to tag"
  exit 0
fi
ctkit models tag "$MODEL" "last-failed-run=$(context.pipelineRun.name)" "last-failed-trigger=$TRIGGER" "last-failed-request=$REQUEST_ID"
