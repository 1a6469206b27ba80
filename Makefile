# LAPOR Desktop — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck imports pytest bench clean translations screenshot build build-test

# The venv is rebuilt when pyproject.toml changes, so a pull never runs on stale packages.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,build]'
	touch $(STAMP)

# Opens the window on the data dir ($$LAPOR_DATA_DIR, else the user data folder); on a fresh PC
# the first-run wizard offers to set up the office or to try demo data.
run: $(STAMP)
	$(BIN)/lapor-desktop

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

# Two workers (this is a 2-core machine; many tests wait on a server or a subprocess); one file
# per worker at a time, so a module's expensive fixture is built once.
PYTEST_WORKERS ?= 2
pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist loadfile

test: lint typecheck imports pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_demo.py
	$(BIN)/python bench/bench_search.py
	$(BIN)/python bench/bench_queues.py
	$(BIN)/python bench/bench_ui.py
	$(BIN)/python bench/bench_letters.py
	$(BIN)/python bench/bench_sync.py

# The PyInstaller one-folder app (build.spec) in dist/LaporDesktop-<version>/; 2–6 min on this
# 2-core machine depending on load. Linux needs objdump (Debian: binutils).
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
FROZEN_APP := $(CURDIR)/dist/LaporDesktop-$(VERSION)/LaporDesktop

build: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec

# The built app run as a user runs it (tests/frozen): commands, a letter PDF, the window offscreen.
build-test: build
	test -x $(FROZEN_APP)
	LAPOR_FROZEN_APP=$(FROZEN_APP) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/frozen

# docs/screenshot.png: the main window on demo data under a real X server (Debian: xvfb,
# libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0: what Qt's xcb plugin loads),
# pinned clock and seed.
screenshot: $(STAMP)
	xvfb-run -a -s "-screen 0 1600x1000x24" env -u QT_QPA_PLATFORM $(BIN)/python tools/screenshot.py

# Update resources/translations/lapor_{id,en}.ts from ui/*.py (pyside6-lupdate keeps existing
# translations), then build the .qm files (pyside6-lrelease); commit both. Then
# `$(BIN)/python tools/translations.py todo` lists the Indonesian strings still to translate.
translations: $(STAMP)
	$(BIN)/python tools/translations.py update

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache
