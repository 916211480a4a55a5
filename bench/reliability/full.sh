#!/usr/bin/env bash
# Full-length reliability runs: corpora, 60 s of fuzzing, 30 s slow-client attacks with 1000
# connections, 20 s of load for SIGTERM and rolling restarts, a 10 minute soak.
# Usage: bench/reliability/full.sh [TestClass[,TestClass...]]   (default: the whole suite)
# Figures: gyre-reliability/target/reliability/figures.txt
set -euo pipefail
cd "$(dirname "$0")/../.."
tests="${1:-}"
./gyre mvn -q -B -pl gyre-server -am install -DskipTests
rm -f gyre-reliability/target/reliability/figures.txt
args=(-B -pl gyre-reliability test
  -Dreliability.fuzz.count=200000 -Dreliability.fuzz.seconds=60
  -Dreliability.slow.seconds=30 -Dreliability.slow.connections=1000
  -Dreliability.load.seconds=20 -Dreliability.soak.seconds=600)
if [ -n "$tests" ]; then args+=("-Dtest=$tests"); fi
./gyre mvn "${args[@]}"
echo "figures: gyre-reliability/target/reliability/figures.txt"
cat gyre-reliability/target/reliability/figures.txt
