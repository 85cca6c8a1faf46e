"""The portal's vocabulary in six languages, that search.query reads a reader's query with.

Built from what the portal already holds: the editors' synonyms and acronyms (with those
that glossary terms carry in brackets), glossary terms, theme, audience and region names,
and the titles and section headings of pages that exist in English and another language
(aligned line by line, they teach single words' translations).

It is built from the database once per process and kept in memory (about a second for the
demo library); a change to what it is built from (signals in search/signals.py) makes the
next query rebuild it, in a thread in the other processes (the next one a second or more
after the change: they read the shared version once a second).
"""

import itertools
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from django.conf import settings

from modeltranslation.utils import build_localized_fieldname

from foundation import linguistics
from foundation.linguistics import QUESTION_WORDS, WORD
from search.models import Acronym, SearchEntry, Synonym

ENGLISH = "en"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
ALIGNED_PAGES = 400  # pages per language whose text teaches single words' translations
MIN_SHARED, MIN_DICE = 2, 0.3
ORDERED_WORDS = 5  # words translated one by one that are put in English order as a whole
# An English word written nearly alike (`alike`) is the translation when it stands beside
# the word in at least this share of the word's pieces.
COGNATE_SHARE = 0.5
_DOUBLED = re.compile(r"(.)\1")
# English words that never translate a word by themselves: they stand beside any subject.
FUNCTION_WORDS = frozenset(
    "a an the and or but not no non of to in on at by for from with as if is are be was were "
    "been do does did has have had he him his she her hers it its they them their this that "
    "these those such than then also very same other all each".split()
)
_PARENTHESIS = re.compile(r"\s*[(（]([^)）]+)[)）]\s*$")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
IDEOGRAPH_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")  # Chinese written without a break


def vocabulary_keys(text, language):
    """Words as the vocabulary compares them (folded, stemmed); characters for Chinese."""
    if language == "zh-hans":
        return [ch for ch in text if _CJK.match(ch) or ch.isalnum()]
    return linguistics.terms(text, language)


def content_keys(text, language):
    """`_keys` without the words that only make a query a question."""
    if language == "zh-hans":
        for word in sorted(QUESTION_WORDS["zh-hans"], key=len, reverse=True):
            text = text.replace(word, " ")
        return vocabulary_keys(text, language)
    return linguistics.query_terms(text, language)


def english_key(phrase, language):
    """A phrase's key in the table that translates queries into English: the words a query
    is translated by (`content_keys`), so a term holding "и", "与" or "and" matches the same
    term typed."""
    return tuple(content_keys(phrase, language))


@dataclass
class Aligned:
    """Text of pages written in one language and in English, cut into matching pieces
    (titles, summaries, headings, paragraphs), to translate single words: a word is taken
    to mean the English word that shares the most pieces with it (Dice coefficient), each
    coefficient lowered by the share by which another word of its language shares more
    with that English word: "граница", seen beside "land" in a few lines and "border" in
    more, is "border", since "сухопутная" is the word for "land". Numbers are written alike
    in both, acronyms have the editors' list, and "his" or "same" say nothing alone: none
    is a translation."""

    pieces: dict = field(default_factory=dict)  # word -> ids of the pieces it is in
    english: list = field(default_factory=list)  # piece id -> set of English words
    english_in: dict = field(default_factory=dict)  # English word -> ids of its pieces
    words: list = field(default_factory=list)  # piece id -> set of the language's words
    surface: dict = field(default_factory=dict)  # English stem -> {word as written: times}
    lowercase: set = field(default_factory=set)  # English stems seen not in capitals
    known: dict = field(default_factory=dict)  # word -> (its translation or "", score)
    known_back: dict = field(default_factory=dict)  # English word -> best Dice here
    pairs: dict = field(default_factory=dict)  # (English stem, the next one) -> times

    def add(self, text, english_text, language):
        words = {word for word in piece_keys(text, language) if not word.isdigit()}
        english_words, previous = set(), ""
        for written in WORD.findall(english_text):
            stem = word_key(written.casefold(), ENGLISH)
            if stem and not stem.isdigit():
                english_words.add(stem)
                forms = self.surface.setdefault(stem, {})
                forms[written.casefold()] = forms.get(written.casefold(), 0) + 1
                if not written.isupper():
                    self.lowercase.add(stem)
                if previous:
                    self.pairs[previous, stem] = self.pairs.get((previous, stem), 0) + 1
                previous = stem
        if not words or not english_words or max(len(words), len(english_words)) > 80:
            return
        piece = len(self.english)
        self.english.append(english_words)
        self.words.append(words)
        for word in words:
            self.pieces.setdefault(word, []).append(piece)
        for word in english_words:
            self.english_in.setdefault(word, []).append(piece)

    def translate(self, word):
        return self.scored(word)[0]

    def scored(self, word):
        """`word`'s English word ("" if none) and how sure of it the alignment is."""
        if word not in self.known:
            self.known[word] = self._best(word)
        return self.known[word]

    def _best(self, word):
        pieces = self.pieces.get(word, [])
        shared = _shared(pieces, self.english)
        best, best_score = "", MIN_DICE * MIN_DICE
        for english, dice in _ranked(len(pieces), shared, self.english_in):
            if english not in self.lowercase or self.written(english) in FUNCTION_WORDS:
                continue  # an acronym ("PFA"), or "his"
            # Its coefficient, less the share by which another word here beats it.
            score = dice * dice / self._best_back(english)
            if score > best_score:
                best, best_score = english, score
        cognate = self._cognate(word, len(pieces), shared)
        if cognate and shared[cognate] > shared[best]:
            return (self.written(cognate), shared[cognate] / len(pieces))
        return (self.written(best), best_score if best else 0.0)

    def _cognate(self, word, pieces, shared):
        """The English word written nearly as `word` is (`alike`: "asist" and "assist")
        that stands beside it in the most of its `pieces` (how many there are), in
        COGNATE_SHARE of them or more; "" if none does (`shared`: English word -> how many
        of the pieces it stands in).

        The Dice coefficient passes such a word by when English pages write it far more
        often than this language does ("assistance", where Spanish also says "ayuda" or
        "apoyo"), for one seen beside the word in a few lines only ("attend", for
        "asistir"). French and Spanish share much of this vocabulary with English, so a
        word written alike that keeps the word's company more often than the Dice choice
        does is taken instead; not when it only keeps it as often: "trafic" stands beside
        "trafficking" in every line and beside "smuggling" too, which is what it means."""
        found = [
            (-count, english)  # most pieces first, then from a to z
            for english, count in shared.items()
            if count >= MIN_SHARED
            and count >= COGNATE_SHARE * pieces
            and alike(word, english)
            and english in self.lowercase
            and self.written(english) not in FUNCTION_WORDS
        ]
        return min(found)[1] if found else ""

    def in_english_order(self, words):
        """English `words`, translated one by one in the reader's order, in the order the
        English pages write them side by side: "retour volontaire" is "voluntary return",
        not "return voluntary". Up to ORDERED_WORDS words take the order whose neighbours
        the pages write together most often (the reader's, when none does better), so that
        "return voluntary assisted" is "assisted voluntary return"; a longer list only has
        each neighbour pair swapped when the pages write it the other way round more often."""
        stems = {word: word_key(word.casefold(), ENGLISH) for word in words}

        def together(first, second):
            return self.pairs.get((stems[first], stems[second]), 0)

        if len(words) <= ORDERED_WORDS:
            # The reader's order comes first and is only replaced by a better one.
            return list(
                max(
                    itertools.permutations(words),
                    key=lambda order: sum(map(together, order, order[1:])),
                )
            )
        ordered = list(words)
        for at in range(len(ordered) - 1):
            first, second = ordered[at : at + 2]
            if together(second, first) > together(first, second):
                ordered[at], ordered[at + 1] = second, first
        return ordered

    def written(self, stem):
        """The English word as the pages most often write it ("trafficking", not the
        "traffickers" seen first): it is what the reader is told was searched."""
        forms = self.surface.get(stem)
        if not forms:
            return stem
        return min(forms.items(), key=lambda form: (-form[1], form[0]))[0]

    def _best_back(self, english):
        """The highest Dice coefficient a word of this language has with `english`."""
        if english not in self.known_back:
            pieces = self.english_in.get(english, [])
            found = _ranked(len(pieces), _shared(pieces, self.words), self.pieces)
            self.known_back[english] = found[0][1] if found else 0.0
        return self.known_back[english]


def alike(word, english):
    """Written nearly alike, doubled letters aside: at most one letter apart, both of five
    letters or more ("asist" and "assist", "retorn" and "return"; shorter words are too
    often one letter apart by chance: "para" and "part")."""
    word, english = _DOUBLED.sub(r"\1", word), _DOUBLED.sub(r"\1", english)
    if min(len(word), len(english)) < 5 or abs(len(word) - len(english)) > 1:
        return False
    return Levenshtein.distance(word, english, score_cutoff=1) <= 1


def _shared(pieces, other_words):
    """How many of `pieces` each word of the other language stands in (`other_words`:
    piece id -> that language's words in it)."""
    return Counter(itertools.chain.from_iterable(other_words[piece] for piece in pieces))


def _ranked(pieces, shared, other_pieces):
    """The words of the other language that share at least MIN_SHARED of a word's `pieces`
    (how many there are) with a Dice coefficient of MIN_DICE or more, best first, each
    with its coefficient (`shared`: from `_shared`; `other_pieces`: word -> the ids of its
    pieces). Ties go to the word seen together more often, then to the first in
    alphabetical order: never to the order of a set, which changes between processes, so
    that every server translates a query alike."""
    if pieces < MIN_SHARED:
        return []
    scored = []
    for other, together in shared.items():
        dice = 2 * together / (pieces + len(other_pieces[other]))
        if together >= MIN_SHARED and dice >= MIN_DICE:
            scored.append((-dice, -together, other))
    return [(other, -dice) for dice, _together, other in sorted(scored)]


def piece_keys(text, language):
    """The words of a piece as alignment counts them: Chinese in pairs of characters."""
    if language == "zh-hans":
        return set(bigrams(_strip_questions(text)))
    found = {word_key(word, language) for word in WORD.findall(text.casefold())}
    found.discard("")
    return found


_word_keys = {}


def word_key(word, language):
    """One word's key (its stem; "" for a question word), remembered: pages repeat words."""
    key = (word, language)
    if key not in _word_keys:
        if len(_word_keys) > 200_000:
            _word_keys.clear()
        found = content_keys(word, language)
        _word_keys[key] = found[0] if found else ""
    return _word_keys[key]


def _strip_questions(text):
    for word in sorted(QUESTION_WORDS["zh-hans"], key=len, reverse=True):
        text = text.replace(word, " ")
    return text


def bigrams(text):
    runs = IDEOGRAPH_RUN.findall(text)
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
    # language -> [(keys, glossary entry, the keys of its definition)]
    terms: dict = field(default_factory=dict)
    themes: dict = field(default_factory=dict)  # language -> [(keys, {"title", "url"})]
    glossary_url: dict = field(default_factory=dict)  # language -> URL of the glossary page
    picked: set = field(default_factory=set)  # (language, query) editors picked pages for
    # language -> the words of editors' synonyms and acronyms, of glossary terms and of
    # theme, audience, region and resource type names: words the portal knows, never
    # typos, although no page may use them ("kids", "rape", "تهريب").
    known: dict = field(default_factory=dict)

    def knows(self, word, language):
        keys = vocabulary_keys(word, language)
        return bool(keys) and all(key in self.known.get(language, ()) for key in keys)

    def add_same(self, language, phrases):
        phrases = [phrase for phrase in dict.fromkeys(p.strip() for p in phrases) if phrase]
        if len(phrases) < 2:
            return
        for phrase in phrases:
            key = tuple(vocabulary_keys(phrase, language))
            if key:
                self.known.setdefault(language, set()).update(key)
                group = self.same.setdefault(language, {}).setdefault(key, [])
                group.extend(p for p in phrases if p != phrase and p not in group)
                self._grow(language, key)

    def add_known(self, language, phrase):
        """Words the portal uses in `language` (a glossary term, a theme's name). Not in
        Chinese, where the vocabulary compares characters: knowing every character of the
        glossary would leave no typo to correct."""
        if language != "zh-hans" and phrase:
            self.known.setdefault(language, set()).update(vocabulary_keys(phrase, language))

    def add_english(self, language, phrase, english):
        if language == ENGLISH or not phrase or not english:
            return
        key = english_key(phrase, language)
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
            vocabulary.add_known(code, name)
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
            keys = [english_key(term, code) for term in group]
            known = next((table[key] for key in keys if key in table), None)
            if known:
                for term in group:
                    vocabulary.add_english(code, term, known)
    for model in (Theme, Audience, Region, ResourceType):
        for item in model.objects.all():
            for code in LANGUAGE_CODES:
                title = getattr(item, build_localized_fieldname("title", code))
                vocabulary.add_known(code, title)
                vocabulary.add_english(code, title, item.title_en)
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
                described = frozenset(content_keys(term.definition or "", code))
                for form in (name, acronym):
                    keys = tuple(content_keys(form, code)) if form else ()
                    if keys:
                        entries.append((keys, shown, described))
            for page in theme_pages:
                title = getattr(page, title_field) or page.title
                keys = frozenset(content_keys(title, code))
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
