#!/usr/bin/env bash
# Reproduces every figure of README.md. Run from anywhere; results land in bench/decisions/target/results/.
#   bench/decisions/run.sh            everything (about 15 minutes on the shared 2-core machine)
#   bench/decisions/run.sh plots|tar|binding|deps   one part
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
REPO="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
MVN="mvn -B -ntp -q -Dstyle.color=never -Dmaven.repo.local=$REPO"
OUT="$HERE/target/results"
PART="${1:-all}"

(cd "$ROOT" && $MVN install -Dmaven.test.skip=true -pl model-core,model-quality,pipeline-steps -am)
(cd "$HERE" && $MVN compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt)
mkdir -p "$OUT"
CP="$HERE/target/classes:$(cat "$HERE/target/cp.txt")"
cd "$HERE"
load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u +%FT%TZ))"; }
jmh() { # name, then JMH arguments; waits while another JMH run on this machine holds /tmp/jmh.lock
  local name=$1; shift
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    { load; java -cp "$CP" org.openjdk.jmh.Main "$@" -rf json -rff "$OUT/$name-jmh.json"; load; } > "$OUT/$name-jmh.txt" 2>&1
    grep -q "Unable to acquire the JMH lock" "$OUT/$name-jmh.txt" || return 0
    sleep 30
  done
}

if [ "$PART" = all ] || [ "$PART" = plots ]; then
  # Determinism: two JVMs (the second with another GC and the interpreter only) must write the same bytes.
  java -cp "$CP" io.ctkit.plots.PlotsRender target/plots-a > "$OUT/plots-run-a.txt"
  java -XX:+UseSerialGC -Xint -cp "$CP" io.ctkit.plots.PlotsRender target/plots-b > "$OUT/plots-run-b.txt"
  if diff -q "$OUT/plots-run-a.txt" "$OUT/plots-run-b.txt" > /dev/null; then echo "byte-identical across JVMs"; else echo "DIFFERENT across JVMs"; fi > "$OUT/plots-determinism.txt"
  for impl in current xchart; do
    for display in unset unreachable; do
      if [ "$display" = unset ]; then env -u DISPLAY java -cp "$CP" io.ctkit.plots.HeadlessProbe $impl; else DISPLAY=:99 java -cp "$CP" io.ctkit.plots.HeadlessProbe $impl; fi 2>&1 | grep -m1 -E "bytes|Error" | sed "s/^/$impl, DISPLAY $display, no java.awt.headless: /"
    done
  done > "$OUT/plots-headless.txt"
  { load; java -cp "$CP" io.ctkit.plots.PlotsPaired 200; load; } > "$OUT/plots-paired.txt"
  jmh plots PlotsBenchmark -f 3 -wi 3 -w 1s -i 5 -r 1s
fi

if [ "$PART" = all ] || [ "$PART" = tar ]; then
  java -cp "$CP" io.ctkit.bundle.TarRefusals > "$OUT/tar-refusals.md"
  java -Xmx512m -cp "$CP" io.ctkit.bundle.TarFuzz 40000 20261205 5000 > "$OUT/tar-fuzz.txt" 2>&1
  java -cp "$CP" io.ctkit.bundle.TarWriterCompare > "$OUT/tar-writer.txt"
  { load; java -cp "$CP" io.ctkit.bundle.TarPaired 300; load; } > "$OUT/tar-paired.txt"
  jmh tar TarBenchmark -f 3 -wi 3 -w 1s -i 5 -r 1s
fi

if [ "$PART" = all ] || [ "$PART" = binding ]; then
  java -cp "$CP" io.ctkit.project.YamlProbe > "$OUT/yaml-probe.md"
  java -cp "$CP" io.ctkit.project.BindingMistakes > "$OUT/binding-mistakes.md"
fi

if [ "$PART" = all ] || [ "$PART" = deps ]; then
  # Each contender alone in an empty project: its transitive tree and jar sizes.
  for gav in org.knowm.xchart:xchart:4.0.3 org.apache.commons:commons-compress:1.28.0 \
      com.fasterxml.jackson.core:jackson-databind:2.18.1 com.fasterxml.jackson.dataformat:jackson-dataformat-yaml:2.18.1; do
    IFS=: read -r g a v <<< "$gav"
    d="$HERE/target/deps/$a"; mkdir -p "$d"
    printf '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>t</artifactId><version>1</version><dependencies><dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version></dependency></dependencies></project>' "$g" "$a" "$v" > "$d/pom.xml"
    echo "== $gav"
    (cd "$d" && mvn -B -ntp -Dstyle.color=never -Dmaven.repo.local="$REPO" dependency:tree 2>&1 | grep -E '(\+-|\\-) ' | sed 's/^\[INFO\] //' || true)
    (cd "$d" && $MVN dependency:build-classpath -Dmdep.outputFile=cp.txt && tr ':' '\n' < cp.txt | xargs ls -l | awk '{s+=$5; printf "   %9d %s\n", $5, $9} END {printf "   %9d bytes in all\n", s}')
  done > "$OUT/deps.txt"
  sed -i "s/\x1b\[[0-9;]*m//g" "$OUT/deps.txt"
  ls -l "$ROOT/model-core/target/model-core-0.1.0-SNAPSHOT.jar" "$ROOT/scoring-server/target/ctkit-scoring-server.jar" >> "$OUT/deps.txt" 2>/dev/null || true
fi
echo "results in $OUT"
