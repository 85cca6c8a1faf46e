"""Search analytics: each search and each followed result is recorded without personal data,
the click counter only ever leads to our own results, and the reports are for those
allowed to read them (database engine, the embedded default)."""

import csv
import datetime
import html as html_lib
import io
import re
from urllib.parse import urlencode

import pytest

from django.contrib.auth.models import Group, Permission
from django.db import DatabaseError, connection
from django.urls import reverse
from django.utils import timezone, translation

from foundation.roles import EDITORS
from search.models import EditorsPick, SearchClick, SearchQuery
from tests.conftest import publish
from tests.factories import UserFactory
from tests.search.conftest import written_in
from tests.spreadsheet_payloads import PAYLOADS, spreadsheet_sees

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.embedded,
    pytest.mark.usefixtures("database_engine"),
]

TOP_URL = "/admin/search-analytics/top-searches/"
NO_RESULTS_URL = "/admin/search-analytics/without-results/"
CLICK_THROUGH_URL = "/admin/search-analytics/click-through/"
REPORT_URLS = [TOP_URL, NO_RESULTS_URL, CLICK_THROUGH_URL]


@pytest.fixture
def quarantine_page(theme_page):
    return publish(
        written_in(
            theme_page,
            {
                "en": ("Quarantine logistics", "Quarantine sites.", "Quarantine."),
                "fr": ("Logistique de quarantaine", "Sites de quarantaine.", "Quarantaine."),
            },
        )
    )


def search(client, query, language="en", **params):
    with translation.override(language):
        url = reverse("search:search")
    response = client.get(url, {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def result_links(html):
    """The href of every result title, unescaped, in the order shown."""
    return [html_lib.unescape(href) for href in re.findall(r'<h3><a href="([^"]+)"', html)]


# Recording searches ----------------------------------------------------------------------


def test_a_search_is_recorded_normalised_with_no_personal_data(client, quarantine_page):
    client.force_login(UserFactory())

    search(client, "  QUARANTINE   Logistics ")

    recorded = SearchQuery.objects.get()
    assert (recorded.query, recorded.language, recorded.results, recorded.engine) == (
        "quarantine logistics",
        "en",
        1,
        "database",
    )
    assert recorded.searched_on == timezone.localdate()
    fields = {field.name for field in SearchQuery._meta.get_fields()}
    assert fields == {
        "id",
        "query",
        "language",
        "results",
        "english_results",
        "engine",
        "searched_on",
        "clicks",
    }


def test_a_french_search_records_what_exists_only_in_english(client, theme_page):
    publish(written_in(theme_page, {"en": ("Border monitoring", "Monitoring.", "Monitoring.")}))

    search(client, "monitoring", "fr")

    recorded = SearchQuery.objects.get()
    assert (recorded.language, recorded.results, recorded.english_results) == ("fr", 0, 1)


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_an_empty_search_is_not_recorded(client, query):
    search(client, query)

    assert not SearchQuery.objects.exists()


def test_the_next_page_of_a_search_is_not_a_new_search(client, theme_page):
    for number in range(12):
        publish(written_in(theme_page, {"en": (f"Shelter {number}", "Shelter.", "Shelter.")}))

    first = search(client, "shelter")
    recorded = SearchQuery.objects.get()
    next_link = html_lib.unescape(re.search(r'<a href="\?([^"]+)" rel="next"', first).group(1))
    second = client.get(f"/en/search/?{next_link}").content.decode()
    search(client, "shelters", page=2, sq=recorded.pk)  # another query: a new search

    assert f"sq={recorded.pk}" in next_link
    assert "Page 2 of 2" in second
    assert sorted(SearchQuery.objects.values_list("query", flat=True)) == ["shelter", "shelters"]
    # Positions go on from the first page.
    assert "pos=11" in result_links(second)[0]


def test_a_search_is_answered_even_when_it_cannot_be_recorded(client, quarantine_page, monkeypatch):
    def broken_write(*args, **fields):
        raise DatabaseError("disk full")

    monkeypatch.setattr(SearchQuery.objects, "create", broken_write)

    html = search(client, "quarantine")
    (link,) = result_links(html)
    followed = client.get(link)

    assert "<mark>Quarantine</mark> logistics" in html
    # Straight to the page (written at once), or through the counter, which still leads
    # there (written after the page was sent, with an id reserved beforehand).
    assert link == quarantine_page.url or followed["Location"] == quarantine_page.url
    assert not SearchQuery.objects.exists()
    assert not SearchClick.objects.exists()


def test_a_search_is_written_once_its_page_is_sent(client, quarantine_page):
    from django.core.signals import request_finished

    from search import analytics

    # The test client sends request_finished as a server does, after the response: hold it.
    request_finished.disconnect(analytics.write_recorded_searches, dispatch_uid=analytics.UID)
    try:
        html = search(client, "quarantine")
    finally:
        request_finished.connect(analytics.write_recorded_searches, dispatch_uid=analytics.UID)
    (link,) = result_links(html)
    waiting = SearchQuery.objects.exists()
    analytics.write_recorded_searches()

    recorded = SearchQuery.objects.get()
    assert f"sq={recorded.pk}" in link
    # PostgreSQL: written after the page; elsewhere (SQLite) at once, as it was before.
    assert waiting == (connection.vendor != "postgresql")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_search_written_by_the_search_log_thread_counts_its_clicks(
    client, quarantine_page, monkeypatch
):
    from search import analytics

    monkeypatch.setattr(analytics, "BACKGROUND", True)
    try:
        html = search(client, "Quarantine")
        (link,) = result_links(html)
        written = analytics.search_log_writer.wait()
        followed = client.get(link)
    finally:
        analytics.search_log_writer.stop()  # its connection closed before the next test

    assert written
    recorded = SearchQuery.objects.get()
    assert (recorded.query, recorded.language, recorded.results) == ("quarantine", "en", 1)
    assert f"sq={recorded.pk}" in link
    assert followed["Location"] == quarantine_page.url
    assert SearchClick.objects.get().search == recorded


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_searches_answered_close_together_are_all_recorded_in_one_write(
    client, quarantine_page, monkeypatch
):
    from search import analytics

    writes = []
    write = analytics._write
    monkeypatch.setattr(
        analytics,
        "_write",
        lambda searches, log=True: writes.append(len(searches)) or write(searches, log),
    )
    monkeypatch.setattr(analytics, "BACKGROUND", True)
    monkeypatch.setattr(analytics, "GATHER_SECONDS", 2)  # a slow machine's three searches
    try:
        for query in ("quarantine", "quarantine sites", "logistics"):
            search(client, query)
        written = analytics.search_log_writer.wait()
    finally:
        analytics.search_log_writer.stop()

    assert written
    recorded = SearchQuery.objects.order_by("pk").values_list("query", "results")
    assert list(recorded) == [("quarantine", 1), ("quarantine sites", 1), ("logistics", 1)]
    # PostgreSQL: written by the thread, together; elsewhere (SQLite) each at once.
    assert writes == ([3] if connection.vendor == "postgresql" else [])


# Clicks ------------------------------------------------------------------------------------


def test_a_result_link_counts_the_click_and_leads_to_the_page(client, quarantine_page):
    html = search(client, "quarantine")
    (link,) = result_links(html)

    response = client.get(link)

    assert link.startswith("/en/search/click/?")
    assert response.status_code == 302
    assert response["Location"] == quarantine_page.url
    click = SearchClick.objects.get()
    assert (click.search.query, click.section, click.position, click.url) == (
        "quarantine",
        SearchClick.RESULT,
        1,
        quarantine_page.url,
    )


def test_a_recommended_page_that_is_not_indexed_is_a_valid_destination(client, theme_page):
    EditorsPick.objects.create(language="en", query="themes", page=theme_page)

    html = search(client, "themes")
    (link,) = result_links(html)
    response = client.get(link)

    assert response.status_code == 302 and response["Location"] == theme_page.url
    assert SearchClick.objects.get().section == SearchClick.PICK


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "/\\evil.example/phish",
        "javascript:alert(1)",
        "http://testserver@evil.example/",
        "/en/not-a-result-of-ours/",
        "/en/\x00/\r\nSet-Cookie: a=b",
        "",
    ],
)
def test_the_click_counter_refuses_any_url_that_is_not_one_of_our_results(
    client, quarantine_page, url
):
    search(client, "quarantine")
    recorded = SearchQuery.objects.get()

    response = client.get("/en/search/click/?" + urlencode({"sq": recorded.pk, "url": url}))

    assert response.status_code == 400
    assert "Location" not in response
    # An address with a control character is refused before the view, with its own page.
    refusal = "could not be read" if re.search(r"[\x00-\x08]", url) else "does not lead to"
    assert refusal in response.content.decode()
    assert not SearchClick.objects.exists()


def test_a_result_of_a_page_unpublished_since_is_refused(client, quarantine_page):
    (link,) = result_links(search(client, "quarantine"))
    quarantine_page.unpublish()

    response = client.get(link)

    assert response.status_code == 400
    assert not SearchClick.objects.exists()


def test_a_click_without_a_known_search_still_leads_to_the_result(client, quarantine_page):
    response = client.get(
        "/en/search/click/?" + urlencode({"sq": "999999", "pos": "x", "url": quarantine_page.url})
    )

    assert response.status_code == 302 and response["Location"] == quarantine_page.url
    assert not SearchClick.objects.exists()


# Reports ---------------------------------------------------------------------------------


def record(query, language, results, days_ago=0, clicks=0, english_results=0):
    searched = SearchQuery.objects.create(
        query=query,
        language=language,
        results=results,
        english_results=english_results,
        engine="database",
        searched_on=timezone.localdate() - datetime.timedelta(days=days_ago),
    )
    for position in range(1, clicks + 1):
        SearchClick.objects.create(search=searched, position=position, url="/en/x/")
    return searched


@pytest.fixture
def searches(db):
    record("avrr", "en", 4, clicks=2)  # two clicks, one search followed
    record("avrr", "en", 4)
    record("avrr", "en", 2, clicks=1)
    record("pfa", "en", 0, english_results=0)
    record("pfa", "en", 0)
    record("retour", "fr", 3, clicks=1)
    record("traite", "fr", 0, english_results=2)
    record("avrr", "en", 5, days_ago=60)  # an older month


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


def table_rows(html):
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def csv_of(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode().splitlines()


def test_top_searches_lists_queries_by_frequency_with_their_click_through(
    client, superuser, searches
):
    client.force_login(superuser)

    rows = table_rows(client.get(TOP_URL).content.decode())
    french = table_rows(client.get(TOP_URL, {"language": "fr"}).content.decode())

    assert rows[:2] == [
        ["avrr", "English", "4", "3.8", "2", "50.0 %"],
        ["pfa", "English", "2", "0.0", "0", "0.0 %"],
    ]
    assert french == [
        ["retour", "French", "1", "3.0", "1", "100.0 %"],
        ["traite", "French", "1", "0.0", "0", "0.0 %"],
    ]


def test_reports_filter_by_period_and_export_csv(client, superuser, searches):
    client.force_login(superuser)
    today = timezone.localdate()
    recent = {"searched_on_from": (today - datetime.timedelta(days=7)).isoformat()}

    rows = table_rows(client.get(TOP_URL, recent).content.decode())
    export = csv_of(client.get(TOP_URL, {**recent, "language": "en", "export": "csv"}))

    assert rows[0] == ["avrr", "English", "3", "3.3", "2", "66.7 %"]
    assert export == [
        "Query,Language,Searches,Average results,Searches with a click,Click-through rate (%)",
        "avrr,en,3,3.3,2,66.7",
        "pfa,en,2,0.0,0,0.0",
    ]


def test_searches_without_results_show_what_readers_did_not_find(client, superuser, searches):
    client.force_login(superuser)

    rows = table_rows(client.get(NO_RESULTS_URL).content.decode())
    export = csv_of(client.get(NO_RESULTS_URL, {"language": "fr", "export": "csv"}))

    assert [row[:4] for row in rows] == [
        ["pfa", "English", "2", "0"],
        ["traite", "French", "1", "2"],
    ]
    assert export == [
        "Query,Language,Searches,Results in English only,Last searched",
        f"traite,fr,1,2,{timezone.localdate().isoformat()}",
    ]


def test_click_through_per_language_and_per_month(client, superuser, searches):
    client.force_login(superuser)

    html = client.get(CLICK_THROUGH_URL).content.decode()
    monthly = csv_of(client.get(CLICK_THROUGH_URL, {"interval": "month", "export": "csv"}))

    assert table_rows(html) == [
        ["English", "6", "2", "2", "33.3 %"],
        ["French", "2", "1", "1", "50.0 %"],
    ]
    totals = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S).group(1)
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", totals)).split() == [
        "All", "8", "3", "3", "37.5", "%",
    ]  # fmt: skip
    this_month = timezone.localdate().replace(day=1).isoformat()
    assert monthly[0] == (
        "Period starting,Language,Searches,Searches without results,"
        "Searches with a click,Click-through rate (%)"
    )
    assert f"{this_month},en,5,2,2,40.0" in monthly
    assert f"{this_month},fr,2,1,1,50.0" in monthly
    assert len(monthly) == 4  # heading, this month in two languages, the older month


@pytest.fixture
def analyst(db):
    """An editor whose group was given the analytics permission in Settings > Groups."""
    group = Group.objects.create(name="Search analysts")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_searchquery"),
    )
    user = UserFactory()
    user.groups.add(group, Group.objects.get(name=EDITORS))
    return user


def test_reports_are_refused_to_anyone_without_the_permission(client, searches):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=EDITORS))

    for user in (None, UserFactory(), editor):
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        for url in REPORT_URLS:
            for params in ({}, {"export": "csv"}):
                response = client.get(url, params)
                assert response.status_code == 302, (user, url)
                assert "/admin/" in response["Location"]
                assert b"avrr" not in response.content
        if user is editor:
            menu = client.get("/admin/").content.decode()
            assert "Top searches" not in menu


@pytest.mark.parametrize("who", ["superuser", "analyst"])
def test_reports_are_open_to_superusers_and_to_groups_given_the_permission(
    client, searches, request, who
):
    client.force_login(request.getfixturevalue(who))

    for url in REPORT_URLS:
        response = client.get(url)
        assert response.status_code == 200
        assert "English" in response.content.decode()
    assert "Top searches" in client.get("/admin/").content.decode()


def test_formulas_typed_into_search_reach_the_csv_exports_as_text(client, superuser):
    # An anonymous reader's query goes through the search page; the rest are stored as any
    # search would be (the page folds case and whitespace, so a leading tab never survives it).
    search(client, PAYLOADS[0])
    for payload in PAYLOADS[1:]:
        record(payload, "en", 0)
    client.force_login(superuser)

    for url in (TOP_URL, NO_RESULTS_URL):
        response = client.get(url, {"export": "csv"})
        assert response.status_code == 200
        _header, *rows = csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
        seen = {spreadsheet_sees(row[0]) for row in rows}

        assert ("text", PAYLOADS[0].casefold()) in seen, url
        assert {("text", payload) for payload in PAYLOADS[1:]} <= seen, url
        assert not [cell for cell in seen if cell[0] == "formula"], url
