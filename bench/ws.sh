#!/usr/bin/env bash
# WebSocket echo comparison: Gyre's echo (BenchServer's /ws) against Uvicorn + websockets
# (bench/ws/echo_app.py), measured in the same run by the same client (io.gyre.bench.ws.WsEchoLoad:
# CONNS connections, one SIZE-byte text message in flight on each, round trip = send -> echo).
# Servers pinned to CPU 1, the client to CPU 0; both servers run for the whole comparison and the
# repeats alternate between them. Prints a markdown table with ratios and writes it to $OUT/ws.md.
#
#   bench/ws.sh                     3 repeats of 10 s per server (about 2 min)
#   DUR=3 WARM=2 REPS=1 bench/ws.sh short
#
# Env (defaults in brackets): DUR [10] measured seconds per run, WARM [3] warm-up seconds per run,
#   REPS [3], CONNS [100], SIZE [32] message bytes (1-125), OUT [bench/results/ws-<timestamp>],
#   NO_BUILD=1 skips the Maven build.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
case ${1:-} in
  "") ;;
  *) sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
DUR=${DUR:-10} WARM=${WARM:-3} REPS=${REPS:-3} CONNS=${CONNS:-100} SIZE=${SIZE:-32}
OUT=${OUT:-$ROOT/bench/results/ws-$(date +%Y%m%d-%H%M%S)}
PY=/usr/bin/python3
SERVER_CPU=1 CLIENT_CPU=0
command -v taskset >/dev/null || { echo "ws.sh: taskset (util-linux) is needed" >&2; exit 1; }
$PY -c 'import uvicorn, websockets' 2>/dev/null ||
  { echo "ws.sh: $PY needs uvicorn and websockets (apt-get install python3-uvicorn python3-websockets)" >&2; exit 1; }

if [[ ${NO_BUILD:-0} != 1 ]]; then
  echo "ws.sh: building gyre and the bench app" >&2
  ./gyre mvn -q -B --no-transfer-progress -pl bench -am install -DskipTests
fi
JDK=$(./gyre java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p' | head -1)
[[ -x $JDK/bin/java ]] || { echo "ws.sh: could not resolve the JDK used by ./gyre" >&2; exit 1; }
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
# run from a copy of the classes and jars: a build during the run must not change them
mkdir -p "$OUT/app/lib"
cp -r bench/target/classes "$OUT/app/"
tr ':' '\n' <bench/target/classpath.txt | xargs -r cp -t "$OUT/app/lib"
CP="$OUT/app/classes:$OUT/app/lib/*"
free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

declare -A PORT PID
start() { # start NAME DIR PORT COMMAND...
  local name=$1 dir=$2 port=$3; shift 3
  (cd "$dir" && exec env PYTHONDONTWRITEBYTECODE=1 taskset -c $SERVER_CPU "$@") >"$OUT/$name.log" 2>&1 &
  PID[$name]=$!; PORT[$name]=$port; PIDS+=($!)
  local i
  for ((i = 0; i < 300; i++)); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/plaintext" && return 0
    kill -0 "${PID[$name]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "ws.sh: $name did not answer on port $port; see $OUT/$name.log" >&2
  exit 1
}
p=$(free_port); start gyre "$ROOT" "$p" "$JDK/bin/java" -cp "$CP" io.gyre.bench.app.BenchServer --handler task --port "$p"
p=$(free_port); start uvicorn "$ROOT/bench/ws" "$p" $PY -m uvicorn echo_app:app --host 127.0.0.1 --port "$p" \
  --ws websockets --loop uvloop --http httptools --no-access-log --log-level warning
echo "ws.sh: gyre pid ${PID[gyre]} port ${PORT[gyre]}, uvicorn pid ${PID[uvicorn]} port ${PORT[uvicorn]}" >&2
{
  echo "java: $("$JDK/bin/java" -version 2>&1 | head -1)"
  echo "python: $($PY --version 2>&1); uvicorn $($PY -c 'import uvicorn; print(uvicorn.__version__)'); websockets $($PY -c 'import websockets; print(websockets.__version__)')"
  echo "settings: DUR=$DUR WARM=$WARM REPS=$REPS CONNS=$CONNS SIZE=$SIZE"
} >"$OUT/env.txt"
CLK=$(getconf CLK_TCK)
for ((r = 1; r <= REPS; r++)); do
  for name in gyre uvicorn; do
    echo "ws.sh: $name run $r/$REPS" >&2
    taskset -c $CLIENT_CPU "$JDK/bin/java" -cp "$CP" io.gyre.bench.ws.WsEchoLoad --port "${PORT[$name]}" \
      --conns "$CONNS" --size "$SIZE" --warmup "$WARM" --duration "$DUR" --server-pid "${PID[$name]}" \
      --clk-tck "$CLK" >"$OUT/$name-r$r.txt" 2>"$OUT/$name-r$r.err" ||
      echo "ws.sh: the client failed against $name (see $OUT/$name-r$r.err)" >&2
  done
done

$PY - "$OUT" "$REPS" >"$OUT/ws.md" <<'PYEOF'
import re, statistics, sys
out, reps = sys.argv[1], int(sys.argv[2])
def runs(name):
    res = []
    for r in range(1, reps + 1):
        try:
            text = open(f"{out}/{name}-r{r}.txt").read()
        except OSError:
            continue
        kv = dict(re.findall(r"(\w+)=([\d.-]+)", text))
        if "msgs_per_s" in kv:
            res.append({k: float(v) for k, v in kv.items()})
    return res
def med(rs, k):
    xs = [x[k] for x in rs if k in x]
    return statistics.median(xs) if xs else None
env = open(f"{out}/env.txt").read().strip().splitlines()
print(f"Results folder: `{out}`. " + "; ".join(env) + ".")
print()
print("| server | msgs/s (median) | ratio | p50 µs | p99 µs | p99.9 µs | msgs per server CPU-s | ratio | server CPU % | client CPU % | other CPU % (max) | errors |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
data = {n: runs(n) for n in ("uvicorn", "gyre")}
def per_cpu(rs):
    return med([{"x": x["msgs_per_s"] / (x["server_cpu_pct"] / 100)} for x in rs if x.get("server_cpu_pct")], "x")
ref = {"rate": med(data["uvicorn"], "msgs_per_s"), "per_cpu": per_cpu(data["uvicorn"])}
fmt = lambda v, f="{:,.0f}": "-" if v is None else f.format(v)
for name, rs in data.items():
    rate, pc = med(rs, "msgs_per_s"), per_cpu(rs)
    ratio = lambda a, b: "-" if a is None or not b else f"{a / b:.2f}x"
    other = max((x.get("other_cpu_pct", 0) for x in rs), default=None)
    print(f"| {name} | {fmt(rate)} | {ratio(rate, ref['rate'])} | {fmt(med(rs, 'p50_us'))} | {fmt(med(rs, 'p99_us'))} | "
          f"{fmt(med(rs, 'p999_us'))} | {fmt(pc)} | {ratio(pc, ref['per_cpu'])} | {fmt(med(rs, 'server_cpu_pct'))} | "
          f"{fmt(med(rs, 'client_cpu_pct'))} | {fmt(other)} | {sum(int(x.get('errors', 0)) for x in rs)} |")
print()
print(f"{len(data['gyre'])} Gyre and {len(data['uvicorn'])} Uvicorn runs; ratios are to Uvicorn. "
      "Server CPU well under 100 % means the server was starved by the client or other processes.")
PYEOF
cat "$OUT/ws.md"
echo "ws.sh: table written to $OUT/ws.md" >&2
