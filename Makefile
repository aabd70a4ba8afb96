# The two commands: `make run` and `make test`. Needs only Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

# Development defaults for `make run` only; production reads its own environment.
RUN_ENV := DJANGO_DEBUG=1 DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-dev-only-insecure-key-change-me-0123456789abcdef}

.PHONY: run test install migrate demo messages audit clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

migrate: $(STAMP)
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(RUN_ENV) $(BIN)/python manage.py load_demo

run: demo
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Known vulnerabilities in the installed dependencies (CI runs it too; says so when it cannot).
audit: $(STAMP)
	$(BIN)/python .ci/audit.py

# Recompile the Vietnamese catalogue after editing locale/vi/LC_MESSAGES/django.po.
messages: $(STAMP)
	$(BIN)/python -m portal.compilemessages

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache
