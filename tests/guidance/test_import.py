"""Importing guidance from HTML files: the command, the admin upload, and what survives."""

import io
import json
import re
from pathlib import Path

import pytest

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models.signals import pre_save
from django.utils import translation

from wagtail.models import GroupPagePermission, Page

from guidance.models import GuidancePage
from tests.factories import ThemePageFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

FILES = Path(__file__).parent / "import_files"
IMPORT_URL = "/admin/import-guidance/"
HOSTILE = [
    "<script",
    "onerror",
    "onclick",
    "onload",
    "onfocus",
    "onmouseover",
    "javascript:",
    "data:text",
    "<iframe",
    "<object",
    "<embed",
    "<svg",
    "<img",
    "<form",
    "<input",
    "style=",
]


def run_import(*names, **options):
    out = io.StringIO()
    call_command("import_guidance", *[str(FILES / name) for name in names], stdout=out, **options)
    return out.getvalue()


def stored_body(page, language="en"):
    return json.dumps(getattr(page, f"body_{language}").get_prep_value())


def article_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    return html.split("<article", 1)[1].split("</article>", 1)[0]


def upload(name, content=None):
    data = (FILES / name).read_bytes() if content is None else content
    return SimpleUploadedFile(name, data, content_type="text/html")


# The command -------------------------------------------------------------------------


def test_a_good_file_becomes_a_page_with_its_headings_lists_table_and_links(client, theme_page):
    output = run_import("good.html", theme=theme_page.theme.key, language="en", publish=True)

    page = GuidancePage.objects.child_of(theme_page).get()
    assert page.title == "Screening at borders"  # the <h1>, not the site-suffixed <title>
    assert page.summary == "How border officials notice and refer migrants at risk."
    assert [block.block_type for block in page.body] == [
        "paragraph",
        "heading",
        "paragraph",
        "subheading",
        "paragraph",
        "table",
        "quote",
        "heading",
        "paragraph",
    ]
    assert page.body[5].value["data"] == [
        ["Role", "Task"],
        ["Border officer", "Notice and refer"],
        ["Focal point", "Assess and assist"],
    ]
    assert list(page.themes.all()) == [theme_page.theme]
    assert page.live and page.slug == "screening-at-borders"

    html = article_of(client, page)
    assert "<h1>Screening at borders</h1>" in html
    assert '<h2 id="why-it-matters">Why it matters</h2>' in html
    assert "<h3>At the border</h3>" in html
    assert (
        "<li>Early referral <em>saves lives</em></li><li>Trust is built at first contact</li>"
        in html
    )
    assert "<ol><li>Find a private space</li><li>Call an interpreter</li></ol>" in html
    assert "<caption>Who does what</caption>" in html
    assert '<th scope="col">Role</th>' in html and "<td>Focal point</td>" in html
    assert (
        '<a href="https://example.org/screening" title="Screening guide">the full guide</a>' in html
    )
    assert '<a href="mailto:focal.point@example.org">write to the focal point</a>' in html
    assert '<a href="tel:+41227179111">the hotline</a>' in html
    assert "<blockquote><p>Notice, protect, refer.</p></blockquote>" in html
    assert "<figcaption>Training motto</figcaption>" in html
    # A link to the old site's pages cannot work here: its text stays, the link goes.
    assert "<p>See also referral pathways.</p>" in html
    assert "Home &gt; Guidance" not in html  # the old navigation
    assert f"[1/1] {FILES / 'good.html'}: “Screening at borders”, 9 blocks" in output
    assert f"{FILES / 'good.html'}:33: An image was left out" in output
    assert f"created page {page.pk} “Screening at borders” (published)" in output


def test_new_pages_are_drafts_unless_published(client, theme_page):
    run_import("good.html", theme=str(theme_page.pk), language="en")  # theme page by id

    page = GuidancePage.objects.child_of(theme_page).get()
    assert not page.live and page.has_unpublished_changes
    assert page.latest_revision is not None
    assert client.get(page.url).status_code == 404


def test_hostile_markup_is_gone_from_the_stored_body_and_the_page(client, theme_page):
    output = run_import("hostile.html", theme=theme_page.theme.key, language="en", publish=True)

    page = GuidancePage.objects.child_of(theme_page).get()
    stored = stored_body(page).lower()
    html = article_of(client, page)
    for marker in HOSTILE:
        assert marker not in stored, marker
        assert marker not in html.lower(), marker
    # The only alert left is the one the author wrote as visible, escaped text.
    assert re.findall(r"alert\(\d+\)", stored) == ["alert(19)"]
    assert re.findall(r"alert\(\d+\)", html) == ["alert(19)"]
    assert page.title == "Safe title"
    assert page.summary == "A summary with an image."
    assert "<p>Hover here and there and elsewhere and data.</p>" in html
    assert '<a href="https://ok.example/">OK link</a>' in html
    assert '<a href="https://ok.example/">Second link</a>' in html
    assert "<td>1</td><td>2</td>" in html
    assert "Literal &lt;script&gt;alert(19)&lt;/script&gt; text stays text." in html
    hostile = FILES / "hostile.html"
    assert f"{hostile}:7: A script was removed." in output
    assert f"{hostile}:9: The link to “javascript:alert(8)” was removed" in output
    assert f"{hostile}:12: An embedded frame or object was left out." in output


def test_a_bad_file_in_a_batch_leaves_no_page_and_names_the_file_and_line(theme_page):
    with pytest.raises(CommandError) as error:
        run_import("good.html", "no_title.html", theme=theme_page.theme.key, language="en")

    assert f"{FILES / 'no_title.html'}:1: The file has no title" in str(error.value)
    assert "Nothing was imported" in str(error.value)
    assert not GuidancePage.objects.exists()


def test_a_page_refused_while_saving_rolls_back_the_pages_saved_before_it(theme_page):
    def refuse_the_second_page(sender, instance, **kwargs):
        if instance.title == "Safe title":
            raise ValidationError({"title": "Refused by the site's own checks."})

    pre_save.connect(refuse_the_second_page, sender=GuidancePage)
    try:
        with pytest.raises(CommandError) as error:
            run_import("good.html", "hostile.html", theme=theme_page.theme.key, language="en")
    finally:
        pre_save.disconnect(refuse_the_second_page, sender=GuidancePage)

    assert f"{FILES / 'hostile.html'}:7: Refused by the site's own checks." in str(error.value)
    assert not GuidancePage.objects.exists()  # good.html was saved first, then rolled back


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("not_utf8.html", ":3: The file is not UTF-8 text (byte 0xe9 cannot be read)"),
        ("empty.html", ":1: The file is empty."),
        ("no_title.html", ":1: The file has no title: give it an <h1> or a <title>."),
    ],
)
def test_each_broken_file_is_refused_with_its_line(theme_page, name, expected):
    with pytest.raises(CommandError) as error:
        run_import(name, theme=theme_page.theme.key, language="en")

    assert f"{FILES / name}{expected}" in str(error.value)
    assert not GuidancePage.objects.exists()


def test_a_file_over_the_size_limit_is_refused(theme_page, tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<h1>Big</h1><p>" + b"x" * (2 * 1024 * 1024) + b"</p>")

    with pytest.raises(CommandError, match=r"big\.html:1: The file is larger than 2 MB"):
        call_command("import_guidance", str(big), theme=theme_page.theme.key, language="en")
    assert not GuidancePage.objects.exists()


def test_a_translation_is_added_to_an_existing_page_once(client, theme_page):
    run_import("good.html", theme=theme_page.theme.key, language="en", publish=True)
    page = GuidancePage.objects.get()

    run_import("good_fr.html", language="fr", update=page.pk, publish=True)

    page.refresh_from_db()
    assert page.title_en == "Screening at borders"  # English untouched
    assert page.title_fr == "Dépistage aux frontières"
    assert page.slug_fr == "depistage-aux-frontieres"
    assert page.summary_fr.startswith("Comment les agents aux frontières")
    assert [block.block_type for block in page.body_fr] == ["heading", "paragraph"]
    assert GuidancePage.objects.count() == 1
    with translation.override("fr"):
        french = article_of(client, page)
    assert "<h1>Dépistage aux frontières</h1>" in french
    assert (
        "<p><strong>Orientation</strong></p><p>Transfert vers un service spécialisé.</p>" in french
    )

    with pytest.raises(CommandError, match="already has a French version"):
        run_import("good_fr.html", language="fr", update=page.pk)


def test_a_new_page_needs_english_so_another_language_needs_update(theme_page):
    with pytest.raises(CommandError, match="--update PAGE_ID"):
        run_import("good_fr.html", theme=theme_page.theme.key, language="fr")
    assert not GuidancePage.objects.exists()


# The admin view ----------------------------------------------------------------------


@pytest.fixture
def superuser():
    return UserFactory(is_superuser=True, is_staff=True)


def editor_of(page):
    """An admin user who may add and change pages under `page` only."""
    group = Group.objects.create(name=f"Editors of {page.pk}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = UserFactory()
    user.groups.add(group)
    return user


def test_anonymous_visitors_are_sent_to_the_login(client, theme_page):
    response = client.get(IMPORT_URL)
    posted = client.post(IMPORT_URL, {"files": upload("good.html"), "language": "en"})

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/admin/import-guidance/")
    assert posted.status_code == 302 and "/admin/login/" in posted["Location"]
    assert not GuidancePage.objects.exists()


def test_an_admin_user_who_cannot_add_pages_is_refused(client, theme_page):
    group = Group.objects.create(name="Readers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory()
    user.groups.add(group)
    client.force_login(user)

    response = client.get(IMPORT_URL, follow=True)
    posted = client.post(
        IMPORT_URL,
        {"files": upload("good.html"), "language": "en", "theme": theme_page.pk},
    )

    assert response.redirect_chain == [("/admin/", 302)]
    assert "Sorry, you do not have permission to access this area." in response.content.decode()
    assert "Import guidance" not in response.content.decode()  # no menu item either
    assert posted.status_code == 302 and posted["Location"] == "/admin/"
    assert not GuidancePage.objects.exists()


def test_an_editor_can_only_import_into_the_themes_they_may_add_to(client, home, theme_page):
    other_theme = ThemePageFactory(parent=home)
    client.force_login(editor_of(theme_page))

    form = client.get(IMPORT_URL).content.decode()
    refused = client.post(
        IMPORT_URL, {"files": upload("good.html"), "language": "en", "theme": other_theme.pk}
    )
    accepted = client.post(
        IMPORT_URL, {"files": upload("good.html"), "language": "en", "theme": theme_page.pk}
    )

    assert f'<option value="{theme_page.pk}">' in form
    assert f'<option value="{other_theme.pk}">' not in form
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    assert accepted.status_code == 302
    assert list(GuidancePage.objects.values_list("title", flat=True)) == ["Screening at borders"]
    assert GuidancePage.objects.get().get_parent().pk == theme_page.pk


def test_a_superuser_uploads_files_and_sees_the_new_drafts_with_edit_links(
    client, theme_page, superuser
):
    client.force_login(superuser)

    response = client.post(
        IMPORT_URL,
        {
            "files": [upload("good.html"), upload("hostile.html")],
            "language": "en",
            "theme": theme_page.pk,
        },
        follow=True,
    )

    html = response.content.decode()
    pages = {page.title: page for page in GuidancePage.objects.child_of(theme_page)}
    assert sorted(pages) == ["Safe title", "Screening at borders"]
    assert all(not page.live and page.owner == superuser for page in pages.values())
    assert "2 files imported as drafts." in html
    for page in pages.values():
        assert f'<a href="/admin/pages/{page.pk}/edit/">{page.title}</a>' in html
    assert "line 33: An image was left out; add images in the editor." in html
    # The imported text opens in the page editor (its stored HTML is what the editor reads).
    editor = client.get(f"/admin/pages/{pages['Screening at borders'].pk}/edit/")
    assert editor.status_code == 200
    assert "Keep notes short." in editor.content.decode()
    # The result is shown once, not on every later visit.
    assert "pages from the last import" not in client.get(IMPORT_URL).content.decode()


def test_an_admin_upload_with_a_broken_file_imports_nothing_and_says_where(
    client, theme_page, superuser
):
    client.force_login(superuser)

    response = client.post(
        IMPORT_URL,
        {
            "files": [upload("good.html"), upload("not_utf8.html")],
            "language": "en",
            "theme": theme_page.pk,
        },
    )

    html = response.content.decode()
    problems = html.split("data-import-problems>", 1)[1].split("</ul>", 1)[0]
    assert response.status_code == 200
    assert "Nothing was imported." in html
    assert re.sub(r"\s+", " ", problems).strip() == (
        "<li> not_utf8.html, line 3: The file is not UTF-8 text (byte 0xe9 cannot be read); "
        "save it as UTF-8 and try again. </li>"
    )
    assert not GuidancePage.objects.exists()
    assert Page.objects.filter(title="Screening at borders").count() == 0


def test_the_admin_refuses_files_that_are_not_html(client, theme_page, superuser):
    client.force_login(superuser)

    response = client.post(
        IMPORT_URL,
        {"files": upload("notes.txt", b"<h1>Notes</h1>"), "language": "en", "theme": theme_page.pk},
    )

    assert "“notes.txt” is not an HTML file (.html or .htm)." in response.content.decode()
    assert not GuidancePage.objects.exists()


def test_an_editor_adds_a_translation_only_to_a_page_they_may_edit(client, home, theme_page):
    run_import("good.html", theme=theme_page.theme.key, language="en", publish=True)
    page = GuidancePage.objects.get()
    other_theme = ThemePageFactory(parent=home)
    french = {"files": upload("good_fr.html"), "language": "fr", "page": page.pk}

    client.force_login(editor_of(other_theme))
    refused = client.post(IMPORT_URL, french)
    client.force_login(editor_of(theme_page))
    accepted = client.post(IMPORT_URL, {**french, "files": upload("good_fr.html")}, follow=True)

    assert "You may not edit this page." in refused.content.decode()
    assert "1 file imported as a draft." in accepted.content.decode()
    assert "Translation saved as a draft" in accepted.content.decode()
    page.refresh_from_db()
    assert page.title_fr is None  # the live page is unchanged until the draft is published
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title_fr == "Dépistage aux frontières"


def test_wagtail_link_and_embed_markup_in_a_file_is_imported_as_plain_text(
    client, theme_page, tmp_path
):
    source = tmp_path / "links.html"
    source.write_text(
        "<html><head><title>Links</title></head><body><p>Where to find the forms.</p>"
        '<p>Fill in <a linktype="document" id="abc">the intake form</a>, read '
        '<a linktype="page" id="1">the home page</a> and <a linktype="page">this</a>.</p>'
        '<embed embedtype="media"/><embed embedtype="image" id="abc" format="x"/>'
        "</body></html>",
        encoding="utf-8",
    )
    call_command(
        "import_guidance", str(source), theme=theme_page.theme.key, language="en", publish=True
    )

    page = GuidancePage.objects.child_of(theme_page).get()
    html = article_of(client, page)
    assert "linktype" not in stored_body(page)
    assert "embed" not in stored_body(page)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert "Fill in the intake form, read the home page and this." in text
