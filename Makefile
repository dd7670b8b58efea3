PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast test-slow install clean bench train

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/tacitus code samples/ --format table

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

# Train the event detector shipped under src/tacitus/models/detector (fixed seeds; minutes on 2 CPU cores).
train: $(STAMP)
	$(BIN)/python train/detector.py

bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/evaluate.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
