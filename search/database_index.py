"""The database engine's own index (search/database.py searches it): the terms of each
SearchEntry, weighted by field, with whether the title holds them and their first
positions; each language's vocabulary of words; the pairs of Chinese characters held.
Written with the entry, on SQLite and PostgreSQL alike.
"""

import contextlib
import threading

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef

from foundation import linguistics
from search import chinese
from search.models import SearchPair, SearchTerm, SearchWord

# Weights of a word's occurrences by field.
TITLE, HEADINGS, SUMMARY, BODY = 5, 3, 2, 1
# Positions: each field starts this far after the previous one, so words of two fields are
# never "next to each other"; title words are the ones before the first gap.
FIELD_GAP = 100_000
MAX_POSITIONS = 24  # kept per term and entry: enough to find words side by side
MAX_BODY = 200_000  # characters of an entry's body that are indexed


def analyse(entry):
    """The SearchTerm rows (unsaved, without the entry) and weighted length of an entry."""
    found = {}  # term -> [weight, positions, in title]
    words = {}  # folded word as written -> term
    length = 0
    fields = (
        (entry.title, TITLE),
        (entry.headings, HEADINGS),
        (entry.summary, SUMMARY),
        ((entry.body or "")[:MAX_BODY], BODY),
    )
    for number, (text, weight) in enumerate(fields):
        base = number * FIELD_GAP
        for position, (term, start, end) in enumerate(linguistics.tokens(text, entry.language)):
            length += weight
            row = found.get(term)
            if row is None:
                row = found[term] = [0, [], number == 0]
            row[0] += weight
            if not linguistics.is_cjk(term):
                words.setdefault(linguistics.fold_word(text[start:end]), term)
            if len(row[1]) < MAX_POSITIONS and position < FIELD_GAP:
                row[1].append(base + position)
    rows = [
        SearchTerm(
            language=entry.language,
            term=term,
            weight=weight,
            in_title=in_title,
            positions=" ".join(map(str, positions)),
        )
        for term, (weight, positions, in_title) in found.items()
    ]
    return rows, words, length


# INSERT before its rows, what follows them, and the columns' types (PostgreSQL).
INSERT_TERM = (
    "INSERT INTO search_searchterm (entry_id, language, term, weight, in_title, positions)",
    "",
    ("bigint", "text", "text", "integer", "boolean", "text"),
)
# A word or pair the vocabulary holds already is kept as it is: a publish locks no row of
# it (PostgreSQL locks the rows an ON CONFLICT ... DO UPDATE meets, changed or not).
INSERT_WORD = (
    "INSERT INTO search_searchword (language, word, term)",
    " ON CONFLICT (language, word) DO NOTHING",
    ("text", "text", "text"),
)
# In a rebuild, a word takes the term of the analysis of the day: a word stored by an
# earlier one (before a stemmer override was added) would otherwise keep its old term, and
# the database engine read the word by it, or lose it when no entry holds that term.
REWRITE_WORD = (
    INSERT_WORD[0],
    " ON CONFLICT (language, word) DO UPDATE SET term = excluded.term"
    " WHERE search_searchword.term <> excluded.term",
    INSERT_WORD[2],
)
INSERT_PAIR = (
    'INSERT INTO search_searchpair (language, "first", "second")',
    ' ON CONFLICT (language, "first", "second") DO NOTHING',
    ("text", "text", "text"),
)
_rewriting = threading.local()


@contextlib.contextmanager
def rewriting(active=True):
    """Within it (`rewrite` of search.engine: a rebuild), entries written put their words'
    terms in the vocabulary even where it holds the words already."""
    before, _rewriting.active = getattr(_rewriting, "active", False), active
    try:
        yield
    finally:
        _rewriting.active = before


def index_entry(entry, analysis, created=True):
    """Write the terms of a saved entry and add its words to the vocabulary.

    An entry saved again keeps the term rows that did not change (an edit of the summary
    leaves the body's terms as they were), so a publish writes a few rows, not hundreds
    into an index of millions. INSERTs written here: the ORM's bulk_create spends more
    time building hundreds of terms than the database takes to store them.
    """
    rows, words, _length = analysis
    if not created:
        rows = _changed_terms(entry, rows)
    with connection.cursor() as cursor:
        _insert(
            cursor,
            INSERT_TERM,
            [
                (entry.pk, row.language, row.term, row.weight, row.in_title, row.positions)
                for row in rows
            ],
        )
        word_statement = REWRITE_WORD if getattr(_rewriting, "active", False) else INSERT_WORD
        _insert(cursor, word_statement, [(entry.language, w, t) for w, t in words.items()])
        # The new terms only: the others' pairs are in the vocabulary already.
        _insert(cursor, INSERT_PAIR, chinese.pairs(entry.language, [row.term for row in rows]))


def _insert(cursor, statement, rows):
    """`statement` for all of `rows`, in one statement: a page's terms are hundreds, and
    one statement takes the database a fraction of the time of as many one-row ones.

    PostgreSQL gets each column as one array, whatever the number of rows (a statement of
    a thousand rows' placeholders took psycopg longer to read than the rows took to
    store); SQLite the rows as VALUES, as many a statement as its parameters allow."""
    if not rows:
        return
    into, then, types = statement
    if connection.vendor == "postgresql":
        arrays = ", ".join(f"%s::{name}[]" for name in types)
        columns = [list(column) for column in zip(*rows, strict=True)]
        # Only this module's constants go into the text; the rows are parameters.
        cursor.execute(f"{into} SELECT * FROM unnest({arrays}){then}", columns)  # noqa: S608
        return
    size = connection.features.max_query_params // len(types)
    for start in range(0, len(rows), size):
        batch = rows[start : start + size]
        values = ", ".join(["(" + ", ".join(["%s"] * len(types)) + ")"] * len(batch))
        cursor.execute(f"{into} VALUES {values}{then}", [v for row in batch for v in row])


def _changed_terms(entry, rows):
    """Delete the entry's stored terms that `rows` no longer has as they are; return the
    rows still to be written."""
    wanted = {(row.term, row.weight, row.in_title, row.positions): row for row in rows}
    stale = []
    for pk, *stored in SearchTerm.objects.filter(entry=entry).values_list(
        "pk", "term", "weight", "in_title", "positions"
    ):
        if wanted.pop(tuple(stored), None) is None:
            stale.append(pk)
    if stale:
        SearchTerm.objects.filter(pk__in=stale).delete()
    return list(wanted.values())


def prune_vocabulary():
    """Forget the words and Chinese pairs no entry holds any more (after a rebuild). Not
    "NOT IN": past work_mem PostgreSQL compares it row by row, for hours on a large index.
    The tables' statistics are brought up to date first: a rebuild has just written them,
    and on the old ones PostgreSQL reads every term of a language for each word."""
    with connection.cursor() as cursor:
        for model in (SearchTerm, SearchWord, SearchPair):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    for language, _name in settings.LANGUAGES:
        terms = SearchTerm.objects.filter(language=language)
        words = SearchWord.objects.filter(language=language)
        words.exclude(Exists(terms.filter(term=OuterRef("term")))).delete()
        chinese.prune(language)
