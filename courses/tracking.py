"""Enrolment, progress and completion: the writes that must happen exactly once.

Every write of a learner's progress in a course runs in one transaction that begins by
updating their enrolment row. On PostgreSQL that row lock makes two submissions by the
same learner in the same course (two tabs, a retry on a slow network) run one after the
other, so the second sees what the first wrote: a course whose last two lessons are
completed at the same moment is still recorded as complete. On SQLite the update takes
the database's write lock, to the same effect. The unique constraints are the backstop:
`get_or_create` turns a duplicate insert into the row that is already there.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.functional import cached_property

from courses.certificates import new_code
from courses.guidance_versions import changes_since_completion, record_versions
from courses.models.learning import (
    CompletionTally,
    CourseCompletion,
    Enrolment,
    LessonCompletion,
    QuizAttempt,
    profile_of,  # read through tracking by most of the app
)


class NotEnrolled(Exception):
    """Progress was submitted for a course the learner has not enrolled in."""


def is_verified(user):
    profile = profile_of(user)
    return profile is not None and profile.email_verified


def enrol(user, course, language):
    """Enrol `user` in `course` once. Returns (enrolment, created)."""
    return Enrolment.objects.get_or_create(
        user=user, course=course, defaults={"language": language}
    )


@dataclass
class Outcome:
    lesson_completion: LessonCompletion | None = None
    lesson_completed_now: bool = False
    course_completion: CourseCompletion | None = None
    course_completed_now: bool = False
    attempt: QuizAttempt | None = None


def lock_enrolment(user, course, lesson, now):
    updated = Enrolment.objects.filter(user=user, course=course).update(
        last_lesson=lesson, last_activity_at=now
    )
    if not updated:
        raise NotEnrolled


def _complete_course_if_due(user, course, language, now, outcome):
    counted = {lesson.pk for lesson in course.counted_lessons()}
    if not counted:
        return
    done = LessonCompletion.objects.filter(user=user, lesson_id__in=counted).count()
    if done < len(counted):
        return
    outcome.course_completion, outcome.course_completed_now = (
        CourseCompletion.objects.current().get_or_create(
            user=user,
            course=course,
            defaults={
                "completed_at": now,
                "language": language,
                "course_title": course.title,
                "certificate_code": new_code(),
                "guidance_versions": record_versions(course),
            },
        )
    )
    if outcome.course_completed_now:
        CompletionTally.add_one(course, language, now)


def complete_lesson(user, lesson, language):
    """Mark a lesson without a knowledge check complete (once). Raises NotEnrolled."""
    outcome = Outcome()
    course = lesson.course
    with transaction.atomic():
        now = timezone.now()
        lock_enrolment(user, course, lesson, now)
        outcome.lesson_completion, outcome.lesson_completed_now = (
            LessonCompletion.objects.get_or_create(
                user=user,
                lesson=lesson,
                defaults={
                    "completed_at": now,
                    "language": language,
                    "how": LessonCompletion.MARKED,
                },
            )
        )
        _complete_course_if_due(user, course, language, now, outcome)
    return outcome


def record_check(user, lesson, result, language):
    """Record a graded knowledge check; a pass completes the lesson (once). Raises NotEnrolled."""
    outcome = Outcome()
    course = lesson.course
    with transaction.atomic():
        now = timezone.now()
        lock_enrolment(user, course, lesson, now)
        outcome.attempt = QuizAttempt.objects.create(
            user=user,
            lesson=lesson,
            submitted_at=now,
            language=language,
            answers=result.chosen,
            score=result.score,
            passed=result.passed,
        )
        if result.passed:
            outcome.lesson_completion, outcome.lesson_completed_now = (
                LessonCompletion.objects.get_or_create(
                    user=user,
                    lesson=lesson,
                    defaults={
                        "completed_at": now,
                        "language": language,
                        "how": LessonCompletion.CHECK_PASSED,
                        "score": result.score,
                    },
                )
            )
            _complete_course_if_due(user, course, language, now, outcome)
    return outcome


# Reading progress ------------------------------------------------------------------


@dataclass
class Progress:
    total: int
    done: int
    completed_ids: set = field(default_factory=set)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


def progress_of(user, course, completed_ids=None):
    if completed_ids is None:
        completed_ids = set(
            LessonCompletion.objects.filter(
                user=user, lesson_id__in=[lesson.pk for lesson in course.lessons]
            ).values_list("lesson_id", flat=True)
        )
    counted = [lesson.pk for lesson in course.counted_lessons()]
    return Progress(
        total=len(counted),
        done=sum(1 for pk in counted if pk in completed_ids),
        completed_ids=completed_ids,
    )


def resume_lesson(enrolment, course, completed_ids):
    """Where to pick up: the last lesson opened if it is not done, else the next one not done."""
    lessons = course.lessons
    ids = [lesson.pk for lesson in lessons]
    start = ids.index(enrolment.last_lesson_id) if enrolment.last_lesson_id in ids else 0
    for lesson in lessons[start:] + lessons[:start]:
        if lesson.pk not in completed_ids:
            return lesson
    return None


@dataclass
class CourseState:
    signed_in: bool = False
    verified: bool = False
    enrolment: Enrolment | None = None
    progress: Progress | None = None
    resume: object = None
    completion: CourseCompletion | None = None


def course_state(user, course):
    state = CourseState(signed_in=user.is_authenticated)
    if not user.is_authenticated:
        return state
    state.verified = is_verified(user)
    state.enrolment = (
        Enrolment.objects.filter(user=user, course=course)
        .select_related("training_session")
        .first()
    )
    if state.enrolment is None:
        return state
    state.progress = progress_of(user, course)
    state.resume = resume_lesson(state.enrolment, course, state.progress.completed_ids)
    state.completion = CourseCompletion.objects.current().filter(user=user, course=course).first()
    return state


def progress_by_course(user, courses):
    """{course id: Progress} for the courses `user` is enrolled in."""
    if not user.is_authenticated:
        return {}
    enrolled = set(
        Enrolment.objects.filter(user=user, course__in=courses).values_list("course_id", flat=True)
    )
    return {course.pk: progress_of(user, course) for course in courses if course.pk in enrolled}


@dataclass
class LessonState:
    signed_in: bool = False
    verified: bool = False
    enrolment: Enrolment | None = None
    completion: LessonCompletion | None = None
    last_attempt: QuizAttempt | None = None


def lesson_state(request, lesson):
    user = request.user
    state = LessonState(signed_in=user.is_authenticated)
    if not user.is_authenticated:
        return state
    state.verified = is_verified(user)
    state.enrolment = Enrolment.objects.filter(user=user, course=lesson.course).first()
    if state.enrolment is None:
        return state
    state.completion = LessonCompletion.objects.filter(user=user, lesson=lesson).first()
    state.last_attempt = (
        QuizAttempt.objects.filter(user=user, lesson=lesson).order_by("-submitted_at").first()
    )
    if request.method == "GET" and state.enrolment.last_lesson_id != lesson.pk:
        # Remember where the learner is, for "Resume". Reading is not progress: no lock.
        Enrolment.objects.filter(pk=state.enrolment.pk).update(
            last_lesson=lesson, last_activity_at=timezone.now()
        )
    return state


@dataclass
class LearningEntry:
    enrolment: Enrolment
    course: object
    progress: Progress
    resume: object
    completion: CourseCompletion | None
    # The path to renew the certificate, when it may be renewed now (set by the view:
    # courses.recertification builds on this module).
    recertification: object = None

    @cached_property
    def guidance_changes(self):
        """What changed in the course's guidance since the learner completed it."""
        return changes_since_completion(self.completion) if self.completion else []


def my_learning(user):
    """Each live course `user` is enrolled in, most recently active first."""
    completions = {
        completion.course_id: completion
        for completion in CourseCompletion.objects.current().filter(user=user)
    }
    entries = []
    enrolments = (
        Enrolment.objects.filter(user=user, course__live=True)
        .select_related("course")
        .order_by("-last_activity_at")
    )
    for enrolment in enrolments:
        course = enrolment.course
        progress = progress_of(user, course)
        entries.append(
            LearningEntry(
                enrolment=enrolment,
                course=course,
                progress=progress,
                resume=resume_lesson(enrolment, course, progress.completed_ids),
                completion=completions.get(course.pk),
            )
        )
    return entries
