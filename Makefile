# Solidair: `make run` serves the platform with demo data; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve worker test test-fast lint format audit messages bench loadtest faulttest clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip uv

# Idempotent: re-syncs the virtualenv only when the lock file changed.
$(VENV)/.installed: requirements.lock | $(PY)
	$(BIN)/uv pip sync --quiet --python $(PY) requirements.lock || $(BIN)/pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed

# Migrate (loads the reference data), load the demo content, then serve the site and run
# the background worker that sends the emails.
run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	$(PY) manage.py compilemessages --ignore=.venv -v0 2>/dev/null || true
	@echo "Serving http://$(HOST):$(PORT)/ (emails are printed here by the worker)"
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py db_worker --interval 1 & \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite, the browser tests too (bin/ensure-chromium installs Chromium when it can;
# without it they are skipped, with the reason). Options go through PYTEST_ARGS, e.g.
#   make test PYTEST_ARGS="-x solidair/organisations"
test: install
	@bin/ensure-chromium
	$(BIN)/pytest -ra $(PYTEST_ARGS)

# Everything but the browser tests: the quick loop while coding.
test-fast: install
	$(BIN)/pytest -ra -m "not browser" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Known vulnerabilities in the locked dependencies. --strict makes a package that could not
# be checked (the vulnerability service unreachable) an error instead of a silent skip;
# AUDIT_SERVICE=osv asks osv.dev instead of PyPI's JSON API.
AUDIT_SERVICE ?= pypi
audit: install
	$(BIN)/pip-audit --requirement requirements.lock --no-deps --disable-pip --strict \
		--vulnerability-service $(AUDIT_SERVICE) --progress-spinner off

# Extract the UI strings and compile the translations (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages -l nl -l en -l fr -l ar --ignore=.venv --ignore=staticfiles --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

bench: install
	$(PY) bench/run.py

# Two minutes of 50 simulated people (browsing, searching, posting, reacting, messaging) on
# PostgreSQL + Redis with granian; fails on any server error or lost/duplicated write.
loadtest: install
	$(PY) loadtest/run.py

# The same load with PostgreSQL, then Redis, stopped for 20 seconds in the middle.
faulttest: install
	$(PY) loadtest/run.py --fault postgres
	$(PY) loadtest/run.py --fault redis

clean:
	rm -rf $(VENV) staticfiles .mypy_cache .ruff_cache
