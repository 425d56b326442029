# Kasauti: `make demo` builds the reference ministry site and audits it; `make test` runs the test suite.
# Both set everything up on a fresh machine: .venv (pip), node_modules (npm ci), and Debian's chromium and
# chromium-driver (and redis-server, rabbitmq-server for the fleet tests) when missing and running as root.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

# The reference site that `make dogfood` builds and audits (tests point these at a broken copy).
DOGFOOD_CONFIG ?= mkdocs.yml
DOGFOOD_SITE ?= site
DOGFOOD_REPORTS ?= reports/dogfood

.PHONY: setup demo test test-quick dogfood bench docs clean system-deps

setup: $(VENV)/.installed node_modules/.installed system-deps

$(VENV)/.installed: pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 \
	    || ! command -v redis-server >/dev/null 2>&1 || ! command -v rabbitmq-server >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian chromium, chromium-driver, redis-server and rabbitmq-server"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      chromium chromium-driver redis-server rabbitmq-server >/dev/null; \
	  else \
	    echo "note: chromium/chromedriver/redis-server/rabbitmq-server missing and not root; browser and fleet tests need them"; \
	  fi; \
	fi

## The main job: build the reference site with the Kasauti theme, then audit the built folder.
# No --quiet with --strict: MkDocs then drops warnings before counting them, so --strict never fails (mkdocs#4126).
demo: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict
	$(BIN)/kasauti audit site/ --format terminal --format html --format json --format sarif --output-dir reports/

# Two passes: everything but Lighthouse on one pytest worker per core (a test file's tests share a worker, so
# module fixtures such as site builds run once), then the Lighthouse tests alone, one at a time, on a quiet
# machine (their performance score measures CPU time).
test: setup
	$(BIN)/python -m pytest -n auto --dist loadfile -m "not lighthouse" $(PYTEST_ARGS)
	$(BIN)/python -m pytest -m lighthouse $(PYTEST_ARGS)
	@$(MAKE) --no-print-directory dogfood

## The repository's own gate: the reference site builds with --strict, and `kasauti audit` of the built folder
## finds no violation and scores 100 overall and for GIGW 3.0. `make test` (so .ci/run) fails otherwise.
dogfood: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --config-file $(DOGFOOD_CONFIG) --site-dir $(abspath $(DOGFOOD_SITE))
	$(BIN)/kasauti audit $(DOGFOOD_SITE) --quiet --fail-on minor --fail-under 100 --fail-under-gigw 100 \
	  --format terminal --format json --format sarif --output-dir $(DOGFOOD_REPORTS)

## The quick loop: no browser, no Lighthouse, no slow builds.
test-quick: setup
	$(BIN)/python -m pytest -n auto -m "not browser and not lighthouse and not slow" $(PYTEST_ARGS)

docs: setup
	$(BIN)/kasauti docs

clean:
	rm -rf site reports .pytest_cache
