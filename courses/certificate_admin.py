"""Certificates in the admin: find one by its code and withdraw it (or restore it).

A withdrawn certificate stays on its holder's record but every check of it, by code or
by its credential file, answers "withdrawn" with the reason given here. Editors and
Training managers may do it (courses/migrations/0007); nobody adds or deletes here.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from courses.models.learning import CourseCompletion


class WithdrawalForm(WagtailAdminModelForm):
    withdrawn = forms.BooleanField(
        label=_("Withdraw this certificate"),
        required=False,
        help_text=_("Anyone who checks it is told it was withdrawn, with the reason."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["withdrawn"] = self.instance.withdrawn_at is not None

    def save(self, commit=True):
        completion = super().save(commit=False)
        if not self.cleaned_data["withdrawn"]:
            completion.withdrawn_at = None
        elif completion.withdrawn_at is None:
            completion.withdrawn_at = timezone.now()
        if commit:
            completion.save(update_fields=["withdrawn_at", "withdrawal_reason"])
        return completion


class CertificateViewSet(ModelViewSet):
    """Completions are made by learning, not by hand: the admin only withdraws them
    (`register_change_only`
    in courses/wagtail_hooks.py)."""

    model = CourseCompletion
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 860
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        Column("certificate_code", label=_("Certificate code")),
        Column("course_title", label=_("Course")),
        DateColumn("completed_at", label=_("Completed on")),
        DateColumn("valid_until", label=_("Valid until")),
        DateColumn("withdrawn_at", label=_("certificate withdrawn")),
    ]
    search_fields = ["certificate_code", "course_title"]
    edit_handler = ObjectList(
        [
            FieldPanel("certificate_code", read_only=True),
            FieldPanel("course_title", read_only=True),
            FieldPanel("completed_at", read_only=True),
            FieldPanel("valid_until", read_only=True),
            FieldPanel("withdrawn"),
            FieldPanel("withdrawal_reason"),
        ],
        base_form_class=WithdrawalForm,
    )
