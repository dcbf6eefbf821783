#!/usr/bin/env bash
# A bounded fuzzing campaign: runs every Jazzer harness of uxp-fuzz in fuzzing mode, one JVM per harness, for the
# given seconds each, then prints how many inputs each executed and where any finding was written.
#
# Usage: scripts/fuzz.sh [seconds-per-harness] [harness-pattern]
#   scripts/fuzz.sh 6                        # the short campaign (8 harnesses, under 2 minutes after a build)
#   scripts/fuzz.sh 1800                     # a long campaign: 30 minutes per harness
#   scripts/fuzz.sh 60 KcpInputFuzzTest      # one harness (a surefire -Dtest pattern)
#
# Findings go to uxp-fuzz/target/fuzz-finding-crash-* (or -timeout-*), never into the source tree; the
# corpus each harness grows is kept in uxp-fuzz/.cifuzz-corpus/ (ignored by git) and reused by the next run.
# Reproduce a finding with docs/ROBUSTNESS.md, "Reproducing a finding". Exits non-zero if any harness failed.
# Extra Maven arguments can be given in UXP_FUZZ_MAVEN_ARGS (for example -o).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-6}"
pattern="${2:-*FuzzTest}"
log=uxp-fuzz/target/fuzz-campaign.log
mkdir -p uxp-fuzz/target
rm -f uxp-fuzz/target/fuzz-finding-*

start=$(date +%s)
status=0
# -am builds (compiles) the modules under test in the same reactor; their own tests are filtered out by -Dtest
./mvnw -B -ntp ${UXP_FUZZ_MAVEN_ARGS:-} -pl uxp-fuzz -am -Pfuzz test -Dfuzz.seconds="$seconds" -Dtest="$pattern" \
    -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - start ))

printf '%-28s %12s\n' harness inputs
awk '/Running io\.uxp\./ { name = $NF; sub(/.*\./, "", name) }
     /^stat::number_of_executed_units:/ { runs[name] = $2 }
     END { for (n in runs) printf "%-28s %12d\n", n, runs[n] }' "$log" | sort
findings=$(ls uxp-fuzz/target/fuzz-finding-* 2>/dev/null || true)
if [ -n "$findings" ]; then
    echo "findings:"
    echo "$findings"
fi
grep -E '^\[(ERROR|WARNING)\] .*(FuzzTestFinding|Tests run:.*FAIL)' "$log" || true
echo "campaign: ${seconds} s per harness, ${elapsed} s wall, Maven exit ${status}; full log: $log"
exit "$status"
