"""Shared fixtures: the page tree, users, and the real search engine when it is configured."""

import os
import urllib.error
import urllib.request

import pytest

from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from wagtail.models import Page, Site

from tests import database_template
from tests.factories import HomePageFactory

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _elasticsearch_answers(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own loopback URL
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def pytest_configure(config):
    """Before the parallel processes start (they inherit the variable): the migrated
    database their test databases are copied from (tests/database_template.py)."""
    if os.environ.get("PYTEST_XDIST_WORKER") or os.environ.get(database_template.VARIABLE):
        return
    template = database_template.prepare(os.environ.get("DATABASE_URL", ""))
    if template:
        os.environ[database_template.VARIABLE] = template


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    template = os.environ.get(database_template.VARIABLE)
    database = settings.DATABASES["default"]
    if template and database["ENGINE"] == "django.db.backends.postgresql":
        database.setdefault("TEST", {})["TEMPLATE"] = template


@pytest.hookimpl(trylast=True)  # after `-m` has deselected what will not run
def pytest_collection_modifyitems(config, items):
    """Refuse to run Elasticsearch tests without the engine, saying how to start it."""
    if not any(item.get_closest_marker("elasticsearch") for item in items):
        return
    url = settings.ELASTICSEARCH_URL
    if url and _elasticsearch_answers(url.split(",")[0]):
        return
    if os.environ.get("CI") == "true":
        reason = f"CI: Elasticsearch is required and does not answer at {url or '(unset)'}."
    else:
        reason = (
            f"Elasticsearch does not answer at {url or '(ELASTICSEARCH_URL unset)'}. "
            "Start it with `make services` and export the two lines it prints, or run "
            "`make test`, which does both. Or deselect these tests with -m 'not elasticsearch'."
        )
    pytest.exit(reason, returncode=1)


@pytest.fixture(scope="session", autouse=True)
def tasks_run_in_the_test():
    """Tasks run where they are queued, inside the test's transaction, even when REDIS_URL
    gives a broker: tests/portal/test_worker.py starts a real worker of its own."""
    from celery import current_app

    current_app.conf.task_always_eager = True


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: what one test's pages put there (navigation
    links) must not show in the next one's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def passwords_hashed_fast():
    """Passwords are hashed with MD5 in tests, as Django's testing guide advises: the real
    hasher takes 0.4 s a password on the 2-core machine, and the suite makes and checks
    hundreds of them. What a password protects is tested through the views, which do not
    depend on the hasher; production keeps PBKDF2 (settings.py leaves Django's default)."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


ADMIN_SEARCH = {"default": {"BACKEND": "search.admin_index"}}


@pytest.fixture(scope="session", autouse=True)
def admin_search_not_updated_on_save():
    """Wagtail's own search index (the admin's page search) is left alone when a test saves
    a page: updating it is a quarter of what a page costs to create and publish, and only
    tests/search/test_admin_index.py searches it (with `admin_search`). The readers' search
    is updated as always."""
    from django.test import override_settings

    assert settings.WAGTAILSEARCH_BACKENDS == ADMIN_SEARCH, settings.WAGTAILSEARCH_BACKENDS
    left_alone = {"default": {**ADMIN_SEARCH["default"], "AUTO_UPDATE": False}}
    with override_settings(WAGTAILSEARCH_BACKENDS=left_alone):
        yield


@pytest.fixture
def admin_search(settings):
    """Wagtail's own search index updated on every save, as on the site."""
    settings.WAGTAILSEARCH_BACKENDS = ADMIN_SEARCH


@pytest.fixture(scope="session", autouse=True)
def vocabulary_rebuilt_in_the_test_thread():
    """A thread of its own would read the database through another connection, outside the
    test's transaction: rebuild search's query vocabulary where the test can see it."""
    from search import vocabulary

    vocabulary.BACKGROUND = False


@pytest.fixture(scope="session", autouse=True)
def search_log_written_in_the_test_thread():
    """The search log's writer thread would write through another connection, outside the
    test's transaction: write it where the test can see it (test_analytics.py starts the
    thread itself, in a test whose rows are committed)."""
    from search import analytics

    analytics.BACKGROUND = False


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Start the run with a fresh, mapped search index (and Wagtail's own, for the admin)."""
    with django_db_blocker.unblock():
        call_command("update_index", verbosity=0)
        if settings.ELASTICSEARCH_URL:
            from search.elastic import ElasticIndex

            index = ElasticIndex()
            index.client.indices.delete(index=f"{index.alias}*", ignore_unavailable=True)
            index.ensure()  # reads the editors' synonyms from the database


@pytest.fixture
def elastic(db, django_capture_on_commit_callbacks):
    """The real Elasticsearch index, emptied for this test.

    Index updates are sent when a transaction commits; tests run inside one that never
    does, so `elastic.publish(page)` publishes and runs those callbacks.
    """
    from search.elastic import ElasticIndex

    index = ElasticIndex()
    index.ensure()
    index.client.delete_by_query(
        index=index.alias, body={"query": {"match_all": {}}}, refresh=True, conflicts="proceed"
    )

    def publish_now(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    def unpublish_now(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.unpublish()
        return page

    index.publish = publish_now
    index.unpublish = unpublish_now
    return index


@pytest.fixture(autouse=True)
def english_by_default():
    """Requests activate their language in the thread; start every test from English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home(db):
    """A home page with its title in all six languages, served by the default site."""
    root = Page.get_first_root_node()
    fields = {}
    for code in LANGUAGE_CODES:
        suffix = code.replace("-", "_")
        fields[f"title_{suffix}"] = f"Home [{code}]"
        fields[f"slug_{suffix}"] = "home"
    home = HomePageFactory.build(**fields)
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home


@pytest.fixture
def theme_page(home):
    from tests.factories import ThemePageFactory

    return ThemePageFactory(parent=home)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page
