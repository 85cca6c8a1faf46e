"""Every public endpoint answers hostile input with a page or a 4xx, never a 5xx.

One sweep per role (anonymous, signed-in learner) over one page tree, on the real
engines (PostgreSQL and Elasticsearch): each text of `corpus.VALUES` goes into every
parameter an endpoint reads (and into its path where it takes a code or token), each of
`corpus.RAW_QUERIES` is sent as its whole query string, and `corpus.RAW_PATHS` as
addresses. Every answer must be below 500, say something (a heading, a JSON message, a
feed), never echo a script into HTML, and never redirect off the site. A route added to the
portal's URLs without an entry here fails `test_every_route_is_swept`.
"""

import json
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pytest

from django.urls import URLPattern, URLResolver, get_resolver

from guidance.models import GlossaryPage, LibraryIndexPage
from tests.conftest import LANGUAGE_CODES
from tests.courses.conftest import add, build_course, make_learner
from tests.factories import GuidancePageFactory
from tests.hostile.corpus import RAW_PATHS, RAW_QUERIES, VALUES

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]

SEARCH = ["q", "page", "sort", "scope", "kind", "themes", "audiences", "regions", "languages"]
LISTING = ["theme", "audience", "region", "type", "superseded", "page"]
API_PAGES = ["search", "search_operator", "offset", "limit", "order", "fields", "type",
             "child_of", "descendant_of", "title", "slug", "locale", "translation_of"]  # fmt: skip
API_FILES = ["search", "search_operator", "offset", "limit", "order", "fields", "title"]
SEGMENT = "{segment}"  # where a path takes a code or token from the reader


@dataclass
class Endpoint:
    route: str  # the URL name (namespace:name) this covers, or a page type
    path: str
    params: tuple = ()
    learner: bool = False  # also swept signed in as a learner
    every_value: bool = True  # False: a sample of the corpus, where another endpoint runs
    # the same code with all of it (search in three languages, the API's three listings)


def endpoints(site):
    """The sweep's targets, built on the module's page tree."""
    course, guidance = site.course, site.guidance
    found = [
        *(Endpoint("wagtail_serve", f"/{code}/") for code in LANGUAGE_CODES),
        Endpoint("theme", site.theme.url, LISTING),
        Endpoint("library", site.library.url, LISTING),
        Endpoint("guidance page", guidance.url),
        Endpoint("guidance page in Arabic", guidance.url.replace("/en/", "/ar/", 1)),
        Endpoint("guidance pdf", f"{guidance.url}pdf/"),
        Endpoint("glossary", site.glossary.url),
        Endpoint("course", course.url, learner=True),
        Endpoint("course route", f"{course.url}enrol/", learner=True),
        Endpoint("lesson", site.lesson.url, learner=True),
        Endpoint("search:search", "/en/search/", SEARCH, learner=True),
        *(
            Endpoint("search:search", f"/{code}/search/", SEARCH, every_value=False)
            for code in ("ar", "zh-hans")
        ),
        Endpoint("search:suggest", "/en/search/suggest/", ["q"]),
        Endpoint("search:click", "/en/search/click/", ["url", "sq", "sec", "pos"]),
        Endpoint("guidance:feed_rss", "/fr/feeds/guidance.rss"),
        Endpoint("guidance:feed_atom", "/en/feeds/guidance.atom"),
        Endpoint("sitemap", "/ru/sitemap.xml", ["p"]),
        Endpoint("sitemap_index", "/sitemap.xml"),
        Endpoint("robots_txt", "/robots.txt"),
        Endpoint("healthz", "/healthz"),
        Endpoint("favicon", "/favicon.ico"),
        Endpoint("wagtailapi:pages:listing", "/en/api/v2/pages/", API_PAGES, learner=True),
        Endpoint(
            "wagtailapi:pages:detail",
            f"/fr/api/v2/pages/{guidance.id}/",
            ["fields"],
            every_value=False,
        ),
        Endpoint("wagtailapi:pages:find", "/en/api/v2/pages/find/", ["html_path"]),
        Endpoint("wagtailapi:documents:listing", "/en/api/v2/documents/", API_FILES),
        Endpoint("wagtailapi:images:listing", "/es/api/v2/images/", API_FILES, every_value=False),
        Endpoint("courses:login", "/en/accounts/login/", ["next"]),
        Endpoint("wagtailcore_login", "/en/_util/login/", ["next"], every_value=False),
        Endpoint(
            "wagtailcore_authenticate_with_password",
            f"/en/_util/authenticate_with_password/99999999999999999999/{guidance.id}/",
            ["return_url"],
            every_value=False,
        ),
        Endpoint("courses:register", "/en/accounts/register/", ["next"], every_value=False),
        Endpoint("courses:register_done", "/en/accounts/register/done/"),
        Endpoint("courses:resend_verification", "/en/accounts/verify/resend/"),
        Endpoint("courses:verify_email", f"/en/accounts/verify/{SEGMENT}/"),
        Endpoint("courses:password_reset", "/en/accounts/password-reset/"),
        Endpoint("courses:password_reset_done", "/en/accounts/password-reset/sent/"),
        Endpoint("courses:password_reset_confirm", f"/en/accounts/password-reset/{SEGMENT}/x/"),
        Endpoint("courses:password_reset_complete", "/en/accounts/password-reset/done/"),
        Endpoint("courses:profile", "/en/accounts/profile/", learner=True),
        Endpoint("courses:export_data", "/en/accounts/my-data.json", learner=True),
        Endpoint("courses:delete_account", "/en/accounts/delete/", learner=True),
        Endpoint("courses:account_deleted", "/en/accounts/deleted/"),
        Endpoint("courses:my_learning", "/ar/learning/", learner=True),
        Endpoint("courses:join", "/en/learning/join/", ["code"], learner=True),
        Endpoint("courses:certificate", f"/en/learning/certificates/{SEGMENT}/", learner=True),
        Endpoint("courses:certificate_pdf", f"/en/learning/certificates/{SEGMENT}/pdf/"),
        Endpoint(
            "courses:certificate_credential",
            f"/en/learning/certificates/{SEGMENT}/credential.json",
            learner=True,
        ),
        Endpoint("courses:verify_credential_file", "/en/certificates/verify/file/"),
        Endpoint("credential_issuer", "/credentials/issuer.json"),
        Endpoint("credential_key", f"/credentials/keys/{SEGMENT}.json"),
        Endpoint("credential_verify_api", "/api/credentials/verify"),
        Endpoint("courses:verify", "/fr/certificates/verify/", ["code"]),
        Endpoint("courses:verify_certificate", f"/fr/certificates/verify/{SEGMENT}/"),
        Endpoint("courses:training", "/en/training/", learner=True),
        Endpoint("courses:trainer_request", "/en/training/request/", learner=True),
        Endpoint("courses:training_session", "/en/training/99999999999999999999/", learner=True),
        Endpoint("guidance:offline_pack", f"/ar/offline/{SEGMENT}.zip"),
        Endpoint("service_worker", "/sw.js"),
        Endpoint("manifest", "/ar/manifest.webmanifest"),
        Endpoint("offline_fallback", "/ar/offline/"),
        Endpoint("alerts:subscribe", "/ar/alerts/", ["theme"]),
        Endpoint("alerts:confirm", f"/fr/alerts/confirm/{SEGMENT}/"),
        Endpoint("alerts:unsubscribe", f"/en/alerts/unsubscribe/{SEGMENT}/"),
    ]
    return found


# Routes a reader cannot reach with GET, or that only trainers and the admin use (their
# own tests cover them): the sweep says so rather than missing them silently.
NOT_SWEPT = {
    "courses:logout": "POST only",
    "courses:training_session_create": "trainers only",
    "courses:training_session_edit": "trainers only",
    "courses:training_session_csv": "trainers only",
    "courses:training_session_record": "trainers only",
    "wagtailapi:pages:detail": "swept with a real id",
    "wagtailapi:documents:detail": "swept through RAW_PATHS",
    "wagtailapi:images:detail": "swept through RAW_PATHS",
    "wagtailapi:documents:find": "same view as pages:find",
    "wagtailapi:images:find": "same view as pages:find",
}


@pytest.fixture
def site(home, theme_page, elastic):
    """One small library, course and learner for the whole sweep."""
    guidance = GuidancePageFactory(parent=theme_page, title="Protection at borders", live=False)
    guidance.title_ar, guidance.slug_ar = "الحماية على الحدود", "protection-at-borders"
    elastic.publish(guidance)
    course = build_course(home)
    return type(
        "Site",
        (),
        {
            "theme": theme_page,
            "guidance": guidance,
            "library": add(home, LibraryIndexPage(title="Library", slug="library")),
            "glossary": add(home, GlossaryPage(title="Glossary", slug="glossary")),
            "course": course.course,
            "lesson": course.reading,
        },
    )


def urls_for(endpoint):
    base = endpoint.path.replace(SEGMENT, "abc")
    reads_input = endpoint.params or SEGMENT in endpoint.path
    values = VALUES if endpoint.every_value else VALUES[::4]
    for value in values if reads_input else ():
        encoded = quote(value, safe="")
        if endpoint.params:
            yield base + "?" + "&".join(f"{name}={encoded}" for name in endpoint.params)
        if len(endpoint.params) > 1:
            # Alone in the main parameter too: another one's refusal must not hide it.
            yield f"{base}?{endpoint.params[0]}={encoded}"
        if SEGMENT in endpoint.path and value:
            yield endpoint.path.replace(SEGMENT, encoded)
    # A view that reads no parameter still parses the query string: a sample is enough.
    for query in RAW_QUERIES if endpoint.params else RAW_QUERIES[:6]:
        yield f"{base}?{query}"


def what_is_wrong(response):
    """Why this answer fails the reader, or None."""
    if response.status_code >= 500:
        return f"answered {response.status_code}"
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        if urlsplit(location).netloc not in ("", "testserver", "localhost"):
            return f"redirects off the site to {location[:80]}"
        return None
    if response.streaming or response.status_code == 405:
        return None  # a file, or a form that only takes POST
    body = response.content.decode("utf-8", "replace")
    kind = response.get("Content-Type", "")
    if "html" in kind and "<script>alert(1)</script>" in body:
        return "echoes a script"
    if "html" in kind and "<h1" not in body:
        return "an HTML page without a heading"
    if "json" in kind:
        json.loads(body)
    elif not body.strip() and response.status_code != 304:
        return "an empty answer"
    return None


# The sweep in parts that the test processes share out: each part builds the small site
# again (a few seconds) and sends every SHARDS-th request, anonymous ones first.
SHARDS = 4


@pytest.mark.parametrize("shard", range(SHARDS))
def test_hostile_input_to_every_endpoint_never_gets_a_5xx(client, site, shard):
    """Anonymous, then signed in as a learner, on the same tree."""
    client.raise_request_exception = False
    targets = endpoints(site)
    anonymous = [url for endpoint in targets for url in urls_for(endpoint)] + RAW_PATHS
    learner = [url for endpoint in targets if endpoint.learner for url in urls_for(endpoint)]
    requests = [("anonymous", url) for url in anonymous] + [("learner", url) for url in learner]

    failures = []
    for role, url in requests[shard::SHARDS]:
        if role == "learner" and "_auth_user_id" not in client.session:
            client.force_login(make_learner())
        problem = what_is_wrong(client.get(url))
        if problem:
            failures.append(f"{role}, {problem}: {url[:150]!r}")

    assert not failures, f"{len(failures)} requests failed:\n" + "\n".join(failures[:40])


def named_routes(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern) in ("admin/", "documents/"):
                continue  # the admin, and Wagtail's document serving (swept by RAW_PATHS)
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def test_every_route_is_swept(db):
    class Page:  # endpoints() only needs addresses to build its list
        url, id = "/en/x/", 1

    site = type("Site", (), dict.fromkeys(
        ("theme", "guidance", "library", "glossary", "course", "lesson"), Page
    ))  # fmt: skip
    swept = {endpoint.route for endpoint in endpoints(site)} | set(NOT_SWEPT)

    missing = set(named_routes(get_resolver().url_patterns)) - swept

    assert not missing, f"routes missing from the hostile sweep: {sorted(missing)}"
