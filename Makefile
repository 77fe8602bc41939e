# Two entry points, each sets up what it needs on a fresh Debian machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo build test lint setup browser

$(BIN)/dossier: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/dossier

setup: $(BIN)/dossier

# Set up, build the sample archive and serve it on http://127.0.0.1:8000/index.html
demo: setup
	$(BIN)/dossier serve

build: setup
	$(BIN)/dossier build

# System packages for the browser and parity tests (Debian's Chromium, Node.js).
browser:
	@missing=""; \
	command -v chromium >/dev/null || missing="chromium"; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	if [ -n "$$missing" ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Set up and run the whole test suite, browser and slow tests included.
test: setup browser lint
	$(BIN)/pytest
