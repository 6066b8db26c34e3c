# The two quick-start commands: `make demo` and `make test`. Each creates .venv from
# pyproject.toml on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint run clean

$(BIN)/.installed: pyproject.toml package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	# The dashboard's NL Design System CSS (pinned in package-lock.json); without npm the
	# dashboard works unstyled.
	if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --silent || echo "npm ci failed: the dashboard runs unstyled"; \
	else echo "npm not found: the dashboard runs unstyled"; fi
	touch $@

demo: $(BIN)/.installed
	$(BIN)/vraagbaak demo

test: $(BIN)/.installed
	$(BIN)/pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check bot handlers knowledge schedules tests benchmarks
	$(BIN)/mypy

run: $(BIN)/.installed
	$(BIN)/vraagbaak run

clean:
	rm -rf $(VENV) vraagbaak-data
