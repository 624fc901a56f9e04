#!/usr/bin/env bash
# Evaluation speed (issue 12): `ctkit evaluate` on 1M binary predictions with 1,000 bootstrap
# resamples against scikit-learn computing the same metric set once with no intervals, both
# timed as whole processes (start, read the CSV, compute, print) on the same file in the same run.
#   bench/evaluate/run.sh [ROUNDS]      default 3 rounds, alternating ctkit and scikit-learn
# Environment: ROWS (default 1000000), RESAMPLES (default 1000), MAVEN_REPO_LOCAL (the Maven
# repository to build with), CTKIT_JAVA_OPTS (JVM flags for ctkit), BASELINE_JAR (optional: a CLI
# jar of another build, e.g. before a change, timed the same way in every round). Needs /usr/bin/python3 with
# numpy and scikit-learn (Debian: apt-get install python3-numpy python3-sklearn).
# Results land in bench/evaluate/target/results/.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
REPO="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
ROUNDS="${1:-3}"
ROWS="${ROWS:-1000000}"
RESAMPLES="${RESAMPLES:-1000}"
OUT="$HERE/target/results"
DATA="$HERE/target/predictions-$ROWS.csv"
PY=/usr/bin/python3
mkdir -p "$OUT"

# Build the CLI jar here, so that bin/ctkit finds it fresh and does not build it inside a timing.
(cd "$ROOT" && mvn -B -ntp -q -Dstyle.color=never -Dmaven.repo.local="$REPO" \
    -Dmaven.test.skip=true -pl pipeline-steps -am package)
[ -f "$DATA" ] || "$PY" "$HERE/generate.py" "$DATA" "$ROWS"
# One untimed start, so that the launcher's once-per-build work (its class-data archive) is
# not inside round 1.
"$ROOT/bin/ctkit" --version > /dev/null

now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
{
  echo "date: $(date -u +%FT%TZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) CPUs)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "python: $($PY -c 'import sys, numpy, sklearn; print(sys.version.split()[0], "numpy", numpy.__version__, "scikit-learn", sklearn.__version__)')"
  echo "rows: $ROWS, resamples: $RESAMPLES, file: $(wc -c < "$DATA") bytes"
} | tee "$OUT/machine.txt"

echo "round ctkit_s sklearn_s ratio sklearn_read_s sklearn_metrics_s load_before baseline_s" | tee "$OUT/rounds.txt"
for round in $(seq 1 "$ROUNDS"); do
  before="$(load)"
  baseline=-
  if [ -n "${BASELINE_JAR:-}" ]; then
    b0=$(now)
    java ${CTKIT_JAVA_OPTS:-} -jar "$BASELINE_JAR" evaluate --predictions "$DATA" --task binary \
        --bootstrap "$RESAMPLES" --out "$OUT/baseline-metrics.json" > /dev/null
    baseline=$(awk -v a="$b0" -v b="$(now)" 'BEGIN { print b - a }')
  fi
  t0=$(now)
  "$ROOT/bin/ctkit" evaluate --predictions "$DATA" --task binary --bootstrap "$RESAMPLES" \
      --out "$OUT/ctkit-metrics.json" > "$OUT/ctkit-stdout.txt"
  t1=$(now)
  "$PY" "$HERE/sklearn_metrics.py" "$DATA" > "$OUT/sklearn-metrics.json"
  t2=$(now)
  "$PY" - "$OUT/sklearn-metrics.json" "$round" "$t0" "$t1" "$t2" "$before" "$baseline" <<'PYEOF' | tee -a "$OUT/rounds.txt"
import json, sys
s = json.load(open(sys.argv[1]))
t0, t1, t2 = map(float, sys.argv[3:6])
c, k = t1 - t0, t2 - t1
base = sys.argv[7] if sys.argv[7] == "-" else f"{float(sys.argv[7]):.2f}"
print(sys.argv[2], f"{c:.2f}", f"{k:.2f}", f"{c / k:.2f}", f"{s['read_s']:.2f}", f"{s['metrics_s']:.2f}",
      f"'{sys.argv[6]}'", base)
PYEOF
done

# The same numbers, or the comparison means nothing: every point value at 1e-9.
"$PY" - "$OUT/ctkit-metrics.json" "$OUT/sklearn-metrics.json" "$OUT/rounds.txt" <<'PYEOF' | tee "$OUT/summary.txt"
import json, statistics, sys
ctkit = json.load(open(sys.argv[1]))["metrics"]
sk = json.load(open(sys.argv[2]))["metrics"]
bad = [f"{k}: ctkit {ctkit[k]['value']!r} sklearn {v!r}" for k, v in sk.items() if abs(ctkit[k]["value"] - v) > 1e-9]
if bad:
    print("VALUES DIFFER:\n  " + "\n  ".join(bad))
    sys.exit(1)
print(f"values: all {len(sk)} metrics of scikit-learn equal ctkit's point values within 1e-9;"
      f" ctkit also reports {', '.join(k for k in ctkit if k not in sk)} and an interval for each")
rows = [line.split() for line in open(sys.argv[3]).read().splitlines()[1:]]
c = statistics.median(float(r[1]) for r in rows)
k = statistics.median(float(r[2]) for r in rows)
print(f"median of {len(rows)} rounds: ctkit {c:.2f} s, scikit-learn {k:.2f} s, ratio ctkit/scikit-learn {c / k:.2f}"
      f" (goal: at most 1.00)")
if rows[0][-1] != "-":
    b = statistics.median(float(r[-1]) for r in rows)
    print(f"baseline jar: {b:.2f} s, ratio to scikit-learn {b / k:.2f}; this build is {b / c:.2f}x faster")
PYEOF
