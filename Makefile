# The checks CI runs (.ci/run), for a developer: `make check` before a push.
# Uses the worktree's .venv (python3 -m venv .venv && .venv/bin/pip install -e ".[dev]").

VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: check lint format-check imports types test test-all fix

check: lint format-check imports types test

lint:
	$(BIN)/ruff check .

format-check:
	$(BIN)/ruff format --check .

imports:
	$(BIN)/lint-imports

types:
	$(BIN)/mypy

# The README's test command: every core (-n auto), the slow runs left out.
test:
	$(BIN)/python -m pytest -q

# Everything, the slow runs too, as .ci/run does.
test-all:
	$(BIN)/python -m pytest -q -m "slow or not slow"

fix:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
