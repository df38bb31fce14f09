# The README's commands. `make run` serves the portal on embedded defaults (or on PostgreSQL and Redis when
# DATABASE_URL / REDIS_URL are set); `make test` runs lint, the migrations check and the whole suite
# against real PostgreSQL and Redis.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements-dev.lock
HOST ?= 127.0.0.1
PORT ?= 8000

TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
TEST_ENV := DJANGO_ENV=test DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL)

.DEFAULT_GOAL := help
.PHONY: help install run migrate seed test lint format check-services messages schema worker beat bench lock clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the lock file changed (a second `make run` installs nothing).
$(STAMP): $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	@touch $(STAMP)

install: $(STAMP) ## Create the virtual environment and install the locked dependencies

run: install ## Migrate, load the demo data and serve http://127.0.0.1:8000
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@if [ -n "$$REDIS_URL" ]; then echo "REDIS_URL is set: start 'make worker' and 'make beat' in other terminals."; fi
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

migrate: install ## Apply migrations
	$(BIN)/python manage.py migrate --noinput

seed: install ## Load the demo data (idempotent)
	$(BIN)/python manage.py seed_demo

check-services: install ## Stop early when PostgreSQL or Redis is unreachable
	@$(TEST_ENV) $(BIN)/python manage.py check_services

messages: install ## Extract and compile translations (needs gettext)
	$(BIN)/python manage.py makemessages --locale en --no-obsolete --ignore '.venv/*' --ignore 'data/*' --ignore 'bench/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install check-services lint ## Lint, migrations check and the whole suite on PostgreSQL and Redis
	@if command -v msgfmt >/dev/null; then $(BIN)/python manage.py compilemessages --ignore '.venv/*' >/dev/null; fi
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(BIN)/pytest -p randomly --create-db $(PYTEST_ARGS)

schema: install ## Rewrite docs/api/openapi.yaml after changing the API (TEST_DATABASE_URL: PostgreSQL)
	$(TEST_ENV) $(BIN)/python manage.py write_api_schema  # PostgreSQL: integer ranges depend on the engine

worker: install ## Start a Celery worker consuming every named queue
	$(BIN)/celery -A portal worker --loglevel=INFO --concurrency=2

beat: install ## Start the single Celery beat
	$(BIN)/celery -A portal beat --loglevel=INFO --schedule=data/celerybeat-schedule

bench: install ## Benchmarks under gunicorn on PostgreSQL; writes docs/benchmarks.md
	$(BIN)/python bench/run.py

lock: ## Re-pin dependencies after editing pyproject.toml (needs uv)
	uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements-dev.lock

clean: ## Remove the virtual environment and the local data folder
	rm -rf $(VENV) data
