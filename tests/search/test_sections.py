"""The order the search page shows one engine's answer in (search.results.shown_sections):
what a reader sees first decides whether they find the page, so it is tested apart from
the engines, on answers shaped as they return them."""

from search.results import Hit, SearchResults, shown_sections


def hit(number, score, partial=False, title="A page", english_only=False):
    return Hit(
        object_type="page",
        object_id=number,
        kind="guidance",
        language="en" if english_only else "ru",
        url=f"/page-{number}/",
        title_html=title,
        snippet_html="",
        english_only=english_only,
        partial=partial,
        score=score,
    )


def answer(hits, english=()):
    return SearchResults(
        query="q", language="ru", engine="elasticsearch", hits=hits, english_hits=list(english)
    )


def numbers(hits):
    return [item.object_id for item in hits]


def test_the_top_match_comes_first_even_without_every_word():
    # "如何进行心理急救": the page on psychological first aid lacks "进行" and still answers.
    results = answer([hit(1, 40.0, partial=True), hit(2, 30.0), hit(3, 5.0)])

    sections = shown_sections(results)

    assert numbers(sections.best) == [1, 2]
    assert numbers(sections.more) == [3]


def test_content_not_yet_in_the_language_comes_before_weak_matches():
    results = answer([hit(1, 20.0), hit(2, 4.0)], english=[hit(9, 18.0, english_only=True)])

    sections = shown_sections(results)

    assert numbers(sections.best) == [1]
    assert numbers(sections.other) == [9]
    assert numbers(sections.more) == [2]


def test_a_passing_mention_gives_way_to_the_page_about_it_in_english():
    # "информированное согласие": standards that mention consent once, beside an English
    # page on informed consent.
    mention = hit(1, 6.0, title="Стандарты ведения случаев")
    results = answer([mention], english=[hit(9, 25.0, english_only=True)])

    sections = shown_sections(results)

    assert sections.best == [] and numbers(sections.other) == [9]
    assert numbers(sections.more) == [1]


def test_a_superseded_edition_in_english_neither_leads_its_section_nor_pushes_results_down():
    # "СОП перенаправление": the 2019 standards exist only in English; the current edition
    # is in Russian, with a lower score than the old one.
    old = hit(9, 25.0, title="<mark>SOP</mark> 2019", english_only=True)
    old.superseded = True
    current_in_english = hit(8, 12.0, english_only=True)
    results = answer([hit(1, 10.0)], english=[old, current_in_english])

    sections = shown_sections(results)

    assert numbers(sections.best) == [1]
    assert numbers(sections.other) == [8, 9]


def test_an_old_edition_in_english_leads_its_section_when_the_reader_asks_for_it():
    # "стандарты ведения случаев 2019": the year is in the old edition's title only.
    old = hit(9, 25.0, title="<mark>Case</mark> <mark>management</mark> 2019", english_only=True)
    old.superseded = True
    results = answer([hit(1, 10.0)], english=[old, hit(8, 12.0, english_only=True)])
    results.editions = "any"

    assert numbers(shown_sections(results).other) == [9, 8]


def test_a_title_with_the_readers_words_stays_above_the_other_language():
    titled = hit(1, 6.0, title="<mark>Согласие</mark> и конфиденциальность")
    results = answer([titled], english=[hit(9, 25.0, english_only=True)])

    assert numbers(shown_sections(results).best) == [1]


def test_a_title_holding_far_fewer_of_the_words_comes_after_the_other_languages_page():
    # "форма оценки интересов ребёнка": the form exists only in English.
    children = hit(1, 11.6, title="Стандарты защиты <mark>детей</mark>-мигрантов")
    form = hit(
        9,
        50.7,
        title="Best <mark>interests</mark> <mark>assessment</mark> <mark>form</mark>",
        english_only=True,
    )

    sections = shown_sections(answer([children], english=[form]))

    assert sections.best == [] and numbers(sections.other) == [9]
    assert numbers(sections.more) == [1]


def test_a_title_one_word_short_of_the_other_languages_stays_first():
    consent = hit(1, 6.0, title="<mark>Согласие</mark> и <mark>конфиденциальность</mark>")
    english = hit(
        9,
        25.0,
        title="<mark>Informed</mark> <mark>consent</mark> and <mark>confidentiality</mark>",
        english_only=True,
    )

    assert numbers(shown_sections(answer([consent], english=[english])).best) == [1]


def test_chinese_title_words_are_counted_by_pairs_of_characters():
    whole = hit(1, 119.5, title="<mark>个案管理标准</mark>")
    english = hit(
        9,
        60.9,
        title="<mark>Case</mark> <mark>management</mark> <mark>standards</mark> (2019)",
        english_only=True,
    )

    assert numbers(shown_sections(answer([whole], english=[english])).best) == [1]


def test_sorted_by_date_or_past_the_first_page_it_is_one_list():
    results = answer([hit(1, 1.0), hit(2, 40.0)], english=[hit(9, 25.0, english_only=True)])

    by_date = shown_sections(results, by_relevance=False)
    second_page = shown_sections(results, page=2)

    assert numbers(by_date.best) == [1, 2] and numbers(by_date.other) == [9]
    assert numbers(second_page.best) == [1, 2] and second_page.other == []
    assert by_date.more == [] and second_page.more == []


def test_a_page_titled_with_the_words_in_english_comes_before_a_mention_scoring_higher():
    mention = hit(1, 30.0, title="Стандарты ведения случаев")
    about = hit(9, 25.0, title="<mark>Informed</mark> <mark>consent</mark>", english_only=True)

    sections = shown_sections(answer([mention], english=[about]))

    assert sections.best == [] and numbers(sections.other) == [9]
    assert numbers(sections.more) == [1]
