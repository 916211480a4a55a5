#!/usr/bin/env bash
# Load comparison of Gyre against the peer servers, through the peers' own driver
# (../shared/peers/run.sh) so that Gyre gets the identical method: server pinned to CPU 1, wrk on
# CPU 0, warm-up, median of repeats, noisy runs repeated, start-up, RSS and the graceful-shutdown
# probe. Writes a markdown table of Gyre vs the peers, with ratios, to $OUT/gyre-vs-peers.md.
#
#   bench/load.sh            full comparison (about 4 min per server with the defaults)
#   bench/load.sh --smoke    harness check only: 1 rep, 3 s runs, one cheap peer, 1 probe run;
#                            fails only when the harness itself did not work (no thresholds)
#
# Env (defaults in brackets; --smoke changes the ones marked *):
#   PEERS     peers to measure ["netty vertx-epoll helidon uvicorn-asgi fastapi"; *"uvicorn-asgi"];
#             "" measures Gyre alone (peers already measured into the same OUT stay in the table)
#   VARIANTS  bench-app variants, each measured as server gyre-<variant> ["loop task web"]:
#             loop = loop-safe handler (inline on the loop; /slow runs as a task via runsInline),
#             task = handler run as a task per request, web = gyre-web routes (a task per request)
#   DUR* REPS* WARM* PROBE* PIPE OTHER_MAX*   as in run.sh [10, 3, 10, 3, 16, 15;
#             smoke: 3, 1, 1, 1, 16, 1000]
#   OUT       results folder [bench/results/<timestamp>]
#   EXT_PORT  port of the Gyre server [a free port]
#   PEERS_DIR the peers' folder [../shared/peers next to this checkout]
#   NO_BUILD=1  skip the Maven build
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SMOKE=0
case ${1:-} in
  --smoke) SMOKE=1 ;;
  "") ;;
  *) usage ;;
esac
need python3

if ((SMOKE)); then
  DUR=${DUR:-3} REPS=${REPS:-1} WARM=${WARM:-1} PROBE=${PROBE:-1}
  OTHER_MAX=${OTHER_MAX:-1000} # a smoke run measures nothing: never repeat a run for noise
  PEERS=${PEERS-uvicorn-asgi}
else
  DUR=${DUR:-10} REPS=${REPS:-3} WARM=${WARM:-10} PROBE=${PROBE:-3}
  PEERS=${PEERS-netty vertx-epoll helidon uvicorn-asgi fastapi}
fi
PIPE=${PIPE:-16}
OTHER_MAX=${OTHER_MAX:-15}
VARIANTS=${VARIANTS:-loop task web}
EXT_PORT=${EXT_PORT:-$(free_port)}
PEERS_DIR=${PEERS_DIR:-$ROOT/../shared/peers}
OUT=${OUT:-$ROOT/bench/results/$(date +%Y%m%d-%H%M%S)}

[[ -f $PEERS_DIR/run.sh ]] || die "no peer driver at $PEERS_DIR/run.sh; set PEERS_DIR"
build_bench
resolve_jdk
OUT=$(abs_dir "$OUT")
snapshot_app "$OUT"
GYRES=()
# run.sh drives one extra server per invocation: the peers get their own pass, then each variant.
driver() { # driver PEERS [EXT_NAME EXT_CMD PROBE]
  local peers=$1 name=${2:-} cmd=${3:-} probe=${4:-$PROBE}
  PEERS=$peers EXT_NAME=$name EXT_DIR=$ROOT EXT_PORT=$EXT_PORT EXT_CMD=$cmd \
    OUT=$OUT DUR=$DUR REPS=$REPS WARM=$WARM PROBE=$probe PIPE=$PIPE OTHER_MAX=$OTHER_MAX JAVA25_HOME=$JDK \
    bash "$PEERS_DIR/run.sh" >"$OUT/run-${name:-peers}.out" || echo "load.sh: run.sh exited $? (see $OUT/run.log)" >&2
  cp "$OUT/report.md" "$OUT/report-${name:-peers}.md" 2>/dev/null || true
}
if [[ -n ${PEERS// /} ]]; then
  echo "load.sh: measuring the peers: $PEERS" >&2
  driver "$PEERS"
fi
for v in $VARIANTS; do
  name=gyre-$v
  GYRES+=("$name")
  echo "load.sh: measuring $name" >&2
  driver " " "$name" "'$JDK/bin/java' -cp '$(app_cp "$v")' io.gyre.bench.app.BenchServer --handler $v --port $EXT_PORT" "$PROBE"
done

# Peers measured into $OUT, by this or an earlier invocation with the same OUT (a re-run of one
# variant, VARIANTS=task PEERS= OUT=<folder>, keeps the peers' figures).
peers_in_out() {
  local d
  for d in "$OUT"/*/; do
    d=$(basename "$d")
    [[ $d == gyre-* || ! -f $OUT/$d/startup_ms ]] || printf '%s ' "$d"
  done
}
other_gyres_in_out() { # Gyre variants measured into $OUT earlier, not in this invocation
  local d
  for d in "$OUT"/gyre-*/; do
    d=$(basename "$d")
    [[ -f $OUT/$d/startup_ms && " ${GYRES[*]} " != *" $d "* ]] && printf ' %s' "$d"
  done
  return 0
}
status=0
{
  echo "## Gyre vs peers ($(date -u +%F), $( ((SMOKE)) && echo 'smoke run, not a measurement' || echo "DUR=$DUR REPS=$REPS"))"
  echo
  LOAD_SETTINGS="DUR=$DUR REPS=$REPS WARM=$WARM PROBE=$PROBE PIPE=$PIPE, variants: $VARIANTS" \
    python3 bench/load_table.py "$OUT" "${GYRES[*]}$(other_gyres_in_out)" "$(peers_in_out)"
} >"$OUT/gyre-vs-peers.md" || status=$?
cat "$OUT/gyre-vs-peers.md"
echo "load.sh: table written to $OUT/gyre-vs-peers.md" >&2
exit "$status"
