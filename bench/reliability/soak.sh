#!/usr/bin/env bash
# The 10 minute soak alone (mixed keep-alive, pipelined, streaming and slow clients; RSS and live
# tasks sampled every 10 s). Usage: bench/reliability/soak.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-600}"
./gyre mvn -q -B -pl gyre-server -am install -DskipTests
rm -f gyre-reliability/target/reliability/figures.txt
./gyre mvn -B -pl gyre-reliability test -Dtest=SoakTest -Dreliability.soak.seconds="$seconds"
grep '^soak' gyre-reliability/target/reliability/figures.txt
