#!/usr/bin/env python3
"""Writes the Gyre-vs-peers markdown table from the result folders of shared/peers/run.sh.

Usage: load_table.py OUT "GYRE_NAMES" "PEER_NAMES"

OUT holds one folder per server (run.sh's layout): wrk outputs named
<endpoint>-c<conns>-r<rep> and <endpoint>-pipe<depth>-c<conns>-r<rep> (each followed by the
server_cpu_pct / wrk_cpu_pct / other_cpu_pct lines run.sh appends; runs set aside as noisy are
named *.noisyN and ignored), startup_ms, rss_idle_kb, rss_after_kb, threads, and probe-r<N>/
folders of the graceful-shutdown probe (code.i, rc.i, body.i, exit_status, exit_ms).

Every Gyre figure is given as a ratio to peers measured in the same run. Exits 1 when a Gyre
server has no measurement at all (the harness did not work); never on performance.
"""
import os
import re
import statistics
import sys

out, gyres, peers = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
peers = [p for p in peers if os.path.isdir(os.path.join(out, p))]
servers = peers + gyres


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def to_ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)$", v)
    if not m:
        return None
    x = float(m.group(1))
    return x / 1000 if m.group(2) == "us" else x * 1000 if m.group(2) == "s" else x


def parse_wrk(text):
    r = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    r["rps"] = float(m.group(1)) if m else None
    for q in ("50", "99"):
        m = re.search(r"^\s+%s%%\s+(\S+)" % q, text, re.M)
        r["p" + q] = to_ms(m.group(1)) if m else None
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    r["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    r["sockerr"] = sum(map(int, m.groups())) if m else 0
    for k in ("server_cpu_pct", "other_cpu_pct"):
        m = re.search(k + r" (-?[\d.]+)", text)
        r[k] = float(m.group(1)) if m else None
    r["per_core"] = r["rps"] / (r["server_cpu_pct"] / 100) if r["rps"] and r["server_cpu_pct"] else None
    return r


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def pipe_depth():
    for s in servers:
        d = os.path.join(out, s)
        if os.path.isdir(d):
            for f in os.listdir(d):
                m = re.fullmatch(r"plaintext-pipe(\d+)-c\d+-r\d+", f)
                if m:
                    return m.group(1)
    return "16"


PIPE = pipe_depth()
CASES = [("plaintext", "c64", "pt c64"), ("plaintext", "c256", "pt c256"), ("json", "c64", "json c64"),
         ("json", "c256", "json c256"), ("plaintext", f"pipe{PIPE}-c256", f"pt pipelined {PIPE} c256")]


def case(server, ep, cs):
    d = os.path.join(out, server)
    if not os.path.isdir(d):
        return None
    files = sorted(f for f in os.listdir(d) if re.fullmatch(rf"{ep}-{cs}-r\d+", f))
    runs = [parse_wrk(read(os.path.join(d, f)) or "") for f in files]
    runs = [r for r in runs if r["rps"] is not None]
    if not runs:
        return None
    return {"rps": med([r["rps"] for r in runs]), "p50": med([r["p50"] for r in runs]),
            "p99": med([r["p99"] for r in runs]), "n": len(runs), "per_core": med([r["per_core"] for r in runs]),
            "server_cpu": med([r["server_cpu_pct"] for r in runs]),
            "other_cpu": max((r["other_cpu_pct"] or 0) for r in runs),
            "errors": sum(r["non2xx"] + r["sockerr"] for r in runs)}


data = {s: {c[2]: case(s, c[0], c[1]) for c in CASES} for s in servers}


def fmt_rps(x):
    return "-" if x is None else f"{x:,.0f}"


def fmt_ms(x):
    return "-" if x is None else f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:.0f}"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def fmt_ratio(r):
    return "" if r is None else f" ({r:.2f}x)"


def best_peer(label, key, lowest=False):
    vals = [(data[p][label][key], p) for p in peers if data[p][label] and data[p][label][key] is not None]
    if not vals:
        return None, "-"
    return (min if lowest else max)(vals)


lines = []
emit = lines.append
env = read(os.path.join(out, "env.txt")) or ""
jdk = re.search(r"^java: (.*)$", env, re.M)
emit(f"Results folder: `{out}`. Settings: {os.environ.get('LOAD_SETTINGS', 'see run.log')}.")
if jdk:
    emit(f"JVM: {jdk.group(1).strip()}.")
emit("")
def ratio_table(title, key, show_errors):
    """A table of one figure per server and case; Gyre rows get their ratio to the best peer."""
    emit(title)
    emit("| server | " + " | ".join(c[2] for c in CASES) + " |")
    emit("|---|" + "---:|" * len(CASES))
    for s in servers:
        cells = []
        for c in CASES:
            v = data[s][c[2]]
            x = v[key] if v else None
            r = ratio(x, best_peer(c[2], key)[0]) if s in gyres else None
            err = f" [{v['errors']} errors]" if show_errors and v and v["errors"] else ""
            cells.append(fmt_rps(x) + fmt_ratio(r) + err)
        emit(f"| {s} | " + " | ".join(cells) + " |")


ratio_table("### Throughput, req/s (median of repeats); Gyre rows: ratio to the best peer of the column in this run",
            "rps", True)
if peers:
    emit("| *best peer* | " + " | ".join(
        (lambda b: f"{b[1]} {fmt_rps(b[0])}" if b[0] is not None else "-")(best_peer(c[2], "rps")) for c in CASES) + " |")

emit("")
emit("### Server CPU use, % of one core (median); other CPU, % of a core (max): work of other processes")
emit("A server CPU well under 100 % in a non-pipelined row means the server was starved (by wrk or by other")
emit("processes), not saturated: compare servers on the next table then, and repeat the run on a quiet machine.")
emit("| server | " + " | ".join(c[2] for c in CASES) + " |")
emit("|---|" + "---:|" * len(CASES))
for s in servers:
    emit(f"| {s} | " + " | ".join(
        "-" if not data[s][c[2]] or data[s][c[2]]["server_cpu"] is None
        else f"{data[s][c[2]]['server_cpu']:.0f} (other {data[s][c[2]]['other_cpu']:.0f})" for c in CASES) + " |")

emit("")
ratio_table("### Requests per server CPU-second (req/s / server CPU share); Gyre rows: ratio to the best peer",
            "per_core", False)
emit("")
emit("### Latency p99, ms (median of repeats; not for pipelined runs); Gyre rows: ratio to the lowest peer p99")
lat = [c for c in CASES if "pipelined" not in c[2]]
emit("| server | " + " | ".join(c[2] for c in lat) + " |")
emit("|---|" + "---:|" * len(lat))
for s in servers:
    cells = []
    for c in lat:
        v = data[s][c[2]]
        p99 = v["p99"] if v else None
        r = ratio(p99, best_peer(c[2], "p99", lowest=True)[0]) if s in gyres else None
        cells.append(fmt_ms(p99) + fmt_ratio(r))
    emit(f"| {s} | " + " | ".join(cells) + " |")


def ints(s, name):
    t = read(os.path.join(out, s, name))
    return [int(x) for x in t.split()] if t else []


def mib(s, name):
    v = ints(s, name)
    return v[0] / 1024 if v else None


emit("")
emit("### Start-up and memory; Gyre rows: RSS ratio to Netty (or the smallest peer when Netty is absent)")
emit("| server | start-up ms (spawn -> first 200), median [all] | RSS idle MiB | RSS after load MiB | threads after load |")
emit("|---|---:|---:|---:|---:|")
rss_ref_name = "netty" if "netty" in peers and mib("netty", "rss_after_kb") else None
if rss_ref_name is None:
    cands = [(mib(p, "rss_after_kb"), p) for p in peers if mib(p, "rss_after_kb")]
    rss_ref_name = min(cands)[1] if cands else None
rss_ref = mib(rss_ref_name, "rss_after_kb") if rss_ref_name else None
for s in servers:
    su = ints(s, "startup_ms")
    after = mib(s, "rss_after_kb")
    r = ratio(after, rss_ref) if s in gyres else None
    idle = mib(s, "rss_idle_kb")
    th = ints(s, "threads")
    emit(f"| {s} | {statistics.median(su):.0f} {su} | " if su else f"| {s} | - | ")
    lines[-1] += (f"{idle:.0f} | " if idle else "- | ") + (f"{after:.0f}{fmt_ratio(r)} | " if after else "- | ") \
        + (f"{th[0]} |" if th else "- |")


def probe(s):
    d = os.path.join(out, s)
    reps = sorted(x for x in os.listdir(d) if re.fullmatch(r"probe-r\d+", x)) if os.path.isdir(d) else []
    res = []
    for rep in reps:
        pd = os.path.join(d, rep)
        if not os.path.exists(f"{pd}/exit_status"):
            continue  # the probe did not run to the end (e.g. the server could not start)
        ok, last_body = 0, None
        for i in range(1, 21):
            code = (read(f"{pd}/code.{i}") or "").strip()
            rc = (read(f"{pd}/rc.{i}") or "").strip()
            body_path = f"{pd}/body.{i}"
            body = read(body_path) if os.path.exists(body_path) else None
            if code == "200" and rc == "0" and body == "done":
                ok += 1
                t = os.stat(body_path).st_mtime_ns
                last_body = t if last_body is None else max(last_body, t)
        status = (read(f"{pd}/exit_status") or "?").strip()
        exit_ms = (read(f"{pd}/exit_ms") or "").strip()
        gap = None
        if last_body is not None and os.path.exists(f"{pd}/exit_status"):
            gap = (os.stat(f"{pd}/exit_status").st_mtime_ns - last_body) / 1e6
        res.append({"ok": ok, "status": status, "exit_ms": int(exit_ms) if exit_ms else None, "gap": gap,
                    "killed": os.path.exists(f"{pd}/sigkill")})
    return res


def fmt_gap(x):
    return "-" if x["gap"] is None else f"{x['gap']:.0f}"


probes = {s: probe(s) for s in servers}
if any(probes.values()):
    emit("")
    emit("### Graceful-shutdown probe (20 concurrent GET /slow, SIGTERM 0.5 s later), per probe run")
    emit("| server | complete 200s of 20 | exit status | SIGTERM -> exit ms | last response -> exit ms (file times) |")
    emit("|---|---:|---:|---:|---:|")
    for s in servers:
        p = probes[s]
        if not p:
            continue
        emit(f"| {s} | {' / '.join(str(x['ok']) for x in p)} | {', '.join(x['status'] for x in p)} | "
             f"{' / '.join(('-' if x['exit_ms'] is None else str(x['exit_ms'])) + (' (SIGKILL)' if x['killed'] else '') for x in p)} | "
             f"{' / '.join(fmt_gap(x) for x in p)} |")

# ---------------------------------------------------------------- targets (informational)
checks = []


def check(what, ok, detail):
    checks.append(f"| {what} | {'n/a' if ok is None else 'met' if ok else 'missed'} | {detail} |")


THROUGHPUT = [c[2] for c in CASES if "pipelined" not in c[2]]
PIPELINED = CASES[-1][2]
for g in gyres:
    kind = "loop-safe" if g.endswith("loop") else "task" if g.endswith("task") else "web" if g.endswith("web") else g
    for label in THROUGHPUT:
        v = data[g][label]
        rps = v["rps"] if v else None
        b, bn = best_peer(label, "rps")
        if kind == "loop-safe":
            check(f"{g} {label} >= best peer", None if rps is None or b is None else rps >= b,
                  f"{fmt_rps(rps)} vs {bn} {fmt_rps(b)}")
        elif kind == "task":
            h = data["helidon"][label]["rps"] if "helidon" in peers and data["helidon"][label] else None
            ok = None if rps is None or b is None else rps >= 0.8 * b and (h is None or rps >= h)
            check(f"{g} {label} >= helidon and >= 0.8x best peer", ok,
                  f"{fmt_rps(rps)} vs helidon {fmt_rps(h)}, best {bn} {fmt_rps(b)}")
    for label in ("pt c256", "json c256"):
        v = data[g][label]
        p99 = v["p99"] if v else None
        b, bn = best_peer(label, "p99", lowest=True)
        check(f"{g} {label} p99 <= best peer", None if p99 is None or b is None else p99 <= b,
              f"{fmt_ms(p99)} ms vs {bn} {fmt_ms(b)} ms")
    if kind in ("loop-safe", "task"):
        want = 1.0 if kind == "loop-safe" else 0.5
        v = data[g][PIPELINED]
        n = data["netty"][PIPELINED] if "netty" in peers else None
        r = ratio(v["rps"] if v else None, n["rps"] if n else None)
        check(f"{g} pipelined >= {want}x netty", None if r is None else r >= want,
              f"{fmt_ratio(r).strip() or 'netty not in run'}")
    su = ints(g, "startup_ms")
    check(f"{g} start-up <= 300 ms", statistics.median(su) <= 300 if su else None,
          f"{statistics.median(su):.0f} ms" if su else "-")
    after = mib(g, "rss_after_kb")
    nr = mib("netty", "rss_after_kb") if "netty" in peers else None
    r = ratio(after, nr)
    check(f"{g} RSS after load <= 0.75x netty", None if r is None else r <= 0.75,
          f"{after:.0f} MiB{fmt_ratio(r)}" if after else "-")
    p = probes[g]
    if p:
        ok = all(x["ok"] == 20 and x["status"] == "0" and x["gap"] is not None and x["gap"] <= 100 for x in p)
        check(f"{g} shutdown probe 20/20, exit 0, gone <= 100 ms after last response", ok,
              "; ".join(f"{x['ok']}/20 exit {x['status']} gap {'-' if x['gap'] is None else round(x['gap'])} ms"
                        for x in p))
    if kind == "web":
        # the raw handler it is measured against: the task handler (like for like: a task per
        # request), and the loop-safe one (the fastest raw path) when it was measured
        bases = [x for x in gyres if x.endswith("task")] + [x for x in gyres if x.endswith("loop")]
        for label in ("json c64", "json c256"):
            w = data[g][label]["rps"] if data[g][label] else None
            for base in bases or [None]:
                rb = data[base][label]["rps"] if base and data[base][label] else None
                r = ratio(w, rb)
                check(f"{g} {label} >= 0.8x {base}", None if r is None else r >= 0.8, fmt_ratio(r).strip() or "-")
            fa = data["fastapi"][label]["rps"] if "fastapi" in peers and data["fastapi"][label] else None
            r = ratio(w, fa)
            check(f"{g} {label} >= 4x fastapi", None if r is None else r >= 4, fmt_ratio(r).strip() or "-")

if checks:
    emit("")
    emit("### Targets (informational; n/a when the reference peer was not in this run)")
    emit("| target | result | measured |")
    emit("|---|---|---|")
    lines.extend(checks)

print("\n".join(lines))
missing = [g for g in gyres if not any(data[g].values())]
if missing:
    print(f"\nload_table.py: no measurement for {', '.join(missing)}: the server did not start or did not answer;"
          f" see {out}/<name>/server.log and {out}/run.log", file=sys.stderr)
    sys.exit(1)
