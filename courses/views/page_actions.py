"""What a learner does on a course or lesson page: enrol, complete a lesson, submit a
knowledge check, redo a lesson to recertify.

These are sub-routes of the course and lesson pages (POST only, CSRF-checked), so Wagtail
has already found a live page the request may view before they run: a view restriction
on a course applies to its actions too.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from courses import recertification, tracking
from courses.knowledge_check import grade


def _refuse(request, page, reason, status):
    return render(
        request,
        "courses/learning/refused.html",
        {"page": page, "reason": reason, "course": getattr(page, "course", page)},
        status=status,
    )


def _guard(request, page):
    """The response that stops an action before it starts, or None to go ahead."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(page.get_url(request), reverse("courses:login"))
    return None


def enrol(request, course):
    if (refused := _guard(request, course)) is not None:
        return refused
    if not tracking.is_verified(request.user):
        messages.warning(
            request, _("Confirm your email address to enrol: use the link we sent you.")
        )
        return redirect(course.get_url(request))
    _enrolment, created = tracking.enrol(request.user, course, translation.get_language())
    if created:
        messages.success(request, _("You are enrolled. Your progress is saved as you go."))
    return redirect(course.get_url(request))


def complete_lesson(request, lesson):
    if (refused := _guard(request, lesson)) is not None:
        return refused
    if lesson.has_knowledge_check:
        return _refuse(
            request, lesson, _("This lesson is complete once you pass its knowledge check."), 400
        )
    try:
        outcome = tracking.complete_lesson(request.user, lesson, translation.get_language())
    except tracking.NotEnrolled:
        return _refuse(request, lesson, _("Enrol in the course to record your progress."), 403)
    return _after_progress(request, lesson, outcome)


def submit_knowledge_check(request, lesson):
    if (refused := _guard(request, lesson)) is not None:
        return refused
    if not lesson.has_knowledge_check:
        return _refuse(request, lesson, _("This lesson has no knowledge check."), 400)
    result = grade(lesson, request.POST)
    if not result.complete:
        return lesson.render(
            request, context_overrides={"questions": result.questions, "result": result}
        )
    try:
        outcome = tracking.record_check(request.user, lesson, result, translation.get_language())
    except tracking.NotEnrolled:
        return _refuse(request, lesson, _("Enrol in the course to record your progress."), 403)
    if outcome.course_completed_now:
        messages.success(request, _("You have completed the course. Your certificate is ready."))
    elif result.passed:
        # Passing the check again is how a lesson of a recertification is done.
        try:
            redone = recertification.redo_lesson(request.user, lesson, translation.get_language())
        except recertification.NotOnPath:
            redone = None
        if redone is not None:
            _tell_recertified(request, redone)
    return lesson.render(
        request,
        context_overrides={"questions": result.questions, "result": result, "outcome": outcome},
    )


def redo_for_recertification(request, lesson):
    """The holder of the course's certificate has read a lesson of their recertification
    path again (lessons with a knowledge check are done by passing it)."""
    if (refused := _guard(request, lesson)) is not None:
        return refused
    if lesson.has_knowledge_check:
        return _refuse(
            request, lesson, _("Pass this lesson's knowledge check again to recertify."), 400
        )
    try:
        redone = recertification.redo_lesson(request.user, lesson, translation.get_language())
    except (recertification.NotOnPath, tracking.NotEnrolled):
        return _refuse(
            request,
            lesson,
            _("This lesson is not part of a recertification you can do."),
            403,
        )
    _tell_recertified(request, redone)
    if redone.certificate is not None:
        return redirect("courses:certificate", code=redone.certificate.certificate_code)
    path = recertification.path_of(request.user, lesson.course)
    following = path.remaining[0] if path and path.remaining else lesson.course
    return redirect(following.get_url(request))


def _tell_recertified(request, redone):
    if redone.certificate is not None:
        messages.success(request, _("You have recertified. Your new certificate is ready."))
    elif redone.done_now:
        messages.success(request, _("Done again for your recertification."))


def _after_progress(request, lesson, outcome):
    course = lesson.course
    if outcome.course_completed_now:
        messages.success(request, _("You have completed the course. Your certificate is ready."))
        return redirect(course.get_url(request))
    messages.success(request, _("Lesson complete: %(title)s") % {"title": lesson.title})
    lessons = course.lessons
    ids = [item.pk for item in lessons]
    position = ids.index(lesson.pk) if lesson.pk in ids else len(ids)
    following = lessons[position + 1] if position + 1 < len(lessons) else None
    return redirect((following or course).get_url(request))
