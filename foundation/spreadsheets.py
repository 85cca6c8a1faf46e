"""CSV that a spreadsheet shows as text and never runs.

A cell starting with = + - @, a tab or a carriage return is read as a formula by Excel,
LibreOffice and Google Sheets (=HYPERLINK(...) sends data away, +cmd|... runs a program).
Search queries, names, notes and glossary terms come from readers and editors, so every CSV
the portal writes goes through `writer` or `dict_writer` here, and the admin's exports
through `SafeCSVExportMixin`: such a cell gets a leading apostrophe (OWASP's advice).
Numbers and dates are left as they are, so a negative number stays a number.
Excel (xlsx) exports type every cell as text already (Wagtail does), so they need nothing.
"""

import csv

from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """`value` ready for a CSV cell: text that would start a formula gets a leading '."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _NeutralisingWriter:
    """A csv writer that neutralises every cell it is given."""

    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)

    @property
    def dialect(self):
        return self._writer.dialect


def writer(output, **options):
    """`csv.writer(output)` for the portal: every cell neutralised."""
    return _NeutralisingWriter(csv.writer(output, **options))


class DictWriter(csv.DictWriter):
    """`csv.DictWriter` whose rows, headings included, go through `neutralise`."""

    def __init__(self, output, fieldnames, **options):
        super().__init__(output, fieldnames, **options)
        self.writer = _NeutralisingWriter(self.writer)
