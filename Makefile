# UMIS: two commands. `make demo` runs the system on SQLite; `make test` passes the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint format messages clean-venv bench bench-smoke

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py run_demo --addr 127.0.0.1 --port 8000

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: lint
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

# Re-extract and compile translations (needs GNU gettext; compiled .mo files are committed).
messages: $(STAMP)
	$(PY) manage.py makemessages -l az -l ru -l en --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

# Benchmarks (bench/README.md): PostgreSQL from DATABASE_URL or UMIS_BENCH_DATABASE_URL, with
# psql and pgbench on PATH. Results go to bench/results/. A smoke-sized run is part of make test.
bench: $(STAMP)
	$(PY) -m bench

bench-smoke: $(STAMP)
	$(PY) -m bench --smoke
