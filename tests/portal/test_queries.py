"""A page that has to be rendered costs a small, fixed number of database queries, whatever
its type and language, and writes nothing (views are counted in the cache)."""

import pytest

from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from courses.models import LessonPage, ModulePage
from guidance.listing import LibraryFilter
from guidance.models import Audience, GlossaryPage, GlossaryTerm, GuidancePage, LibraryIndexPage
from tests.conftest import publish
from tests.courses.conftest import add, build_course
from tests.factories import GuidancePageFactory, StandardPageFactory, ToolPageFactory

pytestmark = [pytest.mark.django_db]

# The most queries each page type may make on a render with per-process caches warm (the
# main navigation and footer), as measured; the theme and library pages made 44 and 53
# before their listings read each page type once.
LIMITS = {
    "home": 14,
    "theme": 20,
    "guidance": 20,
    "standard": 18,
    "tool": 18,
    "glossary": 9,
    "library": 20,
    # The guidance a course and its lessons teach is read in one query per page type,
    # however many lessons (34 and 26 when it was read lesson by lesson).
    "course": 17,
    "lesson": 25,
}


@pytest.fixture
def site(settings, home, theme_page):
    settings.PAGE_CACHE_ENABLED = False  # every request renders
    audience = Audience.objects.create(key="officials", title="Officials")
    GlossaryTerm.objects.create(key="guardian", term="Guardian", definition="An adult.")
    glossary = GlossaryPage(title="Glossary", slug="glossary")
    home.add_child(instance=glossary)
    library = LibraryIndexPage(title="Library", slug="library")
    home.add_child(instance=library)
    pages = {"home": home, "theme": theme_page, "glossary": publish(glossary)}
    pages["library"] = publish(library)
    for name, factory in (
        ("standard", StandardPageFactory),
        ("tool", ToolPageFactory),
        ("guidance", GuidancePageFactory),
    ):
        page = factory(parent=theme_page)
        page.themes.add(theme_page.theme)
        page.audiences.add(audience)
        pages[name] = publish(page)
    guidance = pages["guidance"]
    guidance.body = [
        ("heading", "Who is a guardian"),
        ("paragraph", "<p>Call the guardian.</p>"),
        ("heading", "Next"),
    ]
    guidance.related_standards.add(pages["standard"])
    guidance.related_tools.add(pages["tool"])
    guidance.title_ar, guidance.summary_ar, guidance.slug_ar = "إرشاد", "ملخص.", "irshad"
    publish(guidance)
    course = build_course(home)
    pages["course"] = course.course
    pages["lesson"] = course.check
    return pages


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("kind", list(LIMITS))
def test_a_page_renders_with_a_few_queries_and_writes_nothing(
    client, site, kind, language, django_assert_max_num_queries
):
    with translation.override(language):
        url = site[kind].url
    client.get(url)  # per-process caches warm, as on a server that has served a page

    with django_assert_max_num_queries(LIMITS[kind]) as captured:
        response = client.get(url)

    assert response.status_code == 200
    writes = [q["sql"] for q in captured if q["sql"].split()[0] in ("INSERT", "UPDATE")]
    assert writes == []


def test_a_course_page_costs_the_same_queries_however_many_lessons_it_has(client, site):
    """Each lesson cites guidance, yet three more lessons add no query to the course page."""
    course, guidance, standard = site["course"], site["guidance"], site["standard"]
    for lesson in LessonPage.objects.descendant_of(course):
        lesson.related_guidance.add(guidance)
        publish(lesson)

    def render():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(course.url)
        return response, len(captured)

    render()  # per-process caches warm
    _response, before = render()

    module = add(course, ModulePage(title="Module 3: Following up", slug="following-up"))
    for number in range(3):
        lesson = LessonPage(
            title=f"Follow-up {number}",
            slug=f"follow-up-{number}",
            body=[("paragraph", "<p>Call back.</p>")],
        )
        module.add_child(instance=lesson)
        lesson.related_standards.add(standard)
        publish(lesson)

    render()  # publishing cleared the per-process caches
    response, after = render()
    assert "Follow-up 2" in response.text  # the new lessons are listed
    cited = response.text.split('id="cited-heading"')[1]
    assert guidance.title in cited and standard.title in cited
    assert after == before


def test_a_listing_query_is_not_compiled_before_it_runs(site):
    """Tables without statistics yet (a new database, or just after a load) make the
    planner expect billions of rows from the listing's three many-to-many joins: with
    PostgreSQL's JIT on, each such query was compiled for a third of a second."""
    listing = LibraryFilter(QueryDict()).rows_of(GuidancePage)

    plan = listing.explain(analyze=True)

    assert "JIT:" not in plan, plan
