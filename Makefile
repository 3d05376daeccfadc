# Trivselsportalen — the two commands a new user types: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate demo worker beat lint messages clean bench

run: export DEBUG ?= true
run: export DEMO_CLOCK ?= true
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: install ## set up, migrate, seed demo data and serve on http://127.0.0.1:8000
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Trivselsportalen kører på http://$(HOST):$(PORT)/  (stop med Ctrl+C)"
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

test: export DJANGO_SETTINGS_MODULE = trivsel.settings_test
test: install ## set up and run the whole test suite
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m ruff check .
	$(PY) -m pytest $(PYTEST_ARGS)

install: $(STAMP)

$(STAMP): pyproject.toml build-constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Trivselsportalen kræver Python 3.11 eller nyere")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --build-constraint build-constraints.txt ".[dev]"
	touch $(STAMP)

worker: export DEBUG ?= true
worker: install ## a Celery worker (needs REDIS_URL)
	$(VENV)/bin/celery -A trivsel worker --loglevel=info

beat: export DEBUG ?= true
beat: install ## Celery beat for scheduled jobs (needs REDIS_URL)
	$(VENV)/bin/celery -A trivsel beat --loglevel=info

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

messages: install ## after changing Danish texts: update and compile the catalogues (needs gettext)
	$(PY) manage.py makemessages -l da -l en --ignore=.venv --ignore=var
	$(PY) manage.py makemessages -d djangojs -l da -l en --ignore=.venv --ignore=var --ignore=static/vendor
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var

bench: install ## benchmarks of issue 11 (PostgreSQL and Redis on 127.0.0.1; wrk if installed): one table
	$(PY) bench/run.py $(BENCH_ARGS)
