#!/usr/bin/env bash
# UXP benchmark harness: uxp vs kcp-go vs TCP vs raw UDP over loopback and over two network namespaces
# joined by a veth pair with delay (NFQUEUE at the receiver), random loss (iptables statistic) and an
# optional 50 Mbit/s bottleneck (tbf). One command, as root:  bench/run.sh [--quick] [options]
# See bench/README.md. Everything it sets up (namespaces, veth, qdiscs, iptables rules inside the
# namespaces, processes) is removed on exit, Ctrl-C or kill (TERM/HUP).
set -uo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
BUILD="$BENCH/.build"

# ---------------------------------------------------------------- options
ALL_PATHS=(loopback
    veth-d20-l0 veth-d20-l1 veth-d20-l5 veth-d20-l10
    veth-d20-l0-bn50 veth-d20-l1-bn50 veth-d20-l5-bn50 veth-d20-l10-bn50)
ALL_SYSTEMS=(uxp uxp-fec uxp-nodigest)
for w in 1024 4096; do for c in none salsa20; do for f in fec0.0 fec10.3; do
    ALL_SYSTEMS+=("kcpgo-w$w-$c-$f")
done; done; done
ALL_SYSTEMS+=(tcp-bbr tcp-cubic udp-raw)

OPT_PATHS="" OPT_SYSTEMS="" OPT_RUNS="" OPT_BYTES="" OUT="" QUICK=0
BN_AT=sender RUN_TIMEOUT=60 MAX_MINUTES=300 RAW_SECONDS=3 BASE_SECONDS=3 LIST=0 NO_INSTALL=0 ESTIMATE_ONLY=0

usage() {
    cat <<EOF
usage: bench/run.sh [options]          (as root, on Linux)
  --paths LIST      comma list of paths, globs allowed (default: all)
  --systems LIST    comma list of systems, globs allowed (default: all)
  --runs R          runs per (system, path), interleaved round-robin (default 3)
  --bytes N         bulk transfer size: 64MiB, 8MiB, 500KiB, 10MB or a byte count (default 64MiB)
  --out DIR         results directory (default bench/results/<timestamp>)
  --quick           small preset: --runs 1 --bytes 8MiB, paths loopback,veth-d20-l5,veth-d20-l5-bn50,
                    systems uxp,uxp-fec,kcpgo-w1024-salsa20-fec10.3,tcp-bbr,udp-raw (explicit options win)
  --bottleneck-at sender|receiver
                    where the bottleneck's tbf sits: on each sender's veth egress (default), or on each
                    receiver's ingress through an ifb device, away from the sending host's own qdisc, as a
                    bottleneck in the network would be
  --timeout S       kill a run after S seconds and record status 'timeout' (default $RUN_TIMEOUT)
  --max-minutes M   bound for the whole harness; runs after it are recorded as 'skipped' (default $MAX_MINUTES)
  --no-install      do not apt-get install missing packages (fail instead)
  --estimate        print the run count and the time estimate and exit
  --list            print the paths and systems and exit
paths:   ${ALL_PATHS[*]}
systems: ${ALL_SYSTEMS[*]}
EOF
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --paths) OPT_PATHS="$2"; shift 2 ;;
        --systems) OPT_SYSTEMS="$2"; shift 2 ;;
        --runs) OPT_RUNS="$2"; shift 2 ;;
        --bytes) OPT_BYTES="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        --quick) QUICK=1; shift ;;
        --timeout) RUN_TIMEOUT="$2"; shift 2 ;;
        --bottleneck-at)
            case "$2" in sender|receiver) BN_AT="$2" ;; *) echo "run.sh: --bottleneck-at takes sender or receiver" >&2; exit 2 ;; esac
            shift 2 ;;
        --max-minutes) MAX_MINUTES="$2"; shift 2 ;;
        --no-install) NO_INSTALL=1; shift ;;
        --list) LIST=1; shift ;;
        --estimate) ESTIMATE_ONLY=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done

if [[ $QUICK == 1 ]]; then
    PATHS_SPEC="${OPT_PATHS:-loopback,veth-d20-l5,veth-d20-l5-bn50}"
    SYSTEMS_SPEC="${OPT_SYSTEMS:-uxp,uxp-fec,kcpgo-w1024-salsa20-fec10.3,tcp-bbr,udp-raw}"
    RUNS="${OPT_RUNS:-1}"
    BYTES_SPEC="${OPT_BYTES:-8MiB}"
else
    PATHS_SPEC="${OPT_PATHS:-*}"
    SYSTEMS_SPEC="${OPT_SYSTEMS:-*}"
    RUNS="${OPT_RUNS:-3}"
    BYTES_SPEC="${OPT_BYTES:-64MiB}"
fi

parse_bytes() {
    local s="$1" n unit
    if [[ "$s" =~ ^([0-9]+)([A-Za-z]*)$ ]]; then
        n="${BASH_REMATCH[1]}"; unit="${BASH_REMATCH[2]}"
    else
        echo "run.sh: bad size '$s'" >&2; exit 2
    fi
    case "$unit" in
        ""|B) echo "$n" ;;
        KiB|K|k) echo $((n * 1024)) ;;
        MiB|M|m) echo $((n * 1024 * 1024)) ;;
        GiB|G|g) echo $((n * 1024 * 1024 * 1024)) ;;
        KB|kB) echo $((n * 1000)) ;;
        MB) echo $((n * 1000000)) ;;
        GB) echo $((n * 1000000000)) ;;
        *) echo "run.sh: bad size unit in '$s'" >&2; exit 2 ;;
    esac
}
BYTES="$(parse_bytes "$BYTES_SPEC")" || exit 2
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --runs wants a positive integer" >&2; exit 2; }
[[ "$RUN_TIMEOUT" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --timeout wants seconds" >&2; exit 2; }
[[ "$MAX_MINUTES" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --max-minutes wants minutes" >&2; exit 2; }

# expand a comma list of globs against a list of names, keeping the list's order
select_names() {
    local spec="$1"; shift
    local -a pats out=()
    IFS=',' read -r -a pats <<<"$spec"
    local name pat
    for name in "$@"; do
        for pat in "${pats[@]}"; do
            # shellcheck disable=SC2053
            if [[ "$name" == $pat ]]; then out+=("$name"); break; fi
        done
    done
    for pat in "${pats[@]}"; do
        local hit=0
        for name in "$@"; do
            # shellcheck disable=SC2053
            [[ "$name" == $pat ]] && hit=1
        done
        [[ $hit == 1 ]] || echo "run.sh: '$pat' matches nothing (see --list)" >&2
    done
    printf '%s\n' "${out[@]}"
}
mapfile -t PATHS < <(select_names "$PATHS_SPEC" "${ALL_PATHS[@]}")
mapfile -t SYSTEMS < <(select_names "$SYSTEMS_SPEC" "${ALL_SYSTEMS[@]}")

if [[ $LIST == 1 ]]; then
    echo "paths:   ${ALL_PATHS[*]}"
    echo "systems: ${ALL_SYSTEMS[*]}"
    exit 0
fi
[[ ${#PATHS[@]} -gt 0 && -n "${PATHS[0]}" ]] || { echo "run.sh: no path selected" >&2; exit 2; }
[[ ${#SYSTEMS[@]} -gt 0 && -n "${SYSTEMS[0]}" ]] || { echo "run.sh: no system selected" >&2; exit 2; }

# path name -> loss (percent), delay (ms one way), bottleneck (Mbit/s, 0 = none)
path_params() {
    local p="$1"
    P_LOSS=0 P_DELAY=0 P_BN=0 P_VETH=0
    [[ "$p" == loopback ]] && return 0
    if [[ "$p" =~ ^veth-d([0-9]+)-l([0-9]+)(-bn([0-9]+))?$ ]]; then
        P_VETH=1 P_DELAY="${BASH_REMATCH[1]}" P_LOSS="${BASH_REMATCH[2]}" P_BN="${BASH_REMATCH[4]:-0}"
        return 0
    fi
    echo "run.sh: unknown path $p" >&2
    return 1
}

# ---------------------------------------------------------------- estimate
estimate_seconds() { # system path -> expected seconds of one run, including process start-up
    local sys="$1" rate overhead
    path_params "$2"
    case "$sys" in
        udp-raw) echo $((RAW_SECONDS + 9)); return ;;
        uxp*) overhead=15 ;;   # four JVMs: sink, echo server, probe (compiled from source), client
        *) overhead=4 ;;
    esac
    if [[ $P_VETH == 0 ]]; then rate=40
    elif [[ $P_BN != 0 ]]; then rate=5
    else rate=15; fi
    local t=$(( BYTES * 100 / (rate * (100 - P_LOSS) * 1048576 / 100) / 100 + overhead ))
    (( t > RUN_TIMEOUT + 10 )) && t=$((RUN_TIMEOUT + 10))
    echo "$t"
}
EST=0 WORST=0 NRUNS=0
for p in "${PATHS[@]}"; do
    fams=0
    for s in "${SYSTEMS[@]}"; do
        EST=$((EST + RUNS * $(estimate_seconds "$s" "$p")))
        WORST=$((WORST + RUNS * (RUN_TIMEOUT + 15)))
        NRUNS=$((NRUNS + RUNS))
    done
    EST=$((EST + 3 * BASE_SECONDS + 30))  # base RTT probes (uxp ~15 s, kcp-go and TCP ~5 s each)
    WORST=$((WORST + 3 * (BASE_SECONDS + 35)))
done
(( WORST > MAX_MINUTES * 60 )) && WORST=$((MAX_MINUTES * 60))
if [[ $ESTIMATE_ONLY == 1 ]]; then
    echo "${#PATHS[@]} paths x ${#SYSTEMS[@]} systems x $RUNS runs = $NRUNS runs of $BYTES bytes:" \
        "about $(( (EST + 59) / 60 )) min if every run finishes, at most $(( (WORST + 59) / 60 )) min" \
        "(--timeout $RUN_TIMEOUT s per run, --max-minutes $MAX_MINUTES)"
    exit 0
fi

if [[ $(id -u) != 0 ]]; then echo "run.sh: must run as root (network namespaces, iptables, tc)" >&2; exit 1; fi
if [[ "$(uname -s)" != Linux ]]; then echo "run.sh: Linux only" >&2; exit 1; fi

STAMP="$(date +%Y%m%d-%H%M%S)"
OUT="${OUT:-$BENCH/results/$STAMP}"
mkdir -p "$OUT/logs" "$OUT/raw" || exit 1
OUT="$(cd "$OUT" && pwd)"
TSV="$OUT/results.tsv"
BASE_TSV="$OUT/base-rtt.tsv"
START_EPOCH=$(date +%s)
DEADLINE=$((START_EPOCH + MAX_MINUTES * 60))

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/harness.log" >&2; }

log "UXP bench: ${#PATHS[@]} paths x ${#SYSTEMS[@]} systems x $RUNS runs = $NRUNS runs, $BYTES bytes each"
log "paths:   ${PATHS[*]}"
log "systems: ${SYSTEMS[*]}"
log "estimate: about $(( (EST + 59) / 60 )) min (plus a one-time build); bounded by $(( (WORST + 59) / 60 )) min (--timeout $RUN_TIMEOUT s per run, --max-minutes $MAX_MINUTES)"
log "results: $OUT"

# ---------------------------------------------------------------- packages and builds
PKGS=(iperf3 golang-go golang-github-xtaci-kcp-dev iptables iproute2 libnetfilter-queue-dev gcc jq ethtool python3 procps kmod)
missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    if [[ $NO_INSTALL == 1 ]]; then log "missing packages: ${missing[*]} (and --no-install)"; exit 1; fi
    log "installing: ${missing[*]}"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >"$OUT/logs/apt.log" 2>&1; then
        apt-get update -q >>"$OUT/logs/apt.log" 2>&1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >>"$OUT/logs/apt.log" 2>&1 \
            || { log "apt-get install failed, see $OUT/logs/apt.log"; exit 1; }
    fi
fi
# BENCH_JAVA: the java binary for every JVM of the run (default: java on the PATH), e.g. a newer JDK;
# BENCH_UXP_JAVA_OPTS: extra JVM options for the uxp client and server (e.g. a JFR recording)
JAVA="${BENCH_JAVA:-java}"
command -v "$JAVA" >/dev/null || { log "no $JAVA (JDK 17+ needed; set BENCH_JAVA or put java on the PATH)"; exit 1; }

BBR_OK=1
if ! grep -qw bbr /proc/sys/net/ipv4/tcp_available_congestion_control; then
    modprobe tcp_bbr 2>/dev/null
    grep -qw bbr /proc/sys/net/ipv4/tcp_available_congestion_control || BBR_OK=0
fi
[[ $BBR_OK == 1 ]] || log "NOTE: TCP BBR is unavailable on this kernel: tcp-bbr runs are recorded as 'unavailable'"

mkdir -p "$BUILD"
log "building: uxp CLI (./uxp), kcpbench (Go, Debian's kcp-go), nfqdelay (C)"
(cd "$ROOT" && ./uxp --version) >"$OUT/logs/build-uxp.log" 2>&1 || { log "uxp build failed: $OUT/logs/build-uxp.log"; exit 1; }
UXP_JAR="$(ls "$ROOT"/uxp-cli/target/uxp-cli-*.jar | grep -v -e -sources -e -javadoc | head -n 1)"
# shellcheck disable=SC2206 # the options are meant to split into words
UXP=("$JAVA" ${BENCH_UXP_JAVA_OPTS:-} -p "$ROOT/uxp-cli/target/modules:$UXP_JAR" -m io.uxp.cli/io.uxp.cli.Main)
UXP_PING=("$JAVA" --module-path "$ROOT/uxp-cli/target/modules" --add-modules ALL-MODULE-PATH "$BENCH/java/UxpPing.java")
RAW_UDP=("$JAVA" "$BENCH/java/RawUdp.java")
(cd "$BENCH/kcpgo" && GO111MODULE=off GOPATH=/usr/share/gocode CGO_ENABLED=0 GOFLAGS= go build -o "$BUILD/kcpbench" .) \
    >"$OUT/logs/build-go.log" 2>&1 || { log "kcpbench build failed: $OUT/logs/build-go.log"; exit 1; }
gcc -O2 -Wall -o "$BUILD/nfqdelay" "$BENCH/nfqdelay/nfqdelay.c" -lnetfilter_queue -lnfnetlink \
    >"$OUT/logs/build-nfqdelay.log" 2>&1 || { log "nfqdelay build failed: $OUT/logs/build-nfqdelay.log"; exit 1; }
KCPB="$BUILD/kcpbench"
KEY="$OUT/server.key"
"${UXP[@]}" keygen --out "$KEY" >"$OUT/logs/keygen.log" 2>&1 || { log "uxp keygen failed"; exit 1; }

# ---------------------------------------------------------------- namespaces and cleanup
NS_A="uxpb$$a" NS_B="uxpb$$b"     # A: clients/senders, B: servers/receivers
VETH_A="uxpb$$a" VETH_B="uxpb$$b"
ADDR_A=10.203.77.1 ADDR_B=10.203.77.2   # a private /30, inside the namespaces only
PIDS=()
NS_MADE=0

cleanup() {
    trap - EXIT INT TERM HUP
    local pid ns
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    if [[ $NS_MADE == 1 ]]; then
        for ns in "$NS_A" "$NS_B"; do
            for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -TERM "$pid" 2>/dev/null; done
        done
        sleep 0.5
        for ns in "$NS_A" "$NS_B"; do
            for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
        done
    fi
    for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null; done
    if [[ $NS_MADE == 1 ]]; then
        # deleting a namespace deletes its veth end (and so the pair), qdiscs and iptables rules
        ip netns del "$NS_A" 2>/dev/null
        ip netns del "$NS_B" 2>/dev/null
        ip link del "$VETH_A" 2>/dev/null
        log "cleanup: namespaces $NS_A $NS_B removed"
    fi
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM
trap 'exit 129' HUP

# namespaces left by a harness that was killed with SIGKILL (no trap runs then): uxpb<pid>a/b whose
# harness process is gone
for ns in $(ip netns list 2>/dev/null | awk '{ print $1 }'); do
    if [[ "$ns" =~ ^uxpb([0-9]+)[ab]$ ]] && ! kill -0 "${BASH_REMATCH[1]}" 2>/dev/null; then
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
        ip netns del "$ns" 2>/dev/null && log "removed stale namespace $ns (its harness is gone)"
    fi
done

NS_MADE=1
ip netns add "$NS_A" && ip netns add "$NS_B" \
    && ip link add "$VETH_A" type veth peer name "$VETH_B" \
    && ip link set "$VETH_A" netns "$NS_A" && ip link set "$VETH_B" netns "$NS_B" \
    && ip -n "$NS_A" addr add "$ADDR_A/30" dev "$VETH_A" && ip -n "$NS_B" addr add "$ADDR_B/30" dev "$VETH_B" \
    && ip -n "$NS_A" link set lo up && ip -n "$NS_B" link set lo up \
    && ip -n "$NS_A" link set "$VETH_A" up && ip -n "$NS_B" link set "$VETH_B" up \
    || { log "namespace setup failed"; exit 1; }
# per-datagram loss and per-packet delay need packets of wire size: no TSO/GSO/GRO super-packets
ip netns exec "$NS_A" ethtool -K "$VETH_A" tso off gso off gro off >/dev/null 2>&1
ip netns exec "$NS_B" ethtool -K "$VETH_B" tso off gso off gro off >/dev/null 2>&1
log "namespaces $NS_A ($ADDR_A) <-> $NS_B ($ADDR_B) over veth"

IFB=uxpifb   # the ingress bottleneck's device in each namespace (--bottleneck-at receiver)
ns_of() { [[ "$1" == A ]] && echo "$NS_A" || echo "$NS_B"; }
veth_of() { [[ "$1" == A ]] && echo "$VETH_A" || echo "$VETH_B"; }

NFQ_DELAY=-1
start_delay() { # one nfqdelay per namespace, holding the packets that namespace receives
    local d="$1" side
    [[ "$d" == "$NFQ_DELAY" ]] && return 0
    stop_delay
    for side in A B; do
        # a higher priority (nice -10) so that a busy machine delays its wake-ups less; it sleeps in ppoll
        ip netns exec "$(ns_of $side)" nice -n -10 "$BUILD/nfqdelay" -q 0 -d "$d" >>"$OUT/logs/nfqdelay-$side.log" 2>&1 &
        PIDS+=($!)
        eval "NFQ_PID_$side=$!"
    done
    NFQ_DELAY="$d"
    sleep 0.2
}
# per run: how far past its due time nfqdelay released a packet at worst (both sides), in ms; shows
# when the delay program itself could not keep up
delay_mark() {
    local side pid
    for side in A B; do
        eval "pid=\${NFQ_PID_$side:-}"
        [[ -n "$pid" ]] && kill -USR1 "$pid" 2>/dev/null
    done
    sleep 0.05
}
delay_late() {
    [[ -n "${NFQ_PID_A:-}" && $P_VETH == 1 && $P_DELAY != 0 ]] || { echo "-"; return; }
    delay_mark
    local side worst=0 v
    for side in A B; do
        v=$(grep ' interval:' "$OUT/logs/nfqdelay-$side.log" 2>/dev/null | tail -n 1 | sed -n 's/.*released at most \([0-9.]*\) ms late.*/\1/p')
        [[ -n "$v" ]] && worst=$(awk -v a="$worst" -v b="$v" 'BEGIN { print (b > a ? b : a) }')
    done
    echo "$worst"
}
stop_delay() {
    local side pid
    for side in A B; do
        eval "pid=\${NFQ_PID_$side:-}"
        [[ -n "$pid" ]] && { kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
        eval "NFQ_PID_$side="
    done
    NFQ_DELAY=-1
}

configure_path() {
    local p="$1" side ns veth prob
    path_params "$p" || return 1
    for side in A B; do
        ns="$(ns_of $side)" veth="$(veth_of $side)"
        ip netns exec "$ns" iptables -w -F INPUT
        tc -n "$ns" qdisc del dev "$veth" root >/dev/null 2>&1
        tc -n "$ns" qdisc del dev "$veth" ingress >/dev/null 2>&1
        tc -n "$ns" qdisc del dev "$IFB" root >/dev/null 2>&1
        [[ $P_VETH == 1 ]] || continue
        if [[ $P_LOSS != 0 ]]; then
            prob="$(awk -v l="$P_LOSS" 'BEGIN { printf "%.4f", l / 100 }')"
            ip netns exec "$ns" iptables -w -A INPUT -i "$veth" -m statistic --mode random --probability "$prob" -j DROP \
                || { log "iptables loss rule failed"; return 1; }
        fi
        if [[ $P_DELAY != 0 ]]; then
            ip netns exec "$ns" iptables -w -A INPUT -i "$veth" -j NFQUEUE --queue-num 0 \
                || { log "iptables NFQUEUE rule failed"; return 1; }
        fi
        if [[ $P_BN != 0 ]]; then
            # drop-tail queue of about one BDP: rate x (2 x one-way delay), at least 64 KiB
            local bdp=$(( P_BN * 1000000 / 8 * 2 * P_DELAY / 1000 ))
            (( bdp < 65536 )) && bdp=65536
            if [[ $BN_AT == sender ]]; then
                tc -n "$ns" qdisc add dev "$veth" root tbf rate "${P_BN}mbit" burst 32kbit limit "$bdp" \
                    || { log "tc tbf failed"; return 1; }
            else
                # what arrives on the veth is redirected through an ifb device whose egress holds the tbf, then
                # re-enters the veth's receive path (loss and delay rules still match -i veth, after the queue)
                { ip -n "$ns" link show "$IFB" >/dev/null 2>&1 || ip -n "$ns" link add "$IFB" type ifb; } \
                    && ip -n "$ns" link set "$IFB" up \
                    && tc -n "$ns" qdisc add dev "$IFB" root tbf rate "${P_BN}mbit" burst 32kbit limit "$bdp" \
                    && tc -n "$ns" qdisc add dev "$veth" handle ffff: ingress \
                    && tc -n "$ns" filter add dev "$veth" parent ffff: protocol all u32 match u32 0 0 \
                        action mirred egress redirect dev "$IFB" \
                    || { log "tc ingress bottleneck (ifb, tbf, mirred) failed"; return 1; }
            fi
            P_QUEUE_BYTES=$bdp
        fi
    done
    if [[ $P_VETH == 1 && $P_DELAY != 0 ]]; then start_delay "$P_DELAY"; fi
    return 0
}

# counters of datagrams the link dropped: random loss (iptables DROP rule), bottleneck queue (tc), and
# NFQUEUE overflow (/proc/net/netfilter/nfnetlink_queue queue_dropped + user_dropped), both directions
counter_loss() {
    local side total=0 n
    for side in A B; do
        n=$(ip netns exec "$(ns_of $side)" iptables -w -L INPUT -v -x -n 2>/dev/null | awk '$3 == "DROP" { s += $1 } END { print s + 0 }')
        total=$((total + n))
    done
    echo "$total"
}
counter_queue() {
    local side total=0 n
    for side in A B; do
        n=$( { tc -n "$(ns_of $side)" -s qdisc show dev "$(veth_of $side)"; tc -n "$(ns_of $side)" -s qdisc show dev "$IFB"; } 2>/dev/null \
            | awk '{ for (i = 1; i < NF; i++) if ($i == "(dropped") { gsub(",", "", $(i+1)); s += $(i+1) } } END { print s + 0 }')
        total=$((total + n))
        # drops of the veth device itself (its backlog toward the peer), RX and TX
        n=$(ip -n "$(ns_of $side)" -s link show dev "$(veth_of $side)" 2>/dev/null \
            | awk '/RX:|TX:/ { getline; s += $4 } END { print s + 0 }')
        total=$((total + n))
    done
    echo "$total"
}
# UDP datagrams the receiving hosts dropped for a full socket buffer (not the link's doing; informational)
counter_rcvbuf() {
    local side total=0 n
    for side in A B; do
        n=$(ip netns exec "$(ns_of $side)" cat /proc/net/snmp 2>/dev/null \
            | awk '$1 == "Udp:" { if (!h) { for (i = 1; i <= NF; i++) if ($i == "RcvbufErrors") c = i; h = 1 } else s += $c } END { print s + 0 }')
        total=$((total + n))
    done
    echo "$total"
}
counter_nfq() {
    local side total=0 n
    for side in A B; do
        n=$(ip netns exec "$(ns_of $side)" cat /proc/net/netfilter/nfnetlink_queue 2>/dev/null | awk '{ s += $6 + $7 } END { print s + 0 }')
        total=$((total + n))
    done
    echo "$total"
}
zero_counters() {
    ip netns exec "$NS_A" iptables -w -Z INPUT
    ip netns exec "$NS_B" iptables -w -Z INPUT
}

# ---------------------------------------------------------------- process helpers
PORT_NEXT=31000
next_port() { PORT=$PORT_NEXT; PORT_NEXT=$((PORT_NEXT + 4)); (( PORT_NEXT > 60000 )) && PORT_NEXT=31000; }

spawn() { # spawn SIDE LOGPREFIX cmd... : background process in a namespace; sets SPAWNED
    local side="$1" prefix="$2"; shift 2
    ip netns exec "$(ns_of $side)" "$@" >"$prefix.out" 2>"$prefix.err" &
    SPAWNED=$!
    PIDS+=("$SPAWNED")
}

stop_pid() { # TERM, wait up to 3 s, then KILL
    local pid="$1" i
    [[ -n "$pid" ]] || return 0
    kill -TERM "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
    for i in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 0
}

stop_pids() { # TERM all, wait up to 3 s for all, then KILL what is left
    local pid i alive
    for pid in "$@"; do [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null; done
    for i in $(seq 30); do
        alive=0
        for pid in "$@"; do [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && alive=1; done
        [[ $alive == 0 ]] && break
        sleep 0.1
    done
    for pid in "$@"; do [[ -n "$pid" ]] && { kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; done
    return 0
}

wait_listen() { # side proto port timeout_s pid
    local side="$1" proto="$2" port="$3" t="$4" pid="$5" i
    for i in $(seq $((t * 10))); do
        if ip netns exec "$(ns_of $side)" ss -H -ln"${proto:0:1}" "sport = :$port" 2>/dev/null | grep -q .; then return 0; fi
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

wait_line() { # file pattern timeout_s pid
    local f="$1" pat="$2" t="$3" pid="$4" i
    for i in $(seq $((t * 10))); do
        grep -q "$pat" "$f" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# nearest-rank p50/p99 of "epoch_ms rtt_ms" lines within [from, to] epoch ms; prints "p50 p99 n"
rtt_pct() {
    local f="$1" from="$2" to="$3"
    awk -v a="$from" -v b="$to" '$1 >= a && $1 <= b { print $2 }' "$f" 2>/dev/null | sort -g | awk '
        { v[NR] = $1 }
        END {
            if (NR == 0) { print "- - 0"; exit }
            i50 = int(0.50 * NR + 0.999999); if (i50 < 1) i50 = 1
            i99 = int(0.99 * NR + 0.999999); if (i99 < 1) i99 = 1
            printf "%.2f %.2f %d\n", v[i50], v[i99], NR
        }'
}

now_ms() { date +%s%3N; }

# ---------------------------------------------------------------- systems
# sets: S_FAMILY and, for kcpgo, K_W K_CRYPT K_FEC
system_params() {
    local s="$1"
    S_FAMILY="" K_W="" K_CRYPT="" K_FEC=""
    case "$s" in
        uxp|uxp-fec|uxp-nodigest) S_FAMILY=uxp ;;
        tcp-bbr|tcp-cubic) S_FAMILY=tcp ;;
        udp-raw) S_FAMILY=raw ;;
        kcpgo-*)
            S_FAMILY=kcpgo
            if [[ "$s" =~ ^kcpgo-w([0-9]+)-(none|salsa20)-fec([0-9]+)\.([0-9]+)$ ]]; then
                K_W="${BASH_REMATCH[1]}" K_CRYPT="${BASH_REMATCH[2]}" K_FEC="${BASH_REMATCH[3]},${BASH_REMATCH[4]}"
            else
                return 1
            fi ;;
        *) return 1 ;;
    esac
}

# the latency probe of system $1 on port $2: an echo server (SRV_SIDE) and a ping client (CLI_SIDE) at
# $HOST; start_probe_server + start_probe_client; sets PING_SRV PING_CLI PING_FILE
start_probe_server() {
    local s="$1" port="$2" prefix="$3" fec_args=()
    PING_SRV="" PING_CLI="" PING_FILE="$prefix-ping.out"
    system_params "$s"
    case "$S_FAMILY" in
        uxp)
            [[ "$s" == uxp-fec ]] && fec_args=(--fec 10,3)
            spawn "$SRV_SIDE" "$prefix-echo" "${UXP[@]}" server --echo --listen "$HOST:$port" --key "$KEY" \
                --duration "$((RUN_TIMEOUT + 60))s" "${fec_args[@]}" ;;
        kcpgo)
            spawn "$SRV_SIDE" "$prefix-echo" "$KCPB" echo -l "$HOST:$port" -w "$K_W" -crypt "$K_CRYPT" -fec "$K_FEC" \
                -duration "$((RUN_TIMEOUT + 60))s" ;;
        tcp)
            spawn "$SRV_SIDE" "$prefix-echo" "$KCPB" tcp-echo -l "$HOST:$port" -duration "$((RUN_TIMEOUT + 60))s" ;;
        *) return 1 ;;
    esac
    PING_SRV=$SPAWNED
}
start_probe_client() {
    local s="$1" port="$2" prefix="$3" ping_fec=()
    system_params "$s"
    case "$S_FAMILY" in
        uxp)
            # a JVM that compiles its source first: start it at once, it retries the handshake until the
            # echo server answers
            [[ "$s" == uxp-fec ]] && ping_fec=(--fec 10,3)
            spawn "$CLI_SIDE" "$prefix-ping" timeout -k 5 $((RUN_TIMEOUT + 60)) "${UXP_PING[@]}" --connect "$HOST:$port" \
                --server-key "$KEY.pub" --interval-ms 10 --duration-s $((RUN_TIMEOUT + 50)) "${ping_fec[@]}"
            PING_CLI=$SPAWNED ;;
        kcpgo)
            wait_listen "$SRV_SIDE" udp "$port" 10 "$PING_SRV" || return 1
            spawn "$CLI_SIDE" "$prefix-ping" timeout -k 5 $((RUN_TIMEOUT + 60)) "$KCPB" ping -c "$HOST:$port" -w "$K_W" \
                -crypt "$K_CRYPT" -fec "$K_FEC" -interval 10ms -duration "$((RUN_TIMEOUT + 50))s"
            PING_CLI=$SPAWNED ;;
        tcp)
            wait_listen "$SRV_SIDE" tcp "$port" 10 "$PING_SRV" || return 1
            spawn "$CLI_SIDE" "$prefix-ping" timeout -k 5 $((RUN_TIMEOUT + 60)) "$KCPB" tcp-ping -c "$HOST:$port" \
                -interval 10ms -duration "$((RUN_TIMEOUT + 50))s"
            PING_CLI=$SPAWNED ;;
        *) return 1 ;;
    esac
}
wait_probe_ready() { [[ -n "${PING_CLI:-}" ]] && wait_line "${PING_FILE%.out}.err" "ping: ready" 40 "$PING_CLI"; }
stop_probe() {
    stop_pids "${PING_CLI:-}" "${PING_SRV:-}"
    PING_CLI="" PING_SRV=""
}

set_sides() { # for the current path: where servers and clients run, and the server's address
    if [[ $P_VETH == 1 ]]; then SRV_SIDE=B CLI_SIDE=A HOST=$ADDR_B
    else SRV_SIDE=A CLI_SIDE=A HOST=127.0.0.1; fi   # loopback: both ends on 127.0.0.1 (inside namespace A)
}

declare -A BASE_P50 BASE_P99
measure_base_rtt() { # path family-representative-system
    local p="$1" s="$2" fam prefix from to r
    system_params "$s"; fam=$S_FAMILY
    next_port
    prefix="$OUT/logs/$p-base-$fam"
    start_probe_server "$s" "$PORT" "$prefix"
    if start_probe_client "$s" "$PORT" "$prefix" && wait_probe_ready; then
        sleep 1   # warm-up (JIT, first handshakes) excluded
        from=$(now_ms)
        sleep "$BASE_SECONDS"
        to=$(now_ms)
        read -r BASE_P50["$p/$fam"] BASE_P99["$p/$fam"] r < <(rtt_pct "$PING_FILE" "$from" "$to")
    else
        BASE_P50["$p/$fam"]="-" BASE_P99["$p/$fam"]="-" r=0
        log "  base RTT probe for $fam on $p did not start (see $prefix-*.err)"
    fi
    stop_probe
    printf '%s\t%s\t%s\t%s\t%s\n' "$p" "$fam" "${BASE_P50["$p/$fam"]}" "${BASE_P99["$p/$fam"]}" "$r" >>"$BASE_TSV"
    log "  base RTT $p $fam: p50 ${BASE_P50["$p/$fam"]} ms p99 ${BASE_P99["$p/$fam"]} ms ($r samples)"
}

TSV_HEADER="timestamp	path	loss_pct	delay_ms	bottleneck_mbit	system	run	bytes	seconds	goodput_mibps	retrans	drops_link	drops_loss	drops_queue	drops_nfq	retrans_per_drop	rtt_p50_ms	rtt_p99_ms	rtt_samples	base_rtt_p50_ms	base_rtt_p99_ms	cc	suite	status	drops_rcvbuf	delay_late_ms"

run_one() { # path system run-index
    local p="$1" s="$2" idx="$3"
    local id="$p-$s-r$idx" prefix status="ok" bytes="-" secs="-" good="-" retrans="-" cc="-" suite="-"
    local l0 q0 n0 b0 db dl dq dn dlink rpd p50="-" p99="-" ns=0 t_end json rc srv cli
    prefix="$OUT/logs/$id"
    system_params "$s"
    local fam=$S_FAMILY
    next_port
    local port=$PORT pport=$((PORT + 1))
    zero_counters; l0=$(counter_loss); q0=$(counter_queue); n0=$(counter_nfq); b0=$(counter_rcvbuf)
    delay_mark
    PING_CLI="" PING_SRV="" srv="" cli=""

    if [[ $s == tcp-bbr && $BBR_OK == 0 ]]; then
        status=unavailable
    elif (( $(date +%s) >= DEADLINE )); then
        status=skipped
    else
        # 1. bulk server and, on a second port, the latency probe's echo server, started together
        [[ $fam != raw ]] && start_probe_server "$s" "$pport" "$prefix"
        system_params "$s"
        case "$fam" in
            uxp)
                local fec_args=(); [[ $s == uxp-fec ]] && fec_args=(--fec 10,3)
                # uxp-nodigest: the defaults, without the CLI's SHA-256 of the data on both ends (kcpbench hashes
                # nothing either): the transport alone
                local digest_args=(); [[ $s == uxp-nodigest ]] && digest_args=(--no-digest)
                spawn "$SRV_SIDE" "$prefix-server" "${UXP[@]}" server --listen "$HOST:$port" --key "$KEY" \
                    --duration "$((RUN_TIMEOUT + 60))s" "${fec_args[@]}"
                srv=$SPAWNED
                start_probe_client "$s" "$pport" "$prefix"   # its JVM starts while the servers start
                wait_listen "$SRV_SIDE" udp "$port" 30 "$srv" || status=server-failed ;;
            kcpgo)
                spawn "$SRV_SIDE" "$prefix-server" "$KCPB" sink -l "$HOST:$port" -w "$K_W" -crypt "$K_CRYPT" -fec "$K_FEC" \
                    -duration "$((RUN_TIMEOUT + 60))s"
                srv=$SPAWNED; wait_listen "$SRV_SIDE" udp "$port" 10 "$srv" || status=server-failed ;;
            tcp)
                spawn "$SRV_SIDE" "$prefix-server" timeout -k 5 $((RUN_TIMEOUT + 60)) iperf3 -s -1 -B "$HOST" -p "$port" -J
                srv=$SPAWNED; wait_listen "$SRV_SIDE" tcp "$port" 10 "$srv" || status=server-failed ;;
            raw)
                spawn "$SRV_SIDE" "$prefix-server" timeout -k 5 $((RUN_TIMEOUT + 30)) "${RAW_UDP[@]}" recv "$HOST:$port" \
                    $((RAW_SECONDS + 20))
                srv=$SPAWNED; wait_listen "$SRV_SIDE" udp "$port" 30 "$srv" || status=server-failed ;;
        esac
        # 2. latency probe on a second connection of the same system
        if [[ $status == ok && $fam != raw ]]; then
            if [[ $fam != uxp ]]; then start_probe_client "$s" "$pport" "$prefix"; fi
            if wait_probe_ready; then sleep 1; else log "  $id: latency probe did not start (see $prefix-ping.err)"; fi
        fi
        # 3. the timed bulk transfer
        if [[ $status == ok ]]; then
            case "$fam" in
                uxp) spawn "$CLI_SIDE" "$prefix-client" timeout -k 5 "$RUN_TIMEOUT" "${UXP[@]}" client --connect "$HOST:$port" \
                        --server-key "$KEY.pub" --bytes "$BYTES" --json "${fec_args[@]}" "${digest_args[@]}" ${BENCH_UXP_CLIENT_ARGS:-} ;;
                kcpgo) spawn "$CLI_SIDE" "$prefix-client" timeout -k 5 "$RUN_TIMEOUT" "$KCPB" source -c "$HOST:$port" -n "$BYTES" \
                        -w "$K_W" -crypt "$K_CRYPT" -fec "$K_FEC" -timeout "${RUN_TIMEOUT}s" ;;
                tcp) spawn "$CLI_SIDE" "$prefix-client" timeout -k 5 "$RUN_TIMEOUT" iperf3 -c "$HOST" -p "$port" -n "$BYTES" \
                        -C "${s#tcp-}" -J ;;
                raw) spawn "$CLI_SIDE" "$prefix-client" timeout -k 5 "$RUN_TIMEOUT" "${RAW_UDP[@]}" send "$HOST:$port" "$RAW_SECONDS" 1400 ;;
            esac
            cli=$SPAWNED
            local t_cli; t_cli=$(now_ms)
            wait "$cli"; rc=$?
            t_end=$(now_ms)
            [[ $rc == 124 || $rc == 137 ]] && status=timeout
            [[ $status == ok && $rc != 0 ]] && status="failed-rc$rc"
            if [[ $fam == raw ]]; then
                # the receiver stops 1 s after the last datagram
                local i; for i in $(seq 100); do kill -0 "$srv" 2>/dev/null || break; sleep 0.1; done
            fi
            stop_pids "$srv" "${PING_CLI:-}" "${PING_SRV:-}"; PING_CLI="" PING_SRV=""
            # 4. parse what the client (or, for raw UDP, the receiver) printed
            case "$fam" in
                uxp|kcpgo)
                    json="$(grep -m1 '^{' "$prefix-client.out")"
                    if [[ -n "$json" ]]; then
                        cp "$prefix-client.out" "$OUT/raw/$id.json"
                        bytes=$(jq -r '.bytes' <<<"$json"); secs=$(jq -r '.seconds' <<<"$json")
                        good=$(jq -r '.mibPerSecond' <<<"$json"); retrans=$(jq -r '.retransmissions' <<<"$json")
                        if [[ $fam == uxp ]]; then
                            cc=$(jq -r '.congestionControl' <<<"$json")
                            suite=$(jq -r '"\(.cipher)/\(.fec.name)\(if .fec.dataShards then " (\(.fec.dataShards),\(.fec.parityShards))" else "" end)/\(.congestionControl)"' <<<"$json")
                            [[ "$(jq -r '.ok' <<<"$json")" == true ]] || { [[ $status == ok ]] && status=unverified; }
                        else
                            cc="kcp-nc1"; suite="$K_CRYPT/fec$K_FEC/w$K_W"
                            [[ "$(jq -r '.ok' <<<"$json")" == true ]] || { [[ $status == ok ]] && status=failed; }
                        fi
                    else
                        [[ $status == ok ]] && status=no-output
                    fi ;;
                tcp)
                    if jq -e '.end.sum_received.bytes' "$prefix-client.out" >/dev/null 2>&1; then
                        cp "$prefix-client.out" "$OUT/raw/$id.json"
                        bytes=$(jq -r '.end.sum_received.bytes' "$prefix-client.out")
                        secs=$(jq -r '.end.sum_received.seconds' "$prefix-client.out")
                        good=$(jq -r '.end.sum_received.bits_per_second / 8 / 1048576' "$prefix-client.out")
                        retrans=$(jq -r '.end.sum_sent.retransmits // "-"' "$prefix-client.out")
                        cc=$(jq -r '.end.sender_tcp_congestion // "-"' "$prefix-client.out")
                        suite="tcp/$cc"
                    else
                        [[ $status == ok ]] && status=no-output
                    fi ;;
                raw)
                    json="$(grep -m1 '^{' "$prefix-server.out")"
                    if [[ -n "$json" ]]; then
                        { echo "$json"; cat "$prefix-client.out"; } >"$OUT/raw/$id.json"
                        bytes=$(jq -r '.bytes' <<<"$json"); secs=$(jq -r '.seconds' <<<"$json")
                        good=$(jq -r '.mibPerSecond' <<<"$json")
                        suite="udp/1400B"
                        [[ "$(jq -r '.ok' <<<"$json")" == true ]] || { [[ $status == ok ]] && status=failed; }
                    else
                        [[ $status == ok ]] && status=no-output
                    fi ;;
            esac
            # 5. latency under load: probe samples within the transfer's own interval
            #    (a run that did not finish: from the client's start to its end)
            if [[ $fam != raw && -n "${PING_FILE:-}" ]]; then
                local from=$t_cli
                if [[ $status == ok && "$secs" != "-" ]]; then
                    from=$(awk -v e="$t_end" -v s="$secs" 'BEGIN { printf "%.0f", e - s * 1000 }')
                fi
                read -r p50 p99 ns < <(rtt_pct "$PING_FILE" "$from" "$t_end")
            fi
            # a run that did not finish delivered an unknown share of its bytes: no goodput
            if [[ $status != ok ]]; then bytes="-" secs="-" good="-"; fi
        else
            stop_pids "$srv" "${PING_CLI:-}" "${PING_SRV:-}"; PING_CLI="" PING_SRV=""
        fi
    fi
    dl=$(( $(counter_loss) - l0 )); dq=$(( $(counter_queue) - q0 )); dn=$(( $(counter_nfq) - n0 )); db=$(( $(counter_rcvbuf) - b0 ))
    dlink=$((dl + dq + dn))
    local late; late=$(delay_late)
    rpd="-"
    if [[ "$retrans" =~ ^[0-9]+$ && $dlink -gt 0 ]]; then rpd=$(awk -v r="$retrans" -v d="$dlink" 'BEGIN { printf "%.3f", r / d }'); fi
    [[ "$good" =~ ^[0-9.]+$ ]] && good=$(awk -v g="$good" 'BEGIN { printf "%.3f", g }')
    [[ "$secs" =~ ^[0-9.]+$ ]] && secs=$(awk -v g="$secs" 'BEGIN { printf "%.3f", g }')
    local bp50="${BASE_P50["$p/$fam"]:--}" bp99="${BASE_P99["$p/$fam"]:--}"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$p" "$P_LOSS" "$P_DELAY" "$P_BN" "$s" "$idx" "$bytes" "$secs" "$good" \
        "$retrans" "$dlink" "$dl" "$dq" "$dn" "$rpd" "$p50" "$p99" "$ns" "$bp50" "$bp99" "$cc" "$suite" "$status" "$db" "$late" >>"$TSV"
    log "  $id: $status ${good} MiB/s in ${secs} s, retrans $retrans, link drops $dlink, RTT p50/p99 $p50/$p99 ms ($ns), $suite"
}

# ---------------------------------------------------------------- the matrix
echo "$TSV_HEADER" >"$TSV"
printf 'path\tfamily\tbase_rtt_p50_ms\tbase_rtt_p99_ms\tsamples\n' >"$BASE_TSV"
{
    echo "started=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host=$(hostname) kernel=$(uname -r) cores=$(nproc)"
    echo "java=$("$JAVA" -version 2>&1 | head -n 1)"
    echo "go=$(go version)"
    echo "iperf3=$(iperf3 --version | head -n 1)"
    echo "bytes=$BYTES runs=$RUNS timeout=$RUN_TIMEOUT"
    echo "paths=${PATHS[*]}"
    echo "systems=${SYSTEMS[*]}"
    echo "uxp_commit=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)"
    echo "bbr=$BBR_OK"
    echo "bottleneck_at=$BN_AT"
} >"$OUT/meta.txt"

for p in "${PATHS[@]}"; do
    configure_path "$p" || { log "path $p: setup failed, skipped"; continue; }
    set_sides
    log "path $p: loss $P_LOSS % each way, delay $P_DELAY ms each way, bottleneck ${P_BN:-0} Mbit/s${P_QUEUE_BYTES:+ (queue $P_QUEUE_BYTES B)}"
    P_QUEUE_BYTES=""
    # idle base RTT, once per path and family of the selected systems
    declare -A done_fam=()
    for s in "${SYSTEMS[@]}"; do
        system_params "$s"
        [[ $S_FAMILY == raw || -n "${done_fam[$S_FAMILY]:-}" ]] && continue
        done_fam[$S_FAMILY]=1
        (( $(date +%s) >= DEADLINE )) && continue
        case "$S_FAMILY" in
            uxp) measure_base_rtt "$p" uxp ;;
            kcpgo) measure_base_rtt "$p" "$s" ;;
            tcp) measure_base_rtt "$p" tcp-cubic ;;
        esac
    done
    unset done_fam
    for ((r = 1; r <= RUNS; r++)); do
        for s in "${SYSTEMS[@]}"; do
            run_one "$p" "$s" "$r"
        done
    done
done
stop_delay

log "matrix done in $(( ($(date +%s) - START_EPOCH + 59) / 60 )) min; report:"
python3 "$BENCH/report.py" "$TSV" --out "$OUT" | tee "$OUT/summary.txt"
log "results: $OUT (results.tsv, summary.md, *.svg)"
