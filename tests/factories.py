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
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True
