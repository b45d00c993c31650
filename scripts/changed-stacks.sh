#!/usr/bin/env bash
# Stacks of one environment that a change touches, for planning a pull request: those whose synthesized JSON differs
# between two synth outputs (or that are new). A change to one of the library's modules counts too: the stack carries the
# module as an asset whose content hash is in the module's `source` (./assets/module-<name>/<hash>), so its JSON changes.
#   scripts/changed-stacks.sh <base cdktf.out> <head cdktf.out>
# Both outputs must be synthesized for the same ENV with the same INFRA_VERSION (e.g. unversioned), so only real
# changes count. Prints the stack names, space-separated (empty: nothing to plan).
set -euo pipefail
base_out=${1:?base cdktf.out}; head_out=${2:?head cdktf.out}

changed=()
for stack_dir in "$head_out"/stacks/*/; do
  stack=$(basename "$stack_dir")
  if ! cmp -s "$head_out/stacks/$stack/cdk.tf.json" "$base_out/stacks/$stack/cdk.tf.json" 2>/dev/null; then
    changed+=("$stack")
  fi
done
echo "${changed[*]}"
