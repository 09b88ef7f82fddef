#!/usr/bin/env python3
"""Helpers for benchmarks/run.sh (standard library only, except `verify`).

  bench.py body OUT                  write the gRPC-framed SimpleRequest body
  bench.py verify PORT               one real gRPC call (python grpcio); checks OK + 64-byte payload
  bench.py run [options]             one h2load run; samples server RSS/CPU; appends a JSON line
  bench.py report [options]          writes the Markdown report from the JSON lines

run.sh is the entry point; this file is not meant to be used on its own.
"""

import argparse
import datetime
import json
import math
import os
import re
import statistics
import struct
import subprocess
import sys
import time

METHOD = "/grpc.testing.TestService/UnaryCall"
PAYLOAD_SIZE = 64
# Smallest valid response DATA per call: 5-byte gRPC frame header +
# SimpleResponse{payload(1): Payload{body(2): 64 bytes}} = 5 + 2 + 2 + 64.
MIN_RESPONSE_DATA = 5 + 2 + 2 + PAYLOAD_SIZE
CLK_TCK = os.sysconf("SC_CLK_TCK")
# A run is flagged "disturbed" when processes other than the server and h2load used at least
# this much CPU (% of one CPU) during it. The idle second server and the sampler use ~2-12%.
DISTURBED_PCT = 25.0


# ---- request body ------------------------------------------------------------


def simple_request_bytes():
    """grpc.testing.SimpleRequest{response_size: 64, payload: {body: 64 zero bytes}}, hand-encoded."""
    payload = b"\x12" + bytes([PAYLOAD_SIZE]) + bytes(PAYLOAD_SIZE)  # Payload.body: field 2, LEN
    msg = b"\x10" + bytes([PAYLOAD_SIZE])  # SimpleRequest.response_size: field 2, varint
    msg += b"\x1a" + bytes([len(payload)]) + payload  # SimpleRequest.payload: field 3, LEN
    return msg


def cmd_body(a):
    msg = simple_request_bytes()
    with open(a.out, "wb") as f:
        f.write(b"\x00" + struct.pack(">I", len(msg)) + msg)  # uncompressed, 4-byte BE length


# ---- verification with a real gRPC client ----------------------------------


def _fields(buf):
    """Minimal protobuf reader: yields (field, wire_type, value)."""
    i = 0
    while i < len(buf):
        key, i = _varint(buf, i)
        field, wt = key >> 3, key & 7
        if wt == 0:
            v, i = _varint(buf, i)
        elif wt == 2:
            n, i = _varint(buf, i)
            v, i = buf[i : i + n], i + n
        elif wt == 1:
            v, i = buf[i : i + 8], i + 8
        elif wt == 5:
            v, i = buf[i : i + 4], i + 4
        else:
            raise ValueError(f"unsupported wire type {wt}")
        yield field, wt, v


def _varint(buf, i):
    shift = result = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, i
        shift += 7


def cmd_verify(a):
    import grpc  # Debian python3-grpcio

    with grpc.insecure_channel(f"127.0.0.1:{a.port}") as ch:
        call = ch.unary_unary(METHOD)  # no serializers: raw bytes in and out
        resp, info = call.with_call(simple_request_bytes(), timeout=10)
    if info.code() != grpc.StatusCode.OK:
        sys.exit(f"{a.label}: gRPC status {info.code()}")
    body = None
    for f, wt, v in _fields(resp):
        if f == 1 and wt == 2:  # SimpleResponse.payload
            for f2, wt2, v2 in _fields(v):
                if f2 == 2 and wt2 == 2:  # Payload.body
                    body = v2
    if body is None or len(body) != PAYLOAD_SIZE:
        sys.exit(f"{a.label}: expected a {PAYLOAD_SIZE}-byte payload, got {None if body is None else len(body)}")
    print(f"{a.label}: grpc-status OK, {len(body)}-byte payload ({len(resp)}-byte SimpleResponse)")


# ---- one h2load run -------------------------------------------------------------


def _proc_ticks(pid):
    """utime + stime of a process in clock ticks, or None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            s = f.read()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = s[s.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])  # fields 14 and 15 of stat(5)


def _rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def _machine_ticks():
    with open("/proc/stat") as f:
        parts = f.readline().split()[1:]
    vals = [int(x) for x in parts]
    idle = vals[3] + vals[4]  # idle + iowait
    return sum(vals[:8]), idle


def _pct(sorted_vals, p):
    if not sorted_vals:
        return None
    k = math.ceil(p / 100.0 * len(sorted_vals)) - 1  # nearest-rank percentile
    return sorted_vals[max(0, min(len(sorted_vals) - 1, k))]


def parse_h2load(text):
    r = {}
    m = re.search(r"finished in [^,]+, ([\d.]+) req/s", text)
    r["rps"] = float(m.group(1)) if m else None
    m = re.search(
        r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored, (\d+) timeout",
        text,
    )
    if m:
        for k, v in zip(("total", "started", "done", "succeeded", "failed", "errored", "timeout"), m.groups()):
            r[k] = int(v)
    m = re.search(r"status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx", text)
    if m:
        for k, v in zip(("s2xx", "s3xx", "s4xx", "s5xx"), m.groups()):
            r[k] = int(v)
    m = re.search(r"traffic: .*?, ([\d.]+\w*) \((\d+)\) data", text)
    r["data_bytes"] = int(m.group(2)) if m else None
    m = re.search(r"time for request:\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)", text)
    if m:
        r["h2load_min_us"], r["h2load_max_us"], r["h2load_mean_us"], r["h2load_sd_us"] = (
            _dur_us(x) for x in m.groups()
        )
    return r


def _dur_us(s):
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", s)
    if not m:
        return None
    return float(m.group(1)) * {"us": 1, "ms": 1e3, "s": 1e6}[m.group(2)]


def cmd_run(a):
    conns = a.conns
    per_conn = a.streams // conns
    log_path = os.path.join(a.outdir, f"{a.tag}.log")
    out_path = os.path.join(a.outdir, f"{a.tag}.h2load.txt")
    cmd = [
        a.h2load,
        "-c", str(conns),
        "-m", str(per_conn),
        "-t", "1",
        "-D", str(a.duration),
        "--warm-up-time", str(a.warmup),
        "-d", a.body,
        "-H", "content-type: application/grpc",
        "-H", "te: trailers",
        "--log-file", log_path,
        f"http://127.0.0.1:{a.port}{METHOD}",
    ]
    if os.path.exists(log_path):
        os.remove(log_path)  # h2load appends

    # On a shared machine, wait (bounded) for unrelated load to go away before starting.
    waited = 0.0
    if a.quiet_wait > 0:
        t_wait = time.monotonic()
        while _background_cpu(1.0) >= DISTURBED_PCT:
            waited = time.monotonic() - t_wait
            if waited >= a.quiet_wait:
                break
            if waited < 1.5:
                print(f"  (machine busy before the run; waiting up to {a.quiet_wait:.0f} s for it to calm down)",
                      flush=True)

    problems = []
    out_f = open(out_path, "w")
    out_f.write("$ " + " ".join(cmd) + "\n")
    out_f.flush()
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=out_f, stderr=subprocess.STDOUT)
    deadline = t0 + a.warmup + a.duration + 60
    peak_rss = 0
    samples = []  # (t, server_ticks, h2load_ticks, machine_total, machine_idle)
    rusage = None
    status = None
    while True:
        now = time.monotonic()
        rss = _rss_kb(a.pid)
        if rss is None:
            problems.append("server process disappeared during the run")
        else:
            peak_rss = max(peak_rss, rss)
        st, h2 = _proc_ticks(a.pid), _proc_ticks(p.pid)
        mt, mi = _machine_ticks()
        if st is not None and h2 is not None:
            samples.append((now - t0, st, h2, mt, mi))
        wpid, wstatus, ru = os.wait4(p.pid, os.WNOHANG)
        if wpid:
            status, rusage = wstatus, ru
            p.returncode = os.waitstatus_to_exitcode(wstatus)
            break
        if rss is None:
            p.kill()
        if now > deadline:
            problems.append("h2load did not finish in time; killed")
            p.kill()
        time.sleep(a.interval)
    out_f.close()
    with open(out_path) as f:
        text = f.read()
    r = parse_h2load(text)

    # CPU over the measured (post-warm-up) window, from the /proc samples.
    main = [s for s in samples if s[0] >= a.warmup + 0.2]
    cpu = {}
    if len(main) >= 2:
        (t1, s1, h1, m1, i1), (t2, s2, h2, m2, i2) = main[0], main[-1]
        wall = t2 - t1
        cpu["server_cpu_pct"] = 100.0 * (s2 - s1) / CLK_TCK / wall
        cpu["h2load_cpu_pct"] = 100.0 * (h2 - h1) / CLK_TCK / wall
        busy = (m2 - m1) - (i2 - i1)
        cpu["machine_busy_pct"] = 100.0 * busy / (m2 - m1) * os.cpu_count() if m2 > m1 else None
        if cpu["machine_busy_pct"] is not None:
            cpu["other_cpu_pct"] = max(0.0, cpu["machine_busy_pct"] - cpu["server_cpu_pct"] - cpu["h2load_cpu_pct"])

    # Latency percentiles from h2load's per-request log (main duration only).
    # h2load artefact: a stream whose response headers arrive during warm-up but which closes
    # in the main duration is counted as succeeded, yet its status is not recorded (status 0 in
    # the log, missing from the 2xx count). At most one per in-flight stream, at the boundary.
    lat = []
    bad_status = 0
    boundary = 0
    status_hist = {}
    try:
        with open(log_path) as f:
            for line in f:
                cols = line.split("\t")
                if len(cols) < 3:
                    continue
                status_hist[cols[1]] = status_hist.get(cols[1], 0) + 1
                if cols[1] == "0":
                    boundary += 1
                elif cols[1] != "200":
                    bad_status += 1
                lat.append(int(cols[2]))
    except FileNotFoundError:
        problems.append("h2load wrote no log file")
    lat.sort()
    if not a.keep_logs and os.path.exists(log_path):
        os.remove(log_path)

    if p.returncode != 0:
        problems.append(f"h2load exited with {p.returncode}")
    if r.get("rps") is None or "succeeded" not in r or "s2xx" not in r:
        problems.append("could not parse h2load output")
    else:
        if r["succeeded"] == 0:
            problems.append("no successful requests")
        for k in ("failed", "errored", "timeout", "s3xx", "s4xx", "s5xx"):
            if r.get(k):
                problems.append(f"{r[k]} {k}")
        # The mirror image at the end: headers (2xx counted) in the main duration, stream closed
        # after it (not counted as done). Again at most one per in-flight stream.
        at_end = r["s2xx"] + boundary - r["succeeded"]
        if boundary > a.streams or not 0 <= at_end <= a.streams:
            problems.append(
                f"status accounting does not add up: {r['s2xx']} 2xx, {r['succeeded']} succeeded, "
                f"{boundary} without a recorded status ({a.streams} streams in flight)"
            )
        # HTTP 200 alone does not prove gRPC success: an error is a trailers-only
        # response with no DATA. Require at least one response message per request.
        if r.get("data_bytes") is not None and r["data_bytes"] < MIN_RESPONSE_DATA * r["succeeded"]:
            problems.append(
                f"only {r['data_bytes']} response DATA bytes for {r['succeeded']} requests "
                f"(expected >= {MIN_RESPONSE_DATA} each)"
            )
    if bad_status:
        problems.append(f"{bad_status} entries in the h2load log with a status other than 200")

    rec = {
        "server": a.label,
        "streams": a.streams,
        "connections": conns,
        "streams_per_connection": per_conn,
        "round": a.round,
        "seq": a.seq,
        "duration_s": a.duration,
        "warmup_s": a.warmup,
        **r,
        **cpu,
        "lat_n": len(lat),
        "lat_mean_us": (sum(lat) / len(lat)) if lat else None,
        "lat_p50_us": _pct(lat, 50),
        "lat_p90_us": _pct(lat, 90),
        "lat_p99_us": _pct(lat, 99),
        "lat_p999_us": _pct(lat, 99.9),
        "lat_max_us": lat[-1] if lat else None,
        "boundary_status_unrecorded": boundary,
        "boundary_2xx_not_done": r.get("s2xx", 0) + boundary - r.get("succeeded", 0),
        "log_status_counts": status_hist,
        "peak_rss_kb": peak_rss,
        "h2load_rusage_cpu_s": (rusage.ru_utime + rusage.ru_stime) if rusage else None,
        "waited_for_quiet_s": round(waited, 1),
        "disturbed": (cpu.get("other_cpu_pct") or 0) >= DISTURBED_PCT,
        "ok": not problems,
        "problems": problems,
    }
    with open(a.results, "a") as f:
        f.write(json.dumps(rec) + "\n")
    lat_txt = f"p50 {_ms(rec['lat_p50_us'])} p99 {_ms(rec['lat_p99_us'])}"
    cpu_txt = (
        f"cpu server {cpu['server_cpu_pct']:.0f}% h2load {cpu['h2load_cpu_pct']:.0f}% "
        f"other {cpu.get('other_cpu_pct') or 0:.0f}%" if cpu else "cpu n/a"
    )
    print(
        f"  round {a.round} {a.label:7s} streams {a.streams:3d}: "
        f"{(r.get('rps') or 0):10.0f} req/s  {lat_txt}  rss {peak_rss / 1024:.0f} MB  {cpu_txt}"
        + (" (disturbed)" if rec["disturbed"] else "")
        + ("" if rec["ok"] else "  FAILED: " + "; ".join(problems)),
        flush=True,
    )


def _ms(us):
    if us is None:
        return "n/a"
    return f"{us / 1000:.2f} ms"


# ---- report ----------------------------------------------------------------------


def _sh(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception as e:  # noqa: BLE001 - report whatever happened
        return f"unavailable ({e})"


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def _mem_gib():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    return None


def _fmt_rps(x):
    return f"{x:,.0f}" if x is not None else "n/a"


def cmd_report(a):
    recs = [json.loads(l) for l in open(a.results) if l.strip()]
    meta = json.load(open(a.meta))
    servers = [("dotnet", "Procurement interop server (.NET)"), ("grpc-js", "grpc-js server")]
    levels = sorted({r["streams"] for r in recs})
    conns = sorted({r["connections"] for r in recs})
    failed = [r for r in recs if not r["ok"]]

    def ok_runs(server, streams):
        return [r for r in recs if r["server"] == server and r["streams"] == streams and r["ok"]]

    def med(vals):
        vals = [v for v in vals if v is not None]
        return statistics.median(vals) if vals else None

    summary = {}
    for s in levels:
        d = med([r["rps"] for r in ok_runs("dotnet", s)])
        j = med([r["rps"] for r in ok_runs("grpc-js", s)])
        summary[s] = (d, j, (d / j) if d and j else None)

    target_levels = [s for s in (16, 64) if s in summary]
    target_ratios = {s: summary[s][2] for s in target_levels}
    if len(target_levels) < 2 or any(v is None for v in target_ratios.values()):
        verdict = "cannot be judged from this run (16 and 64 streams were not both measured, or one has no successful runs)."
    elif all(v >= 3.0 for v in target_ratios.values()):
        verdict = "**met** (" + ", ".join(f"{s} streams: {v:.2f}×" for s, v in target_ratios.items()) + ")."
    else:
        verdict = "**not met** (" + ", ".join(f"{s} streams: {v:.2f}×" for s, v in target_ratios.items()) + ")."

    L = []
    w = L.append
    w("# Benchmarks: unary gRPC, Procurement runtime vs grpc-js")
    w("")
    w(f"Generated by `benchmarks/run.sh` on {meta['date']}. This file is overwritten by each run; "
      "do not edit it by hand.")
    w("")
    w("## Summary")
    w("")
    w(f"`grpc.testing.TestService/UnaryCall`, 64-byte request and response payloads, "
      f"{'one HTTP/2 connection' if conns == [1] else ', '.join(map(str, conns)) + ' HTTP/2 connection(s)'}, "
      f"h2load as the load generator. Requests/s is the median of {meta['rounds']} alternating "
      f"round{'s' if meta['rounds'] != 1 else ''} of "
      f"{meta['duration']} s each (after {meta['warmup']} s of warm-up).")
    w("")
    w("| concurrent streams | .NET (Procurement) req/s | grpc-js req/s | .NET / grpc-js |")
    w("|---:|---:|---:|---:|")
    for s in levels:
        d, j, ratio = summary[s]
        w(f"| {s} | {_fmt_rps(d)} | {_fmt_rps(j)} | {f'{ratio:.2f}×' if ratio else 'n/a'} |")
    w("")
    w(f"Target — at least 3× grpc-js's throughput at 16 and 64 streams: {verdict}")
    w("")
    if failed:
        w(f"**{len(failed)} run(s) failed** and are excluded from the medians; see “All runs”.")
        w("")
    disturbed = [r for r in recs if r.get("disturbed")]
    if meta["background_cpu_pct"] >= DISTURBED_PCT or disturbed:
        w(f"**Warning: the machine was not always quiet.** Before the runs it was "
          f"{meta['background_cpu_pct']:.0f}% busy (of one CPU) with both servers idle; "
          f"{len(disturbed)} of {len(recs)} runs had at least {DISTURBED_PCT:.0f}% of one CPU used by other "
          "processes (marked “disturbed” in “All runs”). Those numbers are depressed by unrelated load; "
          "they are still included in the medians.")
        w("")
    w("Both servers and h2load ran on the same "
      f"{meta['nproc']}-CPU machine with no CPU pinning, so the load generator competes with the server "
      "for the same cores. Absolute numbers are specific to this machine; the ratio is the figure of interest. "
      "The server and h2load CPU columns below show how the cores were split.")
    w("")
    w("## Machine and software")
    w("")
    w(f"- CPU: {meta['cpu_model']}, {meta['nproc']} logical CPUs (`nproc`)")
    w(f"- Memory: {meta['mem_gib']:.1f} GiB")
    w(f"- OS: {meta['os']}, kernel {meta['kernel']}")
    w(f"- .NET SDK {meta['dotnet_sdk']}, runtime {meta['dotnet_runtime']}; "
      f"interop server built with `dotnet build -c Release`; {meta['dotnet_gc']}")
    w(f"- Node.js {meta['node']}, @grpc/grpc-js {meta['grpc_js']}, @grpc/proto-loader {meta['proto_loader']}")
    w(f"- Load generator: {meta['h2load']}")
    w(f"- Source: commit {meta['git']}")
    w("")
    w("## Method")
    w("")
    w("- Servers: `tests/Interop/Procurement.Interop.Server` (`dotnet interop-server.dll --port=0`; HTTP/2 by "
      "Kestrel, gRPC layer by `services/BuildingBlocks/Procurement.Grpc`) and `tests/Interop/grpc-js/server.js` "
      "(`node server.js --port=0`). Both serve the same `grpc.testing.TestService` over cleartext HTTP/2 on "
      "127.0.0.1, and both stay up for the whole benchmark.")
    w("- Request: HTTP/2 POST to `/grpc.testing.TestService/UnaryCall` with `content-type: application/grpc` and "
      "`te: trailers`; the body is one uncompressed gRPC message, "
      "`SimpleRequest{response_size: 64, payload.body: 64 zero bytes}` (75 bytes framed). Each server answers "
      "with a 64-byte payload. Before measuring, one request per server is checked with h2load (HTTP 200) and "
      "with a real gRPC client (python grpcio: status OK, 64-byte payload).")
    w(f"- “N concurrent streams” means `h2load -c 1 -m N -t 1`: one connection with up to N requests in flight "
      f"(h2load's own definition of concurrency; with more connections the server could spread work across "
      f"connections, which is a different test)." if conns == [1] else
      f"- “N concurrent streams” means `h2load -c C -m N/C -t 1` with C = {', '.join(map(str, conns))} "
      f"connection(s).")
    w(("- Priming: before any measurement each server gets one unrecorded "
       f"{meta['prime']} s run at {max(levels)} streams, so that the first measured run does not pay for JIT "
       "compilation (.NET tiered compilation, V8).\n" if meta.get("prime") else "")
      + f"- Timing: `h2load -D {meta['duration']} --warm-up-time={meta['warmup']}`: requests/s and latency cover "
      "only the main duration. Runs alternate .NET, grpc-js, .NET, grpc-js, … "
      f"({meta['rounds']} round{'s' if meta['rounds'] != 1 else ''} per concurrency level, levels in the order {', '.join(map(str, levels))}).")
    w("- A run fails if h2load exits non-zero, reports any failed, errored or timed-out request or any non-2xx "
      f"status, or receives fewer than {MIN_RESPONSE_DATA} response DATA bytes per request (a gRPC error would be "
      "an HTTP 200 with no message). Failed runs are listed and left out of the medians. One h2load quirk is "
      "tolerated: a request whose response headers arrive during warm-up but which completes in the main "
      "duration is counted as succeeded without its status being recorded (status 0 in the log), and one whose "
      "headers arrive before the end of the main duration but which completes after it is counted as 2xx but "
      "not as done. Up to one of each per in-flight stream is accepted; beyond that the run fails.")
    w("- Latency: per-request times from h2load's `--log-file` (time from sending the request to the end of "
      "the response), main duration only. The tables give the median over rounds of each run's mean, p50 and "
      "p99, and the largest max seen in any round.")
    w("- RSS: the server process's `VmRSS` from `/proc/PID/status` (the `dotnet` or `node` process itself, "
      f"not a wrapper), sampled every {meta['interval']} s during each run; the table gives the peak over "
      "the rounds. Idle RSS is measured after start-up and the verification request, before any load: "
      + ", ".join(f"{k} {v / 1024:.0f} MB" for k, v in meta["idle_rss_kb"].items()) + ".")
    w("- CPU: utime+stime of the server and of h2load from `/proc/PID/stat` over the main duration, "
      f"as % of one CPU (the machine's total is {meta['nproc'] * 100}%); median over rounds. “Other CPU” in "
      "“All runs” is the machine's busy time from `/proc/stat` minus the server and h2load, on the same scale: "
      "everything else that ran meanwhile (the idle second server, the sampler, the kernel's softirq work not "
      "charged to either process, and any unrelated load). Before each run the script waits (up to 60 s) "
      f"until the machine is less than {DISTURBED_PCT:.0f}% busy; a run during which other processes used "
      f"{DISTURBED_PCT:.0f}% or more is marked “disturbed”. Before the runs, the machine was "
      f"{meta['background_cpu_pct']:.0f}% busy (same scale) with both servers idle.")
    w("")
    w("## Results per concurrency level")
    for s in levels:
        w("")
        w(f"### {s} concurrent stream{'s' if s != 1 else ''}")
        w("")
        w("| server | req/s (median) | req/s (min–max) | mean latency | p50 | p99 | max | peak RSS | server CPU | h2load CPU |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for key, name in servers:
            runs = ok_runs(key, s)
            if not runs:
                w(f"| {name} | n/a | | | | | | | | |")
                continue
            rps = [r["rps"] for r in runs]
            mx = max((r["lat_max_us"] for r in runs if r["lat_max_us"] is not None), default=None)
            sc, hc = med([r.get("server_cpu_pct") for r in runs]), med([r.get("h2load_cpu_pct") for r in runs])
            w(f"| {name} | {_fmt_rps(med(rps))} | {_fmt_rps(min(rps))}–{_fmt_rps(max(rps))} | "
              f"{_ms(med([r['lat_mean_us'] for r in runs]))} | {_ms(med([r['lat_p50_us'] for r in runs]))} | "
              f"{_ms(med([r['lat_p99_us'] for r in runs]))} | {_ms(mx)} | "
              f"{max(r['peak_rss_kb'] for r in runs) / 1024:.0f} MB | "
              f"{f'{sc:.0f}%' if sc is not None else 'n/a'} | {f'{hc:.0f}%' if hc is not None else 'n/a'} |")
        d, j, ratio = summary[s]
        w("")
        w(f".NET / grpc-js throughput: {f'{ratio:.2f}×' if ratio else 'n/a'}.")
    w("")
    w("## All runs")
    w("")
    w("In the order they ran.")
    w("")
    w("| # | streams | round | server | req/s | mean | p99 | peak RSS | server CPU | h2load CPU | other CPU | status |")
    w("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in sorted(recs, key=lambda r: r["seq"]):
        sc, hc, mc = r.get("server_cpu_pct"), r.get("h2load_cpu_pct"), r.get("other_cpu_pct")
        w(f"| {r['seq']} | {r['streams']} | {r['round']} | {r['server']} | {_fmt_rps(r.get('rps'))} | "
          f"{_ms(r.get('lat_mean_us'))} | {_ms(r.get('lat_p99_us'))} | {r['peak_rss_kb'] / 1024:.0f} MB | "
          f"{f'{sc:.0f}%' if sc is not None else 'n/a'} | {f'{hc:.0f}%' if hc is not None else 'n/a'} | "
          f"{f'{mc:.0f}%' if mc is not None else 'n/a'} | "
          f"{('ok' + (' (disturbed)' if r.get('disturbed') else '')) if r['ok'] else 'FAILED: ' + '; '.join(r['problems'])} |")
    w("")
    w(f"Wall time of `benchmarks/run.sh` for this report, including the build: {a.elapsed}.")
    w("")
    with open(a.out, "w") as f:
        f.write("\n".join(L))
    print(f"wrote {a.out}")
    for s in levels:
        d, j, ratio = summary[s]
        print(f"  {s:3d} streams: dotnet {_fmt_rps(d)} req/s, grpc-js {_fmt_rps(j)} req/s, "
              f"ratio {f'{ratio:.2f}x' if ratio else 'n/a'}")
    print("  target (>= 3x at 16 and 64 streams): " + verdict.replace("**", ""))
    return 1 if failed else 0


def _background_cpu(seconds):
    t1, i1 = _machine_ticks()
    time.sleep(seconds)
    t2, i2 = _machine_ticks()
    return 100.0 * ((t2 - t1) - (i2 - i1)) / (t2 - t1) * os.cpu_count() if t2 > t1 else 0.0


def cmd_meta(a):
    """Collects machine and version information into a JSON file."""
    def pkg_version(path):
        try:
            return json.load(open(path))["version"]
        except (OSError, ValueError, KeyError):
            return "unknown"

    runtimes = _sh(["dotnet", "--list-runtimes"])
    rt = [l.split()[1] for l in runtimes.splitlines() if l.startswith("Microsoft.NETCore.App ")]
    gc = "GC mode unknown"
    try:
        props = json.load(open(a.runtimeconfig))["runtimeOptions"].get("configProperties", {})
        gc = ("Server GC" if props.get("System.GC.Server") else "Workstation GC") + (
            ", concurrent" if props.get("System.GC.Concurrent", True) else "")
        if props.get("System.Runtime.TieredPGO"):
            gc += ", TieredPGO on"
    except (OSError, ValueError, KeyError):
        pass
    os_name = "unknown"
    try:
        for line in open("/etc/os-release"):
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    git = _sh(["git", "-C", a.repo, "rev-parse", "--short", "HEAD"]) or "unknown"
    if _sh(["git", "-C", a.repo, "status", "--porcelain"]):
        git += " (working tree has uncommitted changes)"
    meta = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": int(_sh(["nproc"]) or os.cpu_count()),
        "cpu_model": _cpu_model(),
        "mem_gib": _mem_gib(),
        "os": os_name,
        "kernel": os.uname().release,
        "dotnet_sdk": _sh(["dotnet", "--version"]),
        "dotnet_runtime": ", ".join(rt) or "unknown",
        "dotnet_gc": gc,
        "node": _sh(["node", "--version"]),
        "grpc_js": pkg_version(os.path.join(a.js_dir, "node_modules/@grpc/grpc-js/package.json")),
        "proto_loader": pkg_version(os.path.join(a.js_dir, "node_modules/@grpc/proto-loader/package.json")),
        "h2load": _sh([a.h2load, "--version"]),
        "git": git,
        "rounds": a.rounds,
        "duration": a.duration,
        "warmup": a.warmup,
        "prime": a.prime,
        "interval": a.interval,
        "background_cpu_pct": _background_cpu(3.0),
        "idle_rss_kb": {k: _rss_kb(int(v)) or 0 for k, v in (x.split("=") for x in a.idle)},
    }
    with open(a.out, "w") as f:
        json.dump(meta, f, indent=2)


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)

    p = sub.add_parser("body")
    p.add_argument("out")
    p.set_defaults(fn=cmd_body)

    p = sub.add_parser("verify")
    p.add_argument("port", type=int)
    p.add_argument("--label", default="server")
    p.set_defaults(fn=cmd_verify)

    p = sub.add_parser("run")
    p.add_argument("--label", required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--streams", type=int, required=True)
    p.add_argument("--conns", type=int, default=1)
    p.add_argument("--duration", type=int, required=True)
    p.add_argument("--warmup", type=int, required=True)
    p.add_argument("--body", required=True)
    p.add_argument("--round", type=int, required=True)
    p.add_argument("--seq", type=int, required=True)
    p.add_argument("--tag", required=True)
    p.add_argument("--outdir", required=True)
    p.add_argument("--results", required=True)
    p.add_argument("--h2load", default="h2load")
    p.add_argument("--interval", type=float, default=0.1)
    p.add_argument("--keep-logs", action="store_true")
    p.add_argument("--quiet-wait", type=float, default=60.0)
    p.set_defaults(fn=cmd_run)

    p = sub.add_parser("meta")
    p.add_argument("--out", required=True)
    p.add_argument("--repo", required=True)
    p.add_argument("--js-dir", required=True)
    p.add_argument("--runtimeconfig", required=True)
    p.add_argument("--h2load", default="h2load")
    p.add_argument("--rounds", type=int, required=True)
    p.add_argument("--duration", type=int, required=True)
    p.add_argument("--warmup", type=int, required=True)
    p.add_argument("--prime", type=int, required=True)
    p.add_argument("--interval", type=float, required=True)
    p.add_argument("--idle", nargs="*", default=[], help="label=pid")
    p.set_defaults(fn=cmd_meta)

    p = sub.add_parser("report")
    p.add_argument("--results", required=True)
    p.add_argument("--meta", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--elapsed", default="n/a")
    p.set_defaults(fn=cmd_report)

    a = ap.parse_args()
    sys.exit(a.fn(a) or 0)


if __name__ == "__main__":
    main()
