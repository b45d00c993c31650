#!/usr/bin/env bash
# Prints the plain closing line "tests: N passed, N failed, N skipped" from a TRX file written by dotnet test.
set -euo pipefail
trx=${1:?usage: test-summary.sh results.trx}
if [[ ! -f "$trx" ]]; then
  echo "tests: 0 passed, 1 failed (no test results at $trx: the build or test host failed)"
  exit 0
fi
counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
attr() { sed -n "s/.* $1=\"\\([0-9]*\\)\".*/\\1/p" <<<"$counters"; }
total=$(attr total); passed=$(attr passed); failed=$(attr failed); executed=$(attr executed)
skipped=$(( ${total:-0} - ${executed:-0} ))
echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped} skipped"
