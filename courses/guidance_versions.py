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


from django.utils import timezone

from wagtail.models import Page

from courses.models.learning import CourseCompletion
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
    for cited in course.cited_by_lesson().values():
        ids |= cited
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
