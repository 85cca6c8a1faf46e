"""Factories for every page type, and for users, shared by every test package.

Each page factory builds a valid page that publishes and renders under the parent its
type allows (tests/test_factories.py): home > theme > guidance, standard, tool; home >
library index, glossary, information pages; home > course index > course > module >
lesson. Pass `parent=` to create one in the tree.
"""

import factory
import wagtail_factories

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from portal.models import HomePage


class TranslatedPageFactory(wagtail_factories.PageFactory):
    """What every page factory shares: the English title (the type's `name` and a number,
    unless the factory or the test gives one) and a slug of the name and the same number,
    unique among siblings whatever the title. A factory names its type in its own Params
    (a plain class attribute would not override a parameter)."""

    class Params:
        name = "Page"

    title = factory.LazyAttributeSequence(lambda page, n: f"{page.name} {n}")
    slug = factory.LazyAttributeSequence(lambda page, n: f"{slugify(page.name)}-{n}")

    class Meta:
        abstract = True


class HomePageFactory(TranslatedPageFactory):
    class Params:
        name = "Home"

    title = "Home"

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


class ThemePageFactory(TranslatedPageFactory):
    title = factory.LazyAttribute(lambda page: page.theme.title)
    slug = factory.LazyAttribute(lambda page: page.theme.key)
    theme = factory.SubFactory(ThemeFactory)

    class Meta:
        model = "guidance.ThemePage"


class GuidancePageFactory(TranslatedPageFactory):
    class Params:
        name = "Guidance"

    summary = "A short summary."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Body text.</p>")])

    class Meta:
        model = "guidance.GuidancePage"


class StandardPageFactory(TranslatedPageFactory):
    class Params:
        name = "Standard"

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


class ToolPageFactory(TranslatedPageFactory):
    class Params:
        name = "Tool"

    summary = "A checklist."
    tool_kind = "checklist"

    class Meta:
        model = "guidance.ToolPage"


class InformationPageFactory(TranslatedPageFactory):
    """Each kind exists once: pass another `kind` for a second page."""

    class Params:
        name = "About"

    title = "About the portal"
    kind = "about"
    body = "<p>Who runs the portal and why.</p>"

    class Meta:
        model = "portal.InformationPage"


class LibraryIndexPageFactory(TranslatedPageFactory):
    class Params:
        name = "Library"

    title = "Library"
    intro = "<p>Every guidance page, standard and tool.</p>"

    class Meta:
        model = "guidance.LibraryIndexPage"


class GlossaryPageFactory(TranslatedPageFactory):
    class Params:
        name = "Glossary"

    title = "Glossary"
    intro = "<p>The terms the guidance uses.</p>"

    class Meta:
        model = "guidance.GlossaryPage"


class CourseIndexPageFactory(TranslatedPageFactory):
    class Params:
        name = "Courses"

    title = "Courses"
    intro = "<p>Training for officials and service providers.</p>"

    class Meta:
        model = "courses.CourseIndexPage"


class CoursePageFactory(TranslatedPageFactory):
    class Params:
        name = "Course"

    overview = "<p>How to meet a person in a vulnerable situation safely.</p>"
    objectives = "Notice signs of risk\nRefer with consent"
    level = "introductory"
    duration_minutes = 45

    class Meta:
        model = "courses.CoursePage"


class ModulePageFactory(TranslatedPageFactory):
    class Params:
        name = "Module"

    class Meta:
        model = "courses.ModulePage"


class LessonPageFactory(TranslatedPageFactory):
    class Params:
        name = "Lesson"

    body = factory.LazyFunction(lambda: [("paragraph", "<p>First contact matters.</p>")])
    duration_minutes = 10

    class Meta:
        model = "courses.LessonPage"
