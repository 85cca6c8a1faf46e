"""The portal's CSV writer: formulas from any source reach a spreadsheet as text."""

import csv
import io

from django.utils.translation import gettext_lazy

from foundation import spreadsheets
from tests.spreadsheet_payloads import PAYLOADS, spreadsheet_sees


def read_back(text):
    return list(csv.reader(io.StringIO(text, newline="")))


def test_every_payload_is_text_to_a_spreadsheet_and_keeps_its_characters():
    output = io.StringIO(newline="")
    spreadsheets.writer(output).writerows([[payload, "plain"] for payload in PAYLOADS])

    rows = read_back(output.getvalue())

    assert [spreadsheet_sees(row[0]) for row in rows] == [("text", p) for p in PAYLOADS]
    assert {row[1] for row in rows} == {"plain"}


def test_numbers_dates_and_ordinary_text_are_left_alone():
    output = io.StringIO(newline="")
    spreadsheets.writer(output).writerow([-5, 3.5, None, "AVRR - return", gettext_lazy("Query")])

    assert read_back(output.getvalue()) == [["-5", "3.5", "", "AVRR - return", "Query"]]


def test_the_dict_writer_neutralises_headings_and_rows():
    output = io.StringIO(newline="")
    writer = spreadsheets.DictWriter(output, fieldnames=["query"])
    writer.writeheader()
    writer.writerow({"query": "=1+1"})

    assert read_back(output.getvalue()) == [["query"], ["'=1+1"]]
