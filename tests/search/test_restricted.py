"""Drafts, unpublished, deleted and view-restricted pages never show, in either engine.

Not in results, totals, facet counts, the English fallback, "did you mean", or the
suggestions as you type. Each hidden page carries a word of its own (and the word
"safeguarding" that the one public page has too), so a leak names its source.
"""

import pytest

from wagtail.models import PageViewRestriction

from search import engine
from tests.factories import ThemePageFactory
from tests.search.conftest import written_in

pytestmark = pytest.mark.django_db

# hidden page -> (its own word, the same word misspelt, the start of its title)
SECRETS = {
    "draft": ("zephyrinus", "zephyrinos", "Zephyr"),
    "newer draft": ("obsidianic", "obsidianik", "Obsidi"),
    "unpublished": ("marigoldia", "marigoldya", "Marigo"),
    "deleted": ("tamariskel", "tamariskal", "Tamari"),
    "login": ("quercitron", "quercitran", "Quercit"),
    "password": ("vermiculon", "vermiculan", "Vermicu"),
    "parent restricted later": ("halcyonide", "halcyonida", "Halcyo"),
    "parent restricted first": ("peregrinox", "peregrinax", "Peregri"),
}


def secret_page(parent, name):
    word = SECRETS[name][0]
    title = f"{word.capitalize()} handbook"
    return written_in(
        parent, {"en": (title, f"Safeguarding with {word}.", f"The {word} safeguarding method.")}
    )


@pytest.fixture
def hidden(search_engine, home, theme_page):
    """One public page, and one page hidden in each way, each indexed first if it can be."""
    engine_ = search_engine
    public = engine_.publish(
        written_in(
            theme_page,
            {"en": ("Safeguarding handbook", "Safeguarding for all.", "Public safeguarding.")},
        )
    )
    secret_page(theme_page, "draft")  # never published

    newer = engine_.publish(
        written_in(theme_page, {"en": ("Obsolete handbook", "Old text.", "Old words.")})
    )
    draft = secret_page(theme_page, "newer draft")  # its text, saved as a draft of `newer`
    newer.title, newer.summary, newer.body = draft.title, draft.summary, draft.body
    newer.save_revision()
    with engine_.changes():
        draft.delete()

    engine_.unpublish(engine_.publish(secret_page(theme_page, "unpublished")))

    deleted = engine_.publish(secret_page(theme_page, "deleted"))
    with engine_.changes():
        deleted.delete()

    for name, kind in (
        ("login", PageViewRestriction.LOGIN),
        ("password", PageViewRestriction.PASSWORD),
    ):
        page = engine_.publish(secret_page(theme_page, name))
        with engine_.changes():
            PageViewRestriction.objects.create(
                page=page, restriction_type=kind, password="s3cret-phrase"
            )

    private_theme = ThemePageFactory(parent=home)
    later = engine_.publish(secret_page(private_theme, "parent restricted later"))
    with engine_.changes():
        PageViewRestriction.objects.create(
            page=private_theme, restriction_type=PageViewRestriction.LOGIN
        )
    engine_.publish(secret_page(private_theme, "parent restricted first"))
    assert later.get_view_restrictions().exists()
    return public


def test_only_the_public_page_is_found_and_counted(hidden, search_engine):
    for language in ("en", "fr"):
        results = engine.search("safeguarding", language, per_page=50)

        assert results.engine == search_engine.name
        found = [hit.object_id for hit in results.hits + results.english_hits]
        assert found == [hidden.pk], language
        assert results.total + results.english_total == 1
        assert results.suggestion == ""
    results = engine.search("safeguarding", "en")
    assert results.facets["kind"] == {"guidance": 1}
    assert results.facets["languages"] == {"en": 1}


def test_a_hidden_pages_words_find_nothing_and_suggest_nothing(hidden, search_engine, client):
    for name, (word, misspelt, _title) in SECRETS.items():
        for query in (word, misspelt, f"{word} safeguarding"):
            for language in ("en", "fr"):
                results = engine.search(query, language)
                where = (name, query, language)
                # Only the public page, and only for the word it has ("safeguarding").
                public = [hidden.pk] if query.endswith("safeguarding") else []
                found = [hit.object_id for hit in results.hits + results.english_hits]
                assert found in ([], public), where
                assert results.total + results.english_total == len(found), where
                assert not any(word in hit.title_html + hit.snippet_html for hit in results.hits)
                assert word not in results.suggestion, where
                assert sum(results.facets.get("kind", {}).values()) == results.total, where
        page_html = client.get("/en/search/", {"q": misspelt}).content.decode()
        assert f"0 results for “{misspelt}”" in page_html, name
        assert "search-hit" not in page_html and word not in page_html, name


def test_suggestions_as_you_type_offer_public_titles_only(hidden, search_engine, client):
    assert [item["title"] for item in engine.autocomplete("safeguard", "en")] == [
        "Safeguarding handbook"
    ]
    for name, (_word, _misspelt, title_start) in SECRETS.items():
        assert engine.autocomplete(title_start, "en") == [], name
        response = client.get("/en/search/suggest/", {"q": title_start})
        assert response.json() == {"suggestions": []}, name
