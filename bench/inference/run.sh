#!/usr/bin/env bash
# Builds and runs the inference benchmark (ctkit's engine vs ND4J). Extra arguments go to JMH,
# e.g. bench/inference/run.sh -p width=64 -p batch=1. Results: bench/inference/target/jmh-result.json
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mvn -B -q -ntp -Pbench -pl bench/inference -am package -Dmaven.test.skip=true
java -jar bench/inference/target/bench-inference.jar InferenceBenchmark \
  -rf json -rff bench/inference/target/jmh-result.json "$@"
