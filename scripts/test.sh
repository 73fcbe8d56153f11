#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed" (N skipped too, when any).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/bootstrap.sh || exit 1
mkdir -p artifacts
log="artifacts/test.log"

# The fault tests (three silo processes and Azurite) run after the rest and alone, so that their timings
# are the cluster's own and not those of the other test projects running beside them.
dotnet test Recsys.Orleans.sln --nologo --filter "FullyQualifiedName!~Recsys.Cluster.Tests" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
dotnet test tests/Recsys.Cluster.Tests --nologo --no-build 2>&1 | tee -a "$log"
fault_status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ]; then status=$fault_status; fi

# One summary line per test assembly, e.g. "Passed!  - Failed:     0, Passed:    30, Skipped:     0, ..."
sum() { grep -oE "$1:[[:space:]]+[0-9]+" "$log" | grep -oE '[0-9]+$' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum Passed)
failed=$(sum Failed)
skipped=$(sum Skipped)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the build or a test host failed before any test could report
fi
# Name what failed at the very end, so a truncated CI log still shows it.
grep -E '^[[:space:]]*Failed [A-Za-z_]|error [A-Z]+[0-9]+:|Test host process crashed|The active test run was aborted' "$log" | sort -u | head -n 40
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"
