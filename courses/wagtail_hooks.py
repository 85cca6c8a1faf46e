"""Admin integration of the courses: the completion report in the Reports menu, and the
learners' requests for the trainer role, which editors approve or refuse."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, UserColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from courses import reports, role_requests, training_review
from courses.certificate_admin import CertificateViewSet
from courses.models import TrainerRoleRequest


@hooks.register("register_admin_urls")
def register_course_report_urls():
    return [
        path(
            "course-reports/",
            include((reports.urlpatterns, "courses_reports"), namespace="courses_reports"),
        ),
        path(
            "training-review/",
            include(
                (training_review.urlpatterns, "courses_training_review"),
                namespace="courses_training_review",
            ),
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_completion_report_menu_item():
    return reports.CompletionReportMenuItem(
        _("Course completions"),
        reverse("courses_reports:completions"),
        name="course-completions",
        icon_name="tick-inverse",
        order=1500,
    )


@hooks.register("register_reports_menu_item")
def register_training_review_menu_item():
    return training_review.menu_item()


# Trainer role requests ---------------------------------------------------------------


class DecideOnlyPolicy(ModelPermissionPolicy):
    """Requests come from learners and stay on record: the admin only decides them."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)


register_permission_policy(TrainerRoleRequest, DecideOnlyPolicy(TrainerRoleRequest))


class DecisionForm(WagtailAdminModelForm):
    DECISIONS = [
        (TrainerRoleRequest.APPROVED, _("Approve: the learner joins the Trainers group")),
        (TrainerRoleRequest.REFUSED, _("Refuse")),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"] = forms.ChoiceField(
            label=_("Decision"), choices=self.DECISIONS, widget=forms.RadioSelect
        )
        if not self.instance.pending:
            for field in self.fields.values():
                field.disabled = True
            self.initial["state"] = self.instance.state

    def clean(self):
        cleaned = super().clean()
        if not TrainerRoleRequest.objects.filter(
            pk=self.instance.pk, state=TrainerRoleRequest.PENDING
        ).exists():
            raise forms.ValidationError(_("This request has been decided already."))
        return cleaned


class DecisionView(generic.EditView):
    success_message = _("Decision recorded; the learner is told by email.")

    def save_instance(self):
        if not self.permission_policy.user_has_permission(self.request.user, "change"):
            raise PermissionDenied
        try:
            return role_requests.decide(
                self.object,
                approve=self.form.cleaned_data["state"] == TrainerRoleRequest.APPROVED,
                editor=self.request.user,
                reply=self.form.cleaned_data.get("reply", ""),
                request=self.request,
            )
        except role_requests.AlreadyDecided:
            messages.warning(self.request, _("This request has been decided already."))
            return self.object


class TrainerRoleRequestViewSet(ModelViewSet):
    model = TrainerRoleRequest
    icon = "user"
    menu_label = _("Trainer requests")
    menu_order = 850
    add_to_admin_menu = True
    copy_view_enabled = False
    edit_view_class = DecisionView
    list_filter = ["state"]
    list_display = [
        Column("requester_name", label=_("Learner")),
        UserColumn("user", label=_("Email address")),
        DateColumn("requested_at", label=_("Requested")),
        Column("state", label=_("State"), accessor="get_state_display"),
        UserColumn("decided_by", label=_("Decided by")),
    ]
    search_fields = ["user__email", "reason"]
    edit_handler = ObjectList(
        [
            FieldPanel("user", read_only=True),
            FieldPanel("reason", read_only=True),
            FieldPanel("requested_at", read_only=True),
            FieldPanel("state"),
            FieldPanel("reply"),
        ],
        base_form_class=DecisionForm,
    )


@hooks.register("register_admin_viewset")
def register_trainer_role_requests():
    return TrainerRoleRequestViewSet("trainer_role_requests")


@hooks.register("register_admin_viewset")
def register_certificates():
    return CertificateViewSet("certificates")
