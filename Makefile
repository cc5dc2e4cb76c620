# Trellis: the README's commands. `make help` lists them.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SCALE ?= 1
SEED ?= 1
PYTEST_ARGS ?= -n 2
export TRELLIS_DEBUG ?= 1

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	$(PY) -m venv $(VENV)

.stamp-python: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

.stamp-node: package.json scripts/vendor_assets.sh
	npm install --no-audit --no-fund --silent
	./scripts/vendor_assets.sh
	touch $@

.PHONY: install
install: .stamp-python .stamp-node validator ## Install Python and front-end dependencies

# The CIN census validator needs old pandas/numpy, so it lives in its own environment.
VALIDATOR_VENV := .venv-validator

$(VALIDATOR_VENV)/.stamp: validator/requirements.txt
	$(PY) -m venv $(VALIDATOR_VENV)
	$(VALIDATOR_VENV)/bin/pip install --quiet -r validator/requirements.txt
	touch $@

.PHONY: validator
validator: $(VALIDATOR_VENV)/.stamp ## Install the CIN census validator in .venv-validator/

.PHONY: chromium
chromium: ## Install Debian's Chromium for the browser tests if it is missing
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; }

.PHONY: db
db: install ## Create or upgrade the database and load the synthetic authority if it is empty
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_data --if-empty --scale $(SCALE) --seed $(SEED)

.PHONY: run
run: db ## Install everything, load the demo authority and serve on http://127.0.0.1:$(PORT)
	@echo "Trellis on http://127.0.0.1:$(PORT)/ – demo logins are in the README (password Trellis-demo-2026)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

.PHONY: test
test: install chromium ## Install everything and run the whole suite (browser tests included)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

.PHONY: lint
lint: install ## Ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

.PHONY: format
format: install ## Apply ruff formatting and safe fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

.PHONY: typecheck
typecheck: install ## mypy with django-stubs
	$(BIN)/mypy .

.PHONY: check
check: lint typecheck test ## What CI runs: lint, type check and the whole suite

.PHONY: bench
bench: install ## Benchmarks at scale 1 on PostgreSQL (BENCH_DATABASE_URL to override)
	$(BIN)/python bench/run.py

.PHONY: bench-scale10
bench-scale10: install ## CIN census and Annex A at scale 10 on PostgreSQL (about an hour)
	BENCH_SCALE=10 BENCH_ONLY=returns \
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/trellis_bench10} \
	$(BIN)/python bench/run.py

.PHONY: clean
clean: ## Remove the local database, installed dependencies and build stamps
	rm -rf $(VENV) $(VALIDATOR_VENV) node_modules ui/static/vendor staticfiles .stamp-* db.sqlite3*
