#!/usr/bin/env bash
# Many connections on loopback (the efficiency issue's scale shape): one server JVM, one client JVM opening
# CONNECTIONS connections, idle IDLE_S seconds, then ACTIVE of them at RATE messages of 200 B per second each for
# ACTIVE_S seconds. Prints the server's CPU and heap lines and the client's report. No root needed (raises the
# open-file limit when it can). Usage: bench/scale.sh [CONNECTIONS] [IDLE_S] [ACTIVE] [RATE] [ACTIVE_S]
# The server measures its heap after GC once, when the client asks at the start of the idle phase (a full GC in
# the active phase would stall it for 100 ms); the active phase's first 5 s (cold JIT) are reported apart.
# UXP_SCALE_SOCKETS=N sets the server's receive sockets (UxpServer.Builder.receiveSockets; default: one per worker).
# UXP_SCALE_TIMELINE=1 prints, per 250 ms of the active phase, the round trip's p50 / p99 / max and each leg's largest.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}" idle="${2:-30}" active="${3:-1000}" rate="${4:-50}" secs="${5:-20}"
ulimit -n 65536 2>/dev/null || true
./uxp --version >/dev/null
work="$(mktemp -d "${TMPDIR:-/tmp}/uxp-scale.XXXXXX")"
run=(java --module-path uxp-cli/target/modules --add-modules ALL-MODULE-PATH bench/java/UxpScale.java)
"${run[@]}" server 7900 "$work/key.pub" >"$work/server.log" 2>&1 &
sp=$!
trap 'kill $sp 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 30); do [ -s "$work/key.pub" ] && break; sleep 1; done
"${run[@]}" client 7900 "$work/key.pub" "$n" "$idle" "$active" "$rate" "$secs" 2>&1 | grep -v '^\[' || true
sleep 11  # two of the server's 5-s lines after the mass close: what ended how, and what is left
grep -v '^\[' "$work/server.log" || true
