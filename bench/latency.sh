#!/usr/bin/env bash
# One warm connection, 64-byte messages echoed one at a time (the next sent when the echo is back), UXP beside
# kcp-go fast mode (1,10,2,1) on 127.0.0.1, RUNS interleaved rounds; each run records N round trips after W.
# Prints one line per run and the medians. No root needed (ports 7700-7799). Needs the harness's kcpbench
# (bench/.build/kcpbench, built by bench/run.sh) and ./uxp.
# Usage: bench/latency.sh [RUNS] [N] [W]     e.g. bench/latency.sh 3 1000 20000
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}" n="${2:-1000}" w="${3:-20000}"
kcp=bench/.build/kcpbench
[ -x "$kcp" ] || { echo "no $kcp: run bench/run.sh once (it builds kcp-go's peer)" >&2; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/uxp-latency.XXXXXX")"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
./uxp keygen --out "$work/server.key" >/dev/null 2>&1
java_ping=(java --module-path uxp-cli/target/modules --add-modules ALL-MODULE-PATH bench/java/UxpPing.java)
line() { grep -ho 'pingpong: .*' "$1" | tail -1; }
for run in $(seq 1 "$runs"); do
    port=$((7700 + run * 10))
    ./uxp server --listen "127.0.0.1:$port" --key "$work/server.key" --echo --duration 300s >"$work/s.log" 2>&1 &
    pids=($!)
    sleep 3
    "${java_ping[@]}" --connect "127.0.0.1:$port" --server-key "$work/server.key.pub" --pingpong "$n" --warmup "$w" \
        >/dev/null 2>"$work/u.log" || true
    kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true
    echo "uxp    run $run: $(line "$work/u.log")"
    "$kcp" echo -l "127.0.0.1:$((port + 1))" -duration 300s >"$work/ks.log" 2>&1 &
    pids=($!)
    sleep 1
    "$kcp" ping -c "127.0.0.1:$((port + 1))" -pingpong "$n" -warmup "$w" >/dev/null 2>"$work/k.log" || true
    kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true
    echo "kcp-go run $run: $(line "$work/k.log")"
done
