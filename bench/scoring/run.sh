#!/usr/bin/env bash
# Scoring benchmark, all peers in one run on this machine, same payload and model:
#   (a) ctkit's scoring server, (b) Flask + numpy under gunicorn (the approach ctkit replaces),
#   (c) a no-op endpoint on ctkit's own HTTP stack; then p99 latency at half of ctkit's maximum
#   rate (hey, rate-limited), and dynamic batching on/off on a compute-heavy model.
# Needs: wrk, hey, gunicorn, python3-flask, python3-numpy (apt), and the scoring-server jar.
#   usage: bench/scoring/run.sh [--duration SECONDS] [--connections N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration=15
conns=32
while (($#)); do
  case "$1" in
    --duration) duration="$2"; shift ;;
    --connections) conns="$2"; shift ;;
    -h|--help) sed -n 2,8p "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
for tool in wrk hey gunicorn; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed (apt-get install wrk hey gunicorn python3-flask python3-numpy)" >&2; exit 2; }
done

jar="${CTKIT_SCORING_SERVER_JAR:-$root/scoring-server/target/ctkit-scoring-server.jar}"
if [[ ! -f "$jar" ]]; then
  (cd "$root" && mvn -B -q -DskipTests -pl scoring-server -am package)
fi
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
/usr/bin/python3 "$here/make_models.py" "$work"

wait_for() { # url
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "run.sh: $1 did not come up" >&2; return 1
}
start_ctkit() { # port model extra-flags...
  local port="$1" model="$2"; shift 2
  java -XX:+UseParallelGC -jar "$jar" --model "$work/models/$model" --port "$port" --bench-noop "$@" >"$work/ctkit-$port.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$port/v2/health/ready"
}
warm() { # url body
  WRK_BODY="$2" wrk -t2 -c"$conns" -d5s -s "$here/post.lua" "$1" >/dev/null
}
rate() { # url body -> requests/s
  WRK_BODY="$2" wrk -t2 -c"$3" -d"${duration}s" -s "$here/post.lua" "$1" | tee -a "$work/wrk.log" \
    | awk '/Requests\/sec/ {print $2}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

body="$work/payloads/mlp30-b1.json"
start_ctkit 18080 mlp30
# numpy's BLAS runs at its best without this machine's OPENBLAS_* overrides (see env docs).
(cd "$here" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE MODELS_DIR="$work/models" \
  gunicorn -w "$(nproc)" -b 127.0.0.1:18081 --log-level warning flask_server:app >"$work/flask.log" 2>&1) &
pids+=($!)
wait_for_post() { for _ in $(seq 1 100); do curl -fsS -o /dev/null -XPOST -H 'Content-Type: application/json' --data @"$body" "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1; }
wait_for_post "http://127.0.0.1:18081/v2/models/mlp30/infer"

ctkit_url="http://127.0.0.1:18080/v2/models/mlp30/infer"
noop_url="http://127.0.0.1:18080/bench/noop"
flask_url="http://127.0.0.1:18081/v2/models/mlp30/infer"
warm "$ctkit_url" "$body"; warm "$noop_url" "$body"; warm "$flask_url" "$body"

echo "== mlp30 (30 -> 128 -> 64 -> 1), batch 1, wrk -t2 -c$conns -d${duration}s"
ctkit_rps=$(rate "$ctkit_url" "$body" "$conns")
noop_rps=$(rate "$noop_url" "$body" "$conns")
flask_rps=$(rate "$flask_url" "$body" "$conns")
printf '| peer | requests/s |\n| --- | ---: |\n| ctkit infer | %s |\n| ctkit no-op | %s |\n| Flask+numpy (gunicorn -w %s) | %s |\n' \
  "$ctkit_rps" "$noop_rps" "$(nproc)" "$flask_rps"
echo "ctkit / Flask = $(ratio "$ctkit_rps" "$flask_rps")x (goal >= 10); ctkit / no-op = $(ratio "$ctkit_rps" "$noop_rps") (goal >= 0.60)"

half=$(awk -v r="$ctkit_rps" 'BEGIN { printf "%d", r / 2 }')
workers=16
per_worker=$(( half / workers ))
echo "== latency at half of ctkit's maximum rate: $half req/s (hey -c $workers -q $per_worker)"
hey -z "${duration}s" -c "$workers" -q "$per_worker" -m POST -T application/json -D "$body" "$ctkit_url" \
  | tee "$work/hey.log" | grep -E "Requests/sec|50%|90%|99%" || true

echo "== dynamic batching, heavy model (512 -> 1024 -> 1024 -> 10), batch-1 requests"
hbody="$work/payloads/heavy-b1.json"
start_ctkit 18082 heavy
start_ctkit 18083 heavy --batch-max-rows 32 --batch-max-delay 1ms
for c in 8 16; do
  warm "http://127.0.0.1:18082/v2/models/heavy/infer" "$hbody"; warm "http://127.0.0.1:18083/v2/models/heavy/infer" "$hbody"
  off=$(rate "http://127.0.0.1:18082/v2/models/heavy/infer" "$hbody" "$c")
  on=$(rate "http://127.0.0.1:18083/v2/models/heavy/infer" "$hbody" "$c")
  echo "concurrency $c: batching off $off req/s, on $on req/s, on/off = $(ratio "$on" "$off")x (goal >= 1.5)"
done
