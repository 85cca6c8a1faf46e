"""One migrated PostgreSQL database that every test database is copied from.

Migrating a new test database takes about 25 seconds on the 2-core machine, and `make test`
makes six of them (two parallel processes for the suite and two for the OpenSearch pass,
one each for the outage and three-node tests). PostgreSQL copies a database from a template
in about a second, so the first run migrates the template once and every test database is
made from it (Django's `TEST["TEMPLATE"]`); Django's own migrate then finds nothing to do.

The template's name carries a fingerprint of the migrations, the translated fields and
the locked dependencies: a new migration, translated field or Wagtail makes a new
template, and the old ones are dropped. Used
with PostgreSQL only; SQLite (the smoke pass) migrates its in-memory databases as before.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "portal_test_template_"
VARIABLE = "TEST_DATABASE_TEMPLATE"  # its name, for the processes the run starts


def fingerprint():
    """Of everything that decides what the migrated database holds."""
    digest = hashlib.sha256()
    # As the Makefile's DATABASE_INPUTS: wagtail-modeltranslation adds the columns of the
    # fields each translation.py registers on Wagtail's own models when migrating.
    patterns = ("*/migrations/*.py", "*/translation.py", "requirements/*.lock")
    sources = sorted(path for pattern in patterns for path in ROOT.glob(pattern))
    for path in sources:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def prepare(database_url):
    """The template's name, migrated now if it is not there yet (None: not PostgreSQL)."""
    if not database_url.startswith(("postgres://", "postgresql://")):
        return None
    import psycopg

    name = PREFIX + fingerprint()
    with psycopg.connect(_with_database(database_url, "postgres"), autocommit=True) as admin:
        found = {
            row[0]
            for row in admin.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [PREFIX + "%"]
            )
        }
        for stale in found - {name}:
            admin.execute(f'DROP DATABASE IF EXISTS "{stale}"')
        if name in found:
            return name
        building = f"{name}_building"  # renamed once migrated: never used half-made
        admin.execute(f'DROP DATABASE IF EXISTS "{building}"')
        admin.execute(f'CREATE DATABASE "{building}"')
        sys.stderr.write(f"Migrating the test database template {name}...\n")
        environ = {**os.environ, "DATABASE_URL": _with_database(database_url, building)}
        subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=environ,
            check=True,
        )
        admin.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    return name
