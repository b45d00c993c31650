#!/usr/bin/env bash
# Stacks of one environment that a change touches, for planning a pull request: those whose synthesized JSON differs
# between two synth outputs (or that are new), and those using a local module whose files changed between two commits.
#   scripts/changed-stacks.sh <base cdktf.out> <head cdktf.out> <base commit> <head commit>
# Both outputs must be synthesized for the same ENV with the same INFRA_VERSION (e.g. unversioned), so only real
# changes count. Prints the stack names, space-separated (empty: nothing to plan).
set -euo pipefail
cd "$(dirname "$0")/.."
base_out=${1:?base cdktf.out}; head_out=${2:?head cdktf.out}; base=${3:?base commit}; head=${4:?head commit}

changed=()
for stack_dir in "$head_out"/stacks/*/; do
  stack=$(basename "$stack_dir")
  if ! cmp -s "$head_out/stacks/$stack/cdk.tf.json" "$base_out/stacks/$stack/cdk.tf.json" 2>/dev/null; then
    changed+=("$stack")
    continue
  fi
  # Module contents are not in the JSON: a stack changes when a module it uses changes.
  for module in $(node -e 'const j=require(require("path").resolve(process.argv[1])); for (const m of Object.values(j.module||{})) { const s=m.source||""; if (s.startsWith("../../../modules/")) console.log(s.slice(17)); }' "$head_out/stacks/$stack/cdk.tf.json"); do
    if [[ -n $(git diff --name-only "$base" "$head" -- "modules/$module") ]]; then
      changed+=("$stack")
      break
    fi
  done
done
echo "${changed[*]}"
