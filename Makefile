# Sociale Coöperaties — the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The address links point at: the served one (a wildcard bind is reached on loopback).
SITE_HOST := $(if $(filter 0.0.0.0 ::,$(HOST)),127.0.0.1,$(HOST))
SITE_URL := http://$(SITE_HOST):$(PORT)
export WAGTAILADMIN_BASE_URL ?= $(SITE_URL)

.DEFAULT_GOAL := help
.PHONY: help run serve install install-dev migrate demo admin test lint format check pytest bench clean
.PHONY: scheduler fuzz lighthouse bench-cache cluster worker bench-import

help: ## Show this list
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: requirements.txt requirements-bench.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-bench.txt
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the runtime requirements

install-dev: $(VENV)/.installed-dev ## Install the test and lint tools too

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo content (idempotent)
	$(MANAGE) load_demo_content --site-url $(SITE_URL)

admin: migrate ## Make sure an admin account exists (DJANGO_SUPERUSER_PASSWORD or a printed one)
	$(MANAGE) ensure_admin

run: demo admin ## Install, migrate, load the demo content and serve on http://$HOST:$PORT/ (127.0.0.1:8000)
	@echo ""
	@echo "  De site:        $(SITE_URL)/"
	@echo "  Het beheer:     $(SITE_URL)/admin/"
	@echo "  Gebruikersnaam: $${DJANGO_SUPERUSER_USERNAME:-admin}"
	@echo "  Wachtwoord vergeten? $(MANAGE) changepassword $${DJANGO_SUPERUSER_USERNAME:-admin}"
	@echo ""
	$(MANAGE) runserver $(HOST):$(PORT)

serve: install ## Serve without migrating or loading content
	$(MANAGE) runserver $(HOST):$(PORT)

scheduler: migrate ## Publish and expire scheduled pages every minute (Procfile: scheduler)
	$(MANAGE) run_scheduler

lint: install-dev ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev ## Format and fix the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install-dev ## Django system checks and a check for missing migrations
	DJANGO_SETTINGS_MODULE=coopsite.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=coopsite.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

pytest: install-dev ## Run the pytest suite only
	$(BIN)/pytest $(PYTEST_ARGS)

FUZZ_EXAMPLES ?= 400
fuzz: install-dev ## Long random schemathesis run over API v3 (FUZZ_EXAMPLES per operation); not in make test
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_RANDOM=1 $(BIN)/pytest -p no:cacheprovider -q tests/test_api_fuzz.py -k v3 \
		--hypothesis-show-statistics $(PYTEST_ARGS)

test: lint check pytest ## Install the test tools and run every test (lint, checks, pytest)

LIGHTHOUSE ?= lighthouse
LIGHTHOUSE_BASE ?=
lighthouse: install ## Lighthouse scores of 5 page types, mobile and desktop, under gunicorn with production settings (LIGHTHOUSE=path to npm lighthouse 12.2.3; LIGHTHOUSE_BASE=URL of a running site instead)
	$(BIN)/python bench/lighthouse.py --lighthouse "$(LIGHTHOUSE)" $(if $(LIGHTHOUSE_BASE),--base $(LIGHTHOUSE_BASE))

bench: install $(VENV)/.installed-bench ## Load-test the site under gunicorn (see bench/README.md)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

bench-import: install ## Time import_coops of BENCH_ROWS (5000) new, then changed rows (BENCH_DATABASE=postgres)
	$(BIN)/python bench/import_speed.py

bench-cache: install ## Cached pages as % of a static file, direct and through Varnish (wrk; bench/cache.py)
	$(BIN)/python bench/cache.py

cluster: install ## Varnish + two gunicorn servers on PostgreSQL and Redis: a publish is seen everywhere within 1 s
	$(BIN)/python bench/cluster.py

worker: migrate ## Run the task worker (Procfile: worker; TASK_BACKEND=database)
	$(MANAGE) db_worker --queue-name "*"

clean: ## Remove the virtualenv, the SQLite database and collected static files
	rm -rf $(VENV) db.sqlite3 staticfiles
