#!/usr/bin/env bash
# A bounded fuzzing campaign over the Jazzer harnesses of uxp-fuzz (docs/ROBUSTNESS.md).
#
# Usage: scripts/fuzz.sh [seconds] [harness-pattern]
#   scripts/fuzz.sh 85                     # short campaign: every harness in one JVM for 85 s (about 2 minutes)
#   scripts/fuzz.sh 600 '*FuzzTest'        # long campaign: each harness in its own JVM, 600 s each
#   scripts/fuzz.sh 60 KcpInputFuzzTest    # one harness (a surefire -Dtest pattern)
#
# The default pattern, AllHarnessesFuzzing, puts every harness behind one fuzz test, because Jazzer fuzzes one
# fuzz test per JVM and each JVM spends seconds starting; with a pattern, each matching harness gets a JVM and
# the seconds each. Findings go to uxp-fuzz/target/fuzz-finding-* (never the source tree); the corpus grown is
# kept in uxp-fuzz/.cifuzz-corpus/ (ignored by git) and reused by the next run. Prints the inputs executed per
# harness; exits non-zero if any harness failed. Extra Maven arguments: UXP_FUZZ_MAVEN_ARGS (for example -o).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-85}"
pattern="${2:-AllHarnessesFuzzing}"
target=uxp-fuzz/target
log=$target/fuzz-campaign.log
mkdir -p "$target"
rm -f "$target"/fuzz-finding-* "$target"/fuzz-inputs-per-harness.txt

start=$(date +%s)
status=0
# -am compiles the modules under test in this reactor (not whatever ~/.m2 holds); -Dtest keeps their tests out
./mvnw -B -ntp ${UXP_FUZZ_MAVEN_ARGS:-} -pl uxp-fuzz -am -Pfuzz test -Dfuzz.seconds="$seconds" -Dtest="$pattern" \
    -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - start ))

if [ -f "$target/fuzz-inputs-per-harness.txt" ]; then
    printf '%-28s %12s  (one JVM)\n' harness inputs
    cat "$target/fuzz-inputs-per-harness.txt"
else
    printf '%-28s %12s\n' harness inputs
    awk '/Running io\.uxp\./ { name = $NF; sub(/.*\./, "", name) }
         /^stat::number_of_executed_units:/ { runs[name] = $2 }
         END { for (n in runs) printf "%-28s %12d\n", n, runs[n] }' "$log" | sort
fi
grep -E '^#[0-9]+[[:space:]]+DONE' "$log" || true
findings=$(ls "$target"/fuzz-finding-* 2>/dev/null || true)
if [ -n "$findings" ]; then
    echo "findings (reproduce: docs/ROBUSTNESS.md):"
    echo "$findings"
fi
grep -E '^\[ERROR\] +[A-Za-z]+\.[A-Za-z]+.*FuzzTestFinding' "$log" || true
echo "campaign: ${seconds} s, pattern ${pattern}, ${elapsed} s wall, Maven exit ${status}; full log: $log"
exit "$status"
