"""Factories for every page type, and for users, shared by every test package.

Each page factory builds a valid page that publishes and renders under the parent its
type allows (tests/test_factories.py): home > theme > guidance, standard, tool; home >
library index, glossary, information pages; home > course index > course > module >
lesson. Pass `parent=` to create one in the tree.
"""

import factory
import wagtail_factories

from django.contrib.auth import get_user_model

from portal.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = factory.Sequence(lambda n: f"home-{n}")

    class Meta:
        model = HomePage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery")

    class Meta:
        model = get_user_model()


class ThemeFactory(factory.django.DjangoModelFactory):
    key = factory.Sequence(lambda n: f"theme-{n}")
    title = factory.Sequence(lambda n: f"Theme {n}")
    summary = "What this theme covers."

    class Meta:
        model = "guidance.Theme"


class ThemePageFactory(wagtail_factories.PageFactory):
    title = factory.LazyAttribute(lambda page: page.theme.title)
    slug = factory.LazyAttribute(lambda page: page.theme.key)
    theme = factory.SubFactory(ThemeFactory)

    class Meta:
        model = "guidance.ThemePage"


class GuidancePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Guidance {n}")
    slug = factory.Sequence(lambda n: f"guidance-{n}")
    summary = "A short summary."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Body text.</p>")])

    class Meta:
        model = "guidance.GuidancePage"


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard {n}")
    slug = factory.Sequence(lambda n: f"standard-{n}")
    summary = "Minimum standards."
    edition = "1st edition, 2024"
    standards = factory.LazyFunction(
        lambda: [
            (
                "standard",
                {
                    "number": "1",
                    "title": "Trained staff",
                    "statement": "Every shift has a trained focal point.",
                    "key_actions": ["Train staff"],
                    "indicators": [{"indicator": "Staff trained", "target": "90%"}],
                    "guidance_notes": "",
                },
            )
        ]
    )

    class Meta:
        model = "guidance.StandardPage"


class ToolPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Tool {n}")
    slug = factory.Sequence(lambda n: f"tool-{n}")
    summary = "A checklist."
    tool_kind = "checklist"

    class Meta:
        model = "guidance.ToolPage"


class InformationPageFactory(wagtail_factories.PageFactory):
    """Each kind exists once: pass another `kind` for a second page."""

    title = "About the portal"
    slug = factory.Sequence(lambda n: f"about-{n}")
    kind = "about"
    body = "<p>Who runs the portal and why.</p>"

    class Meta:
        model = "portal.InformationPage"


class LibraryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Library"
    slug = factory.Sequence(lambda n: f"library-{n}")
    intro = "<p>Every guidance page, standard and tool.</p>"

    class Meta:
        model = "guidance.LibraryIndexPage"


class GlossaryPageFactory(wagtail_factories.PageFactory):
    title = "Glossary"
    slug = factory.Sequence(lambda n: f"glossary-{n}")
    intro = "<p>The terms the guidance uses.</p>"

    class Meta:
        model = "guidance.GlossaryPage"


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Courses"
    slug = factory.Sequence(lambda n: f"courses-{n}")
    intro = "<p>Training for officials and service providers.</p>"

    class Meta:
        model = "courses.CourseIndexPage"


class CoursePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    overview = "<p>How to meet a person in a vulnerable situation safely.</p>"
    objectives = "Notice signs of risk\nRefer with consent"
    level = "introductory"
    duration_minutes = 45

    class Meta:
        model = "courses.CoursePage"


class ModulePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")

    class Meta:
        model = "courses.ModulePage"


class LessonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    body = factory.LazyFunction(lambda: [("paragraph", "<p>First contact matters.</p>")])
    duration_minutes = 10

    class Meta:
        model = "courses.LessonPage"
