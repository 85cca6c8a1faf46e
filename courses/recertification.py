"""Recertification: renewing a certificate through the lessons that changed, not the course.

A holder may recertify when their certificate expires within the reminder window
(`CERTIFICATE_REMINDER_DAYS`) or has expired, or when the guidance the course cites
changed significantly since they completed it. Their path is the lessons that teach
guidance in another version than the one their completion recorded (revision ids in
`CourseCompletion.guidance_versions`, a page cited since then counting as changed); when
no lesson's guidance changed, the lessons with a knowledge check; and when the course
has none, the lessons the course counts.

A lesson without a knowledge check is done again by saying so on its page; one with a
check, by passing the check again. When the last lesson of the path is done, the
learner gets a new certificate (new code, new expiry, the guidance versions of today)
and the old one is kept, marked superseded: it verifies as replaced, not as invalid.
Only the holder has a path: everything here starts from the user's own certificate.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from courses.certificates import new_code
from courses.guidance_versions import changes_since_completion, record_versions
from courses.models.learning import CourseCompletion
from courses.models.recertification import Recertification
from courses.tracking import lock_enrolment

EXPIRING, EXPIRED, GUIDANCE_CHANGED = "expiring", "expired", "guidance_changed"


class NotOnPath(Exception):
    """The lesson is not part of a recertification this learner may do."""


@dataclass
class Path:
    """A holder's way to renew one certificate."""

    completion: CourseCompletion
    lessons: list
    checks_only: bool = False
    reasons: set = field(default_factory=set)
    done_ids: set = field(default_factory=set)

    @property
    def lesson_ids(self):
        return [lesson.pk for lesson in self.lessons]

    @property
    def steps(self):
        """[(lesson, done again?)] in course order."""
        return [(lesson, lesson.pk in self.done_ids) for lesson in self.lessons]

    @property
    def remaining(self):
        return [lesson for lesson in self.lessons if lesson.pk not in self.done_ids]

    @property
    def expires(self):
        return EXPIRING in self.reasons

    @property
    def expired(self):
        return EXPIRED in self.reasons

    @property
    def rereading_only(self):
        """Renewed by reading lessons again: nothing changed and the course has no check."""
        return self.checks_only and not any(lesson.has_knowledge_check for lesson in self.lessons)

    def includes(self, lesson):
        return lesson.pk in self.lesson_ids


def reasons_to_recertify(completion, now=None):
    """Why this certificate may be renewed now: a set of reasons, empty if it may not."""
    course = completion.course
    if completion.superseded or completion.withdrawn_at or course is None or not course.live:
        return set()
    now = now or timezone.now()
    reasons = set()
    if completion.valid_until:
        if completion.valid_until <= now:
            reasons.add(EXPIRED)
        elif completion.valid_until <= now + timedelta(days=settings.CERTIFICATE_REMINDER_DAYS):
            reasons.add(EXPIRING)
    if changes_since_completion(completion):
        reasons.add(GUIDANCE_CHANGED)
    return reasons


def changed_lessons(completion):
    """The course's live lessons whose cited guidance is not, today, in the version the
    completion recorded."""
    lessons = completion.course.lessons
    cited = completion.course.cited_by_lesson()
    recorded = {v["page"]: v.get("revision") for v in completion.guidance_versions}
    all_cited = set().union(*cited.values()) if cited else set()
    current = dict(
        Page.objects.filter(pk__in=all_cited, live=True).values_list("pk", "live_revision_id")
    )

    def changed(page_ids):
        return any(recorded.get(page) != current[page] for page in page_ids if page in current)

    return [lesson for lesson in lessons if changed(cited[lesson.pk])]


def path_for(completion, now=None):
    """The holder's recertification path for this certificate, or None when it may not
    be renewed now."""
    reasons = reasons_to_recertify(completion, now)
    if not reasons:
        return None
    course = completion.course
    lessons = changed_lessons(completion)
    checks_only = not lessons
    if checks_only:
        lessons = [lesson for lesson in course.lessons if lesson.has_knowledge_check]
        lessons = lessons or course.counted_lessons()
    started = Recertification.objects.filter(completion=completion).first()
    done = set(started.lessons_done) if started else set()
    return Path(completion, lessons, checks_only, reasons, done)


def path_of(user, course):
    """The signed-in user's path for their own certificate of `course`, or None."""
    if not user.is_authenticated or course is None:
        return None
    completion = (
        CourseCompletion.objects.current()
        .filter(user=user, course=course)
        .select_related("course")
        .first()
    )
    return path_for(completion) if completion else None


@dataclass
class Redone:
    done_now: bool = False
    certificate: CourseCompletion | None = None


def redo_lesson(user, lesson, language):
    """Record that the holder did `lesson` of their path again; the last one issues the
    new certificate. Raises NotOnPath (and tracking.NotEnrolled)."""
    course = lesson.course
    outcome = Redone()
    with transaction.atomic():
        now = timezone.now()
        # The same lock as every progress write: two tabs finishing the path at once
        # issue one certificate.
        lock_enrolment(user, course, lesson, now)
        completion = CourseCompletion.objects.current().filter(user=user, course=course).first()
        path = path_for(completion, now) if completion else None
        if path is None or not path.includes(lesson):
            raise NotOnPath
        recertification, _created = Recertification.objects.get_or_create(
            completion=completion, defaults={"started_at": now}
        )
        done = set(recertification.lessons_done)
        outcome.done_now = lesson.pk not in done
        done.add(lesson.pk)
        recertification.lessons_done = sorted(done)
        if set(path.lesson_ids) <= done:
            outcome.certificate = _issue(completion, course, language, now)
            recertification.completed_at = now
            recertification.certificate = outcome.certificate
        recertification.save()
    return outcome


def _issue(completion, course, language, now):
    """The new certificate; the old one stays, superseded."""
    CourseCompletion.objects.filter(pk=completion.pk).update(superseded_at=now)
    return CourseCompletion.objects.create(
        user=completion.user,
        course=course,
        completed_at=now,
        language=language,
        course_title=course.title,
        certificate_code=new_code(),
        guidance_versions=record_versions(course),
    )


def replacement_of(completion):
    """The certificate that replaced a superseded one, or None."""
    recertification = (
        Recertification.objects.filter(completion=completion).select_related("certificate").first()
    )
    return recertification.certificate if recertification else None
