"""Factories for pages and users, shared by every test package."""

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
