"""The admin's "Training to review" report: courses and lessons whose cited guidance
changed significantly, or whose cited standard edition was superseded, since they were
last published, with what changed. Publishing the course or lesson again takes it off.

Open to whoever may add, change or publish pages; each sees the training they may edit.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.permissions import page_permission_policy

from courses.guidance_versions import training_to_review
from foundation.reports import report_urls
from guidance.editorial.reports import LibraryReportView


class TrainingToReviewView(LibraryReportView):
    page_title = _("Training to review")
    header_icon = "warning"
    menu_name = "training-to-review"
    menu_order = 1550
    index_url_name = "courses_training_review:training_to_review"
    index_results_url_name = "courses_training_review:training_to_review_results"
    export_filename_prefix = "training-to-review"
    list_export = [
        "training_title",
        "training_type",
        "course_title",
        "guidance_title",
        "what_changed",
        "changed_at",
        "edit_url",
    ]
    export_headings = {
        "training_title": _("Course or lesson"),
        "training_type": _("Type"),
        "course_title": _("Course"),
        "guidance_title": _("Guidance cited"),
        "what_changed": _("What changed"),
        "changed_at": _("Changed"),
        "edit_url": _("Edit link"),
    }

    @property
    def columns(self):
        return [
            TitleColumn(
                "training_title",
                label=_("Course or lesson"),
                get_url=lambda row: reverse("wagtailadmin_pages:edit", args=[row.training.pk]),
            ),
            Column("course_title", label=_("Course")),
            TitleColumn(
                "guidance_title",
                label=_("Guidance cited"),
                get_url=lambda row: reverse("wagtailadmin_pages:edit", args=[row.guidance.pk]),
            ),
            Column("what_changed", label=_("What changed")),
            DateColumn("changed_at", label=_("Changed")),
        ]

    def get_queryset(self):
        editable = set(
            page_permission_policy.instances_user_has_permission_for(
                self.request.user, "change"
            ).values_list("pk", flat=True)
        )
        rows = [row for row in training_to_review() if row.training.pk in editable]
        for row in rows:
            row.edit_url = self.edit_url(row.training)
        return rows


urlpatterns = report_urls("training-to-review/", TrainingToReviewView, "training_to_review")
