#!/usr/bin/env bash
# Runs every UXP test on a fresh machine: installs and starts what the tests need, then `./mvnw deploy`, which runs
# every test and writes the published artifacts to the file repository target/repository (never to ~/.m2:
# install is skipped), then builds and runs the README's quick start against that repository (scripts/quickstart.sh).
# With extra arguments it runs `./mvnw verify` with them instead, without the quick start.
#
# Needs: a JDK 17+. The container and interop tests (module it-tests) also need a Docker engine, Go and
# kcp-go's source; as root on Debian/Ubuntu this script installs them (docker.io, golang-go,
# golang-github-xtaci-kcp-dev) and starts dockerd if none answers. Without them those tests are skipped,
# except when UXP_IT_REQUIRED=1 (set by CI), where they fail instead.
# Extra arguments go to Maven, e.g. `scripts/test.sh -pl uxp-kcp -am`. Without them, the quick start and a bounded
# fuzzing campaign (scripts/fuzz.sh, UXP_FUZZ_SECONDS, default 75 s) follow the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'uxp-test: %s\n' "$*" >&2; }

is_root() { [ "$(id -u)" = 0 ]; }

ensure_packages() {
    local missing=()
    command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
    command -v go >/dev/null 2>&1 || missing+=(golang-go)
    [ -d /usr/share/gocode/src/github.com/xtaci/kcp-go ] || missing+=(golang-github-xtaci-kcp-dev)
    [ ${#missing[@]} -eq 0 ] && return 0
    if is_root && command -v apt-get >/dev/null 2>&1; then
        log "installing ${missing[*]} (apt-get)"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        log "missing ${missing[*]} and cannot install them (needs root and apt-get): container tests will not run"
    fi
}

STARTED_DOCKERD=""
ensure_docker() {
    command -v docker >/dev/null 2>&1 || return 0
    docker info >/dev/null 2>&1 && return 0
    if ! is_root || ! command -v dockerd >/dev/null 2>&1; then
        log "no Docker engine answers and this script cannot start one: container tests will not run"
        return 0
    fi
    log "starting dockerd (log: /tmp/uxp-dockerd.log)"
    setsid dockerd </dev/null >/tmp/uxp-dockerd.log 2>&1 &
    STARTED_DOCKERD=$!
    for _ in $(seq 1 60); do
        docker info >/dev/null 2>&1 && return 0
        sleep 1
    done
    log "dockerd did not answer within 60 s; see /tmp/uxp-dockerd.log"
}

stop_docker() {
    if [ -n "$STARTED_DOCKERD" ]; then
        kill "$STARTED_DOCKERD" 2>/dev/null || true
        for _ in $(seq 1 20); do kill -0 "$STARTED_DOCKERD" 2>/dev/null || break; sleep 0.5; done
    fi
}
trap stop_docker EXIT

ensure_packages
ensure_docker

# Testcontainers on this kind of machine (docs/ENVIRONMENT notes): no registry, so no Ryuk; and a /.dockerenv
# file that would make it look for a gateway container.
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=localhost
if [ "${CI:-}" = true ]; then
    export UXP_IT_REQUIRED="${UXP_IT_REQUIRED:-1}"
fi

if [ $# -eq 0 ]; then
    # a full run deploys (every test first) into an empty target/repository, so that the README's library quick
    # start, built outside the reactor against it, sees exactly what this build published (module path and class
    # path); install is skipped: ~/.m2 keeps no io.uxp artifact of this checkout
    rm -rf target/repository
    ./mvnw -B -ntp deploy -Dmaven.install.skip=true
    log "library quick start (scripts/quickstart.sh)"
    bash scripts/quickstart.sh
else
    # a partial run (extra arguments, which may include -o: deploy refuses offline mode) only verifies
    ./mvnw -B -ntp verify "$@"
fi

# The bounded fuzzing campaign (docs/ROBUSTNESS.md): after a full run only (no extra arguments), for
# UXP_FUZZ_SECONDS seconds (default 75, about 2 minutes with the build; 0 skips it). The deploy above already
# ran every harness's seed corpus in regression mode.
if [ $# -eq 0 ] && [ "${UXP_FUZZ_SECONDS:-75}" != 0 ]; then
    log "bounded fuzzing campaign: ${UXP_FUZZ_SECONDS:-75} s (scripts/fuzz.sh)"
    bash scripts/fuzz.sh "${UXP_FUZZ_SECONDS:-75}"
fi
