#!/usr/bin/env bash
# Makes a Docker engine available: installs Debian's docker.io when dockerd is absent and starts
# dockerd in the background when no engine answers. Then builds the local base images, ctkit/jre:17
# for scoring images and ctkit/cli-base:17 for the CLI image (no registry is reachable here, so
# nothing can be pulled). Idempotent; used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dockerd >/dev/null 2>&1; then
  echo "ci: installing docker.io"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  echo "ci: starting dockerd"
  mkdir -p /var/log
  nohup dockerd >/var/log/ctkit-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  if ! docker info >/dev/null 2>&1; then
    echo "ci: dockerd did not come up; its log:" >&2
    tail -n 50 /var/log/ctkit-dockerd.log >&2 || true
    exit 1
  fi
fi
docker version --format 'ci: docker engine {{.Server.Version}}'

docker/jre-base/build.sh
docker/cli-base/build.sh
