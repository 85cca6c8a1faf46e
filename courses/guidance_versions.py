"""Training tied to the versions of the guidance it teaches.

A course teaches what it and its lessons cite (`related_guidance`, `related_standards`).
A completion records the version of each cited page it covered (`guidance_versions`).
When cited guidance changes significantly or its edition is superseded (a
`GuidanceChange`, recorded at publish by the library):

- the course or lesson is *to review* until it is published again after the change
  (the admin report and the trainers' dashboard);
- a learner who completed the course before the change is told what changed since
  (My learning, the certificate page).
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import capfirst

from wagtail.models import Page

from courses.models import CourseCompletion, CoursePage, LessonPage
from guidance.models import GuidanceChange


def _cited_ids(page):
    return {
        *page.related_guidance.values_list("pk", flat=True),
        *page.related_standards.values_list("pk", flat=True),
    }


def course_cited_ids(course):
    """Every page the course or one of its live lessons cites (the lessons' citations in
    one query per relation, however many lessons)."""
    ids = _cited_ids(course)
    lessons = LessonPage.objects.filter(pk__in=[lesson.pk for lesson in course.lessons])
    for name in ("related_guidance", "related_standards"):
        ids.update(lessons.filter(**{f"{name}__isnull": False}).values_list(name, flat=True))
    return ids


def record_versions(course):
    """The versions of the guidance a course teaches now, as a completion stores them."""
    pages = Page.objects.filter(pk__in=course_cited_ids(course)).specific().order_by("title")
    return [
        {
            "page": page.pk,
            "revision": page.live_revision_id,
            "published": timezone.localdate(page.last_published_at).isoformat()
            if page.last_published_at
            else "",
            "title": page.title,
            "edition": getattr(page, "edition", ""),
        }
        for page in pages
    ]


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


def training_to_review(course=None):
    """Courses and lessons whose cited guidance changed after they were last published,
    newest change first; for one course (and its lessons) when `course` is given."""
    changes = list(GuidanceChange.objects.select_related("page", "superseded_by"))
    citing = _citing([change.page_id for change in changes])
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


def changes_since_completion(completion):
    """What changed in the guidance of a completed course after the learner completed it."""
    if completion.course_id is None:
        return []
    covered = {version["page"] for version in completion.guidance_versions}
    covered |= course_cited_ids(completion.course)
    return list(
        GuidanceChange.objects.filter(
            page_id__in=covered, changed_at__gt=completion.completed_at
        ).select_related("page", "superseded_by")
    )


def changes_for_completions(completions):
    """{completion pk: [changes since]} for My learning."""
    return {
        completion.pk: changes
        for completion in completions
        if isinstance(completion, CourseCompletion)
        and (changes := changes_since_completion(completion))
    }
