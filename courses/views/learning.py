"""A learner's own pages: "My learning" and joining a training session.

What a learner does on the course and lesson pages themselves is in `page_actions`.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from courses import recertification, tracking, training_sessions
from courses.dashboard import display_name
from courses.forms import JoinForm
from courses.models.learning import Enrolment
from courses.permissions import is_trainer
from courses.views import learner_login_required
from foundation import throttles


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
            "invitations": training_sessions.pending_invitations(request.user),
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
    context = {"form": form, "invitations": training_sessions.pending_invitations(user)}
    if not form.is_bound:
        return render(request, "courses/learning/join.html", context)
    if wait := throttles.JOIN_CODES.wait(request, _account(user)):
        context["refusal"] = throttles.message(wait)
        response = render(request, "courses/learning/join.html", context)
        return throttles.too_many(response, wait)
    training_session = (
        training_sessions.find_by_code(form.cleaned_data["code"]) if form.is_valid() else None
    )
    if training_session is None:
        throttles.JOIN_CODES.count(request, _account(user))
        if form.is_valid():
            form.add_error("code", _("No training session has this code. Check it and try again."))
        return render(request, "courses/learning/join.html", context, status=404)
    context.update(
        training_session=training_session,
        trainer_name=display_name(training_session.trainer),
        course_visible=training_sessions.may_view_course(request, training_session.course),
        refusal=training_sessions.why_not_join(request, training_session),
        member=Enrolment.objects.filter(user=user, training_session=training_session).exists(),
    )
    if request.method != "POST":
        return render(request, "courses/learning/join.html", context)
    if context["refusal"]:
        return render(request, "courses/learning/join.html", context, status=403)
    outcome = training_sessions.join(user, training_session, translation.get_language())
    if outcome.other_training_session is not None:
        context["refusal"] = _(
            "You already take this course in another training session (%(name)s). "
            "A course is taken in one session only."
        ) % {"name": outcome.other_training_session.name}
        return render(request, "courses/learning/join.html", context, status=409)
    if outcome.joined_now:
        messages.success(
            request,
            _("You joined the training session %(name)s and are enrolled in its course.")
            % {"name": training_session.name},
        )
    else:
        messages.info(request, _("You are in this training session already."))
    return redirect(training_session.course.get_url(request))
