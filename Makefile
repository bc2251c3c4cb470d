# argmap: set-up, run, test. Every target creates .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
MAP ?= maps/israel-us-defense-treaty.argmap

.PHONY: run test bench fuzz lint lint-style lint-types lint-imports clean lock schema

$(PY):
	$(PYTHON) -c 'import sys; sys.exit("argmap needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml constraints.txt | $(PY)
	$(PIP) install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt $(VENV)/.installed
	$(PIP) install --quiet -c constraints.txt -e '.[test]'
	touch $@

$(VENV)/.installed-lint: pyproject.toml constraints.txt $(VENV)/.installed
	$(PIP) install --quiet -c constraints.txt -e '.[lint]'
	touch $@

run: $(VENV)/.installed
	$(VENV)/bin/argmap $(MAP)

test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# bench/page.py drives Chromium with the test extras' websockets; it says so and skips without them.
bench: $(VENV)/.installed-test
	$(PY) bench/export.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/gui.py
	$(PY) bench/formats.py
	$(PY) bench/layout.py
	$(PY) bench/evaluation.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/evaluate_gui.py
	$(PY) bench/quotes.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/paste.py
	$(PY) bench/page.py

# Fuzz every reader, then the writers, for SECONDS each: make fuzz SECONDS=600.
# Failing inputs are printed and kept in out/fuzz-failures/.
SECONDS ?= 60
fuzz: $(VENV)/.installed-test
	$(PY) tests/run_fuzz.py --seconds $(SECONDS)

# CI (CI=true) runs mypy only when this is yes. `mypy argmap` is clean, so CI enforces
# it; set it to no only to let CI pass while a change brings errors that are being fixed.
MYPY_IN_CI := yes

lint: lint-style lint-types lint-imports

lint-style: $(VENV)/.installed-lint
	$(VENV)/bin/ruff check argmap tests bench
	$(VENV)/bin/ruff format --check argmap tests bench

lint-types: $(VENV)/.installed-lint
ifeq ($(CI)/$(MYPY_IN_CI),true/no)
	@echo "lint-types: mypy is not enforced in CI yet (MYPY_IN_CI in the Makefile)"
else
	$(VENV)/bin/mypy argmap
endif

lint-imports: $(VENV)/.installed-lint
	$(VENV)/bin/lint-imports

schema: $(VENV)/.installed
	$(PY) -m argmap.schema resources/argmap.schema.json

# Re-pin every dependency after changing pyproject.toml.
lock:
	rm -rf /tmp/argmap-lock && $(PYTHON) -m venv /tmp/argmap-lock
	/tmp/argmap-lock/bin/pip install --quiet -e '.[test,lint]'
	/tmp/argmap-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build dist
