"""Documents and courses in the real Elasticsearch: words inside PDF and Word files are found
with the pages using them; private documents never are; training is labelled."""

import pytest

from django.core.management import call_command
from django.utils import translation

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from search import engine
from tests.conftest import publish
from tests.search.documents_helpers import (
    docx_bytes,
    pdf_bytes,
    private_collection,
    tool_offering,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run what is queued for Elasticsearch when the block ends, as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_words_inside_a_pdf_and_a_word_file_are_found_once_each(elastic, sent, theme_page):
    with sent():
        card = upload(
            "Pocket card",
            "card.pdf",
            pdf_bytes("Pocket card", "Shelters near the quokkafjord crossings."),
        )
        form = upload("Intake form", "intake.docx", docx_bytes("Shelter at quokkafjord camp"))
        tool = tool_offering(theme_page, card, title="First aid kit", slug="first-aid-kit")

    found = engine.search("quokkafjord", "en")

    assert found.engine == "elasticsearch" and not found.degraded
    # The card is the tool's download: one result, the tool, with the card listed under it.
    hits = {(hit.kind, hit.object_id): hit for hit in found.hits}
    assert set(hits) == {("tool", tool.pk), ("document", form.pk)}
    assert [item["url"] for item in hits["tool", tool.pk].files] == [card.url]
    assert hits["document", form.pk].file_type == "DOCX" and hits["document", form.pk].used_on == []
    assert "<mark>quokkafjord</mark>" in hits["tool", tool.pk].snippet_html
    assert found.facets["kind"] == {"document": 1, "tool": 1}
    # Stemming reaches inside documents too: "shelter" finds "Shelters".
    shelter = {(hit.kind, hit.object_id) for hit in engine.search("shelter", "en").hits}
    assert shelter == {("tool", tool.pk), ("document", form.pk)}


def test_word_file_offered_in_russian_is_searched_with_the_russian_analyzer(
    elastic, sent, theme_page
):
    with sent():
        form = upload("Форма", "forma.docx", docx_bytes("Направление к партнёрам"))
        tool = tool_offering(
            theme_page, form, language="ru", title="Form", title_ru="Форма", summary_ru="Бланк."
        )

    found = engine.search("партнёр", "ru")

    assert [(hit.kind, hit.object_id) for hit in found.hits] == [("tool", tool.pk)]
    with translation.override("ru"):
        assert found.hits[0].url == tool.url
    assert found.hits[0].files[0]["language"] == "ru"


def test_document_in_a_private_collection_is_never_found(elastic, sent, theme_page):
    with sent():
        upload(
            "Trainer answer key",
            "answers.pdf",
            pdf_bytes("Answer key", "The answer is brumbleton."),
            collection=private_collection(),
        )
        visible = upload("Answer sheet", "sheet.txt", b"Blank answer sheet.")

    assert engine.search("brumbleton", "en").total == 0
    found = engine.search("answer", "en")
    assert [hit.object_id for hit in found.hits] == [visible.pk]
    assert found.facets["kind"] == {"document": 1}
    assert [item["title"] for item in engine.autocomplete("answer", "en")] == ["Answer sheet"]
    assert elastic.count() == 1


def test_making_the_collection_private_removes_its_documents_from_the_index(
    elastic, sent, theme_page
):
    from wagtail.models import CollectionViewRestriction

    collection = private_collection("Later private")
    with sent():
        CollectionViewRestriction.objects.filter(collection=collection).delete()
        memo = upload("Memo", "memo.txt", b"Meet at the plovdivia gate.", collection)
    assert [hit.object_id for hit in engine.search("plovdivia", "en").hits] == [memo.pk]

    with sent():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )

    assert engine.search("plovdivia", "en").total == 0
    assert elastic.count() == 0


def test_broken_pdf_does_not_break_a_full_rebuild(elastic, sent, theme_page):
    with sent():
        broken = upload("Damaged handbook", "damaged.pdf", b"%PDF-1.4\n no PDF inside")
        fine = upload("Working card", "card.pdf", pdf_bytes("Card", "The trelliswick route."))

    call_command("rebuild_search")

    assert [hit.object_id for hit in engine.search("damaged handbook", "en").hits] == [broken.pk]
    assert [hit.object_id for hit in engine.search("trelliswick", "en").hits] == [fine.pk]


def test_courses_and_lessons_are_found_as_training_without_facilitator_material(
    elastic, sent, home
):
    def add(parent, page):
        parent.add_child(instance=page)
        return publish(page)

    with sent():
        index = add(home, CourseIndexPage(title="Courses", slug="courses"))
        course = add(
            index,
            CoursePage(
                title="Safe first contact",
                slug="safe-first-contact",
                overview="<p>Meeting people at the marrowgate checkpoints.</p>",
                facilitator_notes="<p>Session plan: the quillbarrow role-play.</p>",
            ),
        )
        module = add(course, ModulePage(title="Module 1", slug="module-1"))
        lesson = add(
            module,
            LessonPage(
                title="Interpreters at marrowgate",
                slug="interpreters",
                body=[("paragraph", "<p>Ask for a professional interpreter.</p>")],
            ),
        )

    found = engine.search("marrowgate", "en")

    assert {(hit.kind, hit.object_id) for hit in found.hits} == {
        ("course", course.pk),
        ("lesson", lesson.pk),
    }
    assert found.facets["kind"] == {"course": 1, "lesson": 1}
    assert engine.search("quillbarrow", "en").total == 0
