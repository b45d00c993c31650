#!/usr/bin/env bash
# `make validate`: the Terraform checks of `make test`, run against your own terraform, plus `terraform validate` of the
# GCP stacks where the Google and Kubernetes providers can be installed (network access).
#
# 1. AWS: the providers the AWS stacks pin are mirrored once into .engine/terraform-mirror (`terraform providers
#    mirror`, needs the registry); offline, the machine's own mirror is used as in `make test`. Then the Terraform
#    test category runs: validate, offline plan with the wiring asserted, destroy protection. CI=true: nothing skips.
# 2. GCP: each mlops-gcp-* stack of cdktf.out is copied to a temp folder, initialised without backend and validated.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v terraform >/dev/null || { echo "validate: needs terraform on PATH (or OpenTofu as terraform)" >&2; exit 2; }
aws_stack=cdktf.out/stacks/mlops-aws-dev
[[ -f "$aws_stack/cdk.tf.json" ]] || { echo "validate: run 'make synth' first ($aws_stack missing)" >&2; exit 2; }

mirror=.engine/terraform-mirror
if [[ -z "${TF_PLUGIN_MIRROR:-}" ]]; then
  # `providers mirror` reads the whole configuration, so the stack's local modules are installed first (`get`, offline).
  if [[ -d "$mirror/registry.terraform.io/hashicorp/aws" ]] \
    || { terraform -chdir="$aws_stack" get >/dev/null 2>&1 && terraform -chdir="$aws_stack" providers mirror "$PWD/$mirror" >/dev/null 2>&1; }; then
    export TF_PLUGIN_MIRROR=$PWD/$mirror
    echo "validate: hashicorp/aws from $TF_PLUGIN_MIRROR"
  else
    echo "validate: the registry is not reachable; using this machine's provider mirror as 'make test' does"
  fi
fi

for project in MlopsCdktf.Library.Tests MlopsCdktf.Tests; do
  CI=true dotnet test "$project" --nologo --verbosity quiet --filter "TestCategory=Terraform" --logger "console;verbosity=minimal"
done

status=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for stack in cdktf.out/stacks/mlops-gcp-*; do
  name=$(basename "$stack")
  cp -r "$stack" "$work/$name"
  if ! terraform -chdir="$work/$name" init -backend=false -input=false -no-color >"$work/$name.init.log" 2>&1; then
    echo "validate: $name skipped: could not install its providers (offline?); see 'terraform init' output:"
    tail -n 5 "$work/$name.init.log" | sed 's/^/    /'
    continue
  fi
  if terraform -chdir="$work/$name" validate -no-color; then
    echo "validate: $name valid"
  else
    status=1
  fi
done
exit $status
