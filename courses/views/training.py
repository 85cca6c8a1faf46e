"""The trainers' pages: their training sessions, each session's dashboard and its CSV,
and recording completions from an in-person workshop.

Every view needs a signed-in member of the Trainers group (anyone else signed in gets
403) and finds the session among those the trainer leads (`training_sessions_of`): another
trainer's session does not exist for them (404), whatever its number.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses import role_requests, training_sessions
from courses.dashboard import build_dashboard, dashboard_csv
from courses.forms import RecordCompletionForm, TrainerRoleRequestForm, TrainingSessionForm
from courses.permissions import is_trainer
from courses.views import learner_login_required


def trainer_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("courses:login"))
        if not is_trainer(request.user):
            context = {"role_request": role_requests.latest_request(request.user)}
            return render(request, "courses/training/refused.html", context, status=403)
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"  # participants' personal data
        return response

    return wrapped


def _own_training_session(request, pk):
    return get_object_or_404(
        training_sessions.training_sessions_of(request.user).select_related("course"), pk=pk
    )


@trainer_required
def index(request):
    sessions = []
    for training_session in (
        training_sessions.training_sessions_of(request.user)
        .select_related("course")
        .order_by("-starts_on", "-pk")
    ):
        sessions.append((training_session, build_dashboard(training_session)))
    return render(request, "courses/training/index.html", {"sessions": sessions})


def _save(request, form):
    """Save the session and its invitation list; email the newly invited addresses."""
    with transaction.atomic():
        training_session = form.save(commit=False)
        if training_session.pk is None:
            training_session.trainer = request.user
            training_session.join_code = training_sessions.new_join_code()
        elif form.cleaned_data.get("new_code"):
            training_session.join_code = training_sessions.new_join_code()
        training_session.save()
        added = training_sessions.set_invitations(
            training_session, form.cleaned_data["invitations"]
        )
    if added and training_session.access != training_session.CLOSED:
        training_sessions.send_invitations(request, training_session, added)
        messages.info(
            request,
            ngettext(
                "We emailed the join code to %(count)d invited address.",
                "We emailed the join code to %(count)d invited addresses.",
                len(added),
            )
            % {"count": len(added)},
        )
    return training_session


@trainer_required
def create(request):
    form = TrainingSessionForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        training_session = _save(request, form)
        messages.success(
            request,
            _("The training session is ready. Its join code is %(code)s.")
            % {"code": training_session.join_code},
        )
        return redirect("courses:training_session", pk=training_session.pk)
    return render(
        request,
        "courses/training/training_session_form.html",
        {"form": form, "training_session": None},
    )


@trainer_required
def edit(request, pk):
    training_session = _own_training_session(request, pk)
    form = TrainingSessionForm(request.POST or None, instance=training_session, request=request)
    if request.method == "POST" and form.is_valid():
        _save(request, form)
        messages.success(request, _("The training session is saved."))
        return redirect("courses:training_session", pk=training_session.pk)
    return render(
        request,
        "courses/training/training_session_form.html",
        {"form": form, "training_session": training_session},
    )


@trainer_required
def dashboard(request, pk):
    training_session = _own_training_session(request, pk)
    join_url = (
        request.build_absolute_uri(reverse("courses:join")) + f"?code={training_session.join_code}"
    )
    return render(
        request,
        "courses/training/dashboard.html",
        {
            "training_session": training_session,
            "dashboard": build_dashboard(training_session),
            "join_url": join_url,
        },
    )


@trainer_required
def export_csv(request, pk):
    training_session = _own_training_session(request, pk)
    response = HttpResponse(
        dashboard_csv(build_dashboard(training_session)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="training-session-{training_session.pk}-participants.csv"'
    )
    return response


@trainer_required
def record_completion(request, pk):
    training_session = _own_training_session(request, pk)
    rows = build_dashboard(training_session).rows
    form = RecordCompletionForm(rows, request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = training_sessions.record_completions(
            request.user, training_session, form.chosen_users(), form.cleaned_data["note"]
        )
        if outcome.recorded:
            messages.success(
                request,
                ngettext(
                    "Completion recorded for %(count)d participant.",
                    "Completion recorded for %(count)d participants.",
                    len(outcome.recorded),
                )
                % {"count": len(outcome.recorded)},
            )
        if outcome.already:
            messages.info(
                request,
                ngettext(
                    "%(count)d participant had completed the course already; "
                    "their completion stays as it was.",
                    "%(count)d participants had completed the course already; "
                    "their completions stay as they were.",
                    len(outcome.already),
                )
                % {"count": len(outcome.already)},
            )
        return redirect("courses:training_session", pk=training_session.pk)
    return render(
        request,
        "courses/training/record.html",
        {
            "training_session": training_session,
            "form": form,
            "waiting": [row for row in rows if not row.completed],
        },
    )


@learner_login_required
def trainer_request(request):
    """A learner asks for the trainer role, with a short reason; editors decide in the admin."""
    user = request.user
    if is_trainer(user):
        return redirect("courses:training")
    pending = role_requests.pending_request(user)
    form = TrainerRoleRequestForm(request.POST or None)
    if request.method == "POST" and pending is None and form.is_valid():
        try:
            role_requests.ask(user, form.cleaned_data["reason"], translation.get_language())
        except role_requests.AlreadyAsked:
            pass  # sent twice (two tabs): the first one stands
        messages.success(
            request,
            _("Your request was sent. The editors will answer by email to %(email)s.")
            % {"email": user.email},
        )
        return redirect("courses:trainer_request")
    context = {
        "form": form,
        "pending": pending,
        "latest": role_requests.latest_request(user),
    }
    return render(request, "courses/training/request.html", context)
