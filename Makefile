# Layanan Publik. `make run` brings the portal up; `make test` runs the whole suite against
# real PostgreSQL, Redis and Chromium. Both install what a fresh machine lacks.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Tests run in parallel (pytest-xdist, each worker its own PostgreSQL test database and Redis
# database); the `services` tests stop and restart Redis and run a Celery worker, so they run
# alone afterwards.
TEST_WORKERS ?= 2
PARALLEL := -n $(TEST_WORKERS) --dist loadgroup

.PHONY: help install system-deps run test check lint format bench purge-css messages clean backup

help:
	@echo "make run      start web + worker + scheduler with demo data on http://127.0.0.1:$(PORT)/"
	@echo "make test     lint, then the whole test suite (PostgreSQL, Redis, Chromium)"
	@echo "make check    lint, then every test except the browser ones (the inner loop)"
	@echo "make lint     ruff check, ruff format --check, makemigrations --check"
	@echo "make bench    performance benchmarks (tests/bench/; BENCH_SIZE=small|medium|province)"
	@echo "make purge-css  rebuild the purged Bootstrap CSS after changing templates"
	@echo "make install  create .venv and install the Python dependencies"
	@echo "make backup   pg_dump of DATABASE_URL and the uploaded files, with checksums (README)"

$(PY):
	@PYBIN=$$(scripts/find-python.sh) && echo "Creating $(VENV) with $$PYBIN" && "$$PYBIN" -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

system-deps:
	@scripts/system-deps.sh

messages: install
	$(PY) manage.py compilemessages --ignore=.venv -v 0

run: install
	@mkdir -p "$${VAR_DIR:-var}/broker/queue" "$${VAR_DIR:-var}/broker/processed"
	$(PY) manage.py migrate --noinput -v 0
	SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" $(PY) manage.py seed_demo
	@scripts/run.sh $(PORT)

# The database and the uploaded files into $(VAR_DIR)/backups (BACKUP_DIR=... elsewhere).
backup:
	@scripts/backup.sh $(BACKUP_DIR)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run -v 1

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: install system-deps lint
	@scripts/test.sh tests --ignore=tests/bench -m "not services" $(PARALLEL)
	@scripts/test.sh tests --ignore=tests/bench -m services

check: install system-deps lint
	@scripts/test.sh tests --ignore=tests/bench -m "not services and not browser" $(PARALLEL)
	@scripts/test.sh tests --ignore=tests/bench -m "services and not browser"

bench: install system-deps
	@scripts/bench-deps.sh
	@scripts/test.sh tests/bench -p no:cacheprovider -s

purge-css: install
	$(PY) scripts/purge_css.py

clean:
	rm -rf var/cache var/broker var/celerybeat-schedule*
