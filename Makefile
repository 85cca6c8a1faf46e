# The two commands: `make run` (the portal on its embedded default) and `make test`
# (the whole suite on real PostgreSQL and Elasticsearch). Everything else is a helper.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test services services-stop lint check bench lock messages clean

## run: set up and serve the portal at http://127.0.0.1:$(PORT) (SQLite, database search, demo content)
run: $(VENV)/.base-installed
	@tools/system-packages gettext fonts-noto-core fonts-noto-cjk poppler-utils
	$(PY) manage.py compilemessages --ignore=.venv -v 0
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py update_translation_fields -v 0
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_admin --url http://127.0.0.1:$(PORT)/admin/
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT) --noreload

## test: lint, checks and the whole suite on real PostgreSQL + Elasticsearch, then the embedded smoke pass
test: $(VENV)/.dev-installed
	@tools/system-packages gettext fonts-noto-core fonts-noto-cjk poppler-utils chromium
	tools/run-tests

## services: start PostgreSQL and Elasticsearch on loopback (installs them when missing)
services:
	@tools/services/up

## services-stop: stop them
services-stop:
	@tools/services/down

## bench: the benchmarks under bench/
bench: $(VENV)/.dev-installed
	$(PY) bench/pages.py

## lock: re-resolve the ranges in pyproject.toml into requirements/*.lock
lock:
	tools/lock

## messages: refresh locale/*/LC_MESSAGES/django.po from the templates and code
messages: $(VENV)/.base-installed
	$(PY) manage.py makemessages --all --ignore=.venv --ignore=var --ignore=.services --ignore=tests --ignore=bench --ignore=tools --no-obsolete

$(VENV)/.python:
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is needed, found " + sys.version' 
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	@touch $@

$(VENV)/.base-installed: requirements/base.lock $(VENV)/.python
	$(VENV)/bin/pip install -q -r requirements/base.lock
	@touch $@

$(VENV)/.dev-installed: requirements/dev.lock requirements/base.lock $(VENV)/.python
	$(VENV)/bin/pip install -q -r requirements/dev.lock
	@touch $@ $(VENV)/.base-installed

clean:
	rm -rf $(VENV) var
