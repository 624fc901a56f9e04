#!/usr/bin/env bash
# The ml-test-kit's load generator (io.ctkit.testkit.LoadTest, Netty) against wrk, and against the
# JDK HttpClient (the other candidate), at their maximum rate on the same scoring server, the same
# request body (one wine-classifier row as a V2 infer request) and the same connection count, in
# one run. Peers are measured in interleaved rounds (wrk, kit, jdk, wrk, ...) and each figure is the
# median of its rounds, so that load from other work on the machine hits all of them. The
# generators run under SCHED_BATCH (chrt -b 0), as in bench/scoring, so that a generator sharing the
# cores with the server does not preempt it on every answer.
# Goal (issue 12): the kit's maximum rate is at least 90% of wrk's. Exits 1 when not met.
# Needs: wrk, chrt, curl (apt-get install wrk util-linux curl), Maven.
#   usage: bench/loadgen/run.sh [--duration SECONDS] [--connections N] [--rounds N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration=10
conns=16
rounds=3
need_value() { [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: $1 needs a whole number of at least 1" >&2; exit 2; }; }
while (($#)); do
  case "$1" in
    --duration) need_value "$@"; duration="$2"; shift ;;
    --connections) need_value "$@"; conns="$2"; shift ;;
    --rounds) need_value "$@"; rounds="$2"; shift ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
for tool in wrk chrt curl mvn; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed (apt-get install wrk util-linux curl maven)" >&2; exit 2; }
done
repo="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
mvn_flags=(-B -q -Dmaven.repo.local="$repo" ${MVN_OFFLINE:+-o})

jar="${CTKIT_SCORING_SERVER_JAR:-$root/scoring-server/target/ctkit-scoring-server.jar}"
if [[ ! -f "$jar" ]]; then
  (cd "$root" && mvn "${mvn_flags[@]}" -DskipTests -pl scoring-server -am package)
fi
(cd "$root" && mvn "${mvn_flags[@]}" -Dmaven.test.skip=true -pl ml-test-kit -am install)
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
(cd "$root" && mvn "${mvn_flags[@]}" -pl ml-test-kit dependency:build-classpath -Dmdep.outputFile="$work/cp.txt")
cp="$root/ml-test-kit/target/classes:$(cat "$work/cp.txt")"

# One holdout row of the wine classifier as a V2 infer request (13 numbers, one FP64 tensor).
row="$(sed -n 2p "$root/examples/wine-classifier/holdout.csv")"
header="$(sed -n 1p "$root/examples/wine-classifier/holdout.csv")"
label_col="$(tr ',' '\n' <<<"$header" | grep -n '^label$' | cut -d: -f1)"
values="$(tr ',' '\n' <<<"$row" | sed "${label_col}d" | paste -sd,)"
printf '{"inputs":[{"name":"input","datatype":"FP64","shape":[1,13],"data":[%s]}]}' "$values" > "$work/body.json"

port=18490
java -XX:+UseParallelGC -jar "$jar" --model "$root/examples/wine-classifier/model" --port "$port" >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 150); do curl -fsS -o /dev/null "http://127.0.0.1:$port/v2/health/ready" 2>/dev/null && break; sleep 0.2; done
url="http://127.0.0.1:$port/v2/models/wine-classifier/infer"
curl -fsS -H 'Content-Type: application/json' --data-binary @"$work/body.json" "$url" >/dev/null \
  || { echo "run.sh: the server does not answer the body; its log:" >&2; cat "$work/server.log" >&2; exit 1; }

sched=(chrt -b 0)
wrk_rate() {
  local out
  out="$(WRK_BODY="$work/body.json" "${sched[@]}" wrk -t2 -c"$conns" -d"${duration}s" -s "$root/bench/scoring/post.lua" "$url")"
  echo "$out" >>"$work/wrk.log"
  if grep -qE "Non-2xx|Socket errors" <<<"$out"; then echo "run.sh: wrk saw errors:" >&2; echo "$out" >&2; exit 1; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}
kit_rate() { # Allure is on the kit's class path: its attachments go to the scratch directory
  local out
  out="$("${sched[@]}" java -Xmx512m -Dallure.results.directory="$work/allure-results" -cp "$cp" "$here/GeneratorMax.java" "$url" "$work/body.json" "$conns" "$duration")"
  [[ "$(cut -d' ' -f4 <<<"$out")" == 0 ]] || { echo "run.sh: the kit's generator saw errors: $out" >&2; exit 1; }
  cut -d' ' -f1 <<<"$out"
}
jdk_rate() {
  local out
  out="$("${sched[@]}" java -Xmx512m "$here/JdkClientMax.java" "$url" "$work/body.json" "$conns" "$duration")"
  [[ "$(cut -d' ' -f2 <<<"$out")" == 0 ]] || { echo "run.sh: the JDK client saw errors: $out" >&2; exit 1; }
  cut -d' ' -f1 <<<"$out"
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uptime | sed 's/.*load/load/'), $(java -version 2>&1 | head -1)"
echo "date: $(date -u +%FT%TZ); $conns connections, ${duration} s per measurement, $rounds rounds"
WRK_BODY="$work/body.json" "${sched[@]}" wrk -t2 -c"$conns" -d5s -s "$root/bench/scoring/post.lua" "$url" >/dev/null  # warm the server
w=(); k=(); j=()
for r in $(seq 1 "$rounds"); do
  w+=("$(wrk_rate)"); k+=("$(kit_rate)"); j+=("$(jdk_rate)")
  echo "round $r: wrk ${w[-1]}/s, kit ${k[-1]}/s, jdk ${j[-1]}/s"
done
wm="$(echo "${w[*]}" | median)"; km="$(echo "${k[*]}" | median)"; jm="$(echo "${j[*]}" | median)"
ratio="$(awk -v a="$km" -v b="$wm" 'BEGIN { printf "%.2f", a / b }')"
jratio="$(awk -v a="$jm" -v b="$wm" 'BEGIN { printf "%.2f", a / b }')"
echo "median: wrk $wm/s, kit (Netty) $km/s, JDK HttpClient $jm/s"
echo "kit / wrk = $ratio (goal >= 0.90); JDK HttpClient / wrk = $jratio; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v r="$ratio" 'BEGIN { exit (r >= 0.90) ? 0 : 1 }' && echo "goal met" || { echo "goal NOT met"; exit 1; }
