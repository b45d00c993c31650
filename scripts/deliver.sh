#!/usr/bin/env bash
# `make list | diff | policy-plan | deploy | destroy | drift | deployed-version | bootstrap-state`: the stacks of ONE environment, through the real
# terraform CLI, in dependency order (cdktf.out/manifest.json). `cdktf diff` takes a single stack, so each stack is
# planned/applied by terraform in its own folder, cdktf.out/stacks/<stack>.
#
#   scripts/deliver.sh preflight <action>   checks only (terraform, credentials, ENV): fails at once, before any set-up
#   scripts/deliver.sh <action>             synthesizes the environment, then runs terraform on each stack
#
# Make variables (exported by make): ENV=dev|staging|prod|pr<number> (required except for list), STATE=local|remote
# (default local), INFRA_VERSION=<git commit> (default unversioned), OUT=<output folder> (default cdktf.out),
# STACKS="<stack> ..." (only these stacks of ENV, still in dependency order), AUTO_APPROVE=1 (apply/destroy without
# the prompt, for CI), SKIP_SYNTH=1 (reuse OUT, synthesized for this ENV), PLAN_DIR=<folder> (diff/drift: keep each stack's plan
# as <stack>.tfplan and <stack>.plan.txt there; policy-plan reads them, or PLANS=<folder>), MLOPS_SKIP_CREDENTIAL_CHECK=1 (credentials come from an instance
# role / metadata server, which this check cannot see).
# diff, drift and deployed-version only read state: they plan with -lock=false, so a read-only role (the CI plan-<env>
# environments) can run them; deploy, destroy and bootstrap-state take the state lock.
# drift compares the cloud with the code that deployed it: each deployed stack's `infra_version` output (read from its
# state) must equal INFRA_VERSION, else it stops (exit 2) naming the stack and the deployed version to check out first;
# `make deployed-version ENV=<env>` prints that version (one for all deployed stacks of ENV).
# deploy verifies every serving stack it applied with the AWS CLI: the live endpoint must be InService and serve the
# endpoint configuration in Terraform's state (its endpoint_config_name output); SageMaker rolls a failed blue/green
# update back to the old configuration while the provider records the new one (terraform-provider-aws#48997).
# policy-plan synthesizes nothing: the app (MlopsCdktf/PolicyPlan.cs) converts each plan with terraform show -json in its
# stack folder under OUT (as make diff left it), evaluates the policy pack and writes policy-report.json and policy.sarif
# next to the plans; it needs no cloud credentials and exits 1 on an unsuppressed error, 2 when the plans cannot be read.
# Exit codes: 0 ok; 1 terraform failed; 2 missing tool, credentials or ENV, or drift of another version than deployed;
# drift: 3 when any stack drifted; deploy: 4 when a serving endpoint is not InService on the configuration in state.
set -euo pipefail
cd "$(dirname "$0")/.."

action=${1:?usage: deliver.sh [preflight] list|diff|policy-plan|deploy|destroy|drift|deployed-version|bootstrap-state}
preflight_only=false
if [[ $action == preflight ]]; then
  preflight_only=true
  action=${2:?usage: deliver.sh preflight <action>}
fi

out=${OUT:-cdktf.out}
env_name=${ENV:-}
fail() { echo "make $action: $*" >&2; exit 2; }

needs_terraform() { [[ $action != list ]]; }

selection_variables() {
  # One environment (or the review environment of a pull request); state mode and infra version as given.
  if [[ $env_name =~ ^pr([1-9][0-9]{0,9})$ ]]; then
    echo "MLOPS_PR=${BASH_REMATCH[1]}"
  elif [[ -n $env_name ]]; then
    echo "MLOPS_ENV=$env_name"
  fi
  echo "MLOPS_STATE=${STATE:-local}"
  echo "MLOPS_INFRA_VERSION=${INFRA_VERSION:-unversioned}"
  [[ $action == bootstrap-state ]] && echo "MLOPS_BOOTSTRAP=true"
  return 0
}

# shellcheck source=scripts/cloud-credentials.sh
source scripts/cloud-credentials.sh

preflight() {
  if [[ $action != list && -z $env_name ]]; then
    fail "set ENV: one of dev, staging, prod, or pr<number> for a pull request's review environment (e.g. make $action ENV=dev)"
  fi
  if [[ -n $env_name && ! $env_name =~ ^(dev|staging|prod|pr[1-9][0-9]{0,9})$ ]]; then
    fail "ENV was \"$env_name\": must be dev, staging, prod or pr<number>"
  fi
  if [[ $action == bootstrap-state && ! $env_name =~ ^(dev|staging|prod)$ ]]; then
    fail "ENV was \"$env_name\": state buckets belong to dev, staging or prod (review environments use dev's)"
  fi
  if needs_terraform && ! command -v terraform >/dev/null; then
    fail "needs terraform >= 1.10 on PATH (install it: https://developer.hashicorp.com/terraform/install; OpenTofu works as 'terraform')"
  fi
  if needs_terraform; then
    # S3-native state locking (use_lockfile) needs 1.10; an older terraform would ignore it and apply without a lock.
    local version
    version=$(terraform version 2>/dev/null | sed -n '1s/^[^0-9]*\([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p')
    if [[ -n $version ]] && (( ${version%%.*} < 1 || (${version%%.*} == 1 && ${version#*.} < 10) )); then
      fail "needs terraform >= 1.10 (found $version): the S3 backend locks state with use_lockfile"
    fi
  fi
  if [[ $action == deploy ]] && ! command -v aws >/dev/null; then
    fail "needs the AWS CLI (aws) on PATH: after applying a serving stack, deploy checks that the live SageMaker endpoint serves the configuration in state (install it: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)"
  fi
  if [[ $action == policy-plan && -z ${PLANS:-${PLAN_DIR:-}} ]]; then
    fail "set PLANS to the folder of <stack>.tfplan files (make diff ENV=$env_name PLAN_DIR=<folder> saves them), or PLAN_DIR"
  fi
  if needs_terraform && [[ $action != policy-plan && ${MLOPS_SKIP_CREDENTIAL_CHECK:-} != 1 ]]; then
    local missing=()
    has_aws_credentials || missing+=("AWS: set AWS_PROFILE (aws sso login / aws configure) or AWS_ACCESS_KEY_ID+AWS_SECRET_ACCESS_KEY, or in CI assume a role through OIDC (aws-actions/configure-aws-credentials)")
    has_gcp_credentials || missing+=("GCP: run 'gcloud auth application-default login' or set GOOGLE_APPLICATION_CREDENTIALS, or in CI use Workload Identity Federation (google-github-actions/auth)")
    if ((${#missing[@]})); then
      printf 'make %s: no cloud credentials found for ENV=%s:\n' "$action" "$env_name" >&2
      printf '  - %s\n' "${missing[@]}" >&2
      echo "  (credentials from an instance role or metadata server: set MLOPS_SKIP_CREDENTIAL_CHECK=1)" >&2
      exit 2
    fi
  fi
}

synthesize() {
  if [[ ${SKIP_SYNTH:-} == 1 ]]; then
    # Reuse what an earlier step synthesized (CI synthesizes once per job), if it is this environment.
    [[ -f $out/manifest.json ]] || fail "SKIP_SYNTH=1 but $out/manifest.json is missing: synthesize ENV=$env_name first"
    if [[ -n $env_name ]] && node -e 'const s=Object.keys(require(require("path").resolve(process.argv[1])).stacks); process.exit(s.every(n => n.endsWith("-" + process.argv[2])) ? 0 : 1)' "$out/manifest.json" "$env_name"; then
      return
    fi
    fail "SKIP_SYNTH=1 but $out holds stacks of another selection than ENV=$env_name"
  fi
  # A clean folder: stacks of another selection must not be picked up.
  rm -rf "$out/stacks" "$out/manifest.json"
  local variables
  mapfile -t variables < <(selection_variables)
  env "${variables[@]}" cdktf synth --output "$out" >&2
}

# Stack names of the synthesized selection in dependency order (each after the stacks it reads); with STACKS="a b",
# only those (each must be a stack of the selection).
ordered_stacks() {
  # shellcheck disable=SC2016 # a JavaScript program: its backquotes and ${} are JavaScript's, not the shell's
  node -e '
    const m = require(require("path").resolve(process.argv[1])).stacks;
    const only = (process.argv[2] || "").split(/\s+/).filter(Boolean);
    const unknown = only.filter(s => !(s in m));
    if (unknown.length) { console.error(`STACKS names ${unknown.join(", ")}, not a stack of this selection (${Object.keys(m).join(", ")})`); process.exit(2); }
    const done = new Set(), order = [];
    const visit = n => { if (done.has(n)) return; done.add(n); (m[n].dependencies || []).forEach(visit); order.push(n); };
    Object.keys(m).sort().forEach(visit);
    console.log(order.filter(n => only.length === 0 || only.includes(n)).join("\n"));' "$out/manifest.json" "${STACKS:-}"
}

tf() { local stack=$1; shift; (cd "$out/stacks/$stack" && terraform "$@"); }

init() { tf "$1" init -input=false -no-color >/dev/null; }

# The infrastructure version a stack was applied with: its `infra_version` output in state; empty when never applied.
deployed_version() {
  local stack=$1
  tf "$stack" output -no-color -raw infra_version 2>/dev/null || true
}

# After an apply of a serving stack: the live endpoint must be InService on the endpoint configuration Terraform recorded.
# A blue/green update that SageMaker rolled back (an alarm fired, the new model failed its health check) leaves the
# endpoint InService on the OLD configuration while state holds the new one, and the provider deletes the old one.
verify_endpoint() {
  local stack=$1 endpoint expected region answer status live reason
  endpoint=$(tf "$stack" output -no-color -raw endpoint_name)
  expected=$(tf "$stack" output -no-color -raw endpoint_config_name)
  region=$(node -e 'const s=require(require("path").resolve(process.argv[1]));const p=(s.provider||{}).aws;console.log(((Array.isArray(p)?p[0]:p)||{}).region||"")' "$out/stacks/$stack/cdk.tf.json")
  echo "== verify $stack: endpoint $endpoint serves $expected"
  answer=$(aws sagemaker describe-endpoint --endpoint-name "$endpoint" ${region:+--region "$region"} \
    --query '[EndpointStatus, EndpointConfigName, FailureReason]' --output text) \
    || { echo "make deploy: could not describe SageMaker endpoint $endpoint of $stack (aws sagemaker describe-endpoint failed above)" >&2; exit 4; }
  IFS=$'\t' read -r status live reason <<<"$answer"
  if [[ $status != InService ]]; then
    echo "make deploy: endpoint $endpoint of $stack is $status, not InService (FailureReason: ${reason:-none}); Terraform's state expects configuration $expected. See docs/delivery.md#when-sagemaker-rolls-back" >&2
    exit 4
  fi
  if [[ $live != "$expected" ]]; then
    echo "make deploy: SageMaker ROLLED BACK $stack: endpoint $endpoint serves configuration $live, but Terraform's state has $expected (the update failed its health check or a rollback alarm fired; terraform-provider-aws may already have deleted $live). See docs/delivery.md#when-sagemaker-rolls-back to recover" >&2
    exit 4
  fi
  echo "== verify $stack: InService on $live"
}

# terraform plan of an initialised stack (PLAN_DIR: keep the plan and its text).
plan_stack() {
  local stack=$1 code=0
  # A plan only reads state: no lock (a write), so read-only plan roles can run it.
  local args=(plan -input=false -no-color -lock=false)
  [[ $action == drift ]] && args+=(-detailed-exitcode -refresh=true)
  if [[ -n ${PLAN_DIR:-} ]]; then
    mkdir -p "$PLAN_DIR"
    args+=("-out=$(cd "$PLAN_DIR" && pwd)/$stack.tfplan")
    tf "$stack" "${args[@]}" > >(tee "$PLAN_DIR/$stack.plan.txt") || code=$?
  else
    tf "$stack" "${args[@]}" || code=$?
  fi
  return $code
}

preflight
$preflight_only && exit 0

if [[ $action == policy-plan ]]; then
  mapfile -t variables < <(selection_variables)
  exec env "${variables[@]}" CDKTF_OUTDIR="$out" scripts/run-app.sh policy-plan "${PLANS:-$PLAN_DIR}"
fi

synthesize
stack_list=$(ordered_stacks) || exit 2
mapfile -t stacks <<<"$stack_list"
if [[ -z $stack_list ]]; then
  echo "make $action: no stack selected (STACKS=\"${STACKS:-}\"): nothing to do"
  exit 0
fi
approve=()
[[ ${AUTO_APPROVE:-} == 1 ]] && approve=(-auto-approve)

case $action in
  list)
    for stack in "${stacks[@]}"; do
      deps=$(node -e 'const m=require(require("path").resolve(process.argv[1])).stacks; console.log((m[process.argv[2]].dependencies||[]).join(", "))' "$out/manifest.json" "$stack")
      printf '%-24s %s\n' "$stack" "${deps:+after $deps}"
    done
    ;;
  diff)
    for stack in "${stacks[@]}"; do
      echo "== plan $stack"
      init "$stack"
      plan_stack "$stack"
    done
    ;;
  deployed-version)
    # One version for every deployed stack of ENV, or a failure naming the stacks that differ.
    declare -A versions=()
    for stack in "${stacks[@]}"; do
      init "$stack"
      version=$(deployed_version "$stack")
      [[ -n $version ]] && versions[$stack]=$version
    done
    if ((${#versions[@]} == 0)); then
      echo "make deployed-version: no stack of ENV=$env_name has been deployed (no infra_version output in state)" >&2
      exit 1
    fi
    distinct=$(printf '%s\n' "${versions[@]}" | sort -u)
    if [[ $(wc -l <<<"$distinct") -gt 1 ]]; then
      echo "make deployed-version: the stacks of ENV=$env_name were deployed from different versions:" >&2
      for stack in "${stacks[@]}"; do [[ -n ${versions[$stack]:-} ]] && echo "  $stack ${versions[$stack]}" >&2; done
      exit 1
    fi
    if [[ $distinct == unversioned ]]; then
      echo "make deployed-version: ENV=$env_name was deployed without INFRA_VERSION (unversioned): its code is unknown; deploy it with INFRA_VERSION=<commit>" >&2
      exit 1
    fi
    echo "$distinct"
    ;;
  drift)
    # Drift is the cloud against the code that deployed it: refuse to compare with any other version (every resource's
    # InfraVersion tag would differ), and skip stacks that were never deployed (nothing to drift from).
    wanted=${INFRA_VERSION:-unversioned}
    planned=()
    for stack in "${stacks[@]}"; do
      init "$stack"
      version=$(deployed_version "$stack")
      if [[ -z $version ]]; then
        echo "== drift check $stack: not deployed (no infra_version in state), skipped"
      elif [[ $version != "$wanted" ]]; then
        echo "make drift: $stack was deployed from INFRA_VERSION=$version, not $wanted: check out $version and run make drift ENV=$env_name INFRA_VERSION=$version (make deployed-version ENV=$env_name prints it)" >&2
        exit 2
      else
        planned+=("$stack")
      fi
    done
    drifted=()
    for stack in "${planned[@]}"; do
      echo "== drift check $stack"
      code=0
      plan_stack "$stack" || code=$?
      case $code in
        0) ;;
        2) drifted+=("$stack") ;;
        *) echo "make drift: terraform plan of $stack failed (exit $code)" >&2; exit 1 ;;
      esac
    done
    if ((${#drifted[@]})); then
      echo "make drift: DRIFT in ${drifted[*]}: the cloud differs from the code of this commit" >&2
      exit 3
    fi
    if ((${#planned[@]} == 0)); then
      echo "make drift: no stack of ENV=$env_name is deployed: nothing to compare"
    else
      echo "make drift: no drift in ${planned[*]}"
    fi
    ;;
  deploy | bootstrap-state)
    for stack in "${stacks[@]}"; do
      echo "== apply $stack"
      init "$stack"
      tf "$stack" apply -input=false -no-color -lock-timeout=5m "${approve[@]}"
      if [[ $action == deploy ]] && grep -q '"endpoint_config_name"' "$out/stacks/$stack/cdk.tf.json"; then
        verify_endpoint "$stack"
      fi
    done
    ;;
  destroy)
    for ((i = ${#stacks[@]} - 1; i >= 0; i--)); do
      echo "== destroy ${stacks[i]}"
      init "${stacks[i]}"
      tf "${stacks[i]}" destroy -input=false -no-color -lock-timeout=5m "${approve[@]}"
    done
    ;;
  *)
    echo "deliver.sh: unknown action $action" >&2
    exit 2
    ;;
esac
