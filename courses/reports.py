"""The admin's course completion report: per course, training session, country,
organisation and period, with CSV and Excel exports and the same rows as xAPI statements.

Open to Editors, Training managers and superusers (`courses.view_completion_report`).
A row is a completion: who (name, organisation, country; not the email address, which
the figures do not need), which course, in which training session, when, in which
language, and whether the learner completed it online or a trainer recorded it. Deleted
accounts are not in it: only their anonymous counts remain (`CompletionTally`).
"""

import json

import django_filters

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import HttpResponse, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.widgets.button import Button

from courses import xapi
from courses.models.learning import CourseCompletion, Enrolment, LearnerProfile
from courses.models.pages import CoursePage
from courses.models.training import TrainingSession
from courses.permissions import sees_completion_reports
from foundation.reports import DayColumn, ReportView, StatusColumn, TextColumn, report_urls


def completions():
    """Every completion with what a report row shows, newest first."""
    enrolment = Enrolment.objects.filter(user=OuterRef("user_id"), course=OuterRef("course_id"))
    return (
        CourseCompletion.objects.current()
        .select_related("user__learner_profile", "course")
        .annotate(
            learner_name=Coalesce(
                NullIf(F("user__learner_profile__full_name"), Value("")), F("user__username")
            ),
            organisation=Coalesce(F("user__learner_profile__organisation"), Value("")),
            country=Coalesce(F("user__learner_profile__country"), Value("")),
            session_id=Subquery(enrolment.values("training_session_id")[:1]),
            session_name=Coalesce(
                Subquery(enrolment.values("training_session__name")[:1]), Value("")
            ),
            recorded_by_name=Coalesce(
                NullIf(F("recorded_by__learner_profile__full_name"), Value("")),
                F("recorded_by__username"),
                Value(""),
            ),
        )
        .order_by("-completed_at", "-pk")
    )


def _distinct_profile_values(field):
    """The values of a profile field among learners with a completion, once each however
    it is capitalised: the spelling most of them use (then the first in order) stands
    for the others, which the case-insensitive filter matches too."""
    counts = (
        LearnerProfile.objects.filter(user__course_completions__isnull=False)
        .exclude(**{field: ""})
        .values_list(field)
        .annotate(learners=Count("pk", distinct=True))
    )
    spellings = {}
    for value, learners in counts:
        spellings.setdefault(value.strip().casefold(), []).append((-learners, value.strip()))
    chosen = [min(candidates)[1] for candidates in spellings.values()]
    return [(value, value) for value in sorted(chosen, key=str.casefold)]


class TrainingSessionChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, training_session):
        session = training_session
        return f"{session.name} · {session.course.title} · {session.starts_on:%Y-%m-%d}"


class TrainingSessionFilter(django_filters.ModelChoiceFilter):
    field_class = TrainingSessionChoiceField


class CompletionReportFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=_("Course"),
        queryset=lambda request: CoursePage.objects.order_by("path"),
        empty_label=_("All"),
    )
    training_session = TrainingSessionFilter(
        label=_("Training session"),
        queryset=lambda request: TrainingSession.objects.select_related("course").order_by(
            "-starts_on", "name"
        ),
        empty_label=_("All"),
        method="filter_training_session",
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=lambda: _distinct_profile_values("country"),
        empty_label=_("All"),
        field_name="user__learner_profile__country",
        lookup_expr="iexact",
    )
    organisation = django_filters.ChoiceFilter(
        label=_("Organisation"),
        choices=lambda: _distinct_profile_values("organisation"),
        empty_label=_("All"),
        field_name="user__learner_profile__organisation",
        lookup_expr="iexact",
    )
    completed_at = django_filters.DateFromToRangeFilter(
        label=_("Completed between"), widget=DateRangePickerWidget
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=settings.LANGUAGES, empty_label=_("All")
    )
    how = django_filters.ChoiceFilter(
        label=_("How"),
        choices=CourseCompletion.HOW,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = CourseCompletion
        fields = []

    def filter_training_session(self, queryset, name, value):
        in_session = Enrolment.objects.filter(
            user=OuterRef("user_id"), course=OuterRef("course_id"), training_session=value
        )
        return queryset.filter(Exists(in_session))


def recorded_by(completion):
    """Under a completion a trainer recorded: by whom, and the trainer's note."""
    if not completion.recorded_by_trainer:
        return []
    lines = []
    if completion.recorded_by_name:
        lines.append(gettext("by %(name)s") % {"name": completion.recorded_by_name})
    if completion.note:
        lines.append(completion.note)
    return lines


class CompletionReportView(ReportView):
    page_title = _("Course completions")
    header_icon = "tick-inverse"
    menu_name = "course-completions"
    no_results_message = _("No course completion matches these filters.")
    index_url_name = "courses_reports:completions"
    index_results_url_name = "courses_reports:completions_results"
    filterset_class = CompletionReportFilterSet
    model = CourseCompletion
    list_export = [
        "learner_name",
        "organisation",
        "country",
        "title",
        "session_name",
        "completed_at",
        "get_language_display",
        "get_how_display",
        "recorded_by_name",
        "note",
    ]
    export_headings = {
        "learner_name": _("Learner"),
        "organisation": _("Organisation"),
        "country": _("Country"),
        "title": _("Course"),
        "session_name": _("Training session"),
        "completed_at": _("Completed"),
        "get_language_display": _("Language"),
        "get_how_display": _("How"),
        "recorded_by_name": _("Recorded by"),
        "note": _("Trainer's note"),
    }

    columns = [
        TextColumn("learner_name", label=_("Learner"), classname="title"),
        TextColumn("organisation", label=_("Organisation")),
        TextColumn("country", label=_("Country")),
        TextColumn("title", label=_("Course")),
        TextColumn("session_name", label=_("Training session")),
        DayColumn("completed_at", label=_("Completed")),
        TextColumn("language", label=_("Language"), accessor="get_language_display"),
        StatusColumn(
            "how",
            label=_("How"),
            accessor="get_how_display",
            state=lambda completion: completion.how,
            styles={CourseCompletion.SELF: "primary", CourseCompletion.TRAINER: "label"},
            details=recorded_by,
        ),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not sees_completion_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.filter_queryset(completions())

    def get_filtered_queryset(self):
        return self.get_queryset()  # filtered once, in get_queryset

    def get_filename(self):
        return f"course-completions-{timezone.localdate():%Y-%m-%d}"

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        query = self.request.GET.copy()
        query.pop("export", None)
        url = reverse("courses_reports:completions_xapi")
        buttons.append(
            Button(
                _("Download xAPI statements (JSON)"),
                url=f"{url}?{query.urlencode()}" if query else url,
                icon_name="download",
                priority=110,
            )
        )
        return buttons

    def get_summary(self):
        # Over every row the filters let through, not just this page of them.
        totals = self.object_list.aggregate(
            total=Count("pk"),
            online=Count("pk", filter=Q(how=CourseCompletion.SELF)),
            by_trainer=Count("pk", filter=Q(how=CourseCompletion.TRAINER)),
        )
        return (
            ngettext(
                "%(total)s completion: %(online)s online, %(by_trainer)s recorded by a trainer.",
                "%(total)s completions: %(online)s online, %(by_trainer)s recorded by a trainer.",
                totals["total"],
            )
            % totals
        )


def xapi_statements(request):
    """The completions the report's filters select, as a JSON list of xAPI statements."""
    if not sees_completion_reports(request.user):
        raise PermissionDenied
    filters = CompletionReportFilterSet(request.GET or None, request=request)
    if filters.is_bound and not filters.is_valid():
        return JsonResponse({"errors": filters.errors.get_json_data()}, status=400)
    rows = list(filters.filter_queryset(completions()) if filters.is_bound else completions())
    sessions = TrainingSession.objects.in_bulk({row.session_id for row in rows if row.session_id})
    by_completion = {row.pk: sessions.get(row.session_id) for row in rows}
    body = json.dumps(xapi.statements(rows, by_completion), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json")
    filename = f"course-completions-xapi-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    *report_urls("completions/", CompletionReportView, "completions"),
    path("completions/xapi.json", xapi_statements, name="completions_xapi"),
]
