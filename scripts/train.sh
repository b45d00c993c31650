#!/usr/bin/env bash
# `make train | train-teardown`: one ephemeral GPU training run (docs/training-runs.md). The run is two stacks the app
# synthesizes for ENV with MLOPS_RUN/MLOPS_RUN_CLOUD set: mlops-train-<env>-<run> (the run's GPU capacity and identity)
# and mlops-train-<env>-<run>-job (the Kubernetes Job, after the first in manifest.json).
#
#   scripts/train.sh preflight train|teardown   checks only (tools, credentials, ENV, RUN): fails at once, before any set-up
#   scripts/train.sh train      synthesize; apply both stacks in order; wait for the Job; destroy both in reverse order,
#                               ALSO when an apply fails, the Job fails, the wait times out or the run is interrupted
#   scripts/train.sh teardown   destroy what a run left (CI's always-step, or after a killed `make train`): each of the two
#                               stacks whose state is not empty, in reverse order
#
# Make variables: ENV=dev|staging|prod (required; review environments have no cluster), RUN=<name> (required,
# ^[a-z][a-z0-9-]{0,18}[a-z0-9]$), CLOUD=gke|eks (default gke), TIMEOUT=<minutes> (default 120: how long to wait for the
# Job), POLL=<seconds> (default 20: how often the Job is read), STATE=local|remote, INFRA_VERSION=<git commit>,
# OUT=<output folder> (default cdktf.out), SKIP_SYNTH=1 (train: reuse OUT, synthesized for this ENV and RUN; teardown
# reuses OUT whenever it holds the run's two stacks), MLOPS_SKIP_CREDENTIAL_CHECK=1 (instance role / metadata server).
# Needs terraform >= 1.10, kubectl, and aws (eks) or gcloud with gke-gcloud-auth-plugin (gke) for the run's kubeconfig.
#
# Interrupts: the first Ctrl-C (SIGINT), SIGTERM or SIGHUP stops the run and tears it down. terraform runs in its own
# session, so the terminal's Ctrl-C never reaches it: a running apply gets ONE forwarded SIGINT (terraform's graceful
# stop, state saved), and further Ctrl-Cs only print that the teardown goes on — a second SIGINT would make terraform
# exit at once and lose track of what it created. To abandon a teardown anyway, kill -KILL the script's pid (printed),
# then run `make train-teardown` with the same ENV, RUN and CLOUD.
# With GITHUB_STEP_SUMMARY set, a Markdown summary of the run (or of the teardown) is appended to that file.
#
# Exit codes: 0 trained (artifact printed) and torn down; 1 the run failed (apply, kubeconfig, Job failed or timed
# out) and was torn down; 2 missing tool, credentials or a bad ENV/RUN/CLOUD/TIMEOUT, or synthesis failed (nothing
# applied); 5 a destroy failed: resources are LEFT (listed; always wins over the others); 129/130/143 interrupted by
# SIGHUP/SIGINT/SIGTERM and torn down. (make reports any non-zero code as "Error <code>" and exits 2 itself.)
set -euo pipefail
cd "$(dirname "$0")/.."

usage="usage: train.sh [preflight] train|teardown"
action=${1:?$usage}
preflight_only=false
if [[ $action == preflight ]]; then
  preflight_only=true
  action=${2:?$usage}
fi
[[ $action == train || $action == teardown ]] || { echo "$usage" >&2; exit 2; }
target=train
[[ $action == teardown ]] && target=train-teardown

out=${OUT:-cdktf.out}
env_name=${ENV:-}
run_name=${RUN:-}
cloud=${CLOUD:-gke}
timeout_minutes=${TIMEOUT:-120}
poll_seconds=${POLL:-20}
run_stack="mlops-train-$env_name-$run_name"
job_stack="$run_stack-job"

fail() { echo "make $target: $*" >&2; exit 2; }

# shellcheck source=scripts/cloud-credentials.sh
source scripts/cloud-credentials.sh

preflight() {
  local problems=()
  if [[ -z $env_name ]]; then
    problems+=("set ENV: one of dev, staging, prod (e.g. make $target ENV=dev RUN=bert-lr3)")
  elif [[ $env_name =~ ^pr[1-9][0-9]{0,9}$ ]]; then
    problems+=("ENV was \"$env_name\": a review environment has no cluster to train on; use dev, staging or prod")
  elif [[ ! $env_name =~ ^(dev|staging|prod)$ ]]; then
    problems+=("ENV was \"$env_name\": must be dev, staging or prod")
  fi
  if [[ -z $run_name ]]; then
    problems+=("set RUN: the run's name, 2-20 characters of a-z, 0-9 and '-', starting with a letter (e.g. RUN=bert-lr3)")
  elif [[ ! $run_name =~ ^[a-z][a-z0-9-]{0,18}[a-z0-9]$ ]]; then
    problems+=("RUN was \"$run_name\": must be 2-20 characters of a-z, 0-9 and '-', start with a letter and end with a letter or digit (it names the stacks, the node pool and the Job)")
  fi
  if [[ ! $cloud =~ ^(gke|eks)$ ]]; then
    problems+=("CLOUD was \"$cloud\": must be gke (the environment's GKE cluster, the default) or eks")
  fi
  if [[ $action == train ]] && ! [[ $timeout_minutes =~ ^[1-9][0-9]{0,4}$ ]]; then
    problems+=("TIMEOUT was \"$timeout_minutes\": must be the minutes to wait for the Job, a whole number from 1 (default 120)")
  fi
  if [[ $action == train ]] && ! [[ $poll_seconds =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
    problems+=("POLL was \"$poll_seconds\": must be the seconds between two reads of the Job (default 20)")
  fi
  if ((${#problems[@]})); then
    printf 'make %s: %s\n' "$target" "${problems[@]}" >&2
    exit 2
  fi

  if ! command -v terraform >/dev/null; then
    fail "needs terraform >= 1.10 on PATH (install it: https://developer.hashicorp.com/terraform/install; OpenTofu works as 'terraform')"
  fi
  # S3-native state locking (use_lockfile) needs 1.10; an older terraform would ignore it and apply without a lock.
  local version
  version=$(terraform version 2>/dev/null | sed -n '1s/^[^0-9]*\([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p')
  if [[ -n $version ]] && (( ${version%%.*} < 1 || (${version%%.*} == 1 && ${version#*.} < 10) )); then
    fail "needs terraform >= 1.10 (found $version): the S3 backend locks state with use_lockfile"
  fi
  if [[ $action == train ]]; then
    if ! command -v kubectl >/dev/null; then
      fail "needs kubectl on PATH: it follows the training Job (install it: https://kubernetes.io/docs/tasks/tools/)"
    fi
    if [[ $cloud == eks ]] && ! command -v aws >/dev/null; then
      fail "needs the AWS CLI (aws) on PATH: it writes the run's kubeconfig for the EKS cluster (install it: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)"
    fi
    if [[ $cloud == gke ]] && ! command -v gcloud >/dev/null; then
      fail "needs the Google Cloud CLI (gcloud) on PATH: it writes the run's kubeconfig for the GKE cluster (install it: https://cloud.google.com/sdk/docs/install)"
    fi
    if [[ $cloud == gke ]] && ! command -v gke-gcloud-auth-plugin >/dev/null; then
      fail "needs gke-gcloud-auth-plugin on PATH: kubectl authenticates to GKE through it (gcloud components install gke-gcloud-auth-plugin)"
    fi
  fi
  if [[ ${MLOPS_SKIP_CREDENTIAL_CHECK:-} != 1 ]]; then
    if [[ $cloud == eks ]] && ! has_aws_credentials; then
      fail "no AWS credentials found for the EKS run: set AWS_PROFILE (aws sso login / aws configure) or AWS_ACCESS_KEY_ID+AWS_SECRET_ACCESS_KEY, or in CI assume a role through OIDC (aws-actions/configure-aws-credentials); from an instance role set MLOPS_SKIP_CREDENTIAL_CHECK=1"
    fi
    if [[ $cloud == gke ]] && ! has_gcp_credentials; then
      fail "no GCP credentials found for the GKE run: run 'gcloud auth application-default login' or set GOOGLE_APPLICATION_CREDENTIALS, or in CI use Workload Identity Federation (google-github-actions/auth); from a metadata server set MLOPS_SKIP_CREDENTIAL_CHECK=1"
    fi
  fi
}

# Exit 0 when $out/manifest.json holds both stacks of the run.
holds_run_stacks() {
  [[ -f $out/manifest.json ]] && node -e '
    const s = require(require("path").resolve(process.argv[1])).stacks;
    process.exit(process.argv.slice(2).every(n => n in s) ? 0 : 1)' "$out/manifest.json" "$run_stack" "$job_stack"
}

synthesize() {
  if [[ ${SKIP_SYNTH:-} == 1 ]] || { [[ $action == teardown ]] && holds_run_stacks; }; then
    [[ -f $out/manifest.json ]] || fail "SKIP_SYNTH=1 but $out/manifest.json is missing: synthesize ENV=$env_name RUN=$run_name first"
    holds_run_stacks || fail "SKIP_SYNTH=1 but $out does not hold $run_stack and $job_stack: it was synthesized for another run"
    echo "== reusing the synthesis in $out" >&2
    return
  fi
  rm -rf "$out/stacks" "$out/manifest.json"
  make --no-print-directory engine >&2
  local variables=("MLOPS_ENV=$env_name" "MLOPS_RUN=$run_name" "MLOPS_RUN_CLOUD=$cloud"
    "MLOPS_STATE=${STATE:-local}" "MLOPS_INFRA_VERSION=${INFRA_VERSION:-unversioned}")
  env "${variables[@]}" cdktf synth --output "$out" >&2 || fail "synthesis of ENV=$env_name RUN=$run_name CLOUD=$cloud failed (above)"
  holds_run_stacks || fail "the synthesis has no stacks $run_stack and $job_stack: this checkout's app does not synthesize training runs (MLOPS_RUN)"
}

# The two run stacks in dependency order (manifest.json): the capacity first, then the Job that runs on it.
ordered_run_stacks() {
  node -e '
    const m = require(require("path").resolve(process.argv[1])).stacks;
    const mine = process.argv.slice(2);
    const done = new Set(), order = [];
    const visit = n => { if (done.has(n)) return; done.add(n); (m[n].dependencies || []).filter(d => mine.includes(d)).forEach(visit); order.push(n); };
    mine.forEach(visit);
    console.log(order.join("\n"));' "$out/manifest.json" "$run_stack" "$job_stack"
}

clock() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# --- signals: terraform in its own session, one graceful SIGINT forwarded, never a second ---------------------------

interrupted=""
tearing_down=false
guarded_pid=""

# shellcheck disable=SC2317 # called by the traps below
# No `return` in here: bash 5.2 loses its function context when a trap handler returns early during `wait` inside the
# EXIT trap ("pop_var_context: head of shell_variables not a function context") and aborts the teardown.
on_signal() {
  local signal=$1
  if $tearing_down; then
    echo "make $target: $signal received: the teardown goes on (it removes paid GPU capacity; terraform is not interrupted)." >&2
    echo "make $target: to abandon it and leave resources behind: kill -KILL $$, then make train-teardown ENV=$env_name RUN=$run_name CLOUD=$cloud" >&2
  elif [[ -n $interrupted ]]; then
    echo "make $target: $signal received again: stopping already; the teardown follows and is not skipped" >&2
  else
    interrupted=$signal
    echo "make $target: $signal received: stopping the run, then tearing it down (pressing Ctrl-C again does not skip the teardown)" >&2
    if [[ -n $guarded_pid ]]; then
      kill -INT "$guarded_pid" 2>/dev/null || true # terraform's graceful stop: it finishes the resource at hand and saves state
    fi
  fi
}
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_signal HUP' HUP

# terraform in stack folder $1, in a session of its own (out of reach of the terminal's Ctrl-C; see on_signal).
tf() {
  local stack=$1 code=0
  shift
  (cd "$out/stacks/$stack" && exec setsid terraform "$@") &
  guarded_pid=$!
  while :; do
    code=0
    wait "$guarded_pid" || code=$?
    # A trapped signal interrupts wait (status > 128) while terraform runs on: wait again.
    if ((code > 128)) && kill -0 "$guarded_pid" 2>/dev/null; then continue; fi
    break
  done
  guarded_pid=""
  return "$code"
}

# --- teardown ------------------------------------------------------------------------------------------------------

left=()          # "<stack>: <resource address>" of each destroy that failed
destroyed=()

# Destroy stacks (given in apply order) in reverse order; with only_if_state, skip a stack whose state is empty.
teardown() {
  local only_if_state=$1 i stack resources
  shift
  local stacks=("$@")
  for ((i = ${#stacks[@]} - 1; i >= 0; i--)); do
    stack=${stacks[i]}
    if ! tf "$stack" init -input=false -no-color >/dev/null; then
      echo "make $target: terraform init of $stack failed: its state cannot be read, so it may hold resources" >&2
      left+=("$stack: (state unreadable: terraform init failed)")
      continue
    fi
    if $only_if_state; then
      resources=$(tf "$stack" state list 2>/dev/null) || resources="(state list failed)"
      if [[ -z $resources ]]; then
        echo "== teardown $stack: nothing in state"
        continue
      fi
    fi
    echo "== destroy $stack"
    if tf "$stack" destroy -input=false -no-color -lock-timeout=5m -auto-approve; then
      destroyed+=("$stack")
      continue
    fi
    echo "make $target: terraform destroy of $stack FAILED; what is left in its state:" >&2
    resources=$(tf "$stack" state list 2>&1) || true
    echo "  ${resources//$'\n'/$'\n'  }" >&2
    while IFS= read -r line; do [[ -n $line ]] && left+=("$stack: $line"); done <<<"${resources:-"(state list empty)"}"
  done
  if ((${#left[@]})); then
    echo "make $target: RESOURCES LEFT (they cost money until destroyed): retry with make train-teardown ENV=$env_name RUN=$run_name CLOUD=$cloud" >&2
  fi
}

summary() {
  local result=$1 duration=$2 artifact=${3:-} teardown_text
  [[ -n ${GITHUB_STEP_SUMMARY:-} ]] || return 0
  if ((${#left[@]})); then
    teardown_text="**FAILED, resources left:** $(printf "\`%s\`<br>" "${left[@]}")"
    teardown_text=${teardown_text%<br>}
  elif ((${#destroyed[@]})); then
    teardown_text="destroyed $(printf "\`%s\`, " "${destroyed[@]}")"
    teardown_text=${teardown_text%, }
  else
    teardown_text="nothing to destroy"
  fi
  {
    if [[ $action == teardown ]]; then
      echo "### Training run \`$run_name\`: teardown"
    else
      echo "### Training run \`$run_name\`"
    fi
    echo
    echo "| | |"
    echo "|---|---|"
    echo "| Environment | $env_name |"
    echo "| Cloud | $cloud |"
    echo "| Stacks | \`$run_stack\`, \`$job_stack\` |"
    [[ $action == train ]] && echo "| Duration | $duration |"
    echo "| Result | $result |"
    [[ $action == train ]] && echo "| Artifact | $([[ -n $artifact ]] && echo "\`$artifact\`" || echo none) |"
    echo "| Teardown | $teardown_text |"
    echo
  } >>"$GITHUB_STEP_SUMMARY"
}

# --- the Job -------------------------------------------------------------------------------------------------------

kubeconfig=""

job_outputs() {
  local json
  json=$(tf "$job_stack" output -no-color -json) || return 1
  node -e '
    const o = JSON.parse(process.argv[1]);
    for (const k of ["cloud", "cluster_name", "cluster_location", "project_id", "namespace", "job_name", "artifact_uri"])
      console.log(o[k] && o[k].value !== undefined && o[k].value !== null ? String(o[k].value) : "");' "$json"
}

write_kubeconfig() {
  kubeconfig=$(mktemp "${TMPDIR:-/tmp}/mlops-train-$run_name-XXXXXX")
  if [[ $cloud == eks ]]; then
    aws eks update-kubeconfig --name "$cluster_name" --region "$cluster_location" --kubeconfig "$kubeconfig" >&2
  else
    KUBECONFIG="$kubeconfig" gcloud container clusters get-credentials "$cluster_name" --location "$cluster_location" --project "$project_id" >&2
  fi
}

k() { kubectl --kubeconfig "$kubeconfig" --namespace "$namespace" "$@"; }

# "<phase> <detail>" of the Job: Succeeded, Failed <reason: message>, Queued (suspended by Kueue), Running <n pods>, or
# Pending <why>.
job_phase() {
  # shellcheck disable=SC2016 # a JavaScript program: its backquotes and ${} are JavaScript's, not the shell's
  node -e '
    const s = JSON.parse(process.argv[1]).status || {};
    const c = (s.conditions || []).filter(x => x.status === "True");
    const failed = c.find(x => x.type === "Failed"), complete = c.find(x => x.type === "Complete");
    const suspended = c.find(x => x.type === "Suspended");
    if (complete) console.log("Succeeded", `${s.succeeded || 0} pod(s) succeeded`);
    else if (failed) console.log("Failed", `${failed.reason || "Failed"}: ${failed.message || ""} (${s.failed || 0} pod(s) failed)`);
    else if (suspended) console.log("Queued", "held by Kueue until the queue has room (another run is training) or, with queued provisioning, every node is there");
    else if ((s.ready || 0) > 0) console.log("Running", `${s.ready} pod(s) running${s.failed ? `, ${s.failed} failed before` : ""}`);
    else if ((s.active || 0) > 0) console.log("Pending", `${s.active} pod(s) waiting for a GPU node or the image`);
    else console.log("Pending", "no pod yet");' "$1"
}

diagnose() {
  echo "---- kubectl describe job $job_name" >&2
  k describe job "$job_name" >&2 || true
  local pods pod
  pods=$(k get pods --selector "job-name=$job_name" --output name 2>/dev/null) || pods=""
  for pod in $pods; do
    echo "---- kubectl describe $pod (its events at the end)" >&2
    k describe "$pod" >&2 || true
    echo "---- last 50 log lines of $pod" >&2
    k logs "$pod" --all-containers --tail=50 >&2 || true
  done
}

# Sets job_result: succeeded, failed, timeout, interrupted or unreadable.
wait_for_job() {
  local start=$SECONDS deadline=$((SECONDS + timeout_minutes * 60)) last_phase="" last_print=-1 errors=0 json line phase detail
  echo "== waiting for job $job_name in $namespace (timeout ${timeout_minutes}m)"
  while :; do
    [[ -n $interrupted ]] && { job_result=interrupted; return; }
    if json=$(k get job "$job_name" --output json 2>/dev/null); then
      errors=0
      line=$(job_phase "$json")
      phase=${line%% *}
      detail=${line#* }
      if [[ $phase != "$last_phase" ]] || ((SECONDS - last_print >= 60)); then
        echo "[$(clock $((SECONDS - start)))] job $job_name: $phase ($detail)"
        last_phase=$phase
        last_print=$SECONDS
      fi
      case $phase in
        Succeeded) job_result=succeeded; return ;;
        Failed) job_result=failed; job_detail=$detail; return ;;
      esac
    else
      [[ -n $interrupted ]] && { job_result=interrupted; return; }
      errors=$((errors + 1))
      echo "[$(clock $((SECONDS - start)))] job $job_name: cannot read it (attempt $errors of 5)" >&2
      if ((errors >= 5)); then job_result=unreadable; return; fi
    fi
    if ((SECONDS >= deadline)); then job_result=timeout; return; fi
    sleep "$poll_seconds" &
    wait $! || kill $! 2>/dev/null || true # wait returns at once on a trapped signal; the sleep goes with it
  done
}

# --- main ----------------------------------------------------------------------------------------------------------

preflight
$preflight_only && exit 0

synthesize
stack_list=$(ordered_run_stacks) || fail "cannot read $out/manifest.json"
mapfile -t stacks <<<"$stack_list"

if [[ $action == teardown ]]; then
  tearing_down=true
  teardown true "${stacks[@]}"
  summary "teardown" ""
  ((${#left[@]} == 0)) || exit 5
  echo "make train-teardown: nothing of run $run_name is left in $env_name"
  exit 0
fi

started=()
run_start=$SECONDS
job_result=""
job_detail=""
artifact_uri=""
echo "make train: run $run_name in $env_name on $cloud (pid $$; Ctrl-C stops the run and tears it down)"

# shellcheck disable=SC2317 # the EXIT trap
finish() {
  local code=$?
  trap - EXIT
  tearing_down=true
  [[ -n $kubeconfig ]] && rm -f "$kubeconfig"
  local result
  case ${job_result:-} in
    succeeded) result="succeeded" ;;
    failed) result="job failed: $job_detail" ;;
    timeout) result="timed out after ${timeout_minutes}m" ;;
    unreadable) result="the Job could not be read" ;;
    *) result=${job_result:-"failed before the Job ran (exit $code)"} ;;
  esac
  [[ -n $interrupted ]] && result="interrupted ($interrupted)"
  if ((${#started[@]})); then
    echo "== teardown of run $run_name: ${started[*]}"
    teardown false "${started[@]}"
  fi
  summary "$result" "$(clock $((SECONDS - run_start)))" "$([[ $job_result == succeeded ]] && echo "$artifact_uri")"
  if ((${#left[@]})); then exit 5; fi
  case $interrupted in INT) exit 130 ;; TERM) exit 143 ;; HUP) exit 129 ;; esac
  if [[ $job_result == succeeded ]]; then
    echo "make train: run $run_name trained and torn down; model artifact: $artifact_uri"
    exit 0
  fi
  echo "make train: run $run_name ${result}; torn down" >&2
  exit 1
}
trap finish EXIT

for stack in "${stacks[@]}"; do
  [[ -n $interrupted ]] && exit 1
  echo "== apply $stack"
  started+=("$stack")
  if ! tf "$stack" init -input=false -no-color >/dev/null || ! tf "$stack" apply -input=false -no-color -lock-timeout=5m -auto-approve; then
    job_result="apply of $stack failed"
    exit 1
  fi
done
[[ -n $interrupted ]] && exit 1

mapfile -t values < <(job_outputs) || true
if ((${#values[@]} != 7)); then
  job_result="the outputs of $job_stack could not be read"
  exit 1
fi
output_cloud=${values[0]} cluster_name=${values[1]} cluster_location=${values[2]} project_id=${values[3]}
namespace=${values[4]} job_name=${values[5]} artifact_uri=${values[6]}
if [[ $output_cloud != "$cloud" ]]; then
  job_result="$job_stack runs on \"$output_cloud\", not CLOUD=$cloud"
  exit 1
fi
if [[ -z $cluster_name || -z $cluster_location || -z $namespace || -z $job_name || ($cloud == gke && -z $project_id) ]]; then
  job_result="$job_stack lacks an output: it needs cluster_name, cluster_location, namespace, job_name (and project_id on GKE)"
  exit 1
fi
echo "== kubeconfig for $cloud cluster $cluster_name ($cluster_location)"
if ! write_kubeconfig; then
  job_result="could not write the kubeconfig of cluster $cluster_name"
  exit 1
fi
[[ -n $interrupted ]] && exit 1

wait_for_job
case $job_result in
  succeeded) echo "artifact: $artifact_uri" ;;
  interrupted) ;;
  timeout)
    echo "make train: job $job_name did not finish within ${timeout_minutes}m; its state:" >&2
    diagnose
    ;;
  *)
    echo "make train: job $job_name ${job_detail:-could not be read}" >&2
    diagnose
    ;;
esac
exit 0
