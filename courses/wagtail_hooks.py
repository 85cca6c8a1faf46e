"""Admin integration of the courses: the completion and training-to-review reports in the
Reports menu, certificates, and the learners' requests for the trainer role, which
editors approve or refuse."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, UserColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from courses import reports, role_requests, training_review
from courses.certificate_admin import CertificateViewSet
from courses.models.learning import CourseCompletion
from courses.models.training import TrainerRoleRequest
from courses.permissions import sees_completion_reports
from foundation.reports import register_change_only, register_reports, register_viewsets
from guidance.editorial.reports import can_see_library_reports

register_reports(
    "course-reports/",
    "courses_reports",
    reports.urlpatterns,
    [reports.CompletionReportView],
    shown_to=sees_completion_reports,
)
register_reports(
    "training-review/",
    "courses_training_review",
    training_review.urlpatterns,
    [training_review.TrainingToReviewView],
    shown_to=can_see_library_reports,
)


# Trainer role requests ---------------------------------------------------------------


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
    """Requests come from learners and stay on record: the admin only decides them
    (`register_change_only`)."""

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


register_change_only(TrainerRoleRequest, CourseCompletion)
register_viewsets(
    TrainerRoleRequestViewSet("trainer_role_requests"), CertificateViewSet("certificates")
)
