"""Every interface string is in locale/ and translated into the six languages."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale"
PO_FILES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
MAKEMESSAGES_IGNORE = [".venv", "var", ".services", "tests", "bench", "tools"]


def test_there_is_a_catalogue_for_each_interface_language():
    from django.utils.translation import to_locale

    assert sorted(po.parts[-3] for po in PO_FILES) == sorted(
        to_locale(code) for code, _name in settings.LANGUAGES
    )


@pytest.mark.parametrize("po", PO_FILES, ids=lambda po: po.parts[-3])
def test_catalogue_has_no_untranslated_or_fuzzy_entry(po):
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(po)],  # noqa: S607
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ translated messages?\.", result.stderr.strip().splitlines()[-1])


def test_makemessages_finds_no_string_missing_from_the_catalogues(tmp_path):
    # makemessages writes into the locale/ beside the sources it scans, so it runs on a
    # scratch copy of the project and the fresh catalogues are compared with ours.
    scratch_root = tmp_path / "project"
    shutil.copytree(
        ROOT,
        scratch_root,
        ignore=shutil.ignore_patterns(*MAKEMESSAGES_IGNORE, ".git", "__pycache__", "*.mo"),
    )
    scratch = scratch_root / "locale"
    command = [sys.executable, "manage.py", "makemessages", "--all", "--no-obsolete"]
    command += [f"--ignore={folder}" for folder in MAKEMESSAGES_IGNORE]
    result = subprocess.run(  # noqa: S603
        command,
        cwd=scratch_root,
        env={**os.environ, "PORTAL_VAR_DIR": str(tmp_path / "var")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr

    for po in PO_FILES:
        fresh = scratch / po.relative_to(LOCALE)
        # msgcmp lists every msgid of the fresh extraction that our catalogue lacks.
        compare = subprocess.run(  # noqa: S603
            ["msgcmp", "--use-untranslated", str(po), str(fresh)],  # noqa: S607
            capture_output=True,
            text=True,
        )
        assert compare.returncode == 0, f"{po}: strings missing from locale/:\n{compare.stderr}"


JINJA2_TEMPLATES = sorted(ROOT.glob("*/jinja2/**/*.jinja"))


def test_every_string_the_jinja2_templates_translate_is_in_the_catalogues(tmp_path):
    # makemessages reads Django's templates only: the search results (Jinja2) are read with
    # Jinja2's own extractor, and their strings compared with ours as above.
    from django.template import engines

    environment = engines["jinja2"].env
    entries = set()
    for path in JINJA2_TEMPLATES:
        for _line, _function, message in environment.extract_translations(path.read_text()):
            entries.add(message if isinstance(message, tuple) else (message,))
    assert len(entries) > 20, JINJA2_TEMPLATES  # the results page's headings, labels, notices

    def quoted(text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    lines = ['msgid ""', 'msgstr ""', quoted("Content-Type: text/plain; charset=UTF-8\n"), ""]
    for entry in sorted(entries):
        lines.append(f"msgid {quoted(entry[0])}")
        if len(entry) > 1:
            lines += [f"msgid_plural {quoted(entry[1])}", 'msgstr[0] ""', 'msgstr[1] ""']
        else:
            lines.append('msgstr ""')
        lines.append("")
    extracted = tmp_path / "jinja2.pot"
    extracted.write_text("\n".join(lines), encoding="utf-8")

    for po in PO_FILES:
        compare = subprocess.run(  # noqa: S603
            ["msgcmp", "--use-untranslated", str(po), str(extracted)],  # noqa: S607
            capture_output=True,
            text=True,
        )
        assert compare.returncode == 0, f"{po}: strings missing from locale/:\n{compare.stderr}"
