"""Page types of the training courses: index > course > module > lesson.

Modules are pages so editors order them (and the lessons in them) in the page tree,
and translate their titles like any other page. A course's lessons in order are its
live lesson descendants in tree order.
"""

from modelcluster.fields import ParentalManyToManyField

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import KnowledgeCheckBlock, LessonStreamBlock
from foundation.pages import TranslatedPage
from foundation.rich_text import BODY_FEATURES
from guidance.models import Audience, GlossaryTermsMixin, Theme


class CourseContentPage(TranslatedPage):
    """What every course page has: its languages and the notice when it falls back."""

    class Meta:
        abstract = True


class CourseIndexPage(CourseContentPage):
    intro = RichTextField(_("introduction"), blank=True, features=BODY_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("course index page")

    def get_context(self, request, *args, **kwargs):
        from courses.tracking import progress_by_course

        context = super().get_context(request, *args, **kwargs)
        courses = list(CoursePage.objects.child_of(self).live().public().order_by("path"))
        progress = progress_by_course(request.user, courses)
        context["courses"] = [(course, progress.get(course.pk)) for course in courses]
        return context


class CoursePage(CourseContentPage):
    LEVELS = [
        ("introductory", _("Introductory")),
        ("intermediate", _("Intermediate")),
        ("advanced", _("Advanced")),
    ]

    overview = RichTextField(_("overview"), features=BODY_FEATURES)
    objectives = models.TextField(
        _("learning objectives"), blank=True, help_text=_("One objective per line.")
    )
    prerequisites = models.TextField(_("prerequisites"), blank=True)
    level = models.CharField(_("level"), max_length=20, choices=LEVELS, default="introductory")
    duration_minutes = models.PositiveSmallIntegerField(
        _("estimated duration (minutes)"), default=60
    )
    audiences = ParentalManyToManyField(Audience, blank=True, related_name="course_pages")
    themes = ParentalManyToManyField(Theme, blank=True, related_name="course_pages")
    related_guidance = ParentalManyToManyField(
        "guidance.GuidancePage",
        blank=True,
        related_name="related_courses",
        verbose_name=_("guidance this course teaches"),
    )
    related_standards = ParentalManyToManyField(
        "guidance.StandardPage",
        blank=True,
        related_name="related_courses",
        verbose_name=_("standard editions this course teaches"),
    )
    facilitator_notes = RichTextField(
        _("facilitator material"),
        blank=True,
        features=BODY_FEATURES,
        help_text=_("Session plan, slides and trainer notes. Only trainers see this."),
    )
    featured = models.BooleanField(_("show on the home page"), default=False)
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for certificates that do not expire."),
    )

    language_fields = ("title", "overview")
    content_panels = Page.content_panels + [
        FieldPanel("overview"),
        FieldPanel("objectives"),
        FieldPanel("prerequisites"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("duration_minutes")]),
        FieldPanel("certificate_validity_months"),
        MultiFieldPanel(
            [FieldPanel("related_guidance"), FieldPanel("related_standards")],
            heading=_("Guidance taught"),
        ),
        MultiFieldPanel(
            [FieldPanel("facilitator_notes")], heading=_("Facilitator material (trainers only)")
        ),
    ]
    promote_panels = Page.promote_panels + [
        FieldPanel("featured"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]
    # Facilitator material stays out of search and the API: it is for trainers only.
    search_fields = Page.search_fields + [
        index.SearchField("overview", boost=2),
        index.SearchField("objectives"),
    ]
    api_fields = [
        APIField("overview"),
        APIField("objectives"),
        APIField("prerequisites"),
        APIField("level"),
        APIField("duration_minutes"),
    ]

    class Meta:
        verbose_name = _("course page")
        permissions = [("view_facilitator_material", _("Can view facilitator material"))]

    @property
    def objective_list(self):
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]

    @cached_property
    def lessons(self):
        """The live lessons in the order a learner takes them."""
        return list(LessonPage.objects.descendant_of(self).live().order_by("path"))

    @cached_property
    def modules(self):
        """Live modules in order, each with its live lessons: [(module, [lesson, ...])]."""
        modules = list(ModulePage.objects.child_of(self).live().order_by("path"))
        return [
            (module, [lesson for lesson in self.lessons if lesson.path.startswith(module.path)])
            for module in modules
        ]

    def counted_lessons(self):
        """The lessons the course's completion waits for: the required ones, and every
        lesson with a knowledge check (a check counts only once it is passed)."""
        return [lesson for lesson in self.lessons if lesson.counts_for_completion]

    def cited_by_lesson(self):
        """{live lesson id: {ids of the pages it cites}}, in two queries for the course."""
        lessons = self.lessons
        cited = {lesson.pk: set() for lesson in lessons}
        for name in ("related_guidance", "related_standards"):
            pairs = LessonPage.objects.filter(pk__in=cited, **{f"{name}__isnull": False})
            for lesson_id, page_id in pairs.values_list("pk", name):
                cited[lesson_id].add(page_id)
        return cited

    @cached_property
    def languages_available(self):
        """The languages a learner can take the whole course in: the course and every lesson."""
        return [
            code
            for code in self.languages
            if all(lesson.has_language(code) for lesson in self.lessons)
        ]

    def get_context(self, request, *args, **kwargs):
        from courses.permissions import sees_facilitator_material
        from courses.recertification import path_for
        from courses.tracking import course_state

        context = super().get_context(request, *args, **kwargs)
        context["state"] = course_state(request.user, self)
        context["cited"] = cited_pages(self, self.lessons)
        if context["state"].completion is not None:
            context["recertification"] = path_for(context["state"].completion)
        # Decided here, on the server: the template never sees the notes otherwise.
        if sees_facilitator_material(request.user):
            context["facilitator_notes"] = self.facilitator_notes
        return context

    @path("enrol/", name="enrol")
    def enrol_view(self, request):
        from courses.views.page_actions import enrol

        return enrol(request, self)


class ModulePage(CourseContentPage):
    intro = RichTextField(_("introduction"), blank=True, features=BODY_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("course module")

    @cached_property
    def course(self):
        return CoursePage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        from courses.tracking import course_state

        context = super().get_context(request, *args, **kwargs)
        context["course"] = self.course
        context["lessons"] = LessonPage.objects.child_of(self).live().order_by("path")
        context["state"] = course_state(request.user, self.course) if self.course else None
        return context


class LessonPage(GlossaryTermsMixin, CourseContentPage):
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))
    knowledge_check = StreamField(
        KnowledgeCheckBlock(),
        blank=True,
        verbose_name=_("knowledge check"),
        help_text=_("Multiple-choice questions, graded when the learner submits them."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The share of questions a learner must answer right to pass the check."),
    )
    required = models.BooleanField(
        _("required"), default=True, help_text=_("The course is complete only once this is.")
    )
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=15)
    related_guidance = ParentalManyToManyField(
        "guidance.GuidancePage",
        blank=True,
        related_name="related_lessons",
        verbose_name=_("guidance this lesson teaches"),
    )
    related_standards = ParentalManyToManyField(
        "guidance.StandardPage",
        blank=True,
        related_name="related_lessons",
        verbose_name=_("standard editions this lesson teaches"),
    )

    language_fields = ("title", "body")
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("required"), FieldPanel("duration_minutes")]),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("knowledge_check"), FieldPanel("pass_mark")],
            heading=_("Knowledge check"),
        ),
        MultiFieldPanel(
            [FieldPanel("related_guidance"), FieldPanel("related_standards")],
            heading=_("Guidance taught"),
        ),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []
    search_fields = Page.search_fields + [index.SearchField("body")]
    api_fields = [
        APIField("body"),
        APIField("required"),
        APIField("duration_minutes"),
    ]

    class Meta:
        verbose_name = _("lesson page")

    @property
    def has_knowledge_check(self):
        return len(self.knowledge_check) > 0

    @property
    def counts_for_completion(self):
        return self.required or self.has_knowledge_check

    @cached_property
    def course(self):
        return CoursePage.objects.ancestor_of(self).first()

    @cached_property
    def module(self):
        return ModulePage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        from courses.knowledge_check import blank_questions
        from courses.recertification import path_of as recertification_path
        from courses.tracking import lesson_state

        context = super().get_context(request, *args, **kwargs)
        course = self.course
        lessons = course.lessons if course else [self]
        position = next((i for i, lesson in enumerate(lessons) if lesson.pk == self.pk), 0)
        context["course"] = course
        context["module"] = self.module
        context["previous_lesson"] = lessons[position - 1] if position > 0 else None
        context["next_lesson"] = lessons[position + 1] if position + 1 < len(lessons) else None
        context["questions"] = blank_questions(self)
        context["state"] = lesson_state(request, self)
        context["cited"] = cited_pages(self)
        if context["state"].enrolment is not None:
            context["recertification"] = recertification_path(request.user, course)
        return self.glossary_context(context, request)

    def glossary_text(self):
        return " ".join(str(block.render()) for block in self.body)

    @path("complete/", name="complete")
    def complete_view(self, request):
        from courses.views.page_actions import complete_lesson

        return complete_lesson(request, self)

    @path("check/", name="check")
    def check_view(self, request):
        from courses.views.page_actions import submit_knowledge_check

        return submit_knowledge_check(request, self)

    @path("recertify/", name="recertify")
    def recertify_view(self, request):
        from courses.views.page_actions import redo_for_recertification

        return redo_for_recertification(request, self)


def cited_pages(page, lessons=()):
    """The live, public guidance and standard editions a course or lesson cites, with
    those its `lessons` cite, once each, by title.

    A fixed number of queries however many lessons there are: the lessons' citations are
    joined in the query, not read lesson by lesson. `page` may be a preview rebuilt from
    a revision, whose citations are in memory; `lessons` are read from the database.
    """
    lesson_ids = [lesson.pk for lesson in lessons]
    private = Page.objects.all().private_q()  # read once for both page types
    cited = []
    for relation in (page.related_guidance, page.related_standards):
        cites = Q(pk__in=relation.values_list("id", flat=True))
        if lesson_ids:
            cites |= Q(related_lessons__in=lesson_ids)
        found = relation.model.objects.filter(cites).live().exclude(private).distinct()
        if hasattr(relation.model, "superseded_by"):
            found = found.select_related("superseded_by")
        cited.extend(found)
    return sorted(cited, key=lambda item: item.title.casefold())


def featured_courses(home):
    """For the home page: the courses editors feature, and the index listing them all."""
    return {
        "featured_courses": CoursePage.objects.live()
        .public()
        .filter(featured=True)
        .order_by("path")[:3],
        "course_index": CourseIndexPage.objects.child_of(home).live().first(),
    }
