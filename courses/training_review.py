"""Training to review, and the admin's report of it: courses and lessons whose cited guidance
changed significantly, or whose cited standard edition was superseded, since they were
last published, with what changed. Publishing the course or lesson again takes it off.

Open to whoever may add, change or publish pages; each sees the training they may edit.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from courses.models.pages import CoursePage, LessonPage
from foundation.reports import report_urls
from guidance.editorial.reports import LibraryReportView
from guidance.models import GuidanceChange

# The training to review (the report below, and the trainers' dashboards) ---------------


@dataclass
class TrainingToReview:
    """One course or lesson that teaches guidance which changed after it was published."""

    training: object  # a CoursePage or LessonPage
    course: CoursePage
    change: GuidanceChange

    @property
    def pk(self):
        return f"{self.training.pk}-{self.change.pk}"

    @property
    def guidance(self):
        return self.change.specific_page

    @property
    def training_title(self):
        return self.training.get_admin_display_title()

    @property
    def training_type(self):
        return capfirst(self.training._meta.verbose_name)

    @property
    def course_title(self):
        return self.course.get_admin_display_title()

    @property
    def guidance_title(self):
        guidance = self.guidance
        version = getattr(guidance, "version_text", "")
        return f"{guidance.title} ({version})" if version else guidance.title

    @property
    def what_changed(self):
        return f"{self.change.get_kind_display()}: {self.change.summary}".rstrip(": ")

    @property
    def changed_at(self):
        return self.change.changed_at


def _citing(page_ids):
    """{cited page id: [courses and lessons citing it]}, in tree order; a fixed number of
    queries whatever the number of courses and lessons."""
    citing = {}
    for model in (CoursePage, LessonPage):
        pairs = [
            pair
            for name in ("related_guidance", "related_standards")
            for pair in model.objects.filter(**{f"{name}__in": page_ids}).values_list("pk", name)
        ]
        pages = model.objects.in_bulk({pk for pk, _cited in pairs})
        for pk, cited in sorted(pairs, key=lambda pair: pages[pair[0]].path):
            citing.setdefault(cited, []).append(pages[pk])
    return citing


def _attach_courses(lessons):
    """Give each lesson its course (`lesson.course`) from one query of the courses whose
    path starts theirs, instead of one query per lesson."""
    step = LessonPage.steplen
    ancestors = {
        lesson.path[:length] for lesson in lessons for length in range(step, len(lesson.path), step)
    }
    courses = {course.path: course for course in CoursePage.objects.filter(path__in=ancestors)}
    for lesson in lessons:
        lesson.course = next(
            (
                courses[lesson.path[:length]]
                for length in range(step, len(lesson.path), step)
                if lesson.path[:length] in courses
            ),
            None,
        )


def _attach_specific_pages(changes):
    """The changed pages, and the pages that superseded them, as their own types from one
    query per type rather than one per change."""
    pks = {change.page_id for change in changes} | {
        change.superseded_by_id for change in changes if change.superseded_by_id
    }
    specific = Page.objects.filter(pk__in=pks).specific().in_bulk()
    for change in changes:
        change.specific_page = specific[change.page_id]
        if change.superseded_by_id:
            change.superseded_by = specific[change.superseded_by_id]


def training_to_review(course=None):
    """Courses and lessons whose cited guidance changed after they were last published,
    newest change first; for one course (and its lessons) when `course` is given."""
    changes = list(GuidanceChange.objects.all())
    _attach_specific_pages(changes)
    citing = _citing([change.page_id for change in changes])
    _attach_courses(
        {
            training.pk: training
            for trainings in citing.values()
            for training in trainings
            if isinstance(training, LessonPage)
        }.values()
    )
    rows = []
    for change in changes:
        for training in citing.get(change.page_id, []):
            owner = training if isinstance(training, CoursePage) else training.course
            if owner is None or (course is not None and owner.pk != course.pk):
                continue
            published = training.last_published_at
            if published is None or published < change.changed_at:
                rows.append(TrainingToReview(training=training, course=owner, change=change))
    return rows


# The report ---------------------------------------------------------------------------


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
