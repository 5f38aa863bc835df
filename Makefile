# The two commands of the quick start: `make demo` and `make test`. Both set up what they need first.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test install browser bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/zswatch demo

# Browser checks use Debian's chromium; it is installed here when missing (tests skip with a reason otherwise).
browser:
	@command -v chromium >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] \
		&& (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
		|| echo "chromium is not installed and cannot be installed here: browser tests will be skipped"; }

test: install browser
	$(BIN)/python -m pytest

bench: install
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script --quick || exit 1; done
