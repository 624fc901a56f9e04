#!/bin/sh
set -eu
ctkit models tag "$MODEL" "last-failed-run=$(context.pipelineRun.name)" "last-failed-trigger=$TRIGGER" "last-failed-request=$REQUEST_ID"
