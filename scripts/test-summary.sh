#!/usr/bin/env bash
# Prints the closing lines of `make test` from a TRX file written by dotnet test:
#   terraform: how many stacks the real terraform validated and planned (and destroy plans), or why none
#   tests: N passed, N failed, N skipped
set -euo pipefail
trx=${1:?usage: test-summary.sh results.trx}
if [[ ! -f "$trx" ]]; then
  echo "tests: 0 passed, 1 failed (no test results at $trx: the build or test host failed)"
  exit 0
fi

# Terraform tests are named <Test>(<stack>); count the stacks whose validate and plan both passed.
results=$(grep -o '<UnitTestResult [^>]*>' "$trx" || true)
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

counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
attr() { sed -n "s/.* $1=\"\\([0-9]*\\)\".*/\\1/p" <<<"$counters"; }
total=$(attr total); passed=$(attr passed); failed=$(attr failed); executed=$(attr executed)
skipped=$(( ${total:-0} - ${executed:-0} ))
echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped} skipped"
