#!/usr/bin/env bash
# Training benchmark: epoch time of `ctkit train` (ND4J; the default direct engine and the samediff
# engine) vs scikit-learn's MLPClassifier, same data, architecture, optimizer, batch size and epochs,
# all run here one after the other.
# Needs Debian's python3-sklearn (/usr/bin/python3). Results: bench/training/target/<case>/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/bench/training/target"
py=/usr/bin/python3
rm -rf "$out"
mkdir -p "$out"
"$py" "$root/bench/training/bench.py" data "$out"
for case in small medium wide small-samediff medium-samediff wide-samediff; do
  "$root/bin/ctkit" train "$out/$case" --force --out "$out/$case/trained" | tail -1
done
"$py" "$root/bench/training/bench.py" sklearn "$out"
"$py" "$root/bench/training/bench.py" report "$out" | tee "$out/report.md"
