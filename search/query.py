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

What the portal holds in six languages, and how it is kept up to date: search/vocabulary.py.
"""

import re

from django.db.models import Count
from django.utils.translation import get_language_info

from foundation import linguistics
from foundation.linguistics import KIND_WORDS, WORD
from foundation.page_cache import ContentMemo
from search.models import SearchTerm, SearchWord
from search.results import Query
from search.vocabulary import (
    ENGLISH,
    FUNCTION_WORDS,
    IDEOGRAPH_RUN,
    bigrams,
    content_keys,
    piece_keys,
    vocabulary,
    vocabulary_keys,
    word_key,
)

MAX_QUERY_LENGTH = 200
MAX_ALTERNATIVES = 6
_LATIN_WORD = re.compile(r"^[a-z0-9][a-z0-9'-]*$")
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'-]*")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # names the edition of that year
# Chinese characters that make the word after them its opposite: 未成年人 (a minor) holds
# 成年人 (an adult), 非正规 (irregular) holds 正规 (regular), 不安全 (unsafe) holds 安全.
_NEGATIONS = frozenset("未不非无没")


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


def _overlapping(keys, table, longest, covered):
    """The phrases of `table` in `keys` that hold words outside `covered`, where greedy
    matches left them, longest first, each taking its words out: [(start, end, value)]."""
    found, covered = [], set(covered)
    for size in range(min(longest, len(keys)), 1, -1):
        for start in range(len(keys) - size + 1):
            span = range(start, start + size)
            if covered.issuperset(span) or not covered.intersection(span):
                continue
            value = table.get(tuple(keys[start : start + size]))
            if value is not None:
                found.append((start, start + size, value))
                covered.update(span)
    return found


def _merged(phrase, other):
    """`phrase` with the words of `other` it lacks, put beside the first word they share
    ("Data protection" and "Personal data" make "Personal data protection"), or "" when
    they share none."""
    words, others = phrase.split(), other.split()
    folded = [word.casefold() for word in words]
    shared = next((i for i, word in enumerate(others) if word.casefold() in folded), None)
    if shared is None:
        return ""
    at = folded.index(others[shared].casefold())
    before = [word for word in others[:shared] if word.casefold() not in folded]
    after = [word for word in others[shared + 1 :] if word.casefold() not in folded]
    if before and at == 0 and words[0].istitle():  # a capital starts the phrase only
        words[0] = words[0].lower()
    return " ".join(words[:at] + before + words[at : at + 1] + after + words[at + 1 :])


def alternatives(text, language, vocab=None):
    """The query in other words: each synonym or acronym found in it, swapped for the others
    in its place, so that "how to identify a victim" is also "how to spot a victim" (and
    the phrase boost still finds the words together). An alternative that only repeats
    the query, or another alternative, or a phrase the query already holds ("Trafficking
    in persons (TIP)" with "TIP" swapped for "trafficking in persons"), is left out."""
    vocab = vocab or vocabulary()
    table = vocab.same.get(language, {})
    keys = vocabulary_keys(text, language)
    seen, results = {tuple(keys)}, []
    joiner = "" if language == "zh-hans" else " "
    for start, end, phrases in _together(
        keys, _matches(keys, table, vocab.longest.get(language, 0)), language
    ):
        before, after = _around(text, language, keys, start, end)
        rest = keys[:start] + keys[end:]
        for phrase in phrases:
            phrase_keys = vocabulary_keys(phrase, language)
            wording = tuple(keys[:start] + phrase_keys + keys[end:])
            if wording in seen or _holds(rest, phrase_keys):
                continue
            seen.add(wording)
            results.append(joiner.join(part for part in (before, phrase, after) if part))
    return results[:MAX_ALTERNATIVES]


def _together(keys, matches, language):
    """Neighbouring matches that name the same thing ("Trafficking in persons (TIP)") as
    one match, swapped as a whole for each of their names."""
    merged = []
    for start, end, phrases in matches:
        if merged and merged[-1][1] == start:
            last_start, last_end, last_phrases = merged[-1]
            names = {tuple(vocabulary_keys(phrase, language)) for phrase in last_phrases}
            if tuple(keys[start:end]) in names:
                merged[-1] = (last_start, end, list(dict.fromkeys(last_phrases + phrases)))
                continue
        merged.append((start, end, phrases))
    return merged


def _holds(keys, phrase_keys):
    size = len(phrase_keys)
    return size > 0 and any(keys[i : i + size] == phrase_keys for i in range(len(keys) - size + 1))


def _around(text, language, keys, start, end):
    """The query's words (as typed) before and after the matched phrase."""
    if language == "zh-hans":
        return "".join(keys[:start]), "".join(keys[end:])
    words = WORD.findall(text)
    if len(words) != len(keys):  # analysis dropped or split words: keep what we can
        words = keys
    return " ".join(words[:start]), " ".join(words[end:])


def translate(text, language, vocab=None):
    """The query in English from the portal's own six-language vocabulary ("" if unknown)."""
    if language == ENGLISH:
        return ""
    vocab = vocab or vocabulary()
    table = vocab.english.get(language, {})
    keys = content_keys(text, language)
    longest = vocab.longest.get(language, 0)
    matches = _matches(keys, table, longest)
    covered = {i for start, end, _value in matches for i in range(start, end)}
    # A word the first matches left out but another phrase holds is that phrase's, not
    # the aligner's: "protection des données personnelles" is "Data protection" with
    # "Personal data", so "Personal data protection", not "Data protection staff" (French
    # stems "personnelles" as it does "personnel").
    for start, end, value in _overlapping(keys, table, longest, covered):
        for at, (first, last, taken) in enumerate(matches):
            merged = _merged(taken, value) if first < end and start < last else None
            if merged:
                matches[at] = (min(first, start), max(last, end), merged)
                break
        else:
            matches.append((start, end, value))
        covered.update(range(start, end))
    parts = [value for _start, _end, value in matches]
    translated = {keys[i] for i in covered}  # the reader's words that have an English one
    aligned = vocab.aligned.get(language)
    if aligned is not None:
        if language == "zh-hans":
            rest = "".join(key if i not in covered else " " for i, key in enumerate(keys))
            words = _without_negated(rest, aligned)
        else:
            words = [key for i, key in enumerate(keys) if i not in covered]
        synonyms = vocab.same.get(language, {})
        found_words = []
        for word in words:
            found = _aligned_word(word, language, aligned, synonyms)
            if found:
                found_words.append(found)
                translated.add(word)
        parts += aligned.in_english_order(found_words)
    # Acronyms and names ("GDPR", "COVID-19") mean the same in English, and so does a
    # word in Latin letters typed in a language written in another script. In French
    # and Spanish, a word written the same in English pages ("protection", "migrants").
    english_words = aligned.english_in if aligned is not None else {}
    # In Chinese, such a word may be typed against the characters ("2019年", "PFA培训").
    for word in (_LATIN_RUN if language == "zh-hans" else WORD).findall(text):
        if not _LATIN_WORD.match(word.casefold()):
            continue
        # Translated already: "victimes" is "victims", not also a word of English pages.
        # (Chinese keys are characters or pairs, not words: they say nothing about these.)
        if language != "zh-hans" and word_key(word.casefold(), language) in translated:
            continue
        if word.casefold() in WORD.findall(" ".join(parts).casefold()):
            continue  # already there, as part of a translated term ("... (PFA)")
        if linguistics.is_question_word(word, language):
            continue  # "un", "a": words of the reader's language that only join others
        if (
            language not in ("fr", "es")
            or word.isupper()
            or any(ch.isdigit() for ch in word)
            or (
                word_key(word.casefold(), ENGLISH) in english_words
                and word.casefold() not in FUNCTION_WORDS  # "no", "non"
            )
        ):
            parts.append(word)
    if not parts and language in ("fr", "es"):
        # Nothing known: the words as typed, since readers of French and Spanish often
        # type the English term, and many words are written the same.
        parts.append(text)
    return " ".join(dict.fromkeys(parts))


def _aligned_word(word, language, aligned, synonyms):
    """`word` in English by the aligner, or by the editors' one-word synonym of it that the
    aligner is surest of: "menores" stands beside "treated" in a few lines, its synonym
    "niños" beside "children" in many; "返回" beside "follow", its synonym "回返" beside
    "return". (Synonyms are kept by their characters in Chinese, aligned by pairs.)"""
    candidates = [word]
    listed_as = tuple(word) if language == "zh-hans" else (word,)
    for phrase in synonyms.get(listed_as, []):
        pieces = piece_keys(phrase, language)
        if len(pieces) == 1:
            candidates += pieces
    return max((aligned.scored(key) for key in candidates), key=lambda found: found[1])[0]


def _without_negated(text, aligned):
    """The pairs of characters of Chinese `text` that are translated one by one, less the
    word a negation negates: alone, it says the opposite. That word is the pair after the
    negation, and the next pair too when it translates alike (成年, 年人: "adult"). The
    pair that holds the negation stays, as the aligner knows it ("无证", undocumented)."""
    pairs = []
    for run in IDEOGRAPH_RUN.finditer(text):
        found = bigrams(run.group())
        negated = set()
        for at, pair in enumerate(found):
            if pair[0] in _NEGATIONS and at + 1 < len(found):
                negated.add(at + 1)
                word = aligned.translate(found[at + 1])
                if word and at + 2 < len(found) and aligned.translate(found[at + 2]) == word:
                    negated.add(at + 2)
        pairs += [pair for at, pair in enumerate(found) if at not in negated]
    return pairs


def wanted_kinds(text, language):
    """The kinds of content the query names ("training course on ..." wants courses)."""
    if language == "zh-hans":
        return [
            kind for kind, words in KIND_WORDS.items() if any(w in text for w in words[language])
        ]
    typed = {word.casefold() for word in WORD.findall(text)}
    return [kind for kind, words in KIND_WORDS.items() if typed & words.get(language, set())]


# "List" begins the names of checklists in French, Spanish and Arabic ("liste de contrôle",
# "lista de verificación", "قائمة فحص"): there it is part of the name, not only a kind.
_NAME_HEADS = frozenset(linguistics.fold(word) for word in ("liste", "lista", "قائمة"))


def kind_words(text, language, kinds):
    """The typed words (folded) that only name the kind of content wanted ("form" in
    "mental health referral form"), where two words or more say what it is about. Both
    engines weigh them as the kind they name (favoured), not as its subject: as a word
    few titles hold, "form" outweighed "mental" and put a form on another subject first.
    None in Chinese, whose words are not apart."""
    if not kinds or language == "zh-hans":
        return frozenset()
    named = {
        linguistics.fold(word) for kind in kinds for word in KIND_WORDS[kind].get(language, ())
    } - _NAME_HEADS
    folded = [linguistics.fold(word) for word in WORD.findall(text)]
    found = {word for word in folded if word in named}
    said = [
        word
        for word in folded
        if word not in found and not linguistics.is_question_word(word, language)
    ]
    return frozenset(found) if found and len(said) >= 2 else frozenset()


# Two words typed without the space between them: a typed word this long that the index
# does not hold is split where both sides are words it holds, each this long at least.
JOINED_LENGTH, PART_LENGTH = 6, 3


def split_joined(text, language):
    """The query with two words typed as one ("الاتجاربالبشر", "firstaid") written apart,
    where the index holds both and not the whole in any form of its stem: then synonyms,
    acronyms and the translation see the words the reader meant. The first may be in any
    form of a stem the index holds ("защита|данных"); the second must be a word the index
    holds as written, so that a real word the pages lack is not taken for a stem and an
    ending ("estan|dares", "боль|ной", "tras|plante"); and a first part that is a bare stem
    must be written so too ("cyclone" is not "cycl|one", though pages say "cycle" and
    "one"). Nor a word that only makes the query a question ("some|one"). Not in Chinese,
    written without spaces."""
    if language == "zh-hans":
        return text
    typed = {
        linguistics.fold(word): word
        for word in WORD.findall(text)
        if len(word) >= JOINED_LENGTH
        and not word.isdigit()
        and not linguistics.is_question_word(word, language)
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
    stems.update((folded[:i], stem(folded[:i])) for folded, at in cuts.items() for i in at)
    wanted = {(language, found) for found in stems.values() if found}
    known = {term for (_lang, term), held in _held_stems.get_many(wanted, _held).items() if held}
    seconds = {
        (language, folded[i:])
        for folded, at in cuts.items()
        if stems[folded] not in known
        for i in at
        if stems[folded[:i]] in known and stem(folded[i:])
    }
    # A first part that is its own stem ("cycl" of "cyclone") must be a word pages write.
    bare = {
        (language, folded[:i])
        for folded, at in cuts.items()
        if stems[folded] not in known
        for i in at
        if stems[folded[:i]] == folded[:i]
    }
    held_words = _held_words.get_many(seconds | bare, lambda missing: _held(missing, "word"))
    words = {word for (_lang, word), held in held_words.items() if held}
    for folded, word in typed.items():
        if stems[folded] in known:
            continue
        splits = [
            (min(i, len(folded) - i), i)
            for i in cuts[folded]
            if stems[folded[:i]] in known
            and folded[i:] in words
            and (stems[folded[:i]] != folded[:i] or folded[:i] in words)
        ]
        if splits:
            _balance, at = max(splits)
            text = re.sub(rf"\b{re.escape(word)}\b", f"{folded[:at]} {folded[at:]}", text)
    return text


# A pair of Chinese characters this many times rarer in the index than the pairs on both
# sides of it is taken to straddle two words.
STRADDLE = 4


def split_chinese(text, language):
    """Chinese typed without spaces, written apart where one word ends and the next begins,
    as far as the index tells: at a pair of characters held by pages, but far fewer of
    them than the pairs on both sides of it. Such a pair is chance, not a word: in
    "人口贩运迹象" (signs of trafficking), "运迹" is in the one page that happens to write
    the two words side by side, where "贩运" and "迹象" are each in six pages or more;
    counted as a rare word of the query, it put that page before the one titled
    "识别人口贩运的迹象". Written apart, both engines search each word's own pairs, and
    the words close together. Left alone: a pair at either end of a run (it has one
    neighbour), a pair no page holds (it finds nothing, and as a word of the query it
    keeps results to those with most of the others: "寻找儿童家人" does better whole), and
    a pair beside one the index lacks (a mistyped character makes two of those:
    search/chinese.py corrects it). Only in Chinese."""
    if language != "zh-hans":
        return text
    pairs = {run[i : i + 2] for run in IDEOGRAPH_RUN.findall(text) for i in range(len(run) - 1)}
    if len(pairs) < 3:
        return text
    counts = _pair_entries.get_many([(language, pair) for pair in pairs], _entries_holding)

    def pages(pair):
        return counts[language, pair]

    def apart(match):
        run, written = match.group(), [match.group()[0]]
        for at in range(1, len(run)):
            if 2 <= at <= len(run) - 2:
                left, pair, right = run[at - 2 : at], run[at - 1 : at + 1], run[at : at + 2]
                if 0 < pages(pair) * STRADDLE < min(pages(left), pages(right)):
                    written.append(" ")
            written.append(run[at])
        return "".join(written)

    return IDEOGRAPH_RUN.sub(apart, text)


def _entries_holding(keys):
    """How many entries of the index hold each (language, term)."""
    counts = dict.fromkeys(keys, 0)
    for language in {language for language, _term in keys}:
        rows = (
            SearchTerm.objects.filter(
                language=language, term__in=[term for lang, term in keys if lang == language]
            )
            .values_list("term")
            .annotate(entries=Count("entry_id"))
        )
        counts.update(((language, term), entries) for term, entries in rows)
    return counts


def _held(keys, column="term"):
    """Whether the index holds each (language, value) now: a stem (`term`), or a folded
    word as written (`word`)."""
    held = set()
    for language in {language for language, _value in keys}:
        values = [value for lang, value in keys if lang == language]
        found = SearchWord.objects.filter(language=language, **{f"{column}__in": values})
        held.update((language, value) for value in found.values_list(column, flat=True))
    return {key: key in held for key in keys}


def held_words(text, language):
    """The query's words (folded) that the index holds as written: a word it holds is no
    typo, so Elasticsearch need not read its close spellings (a common word's, at 100,000
    documents, in a fifth of the pages). Nor is a word the portal itself uses (a glossary
    term, an editors' synonym: vocabulary.knows), though no page may: "تهريب" (smuggling)
    does not find the pages on "تدريب" (training). None in Chinese, whose words are not
    written apart."""
    if language == "zh-hans":
        return None
    wanted = {(language, linguistics.fold_word(word)) for word in WORD.findall(text)}
    held = _held_words.get_many(wanted, lambda missing: _held(missing, "word"))
    known = vocabulary()
    return frozenset(
        word for (_lang, word), is_held in held.items() if is_held or known.knows(word, language)
    )


# Words come and go with what is published: a page or document writes its words in the
# transaction that publishes or saves it, whose commit starts a new content generation
# (a rebuild starts one when it is done), so no answer outlives the words it read by more
# than the second a publish in another process may take to reach this one: the search is
# read before it is sent, and a cache round trip there would delay every search.
_held_stems = ContentMemo(lagging=True)
_held_words = ContentMemo(lagging=True)
_pair_entries = ContentMemo(lagging=True)


def _subject(text, language):
    """The query cleaned, without the phrases that ask how long something takes."""
    return linguistics.without_question_phrases(clean(text), language)


def asked_editions(text, language):
    """`text` without the words that ask for a replaced edition, and which editions of a
    standard it wants first (Query.editions): "earlier" when it asks for the old one ("the
    previous case management standards"), "any" when it names a year ("case management
    standards 2019": the year, in the edition's title, decides), else "current"."""
    subject, earlier = linguistics.without_earlier_edition_words(text, language)
    if earlier:
        return subject, "earlier"
    return text, "any" if _YEAR.search(text) else "current"


def understand(text, language):
    text, editions = asked_editions(_subject(text, language), language)
    if not text:
        return Query(text="", language=language)
    text = split_chinese(split_joined(text, language), language)
    vocab = vocabulary()
    other = ENGLISH
    translated = translate(text, language, vocab) if language != other else ""
    kinds = wanted_kinds(text, language)
    return Query(
        text=text,
        language=language,
        held_words=held_words(text, language),
        alternatives=alternatives(text, language, vocab),
        other_language=other,
        translated=translated,
        translated_alternatives=alternatives(translated, other, vocab) if translated else [],
        kinds=kinds,
        kind_words=kind_words(text, language, kinds),
        translated_kind_words=kind_words(translated, other, kinds) if translated else frozenset(),
        editions=editions,
    )


def defined_term(text, language):
    """The glossary entry the query names, if any: {"term", "definition", "anchor"} in the
    reader's language. Named by its name or acronym in `language`, or by an editors'
    acronym that stands for it ("NRM"); or by a name of two words or more and one word
    more that its definition says with it ("national referral mechanism": the entry is
    "Referral mechanism", whose definition speaks of a national one). A Chinese word is
    most often two characters (国家转介机制)."""
    entries = vocabulary().terms.get(language, [])
    subject = _subject(text, language)
    for wording in [subject, *alternatives(subject, language)]:
        wanted = tuple(content_keys(wording, language))
        if not wanted:
            continue
        for keys, shown, _described in entries:
            if keys == wanted:
                return shown
        one_word = 2 if language == "zh-hans" else 1
        for keys, shown, described in entries:
            more = set(wanted) - set(keys)
            if len(keys) > 1 and set(keys) <= set(wanted) and 0 < len(more) <= one_word:
                if more <= described:
                    return shown
    return None


def named_themes(text, language):
    """Theme pages whose name the query contains ("children" finds "Children on the move"),
    best first: shown as a way into the theme, above the results. {"title", "url"}."""
    wanted = set(content_keys(_subject(text, language), language))
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
