"""The text inside uploaded documents, for search.

PDF goes through poppler's `pdftotext` (a separate process with a time limit, so a
hostile or broken file can neither hang nor crash the portal); Word (.docx) is read from
its XML with defusedxml; plain text and CSV are decoded as UTF-8. Anything else, and any
file that cannot be read, gives no text: the document is then found by its title only.
"""

import io
import logging
import re
import shutil
import subprocess
import zipfile

from defusedxml import ElementTree

logger = logging.getLogger(__name__)

MAX_TEXT = 200_000  # characters kept per document: enough to find it, bounded for the index
MAX_FILE_BYTES = 50 * 1024 * 1024  # larger uploads are indexed by their title only
MAX_XML_BYTES = 20 * 1024 * 1024  # uncompressed word/document.xml: refuses zip bombs
PDF_TIMEOUT_SECONDS = 30
PDF_MAX_PAGES = 500

WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Direction marks pdftotext puts around right-to-left runs; they only get in the way of words.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
BLANK_LINES = re.compile(r"\n\s*\n+")


class Unreadable(Exception):
    """The file is not what its extension says, or could not be read."""


def _read(document):
    with document.open_file() as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise Unreadable(f"larger than {MAX_FILE_BYTES} bytes")
    return data


def pdf_text(data):
    executable = shutil.which("pdftotext")
    if executable is None:
        raise Unreadable("pdftotext is not installed (Debian package poppler-utils)")
    try:
        completed = subprocess.run(  # noqa: S603 - fixed arguments, the file comes on stdin
            [executable, "-q", "-enc", "UTF-8", "-l", str(PDF_MAX_PAGES), "-", "-"],
            input=data,
            capture_output=True,
            timeout=PDF_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise Unreadable(f"pdftotext took longer than {PDF_TIMEOUT_SECONDS} s") from error
    if completed.returncode != 0:
        raise Unreadable(f"pdftotext exited with {completed.returncode}")
    return completed.stdout.decode("utf-8", errors="replace")


def docx_text(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_XML_BYTES:
                raise Unreadable("word/document.xml is too large")
            xml = archive.read(info)
    except (zipfile.BadZipFile, KeyError) as error:
        raise Unreadable(f"not a Word document: {error}") from error
    root = ElementTree.fromstring(xml)
    paragraphs = []
    for paragraph in root.iter(f"{WORD_NS}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{WORD_NS}t" and node.text:
                parts.append(node.text)
            elif node.tag in (f"{WORD_NS}tab", f"{WORD_NS}br", f"{WORD_NS}cr"):
                parts.append(" ")
        text = "".join(parts).strip()
        if text:
            paragraphs.append(text)
    return "\n".join(paragraphs)


def plain_text(data):
    return data[: MAX_TEXT * 4].decode("utf-8", errors="replace")  # UTF-8: 4 bytes at most


EXTRACTORS = {"pdf": pdf_text, "docx": docx_text, "txt": plain_text, "csv": plain_text}


def clean(text):
    text = BIDI_CONTROLS.sub("", text).replace("\x00", "").replace("\f", "\n")
    return BLANK_LINES.sub("\n\n", text).strip()[:MAX_TEXT]


def document_text(document):
    """The text of an uploaded document, or "" when its type is not read or it is broken.

    Never raises: a broken upload must not stop the document (or a rebuild) from being
    indexed by its title.
    """
    extractor = EXTRACTORS.get(document.file_extension.lower())
    if extractor is None:
        return ""
    try:
        return clean(extractor(_read(document)))
    except Exception as error:  # a broken or hostile file of any kind: log it, index the title
        logger.warning(
            "No text read from document %s (%s): %s", document.pk, document.filename, error
        )
        return ""
