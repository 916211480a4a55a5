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
source "$(dirname "$0")/lib.sh"
no_args "$@"
DUR=${DUR:-10} WARM=${WARM:-3} REPS=${REPS:-3} CONNS=${CONNS:-100} SIZE=${SIZE:-32}
OUT=${OUT:-$ROOT/bench/results/ws-$(date +%Y%m%d-%H%M%S)}
PY=/usr/bin/python3
need taskset:util-linux curl python3
$PY -c 'import uvicorn, websockets' 2>/dev/null ||
  die "$PY needs uvicorn and websockets (apt-get install python3-uvicorn python3-websockets)"
build_bench
resolve_jdk
OUT=$(abs_dir "$OUT")
snapshot_app "$OUT"
trap stop_servers EXIT

declare -A PORT PID
start() { # start NAME DIR PORT COMMAND...: a server on CPU 1, answering on PORT when this returns
  local name=$1 dir=$2 port=$3
  shift 3
  PYTHONDONTWRITEBYTECODE=1 spawn_server "$OUT/$name.log" "$dir" "$@"
  PID[$name]=$SERVER_PID PORT[$name]=$port
  await_http "$name" "$SERVER_PID" "http://127.0.0.1:$port/plaintext" "$OUT/$name.log"
}
p=$(free_port); start gyre "$ROOT" "$p" "$JDK/bin/java" -cp "$(app_cp task)" io.gyre.bench.app.BenchServer --handler task --port "$p"
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
    taskset -c "$CLIENT_CPU" "$JDK/bin/java" -cp "$APP/classes" io.gyre.bench.ws.WsEchoLoad --port "${PORT[$name]}" \
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
