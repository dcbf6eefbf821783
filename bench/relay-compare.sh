#!/usr/bin/env bash
# Compares `uxp client` with the runtime's defaults against `--congestion fixed` through `uxp relay` (5 % loss,
# 10 ms each way), server, relay and client each its own process on loopback: RUNS interleaved pairs of a 20 MiB
# file. Prints one line per run: congestion, seconds, MiB/s, retransmissions, verified, relay drops towards the
# server. Usage: bench/relay-compare.sh [RUNS] [warm]   (no root needed; ports 7500-7599 on 127.0.0.1)
# By default every run starts its own server and relay (all three JVMs cold, as a first transfer is). With
# `warm`, one server and one relay serve every run after an unrecorded warm-up transfer (a long-running service);
# the relay's drop count is then cumulative and not printed.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
mode="${2:-cold}"
work="$(mktemp -d "${TMPDIR:-/tmp}/uxp-relay-compare.XXXXXX")"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
./uxp keygen --out "$work/server.key" >/dev/null 2>&1
head -c 20971520 /dev/urandom >"$work/file.bin"
one() {
    local cc="$1" run="$2" port=$((7500 + run * 10)) extra=()
    [ "$cc" = fixed ] && extra=(--congestion fixed)
    ./uxp server --listen "127.0.0.1:$port" --key "$work/server.key" --duration 90s >"$work/server.log" 2>&1 &
    local sp=$!
    ./uxp relay --listen "127.0.0.1:$((port + 1))" --forward "127.0.0.1:$port" --loss 5% --delay 10ms \
        --seed "$run" --duration 90s >"$work/relay.log" 2>&1 &
    local rp=$!
    pids=("$sp" "$rp")
    sleep 3
    local json
    json="$(./uxp client --connect "127.0.0.1:$((port + 1))" --server-key "$work/server.key.pub" \
        --send "$work/file.bin" --json "${extra[@]}" 2>/dev/null || true)"
    kill "$sp" "$rp" 2>/dev/null || true
    wait "$sp" "$rp" 2>/dev/null || true
    local drops
    drops="$(grep -ho 'client->upstream: .*' "$work/relay.log" | grep -o 'dropped [0-9]*' | head -1 || true)"
    printf '%s run %s: %s relay %s\n' "${cc}" "$run" \
        "$(printf '%s' "$json" | jq -r '"\(.seconds) s, \(.mibPerSecond) MiB/s, retransmissions \(.retransmissions) (fast \(.fastRetransmissions), timeout \(.timeoutRetransmissions)), ok \(.ok)"' 2>/dev/null || echo failed)" \
        "${drops:-?}"
}
client() { # $1 = port, then extra client arguments: prints the JSON summary line
    local port="$1"
    shift
    ./uxp client --connect "127.0.0.1:$port" --server-key "$work/server.key.pub" --send "$work/file.bin" --json \
        "$@" 2>/dev/null || true
}
if [ "$mode" = warm ]; then
    ./uxp server --listen 127.0.0.1:7590 --key "$work/server.key" --duration 600s >"$work/server.log" 2>&1 &
    pids=($!)
    ./uxp relay --listen 127.0.0.1:7591 --forward 127.0.0.1:7590 --loss 5% --delay 10ms --seed 1 \
        --duration 600s >"$work/relay.log" 2>&1 &
    pids+=($!)
    sleep 3
    client 7591 >/dev/null # warm-up, not recorded
    for run in $(seq 1 "$runs"); do
        for cc in default fixed; do
            extra=()
            [ "$cc" = fixed ] && extra=(--congestion fixed)
            printf '%s warm run %s: %s\n' "$cc" "$run" "$(client 7591 "${extra[@]}" | jq -r \
                '"\(.seconds) s, \(.mibPerSecond) MiB/s, retransmissions \(.retransmissions) (fast \(.fastRetransmissions), timeout \(.timeoutRetransmissions)), ok \(.ok)"' 2>/dev/null \
                || echo failed)"
        done
    done
    exit 0
fi
for run in $(seq 1 "$runs"); do
    one default "$run"
    one fixed "$run"
done
