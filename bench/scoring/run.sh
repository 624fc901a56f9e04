#!/usr/bin/env bash
# Scoring benchmark, all peers in one run on this machine, same payload and model:
#   (a) ctkit's scoring server, (b) Flask + numpy under gunicorn (the approach ctkit replaces),
#   (c) a no-op endpoint on ctkit's own HTTP stack; then latency at half of ctkit's maximum rate
#   (openloop.c: constant rate, latency from when each request was due), and dynamic batching
#   on/off on a compute-heavy model.
# The peers are measured in interleaved rounds (a, c, b, a, c, b, ...) and each figure is the
# median of its rounds, so that a burst of load from other work on the machine hits all peers.
# The load generators run under SCHED_BATCH (chrt -b 0): on a machine where they share the cores
# with the server, a normal-priority generator woken by each response preempts the server (a third
# of ctkit's requests were interrupted so); under SCHED_BATCH it waits for its turn instead, as a
# client on another machine would. --plain-sched measures without it, for comparison.
# Ends with the goals, each met or not; exits 1 if any is not met.
# Needs: wrk, chrt, cc, gunicorn, python3-flask, python3-numpy (apt), and the scoring-server jar.
#   usage: bench/scoring/run.sh [--duration SECONDS] [--connections N] [--rounds N] [--plain-sched]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration=15
conns=32
rounds=3
sched=(chrt -b 0)
need_value() { [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: $1 needs a whole number of at least 1" >&2; exit 2; }; }
while (($#)); do
  case "$1" in
    --duration) need_value "$@"; duration="$2"; shift ;;
    --connections) need_value "$@"; conns="$2"; shift ;;
    --rounds) need_value "$@"; rounds="$2"; shift ;;
    --plain-sched) sched=() ;;
    -h|--help) sed -n 2,15p "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
for tool in wrk chrt cc curl gunicorn; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed (apt-get install wrk util-linux gcc curl gunicorn python3-flask python3-numpy)" >&2; exit 2; }
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
cc -O2 -o "$work/openloop" "$here/openloop.c"

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
  WRK_BODY="$2" "${sched[@]}" wrk -t2 -c"$conns" -d5s -s "$here/post.lua" "$1" >/dev/null
}
rate() { # url body connections -> requests/s; any error response or socket error stops the benchmark
  local out
  out="$(WRK_BODY="$2" "${sched[@]}" wrk -t2 -c"$3" -d"${duration}s" -s "$here/post.lua" "$1")"
  echo "$out" >>"$work/wrk.log"
  if grep -qE "Non-2xx|Socket errors" <<<"$out"; then
    echo "run.sh: errors from $1:" >&2; echo "$out" >&2; exit 1
  fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
goals=()   # "goal: value, met|NOT met" lines for the summary; any NOT met makes the run exit 1
goal() { # description value threshold (met when value >= threshold)
  local verdict
  verdict=$(awk -v v="$2" -v t="$3" 'BEGIN { print (v >= t) ? "met" : "NOT met" }')
  goals+=("$1: $2 (goal >= $3), $verdict")
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; } # lower middle if even
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/'), $(java -version 2>&1 | head -1)"
echo "load generators: ${sched[*]:-normal scheduling (--plain-sched)}"

body="$work/payloads/mlp30-b1.json"
start_ctkit 18080 mlp30
# numpy's BLAS runs at its best without this machine's OPENBLAS_* overrides (see env docs).
(cd "$here" && exec env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE MODELS_DIR="$work/models" \
  gunicorn -w "$(nproc)" -b 127.0.0.1:18081 --log-level warning flask_server:app >"$work/flask.log" 2>&1) &
pids+=($!)
wait_for_post() { for _ in $(seq 1 100); do curl -fsS -o /dev/null -XPOST -H 'Content-Type: application/json' --data @"$body" "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1; }
wait_for_post "http://127.0.0.1:18081/v2/models/mlp30/infer"

ctkit_url="http://127.0.0.1:18080/v2/models/mlp30/infer"
noop_url="http://127.0.0.1:18080/bench/noop"
flask_url="http://127.0.0.1:18081/v2/models/mlp30/infer"
warm "$ctkit_url" "$body"; warm "$noop_url" "$body"; warm "$flask_url" "$body"

echo "== mlp30 (30 -> 128 -> 64 -> 1), batch 1, wrk -t2 -c$conns -d${duration}s, $rounds rounds"
c_all=""; n_all=""; f_all=""
for _ in $(seq 1 "$rounds"); do
  c_all+=" $(rate "$ctkit_url" "$body" "$conns")"
  n_all+=" $(rate "$noop_url" "$body" "$conns")"
  f_all+=" $(rate "$flask_url" "$body" "$conns")"
done
ctkit_rps=$(echo "$c_all" | median); noop_rps=$(echo "$n_all" | median); flask_rps=$(echo "$f_all" | median)
printf '| peer | requests/s (median) | rounds |\n| --- | ---: | --- |\n| ctkit infer | %s |%s |\n| ctkit no-op | %s |%s |\n| Flask+numpy (gunicorn -w %s) | %s |%s |\n' \
  "$ctkit_rps" "$c_all" "$noop_rps" "$n_all" "$(nproc)" "$flask_rps" "$f_all"
echo "ctkit / Flask = $(ratio "$ctkit_rps" "$flask_rps")x (goal >= 10); ctkit / no-op = $(ratio "$ctkit_rps" "$noop_rps") (goal >= 0.60)"
goal "ctkit / Flask" "$(ratio "$ctkit_rps" "$flask_rps")" 10
goal "ctkit / no-op" "$(ratio "$ctkit_rps" "$noop_rps")" 0.60
echo "load: $(uptime | sed 's/.*load/load/')"

half=$(awk -v r="$ctkit_rps" 'BEGIN { printf "%d", r / 2 }')
echo "== latency at half of ctkit's maximum rate: $half req/s, constant rate (openloop -c 64)"
"${sched[@]}" "$work/openloop" -r "$half" -c 64 -d "$duration" -b "$body" "$ctkit_url" | tee "$work/openloop.log"
awk '/latency us:/ { for (i = 1; i <= NF; i++) if ($i == "p99") p99 = $(i + 1) }
  /achieved/ { for (i = 1; i <= NF; i++) if ($i == "of") share = $(i - 1); gsub(/[()]/, "", share) }
  END { printf "goal: p99 <= 5 ms at the target rate: %s (p99 %.2f ms, %s of the target reached)\n",
        (p99 <= 5000 && share >= 0.95) ? "met" : "NOT met", p99 / 1000, share }' "$work/openloop.log" | tee "$work/p99.txt"
goals+=("$(sed 's/^goal: //' "$work/p99.txt")")
echo "== dynamic batching, heavy model (512 -> 1024 -> 1024 -> 10), batch-1 requests, $rounds rounds"
hbody="$work/payloads/heavy-b1.json"
start_ctkit 18082 heavy
start_ctkit 18083 heavy --batch-max-rows 32 --batch-max-delay 0ms
start_ctkit 18084 heavy --batch-max-rows 32 --batch-max-delay 2ms
off_url="http://127.0.0.1:18082/v2/models/heavy/infer"
on_url="http://127.0.0.1:18083/v2/models/heavy/infer"
wait_url="http://127.0.0.1:18084/v2/models/heavy/infer"
echo "| concurrency | off req/s | on, delay 0 req/s | on/off | on, delay 2 ms req/s | on/off |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
for c in 8 16; do
  warm "$off_url" "$hbody"; warm "$on_url" "$hbody"; warm "$wait_url" "$hbody"
  o_all=""; g_all=""; w_all=""
  for _ in $(seq 1 "$rounds"); do
    o_all+=" $(rate "$off_url" "$hbody" "$c")"
    g_all+=" $(rate "$on_url" "$hbody" "$c")"
    w_all+=" $(rate "$wait_url" "$hbody" "$c")"
  done
  off=$(echo "$o_all" | median); on=$(echo "$g_all" | median); waited=$(echo "$w_all" | median)
  echo "| $c | $off ($o_all ) | $on ($g_all ) | $(ratio "$on" "$off")x | $waited ($w_all ) | $(ratio "$waited" "$off")x |"
  goal "batching on/off at concurrency $c" "$(ratio "$on" "$off")" 1.5
done
for port in 18083 18084; do
  curl -fsS "http://127.0.0.1:$port/metrics" | awk -v p="$port" '/^ctkit_batch_rows_(sum|count)/ { v[$1] = $2 }
    END { printf "port %s: %d batches, %.1f rows per batch (whole run, warm-ups and both concurrencies)\n", p, v["ctkit_batch_rows_count"], v["ctkit_batch_rows_sum"] / v["ctkit_batch_rows_count"] }'
done
echo "load: $(uptime | sed 's/.*load/load/')"
echo "== goals (load generators: ${sched[*]:-normal scheduling})"
printf '%s\n' "${goals[@]}"
if printf '%s\n' "${goals[@]}" | grep -q "NOT met"; then
  echo "run.sh: not every goal is met" >&2
  exit 1
fi
