#!/usr/bin/env bash
# Runs Gyre's JMH micro-benchmarks on JDK 25 (found by ../gyre), building the bench module first
# when any source is newer than the last build.
#
#   bench/jmh.sh                               all benchmarks, JMH defaults (long)
#   bench/jmh.sh SpawnJoin -f 1 -wi 3 -i 5 -w 1s -r 1s
#   bench/jmh.sh 'LoopBench.roundTrip' -prof gc
#   bench/jmh.sh -l                            list benchmarks
#
# The first argument is a JMH include pattern (a regex over benchmark names) unless it starts
# with '-'; everything else is passed to JMH as is (see `bench/jmh.sh -h`).
# NO_BUILD=1 runs what was built last, without checking sources.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

stamp=bench/target/classpath.txt
stale() {
  [[ -f $stamp && -f bench/target/classes/META-INF/BenchmarkList ]] || return 0
  [[ -n $(find gyre-runtime gyre-server bench pom.xml -path '*/target' -prune -o \
            \( -name '*.java' -o -name pom.xml \) -newer "$stamp" -print -quit) ]]
}
if [[ ${NO_BUILD:-0} != 1 ]] && stale; then
  echo "jmh.sh: building the bench module" >&2
  ./gyre mvn -q -B --no-transfer-progress -pl bench -am install -DskipTests
fi

cp="bench/target/classes:$(cat "$stamp")"
exec ./gyre java -cp "$cp" org.openjdk.jmh.Main "$@"
