# Targets a newcomer can guess. `make run` and `make test` are the two the README opens with.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PORT ?= 8000
WEB_CONCURRENCY ?= 2
export DJANGO_ENV ?= local

.PHONY: run setup local-env install install-dev lock test test-browser lint migrations-check superuser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The development tools at the exact versions of requirements/dev.lock (made by `make lock`
# from pyproject.toml's dev extra), then the project itself, editable, without resolving again.
$(VENV)/.installed-dev: pyproject.toml requirements/dev.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Regenerate requirements/dev.lock after changing a dependency in pyproject.toml (commit both).
# Pins that still fit are kept; LOCK_ARGS=--upgrade moves everything to the newest that fits.
PIP_TOOLS := pip-tools==7.6.2
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet "$(PIP_TOOLS)"
	$(BIN)/pip-compile --quiet $(LOCK_ARGS) --extra dev --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links --output-file requirements/dev.lock pyproject.toml

run: setup
	@echo "Serving on http://127.0.0.1:$(PORT)/"
	$(BIN)/gunicorn -c config/gunicorn.conf.py config.wsgi --bind 127.0.0.1:$(PORT) \
		--workers $(WEB_CONCURRENCY) --access-logfile - --no-control-socket

# Everything `make run` does before serving.
setup: install local-env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_content content --publish --only-new
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

# A local run remembers that it is local in var/local.env, which manage.py (never gunicorn)
# reads, so the README's `.venv/bin/python manage.py ...` commands work as typed afterwards.
# An explicit DJANGO_ENV in the environment always wins; production never gets this file.
local-env:
	@if [ "$(DJANGO_ENV)" = local ]; then \
		mkdir -p "$${VAR_DIR:-var}" && \
		printf '%s\n' '# Written by make: manage.py runs in local mode here.' \
			'# Delete this file on a production machine.' 'DJANGO_ENV=local' \
			> "$${VAR_DIR:-var}/local.env"; \
	fi

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python manage.py makemigrations --check --dry-run --verbosity 1

migrations-check: install-dev
	$(BIN)/python manage.py makemigrations --check --dry-run

test: install-dev lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-browser: install-dev
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

superuser: install local-env
	$(BIN)/python manage.py migrate --noinput --verbosity 0
	$(BIN)/python manage.py createsuperuser

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
