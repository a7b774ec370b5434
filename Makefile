# Sahakar: `make run` to try it, `make test` to test it. Everything else is set up on the way.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# What is installed, per level: the app alone (make run), then the development tools.
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev
HOST ?= 127.0.0.1:8000
# The suite on other days (make test-dates): each run starts its clock on one of these.
TEST_DATES ?= 2026-11-01 2027-02-28 2027-12-31T23:30+07:00 2028-01-01T06:30+07:00
TESTS ?=
# SQLite by default; .ci/run sets DATABASE_URL for the PostgreSQL pass (make test-postgres).
LOCAL := env -u DATABASE_URL

.PHONY: install install-runtime setup run test test-dates test-postgres lint format lock bench clean messages

$(RUNTIME): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --constraint requirements.lock --editable .
	touch $(RUNTIME)

$(DEV): $(RUNTIME)
	$(PY) -m pip install --quiet --constraint requirements.lock --editable ".[dev]"
	touch $(DEV)

install-runtime: $(RUNTIME)

install: $(DEV)

setup: install-runtime
	$(LOCAL) $(PY) manage.py migrate --noinput
	$(LOCAL) $(PY) manage.py load_reference
	$(LOCAL) $(PY) manage.py collectstatic --noinput --verbosity 0

run: setup
	$(LOCAL) $(PY) manage.py demo --size small --host $(HOST)
	$(LOCAL) $(PY) manage.py runserver --insecure $(HOST)

test: setup install
	$(LOCAL) $(PY) -m pytest

test-dates: setup install
	for day in $(TEST_DATES); do \
	  echo "== the clock starts on $$day"; \
	  SAHAKAR_TEST_TODAY=$$day $(LOCAL) $(PY) -m pytest $(TESTS) || exit 1; \
	done

test-postgres: install
	@test -n "$(DATABASE_URL)" || (echo "set DATABASE_URL=postgres://..." >&2; exit 2)
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(LOCAL) $(PY) -m mypy sahakar bench
	$(LOCAL) $(PY) manage.py check
	$(LOCAL) $(PY) manage.py makemigrations --check --dry-run

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

lock: install
	(echo "# Exact versions of every dependency (runtime and dev). Regenerate with: make lock"; \
	 $(PY) -m pip freeze --exclude-editable | grep -v '^-e') > requirements.lock

bench: setup
	$(PY) bench/pages.py

clean:
	rm -rf $(VENV) var

messages: install-runtime
	cd sahakar && $(LOCAL) ../$(PY) ../manage.py makemessages -l km --no-obsolete --ignore "*/tests/*"
	cd sahakar && $(LOCAL) ../$(PY) ../manage.py compilemessages -l km
