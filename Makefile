# The front door of the JetEmail SDK pipeline: `make help` lists the targets.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# The spec pin: sha256 of openapi.json. Every target that generates or tests checks it first.
# Only `make pin` (or the update workflow) writes this line.
SPEC_SHA256 := acaeb7a13e8778e7246809bc3476d1eceea4449d6bde3728b081429d7420f0a6
# The version policy's record: which generated code the SDK version stands for (`make version` writes it).
VERSION_PIN := 4.0.0 4bbcc94a3539eb74c6632be81445d0ba1bda13ae9e3f65713547f2b3900b42c5

# The interpreter that bootstraps .venv, resolved before .venv/bin goes first on PATH (`make PYTHON=...` picks
# another). It must be PYTHON_MIN or newer, as the SDK and the pinned tools are: `check-python` comes first.
PYTHON := $(shell command -v $(or $(PYTHON),python3))
PYTHON_MIN := 3.11
ADVICE := Install one, then run make again with it first on PATH as python3, or name it: make PYTHON=/path/to/python3.13 ...
VENV := .venv
BIN := $(VENV)/bin
DEV_STAMP := $(VENV)/.requirements-dev.txt
SDK_STAMP := $(VENV)/.sdk-installed
PIN_CHECK := $(PYTHON) -m scripts.spec_pin check
# The pinned tools (ruff for the generator's post-hooks, uv-build for builds) come first on PATH.
export PATH := $(abspath $(BIN)):$(PATH)
# Keep ruff's cache out of generated/ (ruff would put it beside generated/pyproject.toml).
export RUFF_CACHE_DIR := $(abspath .cache/ruff)

# How hard the tests try (tests/conftest.py): quick for `make test` (under 90 s warm), strict for CI (.ci/run).
PROFILE ?= quick
export TEST_PROFILE := $(PROFILE)

.PHONY: help check-python venv floor-wheels check-pin pin generate version install update-spec spec-pr check-spec diff-spec demo test lint-workflows bench bounds mutation build clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

check-python: ## Stop unless the interpreter that builds .venv (python3 on PATH, or PYTHON=...) is Python 3.11 or newer
	@command -v "$(PYTHON)" >/dev/null || { \
		echo "make: no Python found (python3 on PATH, or PYTHON=$(PYTHON)): this project needs Python $(PYTHON_MIN) or newer." >&2; \
		echo "$(ADVICE)" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] < tuple(map(int, "$(PYTHON_MIN)".split("."))))' || { \
		echo "make: $(PYTHON) is $$($(PYTHON) --version 2>&1), but this project needs Python $(PYTHON_MIN) or newer." >&2; \
		echo "$(ADVICE)" >&2; exit 1; }

$(DEV_STAMP): requirements-dev.txt | check-python
	@echo "bootstrapping $(VENV) from requirements-dev.txt"
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	cp requirements-dev.txt $@

venv: $(DEV_STAMP) ## Create .venv from the exactly pinned dev requirements (reused once built)

floor-wheels: venv ## Download the wheels of the SDK's dependencies at their declared floors into .cache/ (network; make test runs it)
	@$(BIN)/python -m tools.floors

check-pin: check-python ## Stop unless openapi.json matches the pin SPEC_SHA256 above
	@$(PIN_CHECK)

pin: check-python ## Record openapi.json's current sha256 as the pin (after a deliberate edit)
	@$(PYTHON) -m scripts.spec_pin write

generate: check-pin venv ## Regenerate generated/ from the pinned spec (skipped when nothing changed), apply the version policy
	@$(BIN)/python -m scripts.generate
	@$(BIN)/python -m scripts.version_policy record

version: check-pin venv ## Apply the version policy (semver from the SDK-level diff since the recorded build) and record it
	@$(BIN)/python -m scripts.version_policy record

update-spec: venv ## Take a new spec in: SPEC=<path or URL>; prints the SDK-level diff, re-pins, regenerates, bumps, tests
	@test -n "$(SPEC)" || { echo "usage: make update-spec SPEC=<path or URL of the new spec>" >&2; exit 2; }
	@$(BIN)/python -m scripts.update_spec "$(SPEC)"
	@$(MAKE) test

spec-pr: venv ## Prepare the spec-update pull request: SPEC=<path or URL> [TESTS=<command>, default make test]; writes .cache/spec-pr/
	@test -n "$(SPEC)" || { echo "usage: make spec-pr SPEC=<path or URL of the new spec> [TESTS=<test command>]" >&2; exit 2; }
	@$(BIN)/python -m scripts.spec_pr $(if $(TESTS),--test-command "$(TESTS)") "$(SPEC)"

check-spec: venv ## Prove the pipeline on any spec in a throwaway copy: SPEC=<path or URL> (generate, ruff, mypy, spec-wide tests)
	@test -n "$(SPEC)" || { echo "usage: make check-spec SPEC=<path or URL of a spec>" >&2; exit 2; }
	@TEST_PROFILE=$(if $(filter command line,$(origin PROFILE)),$(PROFILE),check-spec) $(BIN)/python -m scripts.check_spec "$(SPEC)"

diff-spec: venv ## The SDK-level diff of a spec change, touching nothing: OLD=<path|URL> NEW=<path|URL>
	@test -n "$(OLD)" -a -n "$(NEW)" || { echo "usage: make diff-spec OLD=<path or URL> NEW=<path or URL>" >&2; exit 2; }
	@$(BIN)/python -m scripts.diff_spec "$(OLD)" "$(NEW)"

$(SDK_STAMP): generated/pyproject.toml $(DEV_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e ./generated
	touch $@

install: generate ## Regenerate, then install the SDK into .venv (editable: tracks generated/)
	@$(MAKE) $(SDK_STAMP)
	@echo "jetemail-api-client is installed in $(VENV); try: $(BIN)/python -c 'import jetemail_api_client'"

demo: install ## Run the SDK against a local JetEmail stand-in: delete, not found, wrong key, a retried 503
	@$(BIN)/python -m tools.demo

test: check-pin venv floor-wheels ## Pin, drift, ruff, mypy --strict, pyright (the consumer example), pytest (PROFILE=quick by default; CI runs PROFILE=strict)
	$(BIN)/python -m pytest -q -m drift
	$(BIN)/ruff check runtime generated tests scripts tools
	$(BIN)/ruff format --check runtime generated tests scripts tools
	$(BIN)/mypy --strict runtime generated/jetemail_api_client tests scripts tools
	$(BIN)/pyright
	@$(MAKE) lint-workflows
	$(BIN)/python -m pytest -m "not drift"

lint-workflows: venv ## Lint .github/workflows/ with actionlint and zizmor (offline): no findings allowed
	@$(BIN)/python -m tools.lint_workflows

bench: install ## Benchmark the SDK against raw httpx on a local server (ratios with spread)
	@$(BIN)/python -m tools.bench

mutation: install ## Mutation score of the behavioural tests on runtime/, the rendered package and scripts/ (GROUP=runtime|generated|scripts; minutes)
	@$(BIN)/python -m tools.mutation $(if $(GROUP),--group $(GROUP)) --survivors .cache/mutation-survivors

bounds: floor-wheels ## Run the loopback tests from the built wheel, dependencies at their floors and at the pinned versions
	TEST_PROFILE=strict $(BIN)/python -m pytest tests/pipeline/test_packaging.py -k "loopback or at_the_bound"

build: check-pin venv ## Build the wheel and sdist of generated/ into dist/
	$(BIN)/python -m build --no-isolation --outdir dist generated

clean: ## Remove .venv, .cache and dist/
	rm -rf $(VENV) .cache dist
