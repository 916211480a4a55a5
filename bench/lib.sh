# The set-up the bench scripts share (load.sh, ws.sh, alloc.sh, startup.sh). Sourced, not run:
#
#   set -euo pipefail
#   source "$(dirname "$0")/lib.sh"
#
# right after the script's header comment, which `usage` prints. Sourcing it makes the checkout the
# working directory and sets ROOT (the checkout), ME (the script's name, for messages) and
# SERVER_CPU / CLIENT_CPU (servers under test run on CPU 1, load clients on CPU 0).
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ME=$(basename "$0")
SCRIPT=$ROOT/bench/$ME
cd "$ROOT"
SERVER_CPU=1 CLIENT_CPU=0

die() { # die MESSAGE...: the message on stderr, prefixed with the script's name; exit 1
  echo "$ME: $*" >&2
  exit 1
}

usage() { # prints the script's header comment (up to its `set -euo` line) and exits 2
  sed -n '2,/^set -euo/p' "$SCRIPT" | grep '^#' | sed 's/^# \{0,1\}//'
  exit 2
}

no_args() { # no_args "$@": a script that takes no argument shows its usage when given one
  [[ -z ${1:-} ]] || usage
}

need() { # need TOOL[:PACKAGE]...: fails naming the Debian package of the first missing tool
  local t
  for t in "$@"; do
    command -v "${t%%:*}" >/dev/null || die "${t%%:*} is needed (apt-get install ${t#*:})"
  done
}

build_bench() { # builds gyre and the bench module unless NO_BUILD=1; fails when there is no build
  if [[ ${NO_BUILD:-0} != 1 ]]; then
    echo "$ME: building gyre and the bench module" >&2
    ./gyre mvn -q -B --no-transfer-progress -pl bench -am install -DskipTests
  fi
  local f
  for f in classpath classpath-server classpath-web; do
    [[ -f bench/target/$f.txt ]] || die "bench/target/$f.txt is missing; build the bench module (drop NO_BUILD)"
  done
}

resolve_jdk() { # resolve_jdk [TOOL...]: sets JDK to the JDK ./gyre picks; fails without bin/java or a TOOL
  # Resolved once: a server command must not pay for ./gyre's lookup at start-up.
  JDK=$(./gyre java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p' | head -1)
  local t
  for t in java "$@"; do
    [[ -x $JDK/bin/$t ]] || die "no bin/$t in the JDK ./gyre uses (${JDK:-none resolved}); check ./gyre java -version"
  done
}

APP= # the bench app's snapshot folder, once snapshot_app made one

snapshot_app() { # snapshot_app DIR: copies the bench classes and jars into DIR/app; app_cp then uses the copy
  # A build of the same checkout (or an install into ~/.m2) during the run must not change the
  # server under test.
  mkdir -p "$1/app/lib"
  cp -r bench/target/classes "$1/app/"
  tr ':' '\n' <bench/target/classpath.txt | xargs -r cp -t "$1/app/lib"
  APP=$1/app
}

app_cp() { # app_cp VARIANT: the class path of a bench-app variant (loop, task or web), from the snapshot if any
  # Only the jars an app of its kind ships, as each peer has: the raw variants get gyre-server and
  # Jackson, gyre-web its own jars too, and none gets JMH's (the JDK reads every jar on the class
  # path when it looks up the selector provider, so extra jars cost start-up).
  local list=bench/target/classpath-server.txt jar cp
  [[ $1 == web ]] && list=bench/target/classpath-web.txt
  if [[ -z $APP ]]; then
    echo "bench/target/classes:$(cat "$list")"
    return
  fi
  cp=$APP/classes
  for jar in $(tr ':' ' ' <"$list"); do cp+=":$APP/lib/$(basename "$jar")"; done
  echo "$cp"
}

abs_dir() { # abs_dir DIR: creates DIR and prints its absolute path
  mkdir -p "$1" && (cd "$1" && pwd)
}

free_port() { # a port free on 127.0.0.1 now: a fixed one may be taken by another server on the machine
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Servers started by spawn_server and not stopped yet; stop_servers (from the script's EXIT trap)
# stops them, so none outlives a failed or interrupted run.
SERVERS=()

spawn_server() { # spawn_server LOG DIR COMMAND...: runs COMMAND in DIR on SERVER_CPU; sets SERVER_PID
  local log=$1 dir=$2
  shift 2
  (cd "$dir" && exec taskset -c "$SERVER_CPU" "$@") >"$log" 2>&1 &
  SERVER_PID=$!
  SERVERS+=("$SERVER_PID")
}

await_http() { # await_http NAME PID URL LOG: waits (60 s at most) for a 2xx from URL; fails with LOG
  local name=$1 pid=$2 url=$3 log=$4 deadline=$((SECONDS + 60))
  until curl -fs -o /dev/null --max-time 1 "$url"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$ME: $name exited before answering $url; its log ($log):" >&2
      cat "$log" >&2
      exit 1
    fi
    ((SECONDS < deadline)) || die "$name did not answer $url within 60 s; see $log"
    sleep 0.1
  done
}

stop_server() { # stop_server PID: SIGTERM, SIGKILL after 5 s, then reaps it
  local pid=$1 p i rest=()
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  for p in "${SERVERS[@]}"; do [[ $p == "$pid" ]] || rest+=("$p"); done
  SERVERS=("${rest[@]}")
}

stop_servers() { # stops every server spawn_server started and stop_server did not stop
  local p
  for p in "${SERVERS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${SERVERS[@]}"; do stop_server "$p"; done
}
