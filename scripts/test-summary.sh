#!/usr/bin/env bash
# Prints the closing lines of `make test` from the TRX files dotnet test wrote (one per test project):
#   terraform: how many stacks the real terraform validated and planned (and destroy plans), or why none
#   tests: N passed, N failed, N skipped (over all projects; a missing TRX counts as one failure)
set -euo pipefail
(( $# > 0 )) || { echo "usage: test-summary.sh results.trx..." >&2; exit 2; }

results="" passed=0 failed=0 skipped=0
for trx in "$@"; do
  if [[ ! -f "$trx" ]]; then
    echo "no test results at $trx: the build or test host failed"
    failed=$(( failed + 1 ))
    continue
  fi
  results+=$(grep -o '<UnitTestResult [^>]*>' "$trx" || true)$'\n'
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  attr() { local v; v=$(sed -n "s/.* $1=\"\\([0-9]*\\)\".*/\\1/p" <<<"$counters"); echo "${v:-0}"; }
  passed=$(( passed + $(attr passed) ))
  failed=$(( failed + $(attr failed) ))
  skipped=$(( skipped + $(attr total) - $(attr executed) ))
done

# Terraform tests are named <Test>(<stack>); count the stacks whose validate and plan both passed.
stacks_with() { grep "testName=\"$1(" <<<"$results" | grep 'outcome="Passed"' | sed -n 's/.*testName="[^(]*(\([^)]*\))".*/\1/p' | sort -u; }
validated=$(stacks_with Terraform_validates_with_no_errors_and_no_warnings)
planned=$(stacks_with Terraform_plans_offline_with_the_wiring_asserted)
checked=$(comm -12 <(echo "$validated") <(echo "$planned") | grep -c . || true)
destroys=$(stacks_with Terraform_destroy_plan_follows_the_deletion_policy | grep -c . || true)
skipped_tf=$(grep 'testName="Terraform_' <<<"$results" | grep -c 'outcome="NotExecuted"' || true)
if (( checked > 0 )); then
  echo "terraform: ${checked} stacks validated and planned by the real terraform (hashicorp/aws), ${destroys} destroy plans checked"
elif (( skipped_tf > 0 )); then
  echo "terraform: skipped (${skipped_tf} tests): no terraform or provider mirror here; see the skip reasons above"
fi
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
