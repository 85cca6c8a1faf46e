"""Where the database engine's results show the reader's words: <mark> around each word of
a title or snippet whose term the query holds (whole words only, never "<mark>de</mark>sde"),
and a snippet cut on word boundaries around the first of them."""

from django.utils.html import escape

from foundation import linguistics

SNIPPET = 240  # characters


def spans(text, language, terms, start=0, end=None):
    """(start, end) of the words of text[start:end] whose term is one of `terms`, merged."""
    found = []
    for term, first, last in linguistics.tokens(text[start:end], language):
        if term in terms:
            first, last = first + start, last + start
            if found and first <= found[-1][1]:  # overlapping Chinese pairs: one mark
                found[-1] = (found[-1][0], max(last, found[-1][1]))
            else:
                found.append((first, last))
    return found


def mark(text, spans, start=0, end=None):
    """text[start:end], escaped, with <mark> around the spans (whole words)."""
    end = len(text) if end is None else end
    html, position = [], start
    for first, last in spans:
        html.append(escape(text[position:first]))
        html.append(f"<mark>{escape(text[first:last])}</mark>")
        position = last
    html.append(escape(text[position:end]))
    return "".join(html)


def snippet(entry, terms):
    """A window of the summary or body around its first match, or the summary's start."""
    for text in (entry.summary, entry.body):
        if not text:
            continue
        first = next(
            (
                (start, end)
                for term, start, end in linguistics.tokens(text, entry.language)
                if term in terms
            ),
            None,
        )
        if first is None:
            continue
        if len(text) <= SNIPPET:
            return mark(text, spans(text, entry.language, terms))
        start = max(0, first[0] - SNIPPET // 3)
        while start > 0 and not text[start - 1].isspace() and first[0] - start < SNIPPET // 2:
            start -= 1  # begin on a word
        end = min(len(text), start + SNIPPET)
        while end < len(text) and not text[end].isspace() and end - start < SNIPPET + 30:
            end += 1  # end on a word
        html = mark(text, spans(text, entry.language, terms, start, end), start, end)
        return ("…" if start else "") + html + ("…" if end < len(text) else "")
    text = entry.summary or entry.body
    if len(text) <= SNIPPET:
        return escape(text)
    cut = text[:SNIPPET].rsplit(" ", 1)[0] if " " in text[:SNIPPET] else text[:SNIPPET]
    return escape(cut) + "…"
