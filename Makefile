# Two commands for a new user: `make run` (build the sample graph, then serve it) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: install run test bench clean

$(BIN)/resograph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

install: $(BIN)/resograph

run: install
	$(BIN)/resograph build
	$(BIN)/resograph serve

test: install
	sh scripts/ensure-chromium.sh
	$(BIN)/pytest

bench: install
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) resograph-data build *.egg-info
