"""A Chinese character typed wrong, corrected by the characters around it (database engine).

Chinese is indexed as pairs of characters (foundation.linguistics), so a typo is not a word
a letter away from another, as in the alphabetic languages, but a character in place of
another, most often one of the same sound that the pinyin input method offered first:
"个按管理" for 个案管理. The wrong character makes pairs the index does not hold with its
neighbours (个按, 按管); its correction is a character that makes pairs the index holds
with the same neighbours (个案, 案管), looked up in the vocabulary of pairs (SearchPair) by
either neighbour: a few index lookups, whatever the size of the index.

A pair the index lacks is not always a typo: a pair that straddles two words ("理流" of
个案管理流程) is in no text, and a correct query must keep its words. So a character is
replaced only where a typo leaves its mark: between two unknown pairs, both of which its
replacement makes known; or at the start or end of a run, in its one unknown pair, by a
character of the same sound (the same pinyin without tones, or one that readers mix up:
zh/z, ch/c, sh/s, n/l, -ng/-n). An unknown pair between known ones is taken for two
words side by side; three unknown pairs in a row or more, for more than one wrong
character or words the portal does not hold: neither is corrected.
"""

import os
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Concat

from foundation import linguistics
from search.models import SearchPair, SearchTerm

MAX_CANDIDATES = 30  # corrections whose frequency is looked up, per query
LOOSE_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"))
LOOSE_FINALS = ("ang", "eng", "ing")  # read as -an, -en, -in


@dataclass
class Correction:
    run: str  # the characters as typed, one run without spaces
    position: int
    char: str  # what replaces run[position]
    fixed: dict  # unknown pair typed -> the pair of the index that replaces it
    sound: int  # 2: the same sound as the character typed, 1: a close one, 0: another
    frequency: int = 0  # entries holding the new pairs

    @property
    def text(self):
        return self.run[: self.position] + self.char + self.run[self.position + 1 :]

    @property
    def evidence(self):
        return (len(self.fixed), self.sound)

    @property
    def rank(self):
        return (*self.evidence, self.frequency, self.char)


def pairs(language, terms):
    """(language, first, second) of the terms that are pairs of Chinese characters."""
    return [
        (language, term[0], term[1])
        for term in terms
        if len(term) == 2 and linguistics.is_cjk(term) and linguistics.is_cjk(term[1])
    ]


def prune(language):
    """Forget the pairs no entry holds any more (after a rebuild)."""
    terms = SearchTerm.objects.filter(language=language, term=OuterRef("pair"))
    pairs = SearchPair.objects.filter(language=language).annotate(pair=Concat("first", "second"))
    pairs.exclude(Exists(terms)).delete()


def runs(text, language):
    """The runs of two characters or more of a query, as it is searched: in Chinese, without
    the words that only make it a question (as linguistics.query_words takes them out)."""
    if language == "zh-hans":
        for word in sorted(linguistics.QUESTION_WORDS["zh-hans"], key=len, reverse=True):
            text = text.replace(word, " ")
    return [
        word
        for word, _start, _end in linguistics.words(text)
        if len(word) > 1 and linguistics.is_cjk(word)
    ]


def correct(text, language, known):
    """The likeliest correction of each run of `text` that needs one: the one that makes
    the most unknown pairs known, by the closest sound, then the most frequent pairs.
    `known`: the query's pairs that the index holds (any container)."""
    suspects = []
    for run in runs(text, language):
        unknown = [run[i : i + 2] not in known for i in range(len(run) - 1)]
        suspects += [(run, position) for position in _suspects(unknown)]
    if not suspects:
        return []
    starting, ending = _neighbours(suspects, language)
    found = []
    for run, position in suspects:
        found += _candidates(run, position, starting, ending)
    found.sort(key=lambda correction: (*correction.evidence, correction.char), reverse=True)
    found = found[:MAX_CANDIDATES]
    wanted = {pair for correction in found for pair in correction.fixed.values()}
    counts = dict(
        SearchTerm.objects.filter(language=language, term__in=wanted)
        .values_list("term")
        .annotate(count=Count("pk"))
        .order_by()
    )
    best = {}  # run -> its likeliest correction
    for correction in found:
        frequencies = [counts.get(pair, 0) for pair in correction.fixed.values()]
        if 0 in frequencies:
            continue  # a pair no entry holds any more (the vocabulary keeps it until a rebuild)
        correction.frequency = sum(frequencies)
        current = best.get(correction.run)
        if current is None or correction.rank > current.rank:
            best[correction.run] = correction
    return list(best.values())


def corrected(text, language):
    """`text` with the best correction of each run, or `text` itself."""
    pairs_typed = {run[i : i + 2] for run in runs(text, language) for i in range(len(run) - 1)}
    if not pairs_typed:
        return text
    known = set(
        SearchTerm.objects.filter(language=language, term__in=pairs_typed)
        .values_list("term", flat=True)
        .distinct()
    )
    for correction in correct(text, language, known):
        text = text.replace(correction.run, correction.text)
    return text


def _suspects(unknown):
    """Positions of characters that may be wrong, from which pairs are unknown: the one
    between two unknown pairs, or one at an end of the run in an unknown pair."""
    suspects, start = [], 0
    while start < len(unknown):
        if not unknown[start]:
            start += 1
            continue
        end = start
        while end + 1 < len(unknown) and unknown[end + 1]:
            end += 1
        if end == start + 1:
            suspects.append(end)
        elif end == start:
            suspects += [p for p in (start, start + 1) if p in (0, len(unknown))]
        start = end + 1
    return suspects


def _neighbours(suspects, language):
    """{character: the characters the index holds after it}, {character: ... before it},
    for the neighbours of the suspects, in one query."""
    before = {run[position - 1] for run, position in suspects if position > 0}
    after = {run[position + 1] for run, position in suspects if position < len(run) - 1}
    rows = SearchPair.objects.filter(language=language).filter(
        Q(first__in=before) | Q(second__in=after)
    )
    starting, ending = defaultdict(set), defaultdict(set)
    for first, second in rows.values_list("first", "second"):
        starting[first].add(second)
        ending[second].add(first)
    return starting, ending


def _candidates(run, position, starting, ending):
    """Corrections of run[position] that make its unknown pairs known: any character that
    makes both of two, one of the same or a close sound that makes one."""
    typed = run[position]
    options = set()
    if position > 0:
        options |= starting.get(run[position - 1], set())
    if position < len(run) - 1:
        options |= ending.get(run[position + 1], set())
    options.discard(typed)
    found = []
    for char in options:
        fixed = {}
        if position > 0 and char in starting.get(run[position - 1], ()):
            fixed[run[position - 1 : position + 1]] = run[position - 1] + char
        if position < len(run) - 1 and char in ending.get(run[position + 1], ()):
            fixed[run[position : position + 2]] = char + run[position + 1]
        sound = _sound(typed, char)
        if len(fixed) == 2 or (fixed and sound):
            found.append(Correction(run, position, char, fixed, sound))
    return found


def _sound(typed, char):
    """2: one's usual reading is a reading of the other (the input method offered one for
    the other); 1: their usual readings sound close; 0: neither."""
    typed_sounds, sounds = _sounds(typed), _sounds(char)
    if not typed_sounds or not sounds:
        return 0
    if typed_sounds[0] in sounds or sounds[0] in typed_sounds:
        return 2
    if _loose(typed_sounds[0]) == _loose(sounds[0]):
        return 1
    return 0


@lru_cache(maxsize=20_000)
def _sounds(char):
    """The readings of a character in pinyin without tones, the usual one first ("行":
    xing, hang, heng)."""
    return tuple(dict.fromkeys(reading for readings in _pinyin()(char) for reading in readings))


@lru_cache(maxsize=1)
def _pinyin():
    # Characters one at a time: pypinyin's dictionary of phrases (a third of a second and
    # tens of megabytes to load) is not needed.
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    from pypinyin import Style, pinyin

    return lambda char: pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")


def _loose(sound):
    for exact, loose in LOOSE_INITIALS:
        if sound.startswith(exact):
            sound = loose + sound[len(exact) :]
            break
    return sound[:-1] if sound.endswith(LOOSE_FINALS) else sound
