# Sahakar: `make run` to try it, `make test` to test it. Everything else is set up on the way.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1:8000
# SQLite by default; .ci/run sets DATABASE_URL for the PostgreSQL pass (make test-postgres).
LOCAL := env -u DATABASE_URL

.PHONY: install setup run test test-postgres lint format lock bench clean messages

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --constraint requirements.lock --editable ".[dev]"
	touch $(STAMP)

install: $(STAMP)

setup: install
	$(LOCAL) $(PY) manage.py migrate --noinput
	$(LOCAL) $(PY) manage.py load_reference
	$(LOCAL) $(PY) manage.py collectstatic --noinput --verbosity 0

run: setup
	$(LOCAL) $(PY) manage.py demo --size small
	$(LOCAL) $(PY) manage.py runserver --insecure $(HOST)

test: setup
	$(LOCAL) $(PY) -m pytest

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

messages: install
	cd sahakar && $(LOCAL) ../$(PY) ../manage.py makemessages -l km --no-obsolete --ignore "*/tests/*"
	cd sahakar && $(LOCAL) ../$(PY) ../manage.py compilemessages -l km
