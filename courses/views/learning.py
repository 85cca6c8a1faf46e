"""Learning actions, "My learning" and joining a training session.

Enrolling, completing a lesson and submitting a knowledge check are sub-routes of the
course and lesson pages (POST only, CSRF-checked), so Wagtail has already found a live
page the request may view before they run: a view restriction on a course applies to
its actions too.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from courses import cohorts, recertification, tracking
from courses.dashboard import display_name
from courses.forms import JoinForm
from courses.knowledge_check import grade
from courses.models import Enrolment
from courses.permissions import is_trainer
from courses.views import learner_login_required
from foundation import throttles


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


@learner_login_required
def my_learning(request):
    entries = tracking.my_learning(request.user)
    for entry in entries:
        if entry.completion is not None:
            entry.recertification = recertification.path_for(entry.completion)
    return render(
        request,
        "courses/learning/my_learning.html",
        {
            "entries": entries,
            "verified": tracking.is_verified(request.user),
            "learner_profile": tracking.profile_of(request.user),
            "invitations": cohorts.pending_invitations(request.user),
            "trainer": is_trainer(request.user),
        },
    )


# Joining a training session --------------------------------------------------------


def _account(user):
    return f"user-{user.pk}"


@learner_login_required
def join(request):
    """Type a join code (or follow an invitation), see the session it opens, join it.

    GET ?code= shows the session and what joining shares with its trainer; POST joins.
    Wrong codes are counted per account and per client: with 40-bit codes a run of them
    stops the lookups far below what would ever hit (`foundation.throttles.JOIN_CODES`). The
    title of a course the learner may not view is not shown, whatever code they hold.
    """
    user = request.user
    data = request.POST if request.method == "POST" else request.GET
    form = JoinForm(data if "code" in data else None)
    context = {"form": form, "invitations": cohorts.pending_invitations(user)}
    if not form.is_bound:
        return render(request, "courses/learning/join.html", context)
    if wait := throttles.JOIN_CODES.wait(request, _account(user)):
        context["refusal"] = throttles.message(wait)
        response = render(request, "courses/learning/join.html", context)
        return throttles.too_many(response, wait)
    cohort = cohorts.find_by_code(form.cleaned_data["code"]) if form.is_valid() else None
    if cohort is None:
        throttles.JOIN_CODES.count(request, _account(user))
        if form.is_valid():
            form.add_error("code", _("No training session has this code. Check it and try again."))
        return render(request, "courses/learning/join.html", context, status=404)
    context.update(
        cohort=cohort,
        trainer_name=display_name(cohort.trainer),
        course_visible=cohorts.may_view_course(request, cohort.course),
        refusal=cohorts.why_not_join(request, cohort),
        member=Enrolment.objects.filter(user=user, cohort=cohort).exists(),
    )
    if request.method != "POST":
        return render(request, "courses/learning/join.html", context)
    if context["refusal"]:
        return render(request, "courses/learning/join.html", context, status=403)
    outcome = cohorts.join(user, cohort, translation.get_language())
    if outcome.other_cohort is not None:
        context["refusal"] = _(
            "You already take this course in another training session (%(name)s). "
            "A course is taken in one session only."
        ) % {"name": outcome.other_cohort.name}
        return render(request, "courses/learning/join.html", context, status=409)
    if outcome.joined_now:
        messages.success(
            request,
            _("You joined the training session %(name)s and are enrolled in its course.")
            % {"name": cohort.name},
        )
    else:
        messages.info(request, _("You are in this training session already."))
    return redirect(cohort.course.get_url(request))
