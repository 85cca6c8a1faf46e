# The two commands: `make run` (the portal on its embedded default) and `make test`
# (the whole suite on real PostgreSQL and Elasticsearch). Everything else is a helper.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Read by the settings: the admin's notification emails link to this port.
export PORT
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# `make run` again starts in seconds: each set-up step runs only when its inputs changed.
# A translation catalogue is compiled when its .po file is newer than its .mo. The database is
# migrated, then the demo loaded, when a migration, a translated field, the pinned
# dependencies or the demo content changed, according to stamp files beside the SQLite
# database; both run every time against a DATABASE_URL of your own, and when the
# database file is missing. `rm $(VAR)/.migrated` forces both.
PO := $(wildcard locale/*/LC_MESSAGES/django.po)
MO := $(PO:.po=.mo)
VAR := $(or $(PORTAL_VAR_DIR),var)
DATABASE_INPUTS := $(wildcard */migrations/*.py */translation.py) requirements/base.lock
DEMO_INPUTS := $(shell find portal/demo.py guidance/demo.py courses/demo.py alerts/demo.py guidance/demo_content courses/demo_content -type f -not -name '*.pyc')
NO_STAMPS := $(if $(DATABASE_URL),FORCE,$(if $(wildcard $(VAR)/db.sqlite3),,FORCE))

.PHONY: run test worker services services-stop lint check bench lock messages clean system-packages FORCE

## run: set up and serve the portal at http://127.0.0.1:$(PORT) (SQLite, database search, demo content)
run: $(VENV)/.base-installed system-packages $(MO) $(VAR)/.demo-loaded $(VAR)/admin-login
	@echo "Admin login: http://127.0.0.1:$(PORT)/admin/  user: admin  password: $$(cat $(VAR)/admin-login)"
	@test ! -f $(VAR)/demo-trainer-login || echo "Demo trainer: trainer@example.org, password in $(VAR)/demo-trainer-login"
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT) --noreload

system-packages:
	@tools/system-packages gettext fonts-noto-core fonts-noto-cjk poppler-utils

# What `manage.py compilemessages` runs, for the catalogues that changed only.
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	msgfmt --check-format -o $@ $<

$(VAR)/.migrated: $(DATABASE_INPUTS) $(NO_STAMPS)
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py update_translation_fields -v 0
	@touch $@

$(VAR)/.demo-loaded: $(VAR)/.migrated $(DEMO_INPUTS)
	$(PY) manage.py load_demo
	@touch $@

# The administrator account, checked again whenever the database was migrated.
$(VAR)/admin-login: $(VAR)/.migrated
	@$(PY) manage.py ensure_admin >/dev/null
	@touch $@

FORCE:

## test: lint, checks and the whole suite on real PostgreSQL + Elasticsearch, then the embedded smoke pass
test: $(VENV)/.dev-installed
	@tools/system-packages gettext fonts-noto-core fonts-noto-cjk poppler-utils chromium nginx-light
	tools/run-tests

## worker: the task queue's worker with its schedule (needs REDIS_URL: eval "$$(make -s services)")
worker: $(VENV)/.base-installed
	@test -n "$$REDIS_URL" || { echo 'REDIS_URL is not set: run eval "$$(make -s services)" first' >&2; exit 1; }
	@mkdir -p $(VAR)
	$(VENV)/bin/celery -A portal worker --beat --schedule $(VAR)/celerybeat-schedule --loglevel=INFO

## services: start PostgreSQL, Elasticsearch and Redis on loopback (installs them when missing)
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
