#!/usr/bin/env bash
# Bytes allocated per request by the whole server, measured with JFR during a wrk run.
#
#   bench/alloc.sh                         every variant (loop task web), /plaintext and /json
#   VARIANTS=loop PATHS=/plaintext bench/alloc.sh
#   NO_BUILD=1 OUT=/tmp/alloc bench/alloc.sh     keep the recordings and wrk outputs in /tmp/alloc
#
# For each variant it starts io.gyre.bench.app.BenchServer --handler <variant> on 127.0.0.1 (a
# free port) pinned to CPU 1, warms every path up with wrk on CPU 0 (-t1, CONNS connections),
# then, per path: starts a JFR recording (jcmd JFR.start), runs wrk for 1 s, idles 1 s, runs wrk
# for DUR seconds (the measured window), idles 1 s and stops the recording. Bytes per request =
# the growth of jdk.ThreadAllocationStatistics (every 100 ms; the last value before the window and
# the first after it, both taken while the server is idle) summed over all threads except JFR's
# own and the attach listener, divided by the requests wrk completed in the window. That figure is
# exact whatever else runs on the machine; no time figure is measured here. Carrier threads count
# what the virtual threads they ran allocated. Top sites come from jdk.ObjectAllocationSample in
# the window (weights are JFR's estimate of the bytes each sample stands for), named by the
# allocated class and the first io.gyre frame of the stack; they are estimates, +-10-20 B. Those
# samples are taken when a thread gets a new TLAB, so the server runs with small fixed TLABs
# (SAMPLE_TLAB) to give enough samples; that changes where allocation is sampled, not how much is
# allocated. About 40 s per variant with the defaults.
#
# Prints a markdown table; the recordings are deleted unless OUT is set. Bounded: every step has
# a timeout, the server is stopped by its PID on exit (also on Ctrl-C or failure).
#
# Env (defaults in brackets):
#   VARIANTS  bench-app variants [loop task web]       PATHS  paths to measure [/plaintext /json]
#   DUR       seconds of the measured wrk run [5]      WARM   seconds of warm-up per path [5]
#   CONNS     wrk connections [64]                     PIPE   pipeline depth, 0 = none [0]
#   SITES     allocation sites shown per row [6]       OUT    folder to keep recordings in [none]
#   JAVA_OPTS extra JVM options for the server []     NO_BUILD=1  skip building the bench module
#   SAMPLE_TLAB  fixed TLAB size for the server [8k]; empty keeps the JVM's adaptive TLABs
set -euo pipefail
source "$(dirname "$0")/lib.sh"
no_args "$@"

VARIANTS=${VARIANTS:-loop task web}
PATHS=${PATHS:-/plaintext /json}
DUR=${DUR:-5} WARM=${WARM:-5} CONNS=${CONNS:-64} PIPE=${PIPE:-0} SITES=${SITES:-6}
JAVA_OPTS=${JAVA_OPTS:-}
SAMPLE_TLAB=${SAMPLE_TLAB-8k}
[[ -z $SAMPLE_TLAB ]] || JAVA_OPTS="-XX:-ResizeTLAB -XX:TLABSize=$SAMPLE_TLAB $JAVA_OPTS"
need wrk taskset:util-linux python3 curl
if ((PIPE > 0)); then
  LUA=$ROOT/../shared/peers/pipeline.lua
  [[ -f $LUA ]] || die "PIPE=$PIPE needs $LUA"
fi
build_bench
resolve_jdk jcmd jfr

WORK=$(mktemp -d /tmp/gyre-alloc.XXXXXX)
cleanup() {
  stop_servers
  if [[ -n ${OUT:-} ]]; then
    mkdir -p "$OUT" && cp "$WORK"/*.jfr "$WORK"/*.wrk "$WORK"/*.log "$OUT"/ 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
snapshot_app "$WORK"

cat >"$WORK/alloc.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="gyre-alloc">
  <event name="jdk.ThreadAllocationStatistics">
    <setting name="enabled">true</setting>
    <setting name="period">100 ms</setting>
  </event>
  <event name="jdk.ObjectAllocationSample">
    <setting name="enabled">true</setting>
    <setting name="throttle">2000/s</setting>
    <setting name="stackTrace">true</setting>
  </event>
</configuration>
JFC

run_wrk() { # run_wrk SECONDS URL OUTFILE
  local args=(-t1 -c"$CONNS" -d"$1"s "$2")
  ((PIPE > 0)) && args=(-t1 -c"$CONNS" -d"$1"s -s "$LUA" "$2" -- "$PIPE")
  timeout $(($1 + 30)) taskset -c "$CLIENT_CPU" wrk "${args[@]}" >"$3" 2>&1 || { echo "alloc.sh: wrk failed, see below" >&2; cat "$3" >&2; return 1; }
}

jcmd_() { timeout 60 "$JDK/bin/jcmd" "$SERVER_PID" "$@" >>"$WORK/jcmd.log" 2>&1; }

# Rows of the table, one per variant and path, printed at the end (the run logs go to stderr).
ROWS=()
for v in $VARIANTS; do
  port=$(free_port)
  echo "alloc.sh: $v: starting the server on 127.0.0.1:$port" >&2
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  spawn_server "$WORK/server-$v.log" "$ROOT" "$JDK/bin/java" $JAVA_OPTS -cp "$(app_cp "$v")" io.gyre.bench.app.BenchServer \
    --handler "$v" --port "$port"
  base=http://127.0.0.1:$port
  await_http "the $v server" "$SERVER_PID" "$base/plaintext" "$WORK/server-$v.log"
  for p in $PATHS; do
    echo "alloc.sh: $v: warming up $p for ${WARM}s" >&2
    run_wrk "$WARM" "$base$p" "$WORK/warm.wrk"
  done
  for p in $PATHS; do
    name=$v${p//\//-}
    jfr=$WORK/$name.jfr
    echo "alloc.sh: $v: measuring $p for ${DUR}s" >&2
    jcmd_ JFR.start name=alloc settings="$WORK/alloc.jfc" stackdepth=96
    # A short run first, under the recording: an allocation sample's weight is the bytes its
    # thread allocated since the thread's previous sample, so every thread needs one sample
    # before the measured window; samples are only counted inside that window.
    run_wrk 1 "$base$p" "$WORK/pre.wrk"
    sleep 1 # idle: the allocation statistics of every thread at T0 are the start values
    t0=$(date +%s.%N)
    run_wrk "$DUR" "$base$p" "$WORK/$name.wrk"
    t1=$(date +%s.%N)
    sleep 1 # idle again: the end values
    jcmd_ JFR.stop name=alloc filename="$jfr"
    requests=$(sed -n 's/^ *\([0-9][0-9]*\) requests in .*/\1/p' "$WORK/$name.wrk")
    [[ -n $requests && $requests -gt 0 ]] || { echo "alloc.sh: $v $p: wrk completed no requests" >&2; cat "$WORK/$name.wrk" >&2; exit 1; }
    errors=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$WORK/$name.wrk")
    timeout 120 "$JDK/bin/jfr" print --json --events jdk.ThreadAllocationStatistics "$jfr" >"$WORK/threads.json"
    TZ=UTC timeout 300 "$JDK/bin/jfr" print --stack-depth 96 --events jdk.ObjectAllocationSample "$jfr" >"$WORK/samples.txt"
    ROWS+=("$(python3 - "$v" "$p" "$requests" "${errors:-0}" "$SITES" "$t0" "$t1" "$WORK/threads.json" "$WORK/samples.txt" <<'PY'
import datetime, json, sys
variant, path, requests, errors, nsites, t0, t1, tfile, sfile = sys.argv[1:]
requests, nsites, t0, t1 = int(requests), int(nsites), float(t0), float(t1)
IGNORED = ("JFR ", "Attach Listener", "Notification Thread", "Signal Dispatcher")

def events(name):
    with open(name) as f:
        return json.load(f)["recording"]["events"]

def epoch(iso):  # 2026-11-21T22:30:15.839799702Z
    day, frac = iso.rstrip("Z").split(".") if "." in iso else (iso.rstrip("Z"), "0")
    whole = datetime.datetime.fromisoformat(day).replace(tzinfo=datetime.timezone.utc).timestamp()
    return whole + float("0." + frac)

# Per thread: the last value at or before T0 (0 for a thread started later) and the first at or
# after T1 (else its last one).
start, end, names = {}, {}, {}
for e in sorted(events(tfile), key=lambda e: e["values"]["startTime"]):
    t = e["values"]["thread"]
    if not t:
        continue
    key = t.get("javaThreadId") or t.get("osThreadId")
    names[key] = t.get("javaName") or t.get("osName") or "?"
    when, a = epoch(e["values"]["startTime"]), e["values"]["allocated"]
    if when <= t0:
        start[key] = a
    elif key not in end or when <= t1 or end[key][0] < t1:
        end[key] = (when, a)
by_thread = {}
for key, name in names.items():
    if name.startswith(IGNORED) or key not in end:
        continue
    grew = end[key][1] - start.get(key, 0)
    group = name.rstrip("0123456789").rstrip("-")  # gyre-loop-1 and gyre-loop-2 together
    by_thread[group] = by_thread.get(group, 0) + grew
total = sum(by_thread.values())
threads = ", ".join(f"{g} {b / requests:,.0f}" for g, b in sorted(by_thread.items(), key=lambda x: -x[1])
                     if b / requests >= 1)

def samples(name):  # jfr's text output: --json is ~30x larger with the stacks in it
    event = None
    with open(name) as f:
        for line in f:
            line = line.strip()
            if line.endswith("{") and line.startswith("jdk.ObjectAllocationSample"):
                event = {"frames": []}
            elif event is None:
                continue
            elif line == "}":
                yield event
                event = None
            elif line.startswith("startTime = "):  # 22:30:15.839 (2026-11-21), printed in UTC
                clock, day = line[len("startTime = "):].split(" (")
                event["time"] = datetime.datetime.fromisoformat(day.rstrip(")") + "T" + clock).replace(
                    tzinfo=datetime.timezone.utc).timestamp()
            elif line.startswith("objectClass = "):
                event["class"] = line[len("objectClass = "):].split(" (classLoader")[0]
            elif line.startswith("weight = "):
                number, unit = line[len("weight = "):].split()
                scale = {"byte": 1, "bytes": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}[unit]
                event["weight"] = float(number.replace(",", "")) * scale
            elif line.startswith("eventThread = "):
                event["thread"] = line[len("eventThread = "):]
            elif " line: " in line:
                event["frames"].append(line)

sites, sampled = {}, 0
for e in samples(sfile):
    if not t0 <= e.get("time", 0) <= t1 or e.get("thread", "").strip('"').startswith(IGNORED):
        continue
    w = e.get("weight", 0)
    cls = e.get("class", "?").split("[")[0].rsplit(".", 1)[-1] + "[]" * e.get("class", "").count("[]")
    cls = "(lambda)" if cls.startswith("0x") else cls  # a hidden class has no name to print
    where = "?"
    for f in e["frames"]:  # innermost first: the first Gyre (or bench app) frame names the site
        method, line = f.split("(")[0], f.rsplit(" line: ", 1)[-1]
        if method.startswith("io.gyre.") and "$$Lambda" not in method:
            where = f"{'.'.join(method.rsplit('.', 2)[-2:])}:{line}"
            break
    sites[(cls, where)] = sites.get((cls, where), 0) + w
    sampled += w
top = sorted(sites.items(), key=lambda x: -x[1])[:nsites]
site_text = "; ".join(f"{c} @ {w} {b / sampled * total / requests:,.0f}" for (c, w), b in top) if sampled else "-"
err = f" ({errors} non-2xx)" if errors != "0" else ""
print(f"| {variant} | {path} | {requests:,}{err} | **{total / requests:,.0f}** | {threads} | {site_text} |")
PY
)")
    rm -f "$WORK/threads.json" "$WORK/samples.txt"
  done
  stop_server "$SERVER_PID"
done

echo
echo "## Bytes allocated per request ($(date -u +%F), DUR=${DUR}s WARM=${WARM}s CONNS=$CONNS PIPE=$PIPE)"
echo
echo "| variant | path | requests | bytes/request | by thread (bytes/request) | top allocation sites (class @ first Gyre frame, estimated bytes/request) |"
echo "|---|---|---:|---:|---|---|"
printf '%s\n' "${ROWS[@]}"
