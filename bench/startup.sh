#!/usr/bin/env bash
# Start-up of the bench server: spawn -> first 200 on /plaintext, alternating cold starts.
#
#   bench/startup.sh                       7 starts of each variant (loop task web)
#   N=11 VARIANTS='loop task' bench/startup.sh
#   JAVA_OPTS='-XX:AOTCache=/tmp/loop.aot' VARIANTS=loop NO_BUILD=1 bench/startup.sh
#
# Each start spawns io.gyre.bench.app.BenchServer --handler <variant> on 127.0.0.1 (a free port)
# pinned to CPU 1 and polls GET /plaintext with curl on CPU 0 about every 10 ms, as the peers'
# driver (../shared/peers/run.sh) does. Right after the first 200 it reads the server's CPU time
# (utime + stime from /proc/PID/stat), which says more than the wall time on a busy machine, then
# stops the server with SIGTERM. Variants alternate start by start, so they share the machine's
# conditions. Prints one line per start and a markdown table of medians.
#
# Env: N starts per variant [7], VARIANTS [loop task web], JAVA_OPTS extra JVM options [],
#      NO_BUILD=1 skips building the bench module. Bounded: a start that gets no 200 within 30 s
#      is killed and counted as failed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
no_args "$@"
N=${N:-7}
VARIANTS=${VARIANTS:-loop task web}
JAVA_OPTS=${JAVA_OPTS:-}
need taskset:util-linux curl python3
build_bench
resolve_jdk
# The build's own class path, not a snapshot: a start is spawn -> first 200, over in a second.
TCK=$(getconf CLK_TCK)
WORK=$(mktemp -d /tmp/gyre-startup.XXXXXX)
PID=
cleanup() { [[ -z $PID ]] || kill -KILL "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

one_start() { # one_start VARIANT -> prints "wall_ms cpu_ms" or "failed"
  local port t0 t1 deadline st
  port=$(free_port)
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  taskset -c "$SERVER_CPU" "$JDK/bin/java" $JAVA_OPTS -cp "$(app_cp "$1")" io.gyre.bench.app.BenchServer --handler "$1" --port "$port" \
    >"$WORK/server.log" 2>&1 &
  PID=$!
  deadline=$((t0 + 30000000000))
  until [[ $(taskset -c "$CLIENT_CPU" curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/plaintext") == 200 ]]; do
    if (( $(date +%s%N) > deadline )) || ! kill -0 "$PID" 2>/dev/null; then
      kill -KILL "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=
      echo failed; return
    fi
    sleep 0.01
  done
  t1=$(date +%s%N)
  read -r -a st <"/proc/$PID/stat"
  echo "$(( (t1 - t0) / 1000000 )) $(( (st[13] + st[14]) * 1000 / TCK ))"
  kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=
}

for i in $(seq "$N"); do
  for v in $VARIANTS; do
    r=$(one_start "$v")
    echo "$v $r" | tee -a "$WORK/results" >&2
  done
done
python3 - "$WORK/results" "$VARIANTS" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
print("| variant | starts | spawn -> first 200, ms (median) | server CPU ms at the first 200 (median) | failed |")
print("|---|---:|---:|---:|---:|")
for v in sys.argv[2].split():
    ok = [r for r in rows if r[0] == v and r[1] != "failed"]
    bad = sum(1 for r in rows if r[0] == v and r[1] == "failed")
    wall = statistics.median(int(r[1]) for r in ok) if ok else float("nan")
    cpu = statistics.median(int(r[2]) for r in ok) if ok else float("nan")
    print(f"| {v} | {len(ok)} | {wall:.0f} | {cpu:.0f} | {bad} |")
PY
