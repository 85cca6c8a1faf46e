"""Every page type has a factory that builds a valid page, which publishes and renders."""

import pytest

from django.utils import translation

from wagtail.models import get_page_models

from tests import factories

pytestmark = [pytest.mark.django_db]

PAGE_APPS = {"portal", "guidance", "courses"}


def page_factories():
    return [
        value
        for value in vars(factories).values()
        if isinstance(value, type)
        and issubclass(value, factories.wagtail_factories.PageFactory)
        and not value._meta.abstract  # builds nothing itself (the shared base)
    ]


def test_every_page_type_has_a_factory():
    covered = {factory._meta.get_model_class() for factory in page_factories()}
    page_types = {
        model
        for model in get_page_models()
        if model._meta.app_label in PAGE_APPS and not model._meta.abstract
    }
    assert page_types - covered == set()


def test_each_factory_builds_a_page_that_publishes_and_renders(client, home):
    theme = factories.ThemePageFactory(parent=home)
    course_index = factories.CourseIndexPageFactory(parent=home)
    course = factories.CoursePageFactory(parent=course_index)
    module = factories.ModulePageFactory(parent=course)
    pages = [
        home,
        theme,
        factories.GuidancePageFactory(parent=theme),
        factories.StandardPageFactory(parent=theme),
        factories.ToolPageFactory(parent=theme),
        factories.LibraryIndexPageFactory(parent=home),
        factories.GlossaryPageFactory(parent=home),
        factories.InformationPageFactory(parent=home),
        course_index,
        course,
        module,
        factories.LessonPageFactory(parent=module),
    ]
    assert {type(page) for page in pages} == {
        factory._meta.get_model_class() for factory in page_factories()
    }

    for page in pages:
        page.full_clean()  # valid as the admin would save it
        page.save_revision().publish()
    for page in pages:
        page.refresh_from_db()
        assert page.live, page
        with translation.override("en"):
            response = client.get(page.url)
        assert response.status_code == 200, page
        assert page.title in response.content.decode(), page
