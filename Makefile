# Everything sets itself up from the committed lock file: only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo serve-demo test lint docs bench bench-report mutation fuzz lock clean catalogues

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml $(wildcard pcc_cases/locale/*/LC_MESSAGES/*.po)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "pcc_cases needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/pcc-cases demo

# The demo in the browser at http://127.0.0.1:8000/ (builds the demo first if it is missing);
# the demo prints its logins.
DEMO_DB := pcc-cases-demo.sqlite3
serve-demo: $(STAMP)
	@test -f $(DEMO_DB) || $(BIN)/pcc-cases demo
	$(BIN)/pcc-cases --db sqlite:///$(DEMO_DB) serve

test: $(STAMP)
	$(BIN)/python -m pytest

# After adding messages: add them, untranslated, to both catalogues (then translate them;
# a test fails while one is missing). Installing compiles the catalogues.
catalogues: $(STAMP)
	$(BIN)/pybabel --quiet extract --no-location --omit-header -F babel.cfg -k N_ -k translate -o $(VENV)/pcc_cases.pot .
	$(BIN)/pybabel --quiet update --no-fuzzy-matching --ignore-obsolete -i $(VENV)/pcc_cases.pot -d pcc_cases/locale -D pcc_cases

lint: $(STAMP)
	$(BIN)/ruff check pcc_cases tests bench migrations
	$(BIN)/ruff format --check pcc_cases tests bench migrations
	$(BIN)/mypy

docs: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

bench: $(STAMP)
	$(BIN)/python bench/record.py

# The report benchmark loads 100,000 and 1,000,000 cases into SQLite and PostgreSQL: slow.
bench-report: $(STAMP)
	$(BIN)/python bench/report.py

# Fuzz the case and people imports in-process, 10,000 inputs each: slow, not part of test.
fuzz: $(STAMP)
	$(BIN)/python bench/fuzz.py --examples 10000

# Mutation testing of the rules (see [tool.mutmut] in pyproject.toml): slow, not part of test.
mutation: $(STAMP)
	$(BIN)/mutmut run --max-children 2
	$(BIN)/python bench/mutation_score.py

# Regenerates requirements.lock (needs uv on PATH); the lock records versions and hashes only.
lock:
	uv pip compile --universal --python-version 3.11 --generate-hashes --extra dev pyproject.toml -o requirements.lock

clean:
	rm -rf $(VENV) site build dist mutants .pytest_cache .mypy_cache .ruff_cache .hypothesis
