#!/usr/bin/env bash
# Start-up to ready of the scoring server for the wine-classifier bundle: the time from launching
# the process (or `docker run`) to the first 200 from GET /v2/health/ready, polled every 5 ms.
#   (a) java -jar scoring-server/target/ctkit-scoring-server.jar --model examples/wine-classifier/model --port 0
#   (b) the same jar, JVM options (ScoringImageSpec.DEFAULT_JVM_OPTIONS), user and read-only root
#       filesystem in a container of the local base JRE image (ctkit/jre:17), jar and bundle
#       bind-mounted where the Jib-built image has them; needs Docker, skipped without it
#   (c) with --cds: (a) again with an AppCDS archive made by a first run (-XX:ArchiveClassesAtExit)
#   usage: bench/scoring/startup.sh [--runs N] [--cds]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs=7
cds=false
while (($#)); do
  case "$1" in
    --runs) runs="$2"; shift ;;
    --cds) cds=true ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) echo "startup.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
jar="${CTKIT_SCORING_SERVER_JAR:-$root/scoring-server/target/ctkit-scoring-server.jar}"
[[ -f "$jar" ]] || (cd "$root" && mvn -B -ntp -q -DskipTests -pl scoring-server -am package)
model="$root/examples/wine-classifier/model"
jvm_options=(-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -Xshare:auto)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
now_ms() { date +%s%3N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# prints ms from launch to ready; $@ is the java command line
jar_once() {
  local log="$work/server.log" start port=""
  start=$(now_ms)
  "$@" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 2000); do
    if [[ -z "$port" ]]; then
      port=$(sed -n 's/.*listening on [^ ]*:\([0-9][0-9]*\),.*/\1/p' "$log" | head -1)
    fi
    if [[ -n "$port" ]] && curl -fs -o /dev/null "http://127.0.0.1:$port/v2/health/ready" 2>/dev/null; then
      echo $(( $(now_ms) - start ))
      kill "$pid"; wait "$pid" 2>/dev/null || true
      return 0
    fi
    sleep 0.005
  done
  echo "startup.sh: the server did not get ready; its log:" >&2; cat "$log" >&2; kill "$pid" 2>/dev/null; return 1
}

series() { # label command...
  local label="$1"; shift
  local times=()
  for _ in $(seq 1 "$runs"); do times+=("$(jar_once "$@")"); done
  printf '%s: median %s ms (runs: %s)\n' "$label" "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
}

echo "== start-up to ready, wine-classifier, $runs runs each ($(uptime | sed 's/.*load/load/'))"
series "java -jar (default JVM options)" java -jar "$jar" --model "$model" --port 0
series "java -jar (image JVM options)" java "${jvm_options[@]}" -jar "$jar" --model "$model" --port 0
if $cds; then
  java -XX:ArchiveClassesAtExit="$work/app.jsa" -jar "$jar" --model "$model" --port 0 >"$work/dump.log" 2>&1 &
  dump=$!
  sleep 3; kill "$dump"; wait "$dump" 2>/dev/null || true
  series "java -jar + AppCDS archive" java "${jvm_options[@]}" -XX:SharedArchiveFile="$work/app.jsa" -jar "$jar" --model "$model" --port 0
fi

if command -v docker >/dev/null && docker image inspect ctkit/jre:17 >/dev/null 2>&1; then
  times=()
  for i in $(seq 1 "$runs"); do
    name="ctkit-startup-$$-$i"
    start=$(now_ms)
    docker run -d --rm --name "$name" --read-only --user 10001:10001 -p 127.0.0.1:18090:8080 \
      -e CTKIT_MODEL_NAME=wine-classifier \
      -v "$jar:/app/ctkit-scoring-server.jar:ro" -v "$model:/models/wine-classifier/7:ro" \
      ctkit/jre:17 java "${jvm_options[@]}" -jar /app/ctkit-scoring-server.jar \
      --model /models/wine-classifier --port 8080 >/dev/null
    until curl -fs -o /dev/null http://127.0.0.1:18090/v2/health/ready 2>/dev/null; do
      sleep 0.005
      if (( $(now_ms) - start > 30000 )); then docker logs "$name" >&2; docker rm -f "$name" >/dev/null; exit 1; fi
    done
    times+=($(( $(now_ms) - start )))
    docker rm -f "$name" >/dev/null
  done
  printf 'container (docker run to ready): median %s ms (runs: %s)\n' "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
else
  echo "container: skipped (no Docker engine or no ctkit/jre:17 base image; see docker/jre-base)"
fi
