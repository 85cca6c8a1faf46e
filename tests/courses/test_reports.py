"""The admin's completion report (filters, CSV, Excel) and its xAPI statements."""

import csv
import datetime
import io
import json
import re
import uuid

import pytest
from openpyxl import load_workbook

from django.contrib.auth.models import Group
from django.utils import timezone

from courses.models import CourseCompletion
from courses.training_sessions import record_completions
from tests.courses.conftest import build_course, make_learner, make_training_session
from tests.courses.conftest import join as join_training_session
from tests.courses.test_certificates import complete_course
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

REPORT = "/admin/course-reports/completions/"
XAPI = "/admin/course-reports/completions/xapi.json"
NOTE = "Attended the Amman workshop."


def when(year, month, day):
    return datetime.datetime(year, month, day, 10, tzinfo=datetime.UTC)


@pytest.fixture
def completions(home, tree, trainer):
    """Five completions: two courses, two countries (spelt two ways), a session, a record."""
    other = build_course(home, title="Data protection", slug="data-protection", index=tree.index)
    training_session = make_training_session(
        trainer, tree.course, name="Amman workshop", language="ar"
    )
    people = {
        "amina": make_learner(
            full_name="Amina Haddad", organisation="Border Police", country="Jordan"
        ),
        "omar": make_learner(full_name="Omar Said", organisation="border police", country="jordan"),
        "jonas": make_learner(full_name="Jonas Berg", organisation="Red Cross", country="Norway"),
        "li": make_learner(full_name="Li Wei", organisation="Red Cross", country="Norway"),
        "awa": make_learner(full_name="Awa Ndiaye", organisation="Gendarmerie", country="Senegal"),
    }
    for name in ("amina", "omar", "awa"):
        join_training_session(people[name], training_session)
    complete_course(people["amina"], tree, language="ar")
    complete_course(people["omar"], tree, language="fr")
    complete_course(people["jonas"], other, language="en")
    complete_course(people["li"], tree, language="zh-hans")
    record_completions(trainer, training_session, [people["awa"]], NOTE)
    dates = {"amina": when(2026, 1, 15), "omar": when(2026, 2, 10), "jonas": when(2026, 3, 5)}
    dates |= {"li": when(2026, 3, 20), "awa": when(2026, 3, 28)}
    for name, date in dates.items():
        CourseCompletion.objects.filter(user=people[name]).update(completed_at=date)
    return {"training_session": training_session, "other": other, "people": people}


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def learners_listed(response):
    html = response.content.decode()
    return sorted(re.findall(r'<td class="title">([^<]+)</td>', html))


def test_editors_see_every_completion_with_totals(admin_client, completions):
    response = admin_client.get(REPORT)

    html = response.content.decode()
    assert response.status_code == 200
    assert learners_listed(response) == [
        "Amina Haddad",
        "Awa Ndiaye",
        "Jonas Berg",
        "Li Wei",
        "Omar Said",
    ]
    assert "5 completions: 4 online, 1 recorded by a trainer." in html
    awa = html.split("Awa Ndiaye", 1)[1].split("</tr>", 1)[0]
    assert "<td>Amman workshop</td>" in awa and "Recorded by a trainer" in awa
    assert "by Tessa Trainer" in awa and NOTE in awa
    for email in (person.email for person in completions["people"].values()):
        assert email not in html  # the figures need no contact details
    assert "Download xAPI statements (JSON)" in html
    menu = admin_client.get("/admin/").content.decode()
    assert "Course completions" in menu


FILTERED = [
    ({"course": "other"}, ["Jonas Berg"]),
    ({"training_session": "training_session"}, ["Amina Haddad", "Awa Ndiaye", "Omar Said"]),
    # The country and organisation filters match however a learner spelt them.
    ({"country": "Jordan"}, ["Amina Haddad", "Omar Said"]),
    ({"organisation": "Red Cross"}, ["Jonas Berg", "Li Wei"]),
    (
        {"completed_at_from": "2026-02-01", "completed_at_to": "2026-03-20"},
        ["Jonas Berg", "Li Wei", "Omar Said"],
    ),
    ({"language": "zh-hans"}, ["Li Wei"]),
    ({"how": "trainer"}, ["Awa Ndiaye"]),
    ({"country": "Jordan", "completed_at_from": "2026-02-01"}, ["Omar Said"]),
]


def test_the_report_filters_by_course_session_country_organisation_and_period(
    admin_client, completions
):
    ids = {
        "other": completions["other"].course.pk,
        "training_session": completions["training_session"].pk,
    }
    listed = {}
    for query, _expected in FILTERED:
        params = {key: ids.get(value, value) for key, value in query.items()}
        response = admin_client.get(REPORT, params)
        assert response.status_code == 200, query
        listed[str(query)] = learners_listed(response)

    assert listed == {str(query): expected for query, expected in FILTERED}


def test_country_and_organisation_choices_list_each_value_once(admin_client, completions):
    html = admin_client.get(REPORT).content.decode()

    assert html.count('value="Jordan"') == 1
    assert 'value="jordan"' not in html
    assert html.count('value="Red Cross"') == 1


def test_csv_export_follows_the_filters_and_defuses_formulas(admin_client, tree, completions):
    sly = make_learner(full_name='=HYPERLINK("http://evil.example")', organisation="@risk")
    complete_course(sly, tree)

    response = admin_client.get(REPORT, {"course": tree.course.pk, "export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert 'filename="course-completions-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, *body = rows
    assert header == [
        "Learner",
        "Organisation",
        "Country",
        "Course",
        "Training session",
        "Completed",
        "Language",
        "How",
        "Recorded by",
        "Trainer's note",
    ]
    by_name = {row[0]: row for row in body}
    assert sorted(by_name) == [
        '\'=HYPERLINK("http://evil.example")',
        "Amina Haddad",
        "Awa Ndiaye",
        "Li Wei",
        "Omar Said",
    ]
    assert by_name['\'=HYPERLINK("http://evil.example")'][1] == "'@risk"
    assert by_name["Awa Ndiaye"][4:] == [
        "Amman workshop",
        "2026-03-28 10:00:00+00:00",
        "Arabic",
        "Recorded by a trainer",
        "Tessa Trainer",
        NOTE,
    ]
    assert by_name["Li Wei"][6] == "Chinese (simplified)"


def test_excel_export_keeps_text_as_text(admin_client, tree, completions):
    sly = make_learner(full_name="=1+1", organisation="Plain")
    complete_course(sly, tree)

    response = admin_client.get(REPORT, {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=False))
    assert [cell.value for cell in rows[0]][:4] == ["Learner", "Organisation", "Country", "Course"]
    names = {row[0].value: row for row in rows[1:]}
    assert len(names) == 6
    formula_like = names["=1+1"][0]
    assert formula_like.data_type == "s"  # a string cell, never evaluated
    assert names["Awa Ndiaye"][5].value == datetime.datetime(2026, 3, 28, 10, 0)


# xAPI ------------------------------------------------------------------------------

STATEMENT_KEYS = {
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
}
LANGUAGE_TAG = re.compile(r"^(und|[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?)$")
ABSOLUTE_IRI = re.compile(r"^[a-z][a-z0-9+.-]*://[^\s]+$")
ISO_8601 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
IDENTIFIERS = {"mbox", "mbox_sha1sum", "openid", "account"}


def assert_language_map(value):
    assert isinstance(value, dict) and value
    for tag, text in value.items():
        assert LANGUAGE_TAG.match(tag), tag
        assert isinstance(text, str) and text


def assert_agent(agent):
    assert agent.get("objectType", "Agent") == "Agent"
    found = IDENTIFIERS & set(agent)
    assert len(found) == 1, "an Agent has exactly one inverse functional identifier"
    account = agent["account"]  # the portal's choice: no address, hashed or not
    assert set(account) == {"homePage", "name"}
    assert ABSOLUTE_IRI.match(account["homePage"])
    assert isinstance(account["name"], str) and account["name"]
    assert set(agent) <= {"objectType", "account", "name"}


def assert_activity(activity):
    assert activity.get("objectType", "Activity") == "Activity"
    assert ABSOLUTE_IRI.match(activity["id"])
    definition = activity.get("definition", {})
    if "name" in definition:
        assert_language_map(definition["name"])
    if "type" in definition:
        assert ABSOLUTE_IRI.match(definition["type"])


def assert_valid_statement(statement):
    """The structure xAPI 1.0.3 requires of a statement (Data, section 2.4)."""
    assert set(statement) <= STATEMENT_KEYS
    assert {"actor", "verb", "object"} <= set(statement)
    assert uuid.UUID(statement["id"]).variant == uuid.RFC_4122
    assert statement["version"].startswith("1.0.")
    assert_agent(statement["actor"])
    assert ABSOLUTE_IRI.match(statement["verb"]["id"])
    assert_language_map(statement["verb"]["display"])
    assert_activity(statement["object"])
    result = statement["result"]
    assert set(result) <= {"score", "success", "completion", "response", "duration", "extensions"}
    assert all(isinstance(result[key], bool) for key in ("completion", "success") if key in result)
    context = statement["context"]
    assert LANGUAGE_TAG.match(context["language"])
    assert set(context) <= {
        "registration",
        "instructor",
        "team",
        "contextActivities",
        "revision",
        "platform",
        "language",
        "statement",
        "extensions",
    }
    if "instructor" in context:
        assert_agent(context["instructor"])
    for activities in context.get("contextActivities", {}).values():
        for activity in activities:
            assert_activity(activity)
    assert all(ABSOLUTE_IRI.match(key) for key in context.get("extensions", {}))
    assert ISO_8601.match(statement["timestamp"])
    datetime.datetime.fromisoformat(statement["timestamp"])


def test_completions_export_as_valid_xapi_statements(admin_client, settings, tree, completions):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.org/"
    people = completions["people"]

    response = admin_client.get(XAPI)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    statements = json.loads(response.content)
    assert len(statements) == 5
    for statement in statements:
        assert_valid_statement(statement)
    by_actor = {item["actor"]["account"]["name"]: item for item in statements}
    amina = by_actor[str(people["amina"].learner_profile.pseudonym)]
    assert amina["actor"]["account"]["homePage"] == "https://portal.example.org/"
    assert amina["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert amina["object"]["id"] == (
        f"https://portal.example.org/xapi/activities/course/{tree.course.pk}"
    )
    assert amina["object"]["definition"]["name"] == {"en": "Safe first contact"}
    assert amina["result"] == {"completion": True, "success": True}
    assert amina["context"]["language"] == "ar"
    assert amina["timestamp"] == "2026-01-15T10:00:00.000Z"
    recorded_by = "https://portal.example.org/xapi/extensions/completion-recorded-by"
    assert amina["context"]["extensions"] == {recorded_by: "learner"}
    assert amina["context"]["contextActivities"]["grouping"][0]["definition"]["name"] == {
        "ar": "Amman workshop"
    }
    assert by_actor[str(people["li"].learner_profile.pseudonym)]["context"]["language"] == (
        "zh-Hans"
    )
    awa = by_actor[str(people["awa"].learner_profile.pseudonym)]
    assert awa["context"]["extensions"] == {recorded_by: "trainer"}
    assert awa["context"]["instructor"]["account"]["name"] == str(
        completions["training_session"].trainer.learner_profile.pseudonym
    )
    # Nothing that names a learner leaves the portal: no address, hash of one, or name.
    body = response.content.decode()
    for person in people.values():
        assert person.email not in body
        assert person.learner_profile.full_name not in body
    assert "mbox" not in body and NOTE not in body


def test_the_xapi_export_is_stable_and_follows_the_filters(admin_client, completions):
    first = json.loads(admin_client.get(XAPI).content)
    again = json.loads(admin_client.get(XAPI).content)
    only_other = json.loads(
        admin_client.get(XAPI, {"course": completions["other"].course.pk}).content
    )

    assert [item["id"] for item in first] == [item["id"] for item in again]
    assert len({item["id"] for item in first}) == 5
    assert len(only_other) == 1
    assert only_other[0]["object"]["definition"]["name"] == {"en": "Data protection"}
    bad = admin_client.get(XAPI, {"language": "xx"})
    assert bad.status_code == 400


def test_the_pseudonym_is_random_and_unique_per_learner(completions):
    pseudonyms = [p.learner_profile.pseudonym for p in completions["people"].values()]

    assert len(set(pseudonyms)) == len(pseudonyms)
    assert all(value.version == 4 for value in pseudonyms)


def test_training_managers_see_the_report_other_admin_users_do_not(client, completions):
    manager = UserFactory()
    manager.groups.add(Group.objects.get(name="Training managers"))
    reviewer = UserFactory()
    reviewer.groups.add(Group.objects.get(name="Reviewers"))

    client.force_login(manager)
    assert client.get(REPORT).status_code == 200
    assert client.get(XAPI).status_code == 200
    client.force_login(reviewer)  # in the admin, without the report permission
    for url in (REPORT, REPORT + "?export=csv", XAPI):
        refused = client.get(url)
        assert refused.status_code == 302 and refused["Location"] == "/admin/", url
    assert "Course completions" not in client.get("/admin/").content.decode()


def test_free_text_is_escaped_in_the_report(admin_client, tree, trainer):
    script = "<script>alert(1)</script>"
    training_session = make_training_session(trainer, tree.course, name=script)
    learner = make_learner(full_name=script, organisation=script, country=script)
    join_training_session(learner, training_session)
    record_completions(trainer, training_session, [learner], script)

    html = admin_client.get(REPORT).content.decode()

    assert script not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4


def test_period_filter_takes_whole_days(admin_client, tree, completions):
    CourseCompletion.objects.filter(user=completions["people"]["jonas"]).update(
        completed_at=timezone.make_aware(datetime.datetime(2026, 3, 5, 23, 59), datetime.UTC)
    )

    response = admin_client.get(
        REPORT, {"completed_at_from": "2026-03-05", "completed_at_to": "2026-03-05"}
    )

    assert learners_listed(response) == ["Jonas Berg"]
