"""What a reader's query means, before either engine sees it.

Officials type questions ("how do I identify a victim of trafficking"), acronyms ("UASC"),
and words of their own language for content that may exist only in English. This module
turns the typed text into a `Query`:

- `alternatives`: the same query in other words, from the editors' synonyms and acronyms
  (and the acronyms glossary terms carry in brackets), in both directions: "AVRR" is also
  searched as "assisted voluntary return and reintegration", and the words as "AVRR".
- `translated`: the query in English, for content that does not exist in the reader's
  language. It is translated through what the portal already holds in six languages:
  glossary terms, theme, audience and region names, the synonyms and acronyms that share a
  term across languages, and the titles and section headings of pages that exist in both
  languages. Words it cannot translate are dropped, except those written in Latin letters
  (acronyms, names), which are kept as typed. Where nothing is known, there is no
  cross-language search: a dictionary of the whole language is beyond what the portal holds.

The vocabulary is built from the database once per process and kept in memory (about a
second for the demo library); a change to what it is built from (signals in
search/signals.py) makes the next query rebuild it, in a thread in the other processes
(the next one a second or more after the change: they read the shared version once a second).
"""

import re
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import get_language_info

from modeltranslation.utils import build_localized_fieldname

from foundation import linguistics
from foundation.linguistics import KIND_WORDS, QUESTION_WORDS
from foundation.page_cache import ContentMemo
from search.models import Acronym, SearchEntry, SearchWord, Synonym
from search.results import Query

ENGLISH = "en"
MAX_QUERY_LENGTH = 200
MAX_ALTERNATIVES = 6
ALIGNED_PAGES = 400  # pages per language whose text teaches single words' translations
MIN_SHARED, MIN_DICE = 2, 0.3
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
_PARENTHESIS = re.compile(r"\s*[(（]([^)）]+)[)）]\s*$")
_LATIN_WORD = re.compile(r"^[a-z0-9][a-z0-9'-]*$")
_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def clean(text):
    """The query as both engines take it: no control characters, one space, at most 200
    characters, cut between words."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in str(text or "")).split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text
    cut = text[:MAX_QUERY_LENGTH]
    if text[MAX_QUERY_LENGTH] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut


def _keys(text, language):
    """Words as the vocabulary compares them (folded, stemmed); characters for Chinese."""
    if language == "zh-hans":
        return [ch for ch in text if _CJK.match(ch) or ch.isalnum()]
    return linguistics.terms(text, language)


def _content_keys(text, language):
    """`_keys` without the words that only make a query a question."""
    if language == "zh-hans":
        for word in sorted(QUESTION_WORDS["zh-hans"], key=len, reverse=True):
            text = text.replace(word, " ")
        return _keys(text, language)
    return linguistics.query_terms(text, language)


@dataclass
class Aligned:
    """Text of pages written in one language and in English, cut into matching pieces
    (titles, summaries, headings, paragraphs), to translate single words: a word is taken
    to mean the English word that shares the most pieces with it (Dice coefficient)."""

    pieces: dict = field(default_factory=dict)  # word -> ids of the pieces it is in
    english: list = field(default_factory=list)  # piece id -> set of English words
    english_pieces: dict = field(default_factory=dict)  # English word -> number of pieces
    surface: dict = field(default_factory=dict)  # English stem -> the word as written
    known: dict = field(default_factory=dict)  # word -> its translation (or "")

    def add(self, text, english_text, language):
        words = _piece_keys(text, language)
        english_words = set()
        for written in _WORD.findall(english_text.casefold()):
            stem = _word_key(written, ENGLISH)
            if stem:
                english_words.add(stem)
                self.surface.setdefault(stem, written)
        if not words or not english_words or max(len(words), len(english_words)) > 80:
            return
        piece = len(self.english)
        self.english.append(english_words)
        for word in words:
            self.pieces.setdefault(word, []).append(piece)
        for word in english_words:
            self.english_pieces[word] = self.english_pieces.get(word, 0) + 1

    def translate(self, word):
        if word not in self.known:
            self.known[word] = self._best(word)
        return self.known[word]

    def _best(self, word):
        pieces = self.pieces.get(word, [])
        if len(pieces) < MIN_SHARED:
            return ""
        shared = {}
        for piece in pieces:
            for english in self.english[piece]:
                shared[english] = shared.get(english, 0) + 1
        best, score = "", 0.0
        for english, together in shared.items():
            dice = 2 * together / (len(pieces) + self.english_pieces[english])
            if together >= MIN_SHARED and dice > score:
                best, score = english, dice
        return self.surface.get(best, best) if score >= MIN_DICE else ""


def _piece_keys(text, language):
    """The words of a piece as alignment counts them: Chinese in pairs of characters."""
    if language == "zh-hans":
        return set(_bigrams(_strip_questions(text)))
    found = {_word_key(word, language) for word in _WORD.findall(text.casefold())}
    found.discard("")
    return found


_word_keys = {}


def _word_key(word, language):
    """One word's key (its stem; "" for a question word), remembered: pages repeat words."""
    key = (word, language)
    if key not in _word_keys:
        if len(_word_keys) > 200_000:
            _word_keys.clear()
        found = _content_keys(word, language)
        _word_keys[key] = found[0] if found else ""
    return _word_keys[key]


def _strip_questions(text):
    for word in sorted(QUESTION_WORDS["zh-hans"], key=len, reverse=True):
        text = text.replace(word, " ")
    return text


def _bigrams(text):
    runs = re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", text)
    return [run[i : i + 2] for run in runs for i in range(max(len(run) - 1, 1))]


@dataclass
class Vocabulary:
    # language -> {key tuple: [phrases meaning the same, in that language]}
    same: dict = field(default_factory=dict)
    # language -> {key tuple: English phrase}
    english: dict = field(default_factory=dict)
    longest: dict = field(default_factory=dict)  # language -> longest key tuple
    aligned: dict = field(default_factory=dict)  # language -> Aligned
    # What the search page shows beside results, read once rather than on every search.
    labels: dict = field(default_factory=dict)  # language -> facet -> key -> name
    terms: dict = field(default_factory=dict)  # language -> [(keys, glossary entry)]
    themes: dict = field(default_factory=dict)  # language -> [(keys, {"title", "url"})]
    glossary_url: dict = field(default_factory=dict)  # language -> URL of the glossary page
    picked: set = field(default_factory=set)  # (language, query) editors picked pages for

    def add_same(self, language, phrases):
        phrases = [phrase for phrase in dict.fromkeys(p.strip() for p in phrases) if phrase]
        if len(phrases) < 2:
            return
        for phrase in phrases:
            key = tuple(_keys(phrase, language))
            if key:
                group = self.same.setdefault(language, {}).setdefault(key, [])
                group.extend(p for p in phrases if p != phrase and p not in group)
                self._grow(language, key)

    def add_english(self, language, phrase, english):
        if language == ENGLISH or not phrase or not english:
            return
        key = tuple(_keys(phrase, language))
        if key:
            self.english.setdefault(language, {}).setdefault(key, english.strip())
            self._grow(language, key)

    def _grow(self, language, key):
        self.longest[language] = max(self.longest.get(language, 0), len(key))


def _names(term):
    """A glossary term's full name and its bracketed acronym, if it has one."""
    text = (term or "").strip()
    match = _PARENTHESIS.search(text)
    if not match:
        return text, ""
    return _PARENTHESIS.sub("", text).strip(), match.group(1).strip()


def _build():
    from guidance.models import Audience, GlossaryTerm, Region, ResourceType, Theme

    vocabulary = Vocabulary()
    # Synonyms and acronyms: the same thing in one language.
    groups = {}
    for synonym in Synonym.objects.all():
        terms = [term.strip() for term in synonym.terms.split(",") if term.strip()]
        vocabulary.add_same(synonym.language, terms)
        groups.setdefault(synonym.language, []).append(terms)
    for acronym in Acronym.objects.all():
        vocabulary.add_same(acronym.language, [acronym.acronym, acronym.meaning])
        groups.setdefault(acronym.language, []).append([acronym.acronym, acronym.meaning])
    for term in GlossaryTerm.objects.all():
        for code in LANGUAGE_CODES:
            name, acronym = _names(getattr(term, build_localized_fieldname("term", code)))
            if acronym:
                vocabulary.add_same(code, [name, acronym])
                groups.setdefault(code, []).append([name, acronym])
            # The whole English term: its name and its acronym, either may be what pages say.
            vocabulary.add_english(code, name, term.term_en)
            vocabulary.add_english(code, acronym, term.term_en)
    # Groups of two languages that share a term ("AVRR") say the same thing.
    english_groups = groups.get(ENGLISH, [])
    english_by_term = {
        term.casefold(): " ".join(group) for group in english_groups for term in group
    }
    for code, language_groups in groups.items():
        if code == ENGLISH:
            continue
        for group in language_groups:
            shared = next(
                (english_by_term[t.casefold()] for t in group if t.casefold() in english_by_term),
                None,
            )
            if shared:
                for term in group:
                    vocabulary.add_english(code, term, shared)
    # A synonym of a translated phrase translates the same ("性别暴力" like "基于性别的暴力").
    for code, language_groups in groups.items():
        table = vocabulary.english.get(code, {})
        for group in language_groups:
            keys = [tuple(_keys(term, code)) for term in group]
            known = next((table[key] for key in keys if key in table), None)
            if known:
                for term in group:
                    vocabulary.add_english(code, term, known)
    for model in (Theme, Audience, Region, ResourceType):
        for item in model.objects.all():
            for code in LANGUAGE_CODES:
                vocabulary.add_english(
                    code, getattr(item, build_localized_fieldname("title", code)), item.title_en
                )
    # Titles and section headings of pages written in both languages.
    rows = SearchEntry.objects.filter(target_type=SearchEntry.PAGE).values_list(
        "target_id", "language", "title", "headings"
    )
    by_page = {}
    for page_id, code, title, headings in rows.iterator():
        by_page.setdefault(page_id, {})[code] = (title, headings.splitlines())
    for languages in by_page.values():
        english = languages.get(ENGLISH)
        if not english:
            continue
        for code, (title, headings) in languages.items():
            vocabulary.add_english(code, title, english[0])
            if len(headings) == len(english[1]):  # translations keep the English structure
                for heading, english_heading in zip(headings, english[1], strict=True):
                    vocabulary.add_english(code, heading, english_heading)
    _align(vocabulary, [ids for ids, languages in by_page.items() if len(languages) > 1])
    _read_page_furniture(vocabulary)
    return vocabulary


def _read_page_furniture(vocabulary):
    """Facet names, glossary definitions, theme pages and editors' picks, per language."""
    from django.utils import translation

    from guidance.models import Audience, GlossaryPage, GlossaryTerm, Region, Theme, ThemePage
    from search.models import EditorsPick

    taxonomies = {"themes": Theme, "audiences": Audience, "regions": Region}
    items = {facet: list(model.objects.all()) for facet, model in taxonomies.items()}
    glossary = list(GlossaryTerm.objects.all())
    theme_pages = list(ThemePage.objects.live().public().select_related("theme"))
    glossary_page = GlossaryPage.objects.live().public().first()
    for code in LANGUAGE_CODES:
        title_field = build_localized_fieldname("title", code)
        vocabulary.labels[code] = {
            facet: {item.key: getattr(item, title_field) or item.title_en for item in rows}
            for facet, rows in items.items()
        }
        with translation.override(code):
            entries = vocabulary.terms.setdefault(code, [])
            for term in glossary:
                name, acronym = _names(getattr(term, build_localized_fieldname("term", code)))
                shown = {"term": term.term, "definition": term.definition, "anchor": term.anchor}
                for form in (name, acronym):
                    keys = tuple(_content_keys(form, code)) if form else ()
                    if keys:
                        entries.append((keys, shown))
            for page in theme_pages:
                title = getattr(page, title_field) or page.title
                keys = frozenset(_content_keys(title, code))
                if keys:
                    shown = {"title": title, "url": page.get_url()}
                    vocabulary.themes.setdefault(code, []).append((keys, shown))
            if glossary_page is not None:
                vocabulary.glossary_url[code] = glossary_page.get_url()
    vocabulary.picked = set(EditorsPick.objects.values_list("language", "query"))


def _align(vocabulary, page_ids):
    """Single words' translations from the pages written in both languages."""
    rows = SearchEntry.objects.filter(
        target_type=SearchEntry.PAGE, target_id__in=sorted(page_ids)[:ALIGNED_PAGES]
    ).values_list("target_id", "language", "title", "summary", "headings", "body")
    texts = {}
    for page_id, code, *parts in rows.iterator():
        texts.setdefault(page_id, {})[code] = [part.splitlines() for part in parts]
    for languages in texts.values():
        english = languages.pop(ENGLISH, None)
        if english is None:
            continue
        for code, parts in languages.items():
            aligned = vocabulary.aligned.setdefault(code, Aligned())
            for lines, english_lines in zip(parts, english, strict=True):
                if len(lines) == len(english_lines):  # the same structure: piece by piece
                    for line, english_line in zip(lines, english_lines, strict=True):
                        aligned.add(line, english_line, code)


_lock = threading.Lock()
_cache = {"vocabulary": None, "version": None, "built": 0.0}
REBUILD_AFTER = 600  # seconds: a safety net; signals make changes count at once
BACKGROUND = True  # rebuild a stale vocabulary in a thread (tests turn it off: one connection)


VERSION_READ_EVERY = 1.0  # seconds: a search reads the shared version once, not six times
_read = {"version": 0, "at": None}


def _version():
    """The vocabulary's version in the shared cache, read at most once a second per process
    (with threads: tests read it every time). A change made in this process counts at once;
    one made in another process within a second."""
    from django.core.cache import cache

    now = time.monotonic()
    if BACKGROUND and _read["at"] is not None and now - _read["at"] < VERSION_READ_EVERY:
        return _read["version"]
    _read.update(version=cache.get("search:vocabulary-version", 0), at=now)
    return _read["version"]


def forget(now=True):
    """Editors changed what the vocabulary is built from. `now`: this process rebuilds it
    before its next query (an editor sees their synonym at once); every other process, and
    this one too without `now`, rebuilds it in a thread meanwhile."""
    from django.core.cache import cache

    try:
        cache.incr("search:vocabulary-version")
    except ValueError:
        cache.set("search:vocabulary-version", 1, timeout=None)
    _read["at"] = None  # this process reads the new version at once
    if now:
        _cache["vocabulary"] = None


def vocabulary():
    """The vocabulary, built on first use. Once built, a change elsewhere (another worker's
    editors) rebuilds it in a thread while queries use the one in hand."""
    version = _version()
    cached = _cache["vocabulary"]
    if cached is None:
        with _lock:
            if _cache["vocabulary"] is None:
                _refresh(version)
        return _cache["vocabulary"]
    stale = time.monotonic() - _cache["built"] > REBUILD_AFTER or _cache["version"] != version
    if stale and not BACKGROUND:
        with _lock:
            _refresh(version)
        return _cache["vocabulary"]
    if stale and not _refreshing.locked():
        threading.Thread(target=_refresh_in_thread, args=(version,), daemon=True).start()
    return cached


_refreshing = threading.Lock()


def _refresh(version):
    built = _build()
    _cache.update(vocabulary=built, version=version, built=time.monotonic())


def _refresh_in_thread(version):
    from django.db import connection

    if not _refreshing.acquire(blocking=False):
        return
    try:
        _refresh(version)
    finally:
        _refreshing.release()
        connection.close()


def _matches(keys, table, longest):
    """Greedy longest matches of `table`'s keys in `keys`: [(start, end, value)]."""
    found, position = [], 0
    while position < len(keys):
        for size in range(min(longest, len(keys) - position), 0, -1):
            value = table.get(tuple(keys[position : position + size]))
            if value is not None:
                found.append((position, position + size, value))
                position += size
                break
        else:
            position += 1
    return found


def alternatives(text, language, vocab=None):
    """The query in other words: each synonym or acronym found in it, swapped for the others."""
    vocab = vocab or vocabulary()
    table = vocab.same.get(language, {})
    keys = _keys(text, language)
    results = []
    for start, end, phrases in _matches(keys, table, vocab.longest.get(language, 0)):
        rest = _rest(text, language, keys, start, end)
        for phrase in phrases:
            results.append(" ".join(part for part in (phrase, rest) if part))
    return list(dict.fromkeys(results))[:MAX_ALTERNATIVES]


def _rest(text, language, keys, start, end):
    """The query's other words (as typed) once the matched phrase is taken out."""
    if language == "zh-hans":
        return "".join(keys[:start] + keys[end:])
    words = _WORD.findall(text)
    if len(words) != len(keys):  # analysis dropped or split words: keep what we can
        return " ".join(keys[:start] + keys[end:])
    return " ".join(words[:start] + words[end:])


def translate(text, language, vocab=None):
    """The query in English from the portal's own six-language vocabulary ("" if unknown)."""
    if language == ENGLISH:
        return ""
    vocab = vocab or vocabulary()
    table = vocab.english.get(language, {})
    keys = _content_keys(text, language)
    matches = _matches(keys, table, vocab.longest.get(language, 0))
    covered = {i for start, end, _value in matches for i in range(start, end)}
    parts = [value for _start, _end, value in matches]
    aligned = vocab.aligned.get(language)
    if aligned is not None:
        if language == "zh-hans":
            rest = "".join(key if i not in covered else " " for i, key in enumerate(keys))
            words = _bigrams(rest)
        else:
            words = [key for i, key in enumerate(keys) if i not in covered]
        parts += [found for found in map(aligned.translate, words) if found]
    # Acronyms and names ("GDPR", "COVID-19") mean the same in English, and so does a
    # word in Latin letters typed in a language written in another script. In French
    # and Spanish, a word written the same in English pages ("protection", "migrants").
    english_words = aligned.english_pieces if aligned is not None else {}
    for i, word in enumerate(_WORD.findall(text)):
        # Chinese keys are characters, not words: `covered` says nothing about these.
        if (i in covered and language != "zh-hans") or not _LATIN_WORD.match(word.casefold()):
            continue
        if word.casefold() in _WORD.findall(" ".join(parts).casefold()):
            continue  # already there, as part of a translated term ("... (PFA)")
        if linguistics.is_question_word(word, language):
            continue  # "un", "a": words of the reader's language that only join others
        if (
            language not in ("fr", "es")
            or word.isupper()
            or any(ch.isdigit() for ch in word)
            or _word_key(word.casefold(), ENGLISH) in english_words
        ):
            parts.append(word)
    if not parts and language in ("fr", "es"):
        # Nothing known: the words as typed, since readers of French and Spanish often
        # type the English term, and many words are written the same.
        parts.append(text)
    return " ".join(dict.fromkeys(parts))


def wanted_kinds(text, language):
    """The kinds of content the query names ("training course on ..." wants courses)."""
    if language == "zh-hans":
        return [
            kind for kind, words in KIND_WORDS.items() if any(w in text for w in words[language])
        ]
    typed = {word.casefold() for word in _WORD.findall(text)}
    return [kind for kind, words in KIND_WORDS.items() if typed & words.get(language, set())]


# Two words typed without the space between them: a typed word this long that the index
# does not hold is split where both sides are words it holds, each this long at least.
JOINED_LENGTH, PART_LENGTH = 6, 3


def split_joined(text, language):
    """The query with two words typed as one ("الاتجاربالبشر", "firstaid") written apart,
    where the index holds both (in any form of the same stem) and not the whole: then
    synonyms, acronyms and the translation see the words the reader meant. Not in
    Chinese, written without spaces."""
    if language == "zh-hans":
        return text
    typed = {
        linguistics.fold(word): word
        for word in _WORD.findall(text)
        if len(word) >= JOINED_LENGTH and not word.isdigit()
    }
    if not typed:
        return text

    def stem(part):
        if linguistics.is_question_word(part, language):
            return ""  # "the" + "rapist" is not what "therapist" means
        found = linguistics.terms(part, language)
        return found[0] if len(found) == 1 else ""

    cuts = {folded: range(PART_LENGTH, len(folded) - PART_LENGTH + 1) for folded in typed}
    stems = {folded: stem(folded) for folded in typed}
    stems.update(
        (part, stem(part))
        for folded, at in cuts.items()
        for i in at
        for part in (folded[:i], folded[i:])
    )
    wanted = {(language, found) for found in stems.values() if found}
    known = {term for (_lang, term), held in _held_stems.get_many(wanted, _held).items() if held}
    for folded, word in typed.items():
        if stems[folded] in known:
            continue
        splits = [
            (min(i, len(folded) - i), i)
            for i in cuts[folded]
            if stems[folded[:i]] in known and stems[folded[i:]] in known
        ]
        if splits:
            _balance, at = max(splits)
            text = re.sub(rf"\b{re.escape(word)}\b", f"{folded[:at]} {folded[at:]}", text)
    return text


def _held(keys):
    """Whether the index holds each (language, stem) now."""
    held = set()
    for language in {language for language, _term in keys}:
        terms = [term for lang, term in keys if lang == language]
        found = SearchWord.objects.filter(language=language, term__in=terms)
        held.update((language, term) for term in found.values_list("term", flat=True))
    return {key: key in held for key in keys}


# Words come and go with what is published: a page or document writes its words in the
# transaction that publishes or saves it, whose commit starts a new content generation
# (a rebuild starts one when it is done), so no answer outlives the words it read.
_held_stems = ContentMemo()


def understand(text, language):
    text = clean(text)
    if not text:
        return Query(text="", language=language)
    text = split_joined(text, language)
    vocab = vocabulary()
    other = ENGLISH
    translated = translate(text, language, vocab) if language != other else ""
    return Query(
        text=text,
        language=language,
        alternatives=alternatives(text, language, vocab),
        other_language=other,
        translated=translated,
        translated_alternatives=alternatives(translated, other, vocab) if translated else [],
        kinds=wanted_kinds(text, language),
    )


def defined_term(text, language):
    """The glossary entry the query names (its name or acronym in `language`), if any:
    {"term", "definition", "anchor"} in the reader's language."""
    wanted = tuple(_content_keys(clean(text), language))
    if not wanted:
        return None
    return next(
        (shown for keys, shown in vocabulary().terms.get(language, []) if keys == wanted), None
    )


def named_themes(text, language):
    """Theme pages whose name the query contains ("children" finds "Children on the move"),
    best first: shown as a way into the theme, above the results. {"title", "url"}."""
    wanted = set(_content_keys(clean(text), language))
    if not wanted:
        return []
    found = []
    for keys, shown in vocabulary().themes.get(language, []):
        shared = len(keys & wanted)
        # Most of the theme's name, or most of a short query.
        if shared and (shared * 2 >= len(keys) or shared * 2 >= len(wanted)):
            found.append((-shared / len(keys), shown["title"], shown))
    return [shown for _share, _title, shown in sorted(found, key=lambda item: item[:2])][:2]


def glossary_url(language):
    return vocabulary().glossary_url.get(language, "")


def facet_labels(language):
    return vocabulary().labels.get(language, {})


def has_picks(text, language):
    """Whether editors picked pages for this query: the picks are only read when so."""
    from search.models import normalise_query

    return (language, normalise_query(text)) in vocabulary().picked


def language_name(code):
    return get_language_info(code)["name_local"]
