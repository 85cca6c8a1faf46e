"""The segments a translator works on: stable ids, English beside the target, written back."""

import pytest

from django.core.exceptions import ValidationError

from guidance.translation_segments import PLAIN, RICH, apply_segments, segments
from tests.conftest import publish
from tests.factories import GuidancePageFactory, StandardPageFactory

BODY = [
    ("heading", "Why it matters"),
    ("paragraph", '<p>Read <b>this</b> and <a href="https://example.org/x">that</a>.</p>'),
    ("checklist", {"title": "Before", "items": ["Interpreter booked", "Room ready"]}),
    (
        "table",
        {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Who does what",
            "data": [["Role", "Task"], ["Officer", None]],
        },
    ),
]


@pytest.fixture
def page(theme_page):
    return publish(
        GuidancePageFactory(
            parent=theme_page,
            title="Screening",
            summary="How to screen.",
            who_for="",
            body=BODY,
        )
    )


def by_id(page, language="ar"):
    return {segment.id: segment for segment in segments(page, language)}


@pytest.mark.django_db
def test_every_text_is_a_segment_with_a_readable_label(page):
    found = segments(page, "ar")
    ids = [segment.id for segment in found]
    assert ids[:2] == ["title", "summary"]  # empty English (who_for, SEO) is left out
    heading, paragraph = page.body[0], page.body[1]
    assert f"body.{heading.id}" in ids
    rich = by_id(page)[f"body.{paragraph.id}"]
    assert rich.kind == RICH and "<b>this</b>" in rich.source and rich.target == ""
    items = [s for s in found if s.id.startswith(f"body.{page.body[2].id}.items.")]
    assert [s.source for s in items] == ["Interpreter booked", "Room ready"]
    assert items[1].label == "Body › 3. Checklist › Items › Item 2"
    cells = [s for s in found if ".cell." in s.id]
    assert [s.source for s in cells] == ["Role", "Task", "Officer"]
    assert all(s.kind == PLAIN for s in cells)


@pytest.mark.django_db
def test_ids_do_not_move_when_blocks_are_added_or_reordered(page):
    before = {s.id: s.source for s in segments(page, "fr")}
    page.body.insert(0, ("subheading", "New first block"))
    page.body = list(reversed(page.body.get_prep_value()))
    page.save()
    assert segments(page, "fr")[2].source == "Who does what"
    after = {s.id: s.source for s in segments(page, "fr")}
    assert all(after[segment_id] == source for segment_id, source in before.items())


@pytest.mark.django_db
def test_applied_values_fill_the_target_stream_aligned_to_english(page):
    ids = by_id(page)
    paragraph_id = f"body.{page.body[1].id}"
    item_id = next(i for i in ids if ".items." in i)
    apply_segments(
        page,
        "ar",
        {
            "title": "الفحص",
            paragraph_id: '<p>اقرأ <b>هذا</b> <a href="https://example.org/x">ذلك</a>'
            "<script>alert(1)</script></p>",
            item_id: "حجز مترجم",
        },
    )
    page.save()
    page.refresh_from_db()
    assert page.title_ar == "الفحص"
    assert [block.id for block in page.body_ar] == [block.id for block in page.body_en]
    assert page.body_ar[1].value.source == (
        '<p>اقرأ <b>هذا</b> <a href="https://example.org/x">ذلك</a>alert(1)</p>'
    )
    assert list(page.body_ar[2].value["items"]) == ["حجز مترجم", "Room ready"]
    again = by_id(page)
    assert again[item_id].target == "حجز مترجم"
    assert again["title"].target == "الفحص"


@pytest.mark.django_db
def test_a_bad_value_names_the_segment_and_changes_nothing(page):
    ids = list(by_id(page))
    with pytest.raises(ValidationError, match="nope"):
        apply_segments(page, "fr", {"title": "Dépistage", "nope": "x"})
    assert page.title_fr in (None, "")
    with pytest.raises(ValidationError, match=r"Title \(title\): at most 255"):
        apply_segments(page, "fr", {"title": "x" * 256})
    heading = ids[2]
    with pytest.raises(ValidationError, match="cannot be empty"):
        apply_segments(page, "fr", {heading: "  "})
    with pytest.raises(ValidationError, match="not a language"):
        apply_segments(page, "en", {"title": "x"})


@pytest.mark.django_db
def test_standards_nested_lists_have_their_own_segments(theme_page):
    page = publish(StandardPageFactory(parent=theme_page))
    block = page.standards[0]
    indicator = block.value["indicators"].bound_blocks[0]
    segment_id = f"standards.{block.id}.indicators.{indicator.id}.target"
    assert by_id(page, "ru")[segment_id].source == "90%"
    apply_segments(page, "ru", {segment_id: "90 %"})
    assert page.standards_ru[0].value["indicators"][0]["target"] == "90 %"
    assert page.standards_ru[0].value["number"] == "1"


@pytest.mark.django_db
def test_a_translation_made_in_the_form_is_matched_block_by_block(page):
    # Typed in the page form, the French body has blocks (and items) of its own ids.
    page.body_fr = [
        ("heading", "Pourquoi c’est important"),
        ("paragraph", "<p>Lisez <b>ceci</b>.</p>"),
        ("checklist", {"title": "Avant", "items": ["Interprète réservé", "Salle prête"]}),
    ]
    page.save()
    found = by_id(page, "fr")
    heading, paragraph, checklist = (f"body.{block.id}" for block in page.body[:3])
    assert found[heading].target == "Pourquoi c’est important"
    assert found[f"{checklist}.title"].target == "Avant"
    items = [s for s in found.values() if s.id.startswith(f"{checklist}.items.")]
    assert [s.target for s in items] == ["Interprète réservé", "Salle prête"]
    assert found[f"body.{page.body[3].id}.caption"].target == ""  # no French table yet

    apply_segments(page, "fr", {paragraph: "<p>Lisez <b>cela</b>.</p>"})
    assert [block.id for block in page.body_fr] == [block.id for block in page.body]
    assert page.body_fr[0].value == "Pourquoi c’est important"  # kept, now under the English id
    assert page.body_fr[1].value.source == "<p>Lisez <b>cela</b>.</p>"
    assert list(page.body_fr[2].value["items"]) == ["Interprète réservé", "Salle prête"]
    assert page.body_fr[3].value["table_caption"] == "Who does what"  # English until translated
