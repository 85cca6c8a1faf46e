"""Load the demo courses from the TOML files in courses/demo_content/ (see FORMAT.md).

Courses are created once, under the course index page, and left alone on later runs so
an editor's changes survive `make run`. Outside production a demo trainer account is
kept too; its password is generated once into var/demo-trainer-login and never printed.
The demo trainer leads one training session of the first course, made once, whose
invented participants are part-way through it: one has completed it online, one was
recorded by the trainer after the workshop, the others have done a lesson or two. They
cannot sign in (no usable password); they are there to be seen on the dashboard. A demo
learner (password in var/demo-learner-login) holds a certificate of that course that
they can renew by recertifying.
"""

import datetime
import secrets
import tomllib
from pathlib import Path

from dateutil.relativedelta import relativedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import F
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.text import slugify

from courses import tracking, training_sessions
from courses.knowledge_check import grade
from courses.models.learning import (
    CompletionTally,
    CourseCompletion,
    Enrolment,
    LearnerProfile,
    LessonCompletion,
    QuizAttempt,
)
from courses.models.pages import CourseIndexPage, CoursePage, LessonPage, ModulePage
from courses.models.training import TrainingSession
from courses.permissions import TRAINERS
from foundation.progress import progress
from foundation.rich_text import clean_html
from foundation.slugs import typeable_slug
from guidance.demo import to_block
from guidance.models import Audience, GuidancePage, Theme

CONTENT = Path(__file__).resolve().parent / "demo_content"
LANGS = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
DEMO_TRAINER = "trainer@example.org"
DEMO_LEARNER = "learner@example.org"
DEMO_TRAINING_SESSION = "Amman workshop (demo)"
# Invented people: (name, address, organisation, country, what they have done: the
# whole course online, a trainer's record, or that many lessons).
DEMO_PARTICIPANTS = [
    ("Nadia Karimi", "nadia.karimi", "Directorate of Residency and Borders", "Jordan", "all"),
    ("Tomás Villalobos", "tomas.villalobos", "Regional Labour Inspectorate", "Chile", 2),
    ("Awa Ndiaye", "awa.ndiaye", "National Border Police", "Senegal", "recorded"),
    ("Mehmet Aydın", "mehmet.aydin", "Provincial Social Services", "Türkiye", 1),
]
DEMO_NOTE = "Attended both days of the Amman workshop, including the case exercises."

COURSE_INDEX = {
    "en": ("Courses", "courses", "Self-paced training for officials and their partners."),
    "fr": ("Formations", "formations", "Des formations à suivre à son rythme."),
    "es": ("Cursos", "cursos", "Formación a su propio ritmo para funcionarios y sus socios."),
    "ar": ("الدورات التدريبية", "", "تدريب ذاتي الوتيرة للمسؤولين وشركائهم."),
    "ru": ("Курсы", "kursy", "Обучение в удобном темпе для служащих и их партнёров."),
    "zh_hans": ("培训课程", "", "供官员及其合作伙伴自定进度学习的培训。"),
}


def read(path):
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def course_index(home):
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = CourseIndexPage()
        for lang, (title, slug, intro) in COURSE_INDEX.items():
            setattr(index, f"title_{lang}", title)
            setattr(index, f"slug_{lang}", slug or typeable_slug(title))
            setattr(index, f"intro_{lang}", f"<p>{intro}</p>")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _sections(data):
    """(language, section) for each language the file has."""
    return [(lang, data[lang]) for lang in LANGS if lang in data]


def _slug(lang, values, english_slug):
    return typeable_slug(values.get("slug") or values["title"]) or english_slug


def to_question(item):
    return (
        "question",
        {
            "question": item["question"],
            "answers": [
                {
                    "text": answer["text"],
                    "correct": bool(answer.get("correct")),
                    "feedback": answer.get("feedback", ""),
                }
                for answer in item["answers"]
            ],
        },
    )


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def create_course(index, data):
    """One course with its modules and lessons. Returns how many pages it added."""
    meta = data["meta"]
    course = CoursePage(
        level=meta.get("level", "introductory"),
        duration_minutes=meta.get("duration_minutes", 60),
        featured=True,
    )
    for lang, values in _sections(data):
        setattr(course, f"title_{lang}", values["title"])
        setattr(course, f"slug_{lang}", _slug(lang, values, meta["key"]))
        setattr(course, f"overview_{lang}", clean_html(values["overview"]))
        setattr(course, f"objectives_{lang}", "\n".join(values.get("objectives", [])))
        setattr(course, f"prerequisites_{lang}", values.get("prerequisites", ""))
        setattr(
            course, f"facilitator_notes_{lang}", clean_html(values.get("facilitator_notes", ""))
        )
    course.slug_en = meta["key"]
    index.add_child(instance=course)
    course.themes.set(Theme.objects.filter(key=meta.get("theme")))
    course.audiences.set(Audience.objects.filter(key__in=meta.get("audiences", [])))
    course.related_guidance.set(
        GuidancePage.objects.filter(slug_en__in=meta.get("related_guidance", []))
    )
    course.save_revision().publish()
    added = 1

    for number, english_module in enumerate(data["en"]["modules"]):
        module = ModulePage()
        english_slug = slugify(english_module["title"]) or f"module-{number + 1}"
        for lang, values in _sections(data):
            modules = values.get("modules", [])
            if number < len(modules):
                setattr(module, f"title_{lang}", modules[number]["title"])
                setattr(module, f"slug_{lang}", _slug(lang, modules[number], english_slug))
        module.slug_en = english_slug
        _publish(course, module)
        added += 1
        for english_lesson in english_module["lessons"]:
            _publish(module, build_lesson(data, number, english_lesson))
            added += 1
    return added


def build_lesson(data, module_number, english):
    key = english["key"]
    lesson = LessonPage(
        required=english.get("required", True),
        pass_mark=english.get("pass_mark", 70),
        duration_minutes=english.get("duration_minutes", 15),
    )
    for lang, values in _sections(data):
        modules = values.get("modules", [])
        lessons = modules[module_number]["lessons"] if module_number < len(modules) else []
        found = next((item for item in lessons if item["key"] == key), None)
        if found is None:
            continue
        setattr(lesson, f"title_{lang}", found["title"])
        setattr(lesson, f"slug_{lang}", _slug(lang, found, key))
        setattr(lesson, f"body_{lang}", [to_block(block) for block in found.get("body", [])])
        if found.get("quiz"):
            setattr(lesson, f"knowledge_check_{lang}", [to_question(q) for q in found["quiz"]])
    lesson.slug_en = key
    return lesson


def load_courses(home, stdout=None):
    """Create the demo courses that do not exist yet. Returns how many pages were added."""
    index = course_index(home)
    added = 0
    for path in progress(sorted(CONTENT.glob("*.toml")), "Courses", stream=stdout):
        data = read(path)
        if CoursePage.objects.child_of(index).filter(slug_en=data["meta"]["key"]).exists():
            continue
        with transaction.atomic():
            added += create_course(index, data)
    trainer = ensure_demo_trainer()
    if trainer is not None and stdout is not None:
        stdout.write(
            f"Demo trainer: {trainer.username} "
            f"(password in {settings.VAR_DIR / 'demo-trainer-login'})\n"
        )
    if trainer is not None:
        training_session = ensure_demo_training_session(trainer, index)
        if training_session is not None and stdout is not None:
            stdout.write(
                f"Demo training session: {training_session.name} "
                f"(join code {training_session.join_code})\n"
            )
        if training_session is None:
            redate_demo_training_session(trainer)
        show_certificates_near_expiry(trainer)
        learner = ensure_demo_learner(index)
        if learner is not None and stdout is not None:
            stdout.write(
                f"Demo learner: {learner.username} "
                f"(password in {settings.VAR_DIR / 'demo-learner-login'})\n"
            )
    ensure_demo_guidance_change(index)
    return added


# The change published to the first course's guidance after its demo learners completed
# it: editors see the course in "Training to review", the trainer on the dashboard, the
# participant who completed it in My learning and on the certificate.
DEMO_CHANGE_NOTES = {
    "en": "The indicators now include forced criminality and recruitment through social media.",
    "fr": "Les indicateurs incluent désormais la criminalité forcée et le recrutement par les "
    "réseaux sociaux.",
    "es": "Los indicadores incluyen ahora la criminalidad forzada y la captación a través de "
    "las redes sociales.",
    "ar": "تشمل المؤشرات الآن الإجبار على ارتكاب الجرائم والتجنيد عبر وسائل التواصل الاجتماعي.",
    "ru": "Признаки теперь включают принуждение к преступной деятельности и вербовку через "
    "социальные сети.",
    "zh_hans": "指标现已包括强迫犯罪和通过社交媒体招募。",
}


def ensure_demo_guidance_change(index):
    """Once: the first lesson of the first course cites the course's first guidance page,
    then that page is published with a significant change and notes in six languages."""
    from guidance.models import GuidanceChange

    course = CoursePage.objects.child_of(index).live().order_by("path").first()
    guidance = course.related_guidance.order_by("path").first() if course else None
    if guidance is None or GuidanceChange.objects.filter(page=guidance).exists():
        return
    lesson = LessonPage.objects.descendant_of(course).live().order_by("path").first()
    with transaction.atomic():
        if lesson is not None and not lesson.related_guidance.exists():
            lesson.related_guidance.add(guidance)
            lesson.save_revision().publish()
        guidance.significant_change = True
        for lang, note in DEMO_CHANGE_NOTES.items():
            setattr(guidance, f"change_note_{lang}", note)
        guidance.save_revision().publish()


def show_certificates_near_expiry(trainer):
    """The demo session's course issues certificates valid for a month, so those of its
    participants (earned in the last fortnight) show their expiry and fall within the
    reminder's window. Done once: a course with a validity period is left as it is."""
    training_session = TrainingSession.objects.filter(
        trainer=trainer, name=DEMO_TRAINING_SESSION
    ).first()
    if training_session is None or training_session.course.certificate_validity_months:
        return
    # A field of the live page, without a revision: the demo's editors never edited it.
    CoursePage.objects.filter(pk=training_session.course_id).update(certificate_validity_months=1)
    for completion in CourseCompletion.objects.filter(
        course=training_session.course, valid_until=None
    ):
        CourseCompletion.objects.filter(pk=completion.pk).update(
            valid_until=completion.completed_at + relativedelta(months=1)
        )


def redate_demo_training_session(trainer):
    """Re-date the participants of a demo session made before it was dated consistently
    (enrolled when the demo was loaded, after the session). Later runs find nothing to do."""
    training_session = TrainingSession.objects.filter(
        trainer=trainer, name=DEMO_TRAINING_SESSION
    ).first()
    if training_session is None:
        return
    session_start = _at(training_session.starts_on, 0)
    addresses = [f"{local_part}@example.org" for _n, local_part, *_rest in DEMO_PARTICIPANTS]
    with transaction.atomic():
        for enrolment in training_session.enrolments.select_related("user").filter(
            enrolled_at__gte=session_start, user__username__in=addresses
        ):
            _place_in_time(
                enrolment.user, training_session, addresses.index(enrolment.user.username)
            )


def trainers_group():
    group, _created = Group.objects.get_or_create(name=TRAINERS)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="courses", codename="view_facilitator_material"
        )
    )
    return group


def _demo_account(username, login_name, full_name):
    """An account to sign in as, its password generated once into var/<login_name>."""
    login_file = settings.VAR_DIR / login_name
    # The file is written once and then only read, so a test database never changes it.
    if login_file.exists():
        password = login_file.read_text().strip()
    else:
        password = secrets.token_urlsafe(12)
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        login_file.write_text(password + "\n")
        login_file.chmod(0o600)
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        user = user_model.objects.create_user(username, username, password)
    elif not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    LearnerProfile.objects.get_or_create(
        user=user,
        defaults={
            "full_name": full_name,
            "organisation": "Protection & Training Portal",
            "email_verified_at": timezone.now(),
        },
    )
    return user


def ensure_demo_trainer():
    """A trainer who sees facilitator material, for trying the portal (never in production)."""
    if settings.PRODUCTION:
        return None
    user = _demo_account(DEMO_TRAINER, "demo-trainer-login", "Demo Trainer")
    user.groups.add(trainers_group())
    return user


def ensure_demo_learner(index):
    """A learner to sign in as (never in production) who took the first course online
    three weeks ago: the certificate expires within the reminder window, and once the
    demo's guidance change is published one lesson of it is to redo, so My learning
    offers a recertification. Their completion is made once."""
    if settings.PRODUCTION:
        return None
    course = CoursePage.objects.child_of(index).live().order_by("path").first()
    user = _demo_account(DEMO_LEARNER, "demo-learner-login", "Demo Learner")
    if course is None or CourseCompletion.objects.filter(user=user, course=course).exists():
        return user
    when = timezone.now() - datetime.timedelta(days=21)
    with transaction.atomic():
        tracking.enrol(user, course, "en")
        _take_lessons(user, course.counted_lessons(), "en")
        completion = CourseCompletion.objects.current().filter(user=user, course=course).first()
        if completion is None:
            return user
        LessonCompletion.objects.filter(user=user).update(completed_at=when)
        QuizAttempt.objects.filter(user=user).update(submitted_at=when)
        Enrolment.objects.filter(user=user).update(enrolled_at=when, last_activity_at=when)
        _move_completion(completion, when)
        months = course.certificate_validity_months
        CourseCompletion.objects.filter(pk=completion.pk).update(
            valid_until=when + relativedelta(months=months) if months else None
        )
    return user


def _right_answers(lesson):
    """The answers that pass `lesson`'s knowledge check, as a learner would submit them."""
    answers = QueryDict(mutable=True)
    for number, block in enumerate(lesson.knowledge_check, start=1):
        right = next(i for i, answer in enumerate(block.value["answers"]) if answer["correct"])
        answers[f"q{number}"] = str(right)
    return answers


def _take_lessons(user, lessons, language):
    for lesson in lessons:
        if lesson.has_knowledge_check:
            tracking.record_check(user, lesson, grade(lesson, _right_answers(lesson)), language)
        else:
            tracking.complete_lesson(user, lesson, language)


def _demo_participant(name, local_part, organisation, country):
    user_model = get_user_model()
    email = f"{local_part}@example.org"
    user = user_model.objects.filter(username=email).first()
    if user is None:
        user = user_model.objects.create_user(email, email)  # no usable password
    LearnerProfile.objects.get_or_create(
        user=user,
        defaults={
            "full_name": name,
            "organisation": organisation,
            "country": country,
            "email_verified_at": timezone.now(),
        },
    )
    return user


def ensure_demo_training_session(trainer, index):
    """The demo trainer's session of the first course, made once: not again while the
    trainer has any session (renamed or not). Returns it when made now."""
    course = CoursePage.objects.child_of(index).live().order_by("path").first()
    if course is None or TrainingSession.objects.filter(trainer=trainer).exists():
        return None
    today = timezone.localdate()
    with transaction.atomic(), translation.override("en"):
        training_session = TrainingSession.objects.create(
            course=course,
            trainer=trainer,
            name=DEMO_TRAINING_SESSION,
            starts_on=today - datetime.timedelta(days=15),
            ends_on=today - datetime.timedelta(days=14),
            location="Amman",
            language="en",
            join_code=training_sessions.new_join_code(),
        )
        training_sessions.set_invitations(training_session, ["invited.participant@example.org"])
        lessons = course.counted_lessons()
        for number, (name, local_part, organisation, country, done) in enumerate(DEMO_PARTICIPANTS):
            user = _demo_participant(name, local_part, organisation, country)
            training_sessions.join(user, training_session, "en")
            if done == "all":
                _take_lessons(user, lessons, "en")
            elif done == "recorded":
                _take_lessons(user, lessons[:1], "en")
                training_sessions.record_completions(trainer, training_session, [user], DEMO_NOTE)
            else:
                _take_lessons(user, lessons[:done], "en")
            _place_in_time(user, training_session, number)
    return training_session


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _place_in_time(user, training_session, number):
    """Date what a participant did as a real session would have it, instead of "now".

    They joined with the code in the days before the workshop, did their first lesson on
    its first morning and the rest over the fortnight after it; their last activity is
    their last lesson (or later). A trainer records a completion on the workshop's last
    afternoon. So: enrolled before any activity, completed inside or after the session,
    never after the last activity.
    """
    enrolled = _at(training_session.starts_on - datetime.timedelta(days=number + 2), 9 + number)
    first = _at(training_session.starts_on, 11)
    last_activity = _at(timezone.localdate() - datetime.timedelta(days=2 + 3 * number), 16)
    done = list(
        LessonCompletion.objects.filter(
            user=user, lesson__in=training_session.course.counted_lessons()
        ).order_by("completed_at", "pk")
    )
    step = (last_activity - first) / max(len(done) - 1, 1)
    times = [first + step * position for position in range(len(done))]
    for completion, when in zip(done, times, strict=True):
        LessonCompletion.objects.filter(pk=completion.pk).update(completed_at=when)
        QuizAttempt.objects.filter(user=user, lesson_id=completion.lesson_id).update(
            submitted_at=when
        )
    course_completion = (
        CourseCompletion.objects.current().filter(user=user, course=training_session.course).first()
    )
    if course_completion is not None:
        if course_completion.how == CourseCompletion.TRAINER:
            completed = _at(training_session.ends_on, 16)
        else:
            completed = times[-1]
        _move_completion(course_completion, completed)
        last_activity = max(last_activity, completed)
    if times:
        last_activity = max(last_activity, times[-1])
    Enrolment.objects.filter(user=user, training_session=training_session).update(
        enrolled_at=enrolled, last_activity_at=last_activity
    )


def _move_completion(completion, when):
    """Re-date a course completion, and its count in the monthly tallies with it."""
    before = CompletionTally.objects.get(
        course=completion.course,
        language=completion.language,
        month=timezone.localdate(completion.completed_at).replace(day=1),
    )
    CompletionTally.objects.filter(pk=before.pk).update(count=F("count") - 1)
    CompletionTally.objects.filter(pk=before.pk, count=0).delete()
    CompletionTally.add_one(completion.course, completion.language, when)
    CourseCompletion.objects.filter(pk=completion.pk).update(completed_at=when)
