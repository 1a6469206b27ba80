# LAPOR Desktop — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= demo-data

.PHONY: run test lint typecheck imports pytest bench demo clean

# The venv is rebuilt when pyproject.toml changes, so a pull never runs on stale packages.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Until the window lands (UI issue), `run` makes a demo data dir and shows it through the CLI.
run: $(STAMP)
	test -f $(DEMO_DIR)/lapor.db || $(BIN)/lapor-desktop --data-dir $(DEMO_DIR) demo --cases 2000
	$(BIN)/lapor-desktop --data-dir $(DEMO_DIR) queues
	$(BIN)/lapor-desktop --data-dir $(DEMO_DIR) case list --limit 20

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

test: lint typecheck imports pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_demo.py
	$(BIN)/python bench/bench_search.py
	$(BIN)/python bench/bench_queues.py

clean:
	rm -rf $(VENV) $(DEMO_DIR) .mypy_cache .ruff_cache
