"""The index settings, mapping and query bodies sent to Elasticsearch, read as JSON (no server)."""

import json

import pytest

from django.conf import settings

from search.analysis import analysis_settings, mapping
from search.elastic_queries import other_language_body, query_body
from search.results import Query

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
SUFFIXES = [code.replace("-", "_") for code in LANGUAGE_CODES]
# The stemmer (or, for Chinese, the bigram splitter) each language's text must go through.
EXPECTED_STEMMER = {
    "en": ("english_stemmer", {"type": "stemmer", "language": "english"}),
    "fr": ("french_stemmer", {"type": "stemmer", "language": "light_french"}),
    "es": ("spanish_stemmer", {"type": "stemmer", "language": "light_spanish"}),
    "ar": ("arabic_stemmer", {"type": "stemmer", "language": "arabic"}),
    "ru": ("russian_stemmer", {"type": "stemmer", "language": "russian"}),
}


@pytest.fixture
def analysis():
    # Through JSON, as the client sends it: nothing that only Python can read.
    return json.loads(json.dumps(analysis_settings()))["analysis"]


@pytest.fixture
def properties():
    return json.loads(json.dumps(mapping()))["properties"]


def body(query="trafficking", language="fr", filters=None, sort="relevance"):
    return body_of(Query(text=query, language=language), filters, sort)


def body_of(query, filters=None, sort="relevance"):
    raw = query_body(query, filters or {}, sort, 0, 10)
    return json.loads(json.dumps(raw))


def text_part(query_body):
    """The scored part of a body, inside the boosting that lowers superseded editions."""
    return query_body["query"]["boosting"]["positive"]["bool"]


def text_query(query_body):
    """The text query itself, inside the factor that lowers tools and lessons."""
    must = text_part(query_body)["must"]
    return must["function_score"]["query"] if "function_score" in must else must


# Analysis ----------------------------------------------------------------------------


def test_every_language_has_an_index_and_a_search_analyzer(analysis):
    analyzers = analysis["analyzer"]

    for name in SUFFIXES:
        assert analyzers[f"text_{name}"]["tokenizer"] == "standard"
        assert analyzers[f"search_{name}"]["tokenizer"] == "standard"
        # The same chain at both ends, apart from the question words.
        search_chain = [
            f for f in analyzers[f"search_{name}"]["filter"] if f != f"questions_{name}"
        ]
        assert search_chain == analyzers[f"text_{name}"]["filter"]


@pytest.mark.parametrize("code", sorted(EXPECTED_STEMMER))
def test_each_language_is_stemmed_by_its_own_stemmer(analysis, code):
    stemmer, definition = EXPECTED_STEMMER[code]
    chain = analysis["analyzer"][f"text_{code}"]["filter"]

    assert analysis["filter"][stemmer] == definition
    # After lower-casing, folding and stop words; only the irregular forms come after.
    assert all(step.startswith("overrides_") for step in chain[chain.index(stemmer) + 1 :])
    assert chain.index("lowercase") < chain.index(stemmer)
    others = {name for name, _definition in EXPECTED_STEMMER.values()} - {stemmer}
    assert not others & set(chain)


def test_arabic_folds_hamza_and_ta_marbuta_variants_before_stemming(analysis):
    chain = analysis["analyzer"]["text_ar"]["filter"]

    assert chain.index("arabic_normalization") < chain.index("arabic_stemmer")
    assert analysis["analyzer"]["search_ar"]["filter"].index("arabic_normalization") < analysis[
        "analyzer"
    ]["search_ar"]["filter"].index("arabic_stemmer")


def test_french_drops_elisions_and_folds_accents(analysis):
    chain = analysis["analyzer"]["text_fr"]["filter"]

    assert chain[0] == "french_elision"
    assert {"l", "d", "qu", "jusqu"} <= set(analysis["filter"]["french_elision"]["articles"])
    assert "asciifolding" in chain
    assert "asciifolding" in analysis["analyzer"]["text_es"]["filter"]


def test_chinese_is_cut_into_bigrams_without_a_stemmer(analysis):
    chain = analysis["analyzer"]["text_zh_hans"]["filter"]

    assert chain == ["cjk_width", "lowercase", "cjk_bigram"]


def test_question_words_are_dropped_from_queries_only(analysis):
    analyzers, filters = analysis["analyzer"], analysis["filter"]

    for name in ("en", "fr", "es", "ar", "ru"):
        assert f"questions_{name}" not in analyzers[f"text_{name}"]["filter"]
        search_chain = analyzers[f"search_{name}"]["filter"]
        position = search_chain.index(f"questions_{name}")
        assert search_chain[position + 1].endswith("_stop")  # with the language's stop words
    assert "how" in filters["questions_en"]["stopwords"]
    assert "comment" in filters["questions_fr"]["stopwords"]
    assert "كيف" in filters["questions_ar"]["stopwords"]
    assert "questions_zh_hans" not in filters  # Chinese: taken out in Python (no spaces)


def test_irregular_plurals_meet_their_singular_before_the_stemmer(analysis):
    filters, chain = analysis["filter"], analysis["analyzer"]["text_en"]["filter"]

    assert chain.index("overrides_en") < chain.index("english_stemmer")
    assert "children => child" in filters["overrides_en"]["rules"]
    assert "child => child" in filters["overrides_en"]["rules"]  # kept from the stemmer too
    assert "дети => ребенок" in filters["overrides_ru"]["rules"]
    ar_chain = analysis["analyzer"]["text_ar"]["filter"]
    assert ar_chain[-1] == "overrides_ar_stems"  # "الأطفال" once the stemmer took "ال" away
    assert "اطفال => طفل" in filters["overrides_ar_stems"]["rules"]


# Mapping -----------------------------------------------------------------------------


def test_the_mapping_refuses_fields_it_does_not_declare():
    assert mapping()["dynamic"] == "strict"


@pytest.mark.parametrize("name", SUFFIXES)
def test_translated_fields_use_their_languages_analyzers_and_feed_the_catch_alls(properties, name):
    for field in ("title", "headings", "summary", "body"):
        definition = properties[f"{field}_{name}"]
        assert definition["type"] == "text"
        assert definition["analyzer"] == f"text_{name}"
        assert definition["search_analyzer"] == f"search_{name}"
        # Chinese is written without spaces: no words typed without one to join.
        joined = [] if name == "zh_hans" else [f"joined_{name}"]
        assert definition["copy_to"] == [f"all_{name}", f"spelling_{name}", *joined]
    assert properties[f"all_{name}"]["analyzer"] == f"text_{name}"
    assert properties[f"all_{name}"]["search_analyzer"] == f"search_{name}"
    assert properties[f"spelling_{name}"] == {"type": "text", "analyzer": "spelling"}
    assert properties[f"title_{name}"]["fields"]["autocomplete"]["analyzer"] == "autocomplete"


def test_title_fr_is_read_as_french(properties):
    assert properties["title_fr"]["analyzer"] == "text_fr"
    assert properties["title_fr"]["copy_to"] == ["all_fr", "spelling_fr", "joined_fr"]


def test_facets_are_keywords_and_there_is_no_untranslated_text_field(properties):
    for facet in ("kind", "themes", "audiences", "regions", "languages", "language"):
        assert properties[facet] == {"type": "keyword"}
    # wagtail-modeltranslation's trap: a bare "title" filled from whatever language was active.
    assert "title" not in properties and "body" not in properties
    assert properties["date"] == {"type": "date"}
    assert properties["superseded"] == {"type": "boolean"}


# Queries -----------------------------------------------------------------------------


def ordering_query(query_body):
    """The clauses that order the first pages found (the rescore), inside the same factors."""
    must = query_body["rescore"]["query"]["rescore_query"]["boosting"]["positive"]["bool"]["must"]
    return must["function_score"]["query"] if "function_score" in must else must


def _clauses(query_body):
    """Every clause of the text: first those that order, then those that find."""
    return ordering_query(query_body)["bool"]["should"] + text_query(query_body)["bool"]["should"]


def _named(query_body):
    """The every-word clauses a strong hit matches, by name (in the post filter)."""
    return query_body["post_filter"]["bool"]["should"]


def _fields_in(clause):
    (kind,) = clause
    inner = clause[kind]
    return inner["fields"] if "fields" in inner else list(inner)


def test_the_query_searches_the_active_languages_fields_only():
    query = body(language="ru")

    fields = {field.split("^")[0] for clause in _clauses(query) for field in _fields_in(clause)}
    assert fields == {
        "title_ru",
        "headings_ru",
        "summary_ru",
        "body_ru",
        "all_ru",
        "all_ru.start",
        "joined_ru",
        "spelling_ru",
    }
    assert {"term": {"language": "ru"}} in text_part(query)["filter"]
    assert set(query["highlight"]["fields"]) == {"title_ru", "summary_ru", "body_ru"}
    assert query["suggest"]["missing"]["term"]["field"] == "spelling_ru"
    assert query["suggest"]["popular"]["term"]["suggest_mode"] == "popular"


def test_chinese_fields_are_named_with_an_underscore():
    query = body(language="zh-hans")

    assert {"term": {"language": "zh-hans"}} in text_part(query)["filter"]
    assert "title_zh_hans" in query["highlight"]["fields"]


def test_only_the_spelling_field_is_fuzzy_and_only_on_longer_words():
    clauses = _clauses(body(language="es"))

    fuzzy = [clause for clause in clauses if "fuzziness" in json.dumps(clause)]
    assert len(fuzzy) == 1
    assert list(fuzzy[0]["match"]) == ["spelling_es"]
    assert fuzzy[0]["match"]["spelling_es"]["fuzziness"] == "AUTO:5,8"
    assert fuzzy[0]["match"]["spelling_es"]["prefix_length"] == 1


def test_highlights_are_escaped_and_marked_with_mark_tags():
    highlight = body()["highlight"]

    assert highlight["encoder"] == "html"
    assert highlight["pre_tags"] == ["<mark>"]
    assert highlight["post_tags"] == ["</mark>"]


def test_selected_facets_filter_the_hits_after_the_counts():
    filters = {"kind": ["tool"], "themes": ["detention", "health"], "regions": []}

    query = body(filters=filters)

    assert query["post_filter"]["bool"]["filter"] == [
        {"terms": {"kind": ["tool"]}},
        {"terms": {"themes": ["detention", "health"]}},
    ]
    # Beside them, the every-word test that labels partial hits filters nothing.
    assert query["post_filter"]["bool"]["minimum_should_match"] == 0
    assert body()["post_filter"]["bool"]["filter"] == [{"match_all": {}}]
    # Selected facets never narrow the main query, or the counts would shrink with them.
    assert text_part(query)["filter"] == [{"term": {"language": "fr"}}]
    assert "detention" not in json.dumps(query["query"])


def test_each_facet_is_counted_under_the_other_selected_facets_only():
    filters = {"kind": ["tool"], "themes": ["detention"], "audiences": ["officials"]}

    aggs = body(filters=filters)["aggs"]

    assert set(aggs) == {"kind", "themes", "audiences", "regions", "languages"}

    def applied(facet):
        return aggs[facet]["filter"]["bool"]["filter"]

    assert applied("kind") == [
        {"terms": {"themes": ["detention"]}},
        {"terms": {"audiences": ["officials"]}},
    ]
    assert applied("themes") == [
        {"terms": {"kind": ["tool"]}},
        {"terms": {"audiences": ["officials"]}},
    ]
    assert applied("regions") == [
        {"terms": {"kind": ["tool"]}},
        {"terms": {"themes": ["detention"]}},
        {"terms": {"audiences": ["officials"]}},
    ]
    for facet in aggs:
        assert aggs[facet]["aggs"]["values"]["terms"]["field"] == facet


def test_a_facet_nothing_else_narrows_is_counted_without_a_filter():
    # An empty filter would visit every matching document once more for nothing.
    assert body()["aggs"]["themes"] == {"terms": {"field": "themes", "size": 50}}
    regions = body(filters={"regions": ["africa"]})["aggs"]["regions"]
    assert regions == {"terms": {"field": "regions", "size": 50}}


def test_sorting_by_date_puts_the_newest_first_and_undated_last():
    assert "sort" not in body()
    assert body(sort="date")["sort"] == [
        {"date": {"order": "desc", "missing": "_last"}},
        "_score",
    ]


def test_the_other_language_search_leaves_out_what_exists_in_the_readers_language():
    query = Query(text="traite", language="fr", translated="trafficking in persons")

    other = json.loads(json.dumps(other_language_body(query, {}, 5)))

    assert text_part(other)["filter"] == [
        {"term": {"language": "en"}},
        {"bool": {"must_not": {"term": {"languages": "fr"}}}},
    ]
    assert "trafficking in persons" in json.dumps(text_part(other)["must"])
    assert "must_not" not in json.dumps(body(language="fr")["query"])


def test_the_full_order_is_decided_for_the_pages_a_reader_can_reach():
    window = body()["rescore"]["window_size"]
    deep = json.loads(json.dumps(query_body(Query(text="consent", language="en"), {}, "", 990, 10)))

    assert window >= 100
    assert deep["rescore"]["window_size"] == 1000  # page 100 is ordered as page 1 is
    # The engine cannot rescore a sorted search: by date, every clause is in the query.
    by_date = body(sort="date")
    assert "rescore" not in by_date
    assert '"type": "phrase"' in json.dumps(by_date["query"])
    assert '"type": "phrase"' not in json.dumps(body()["query"])


def test_superseded_editions_are_lowered_not_removed():
    boosting = body()["query"]["boosting"]

    assert boosting["negative"] == {"term": {"superseded": True}}
    assert 0 < boosting["negative_boost"] < 1


def test_a_long_query_is_cut_to_200_characters_everywhere():
    query = body(query="protection " * 500)

    texts = [
        clause[kind][field]["query"] if field else clause[kind]["query"]
        for clause in _clauses(query)
        for kind in clause
        for field in ([None] if "fields" in clause[kind] else list(clause[kind]))
    ]
    # words, phrase, every word, word starts, missing spaces, typos, half of the words
    assert len(texts) == 7
    assert all(len(text) == 200 for text in texts)
    assert len(query["suggest"]["text"]) == 200


def test_two_words_typed_as_one_meet_the_texts_words_joined(analysis, properties):
    joined = analysis["filter"]["two_words_joined"]
    assert joined["token_separator"] == "" and joined["output_unigrams"] is False
    assert properties["joined_ar"]["analyzer"] == "joined"
    # The reader's query is not joined again: one typed word meets two of the text's.
    assert properties["joined_ar"]["search_analyzer"] == "joined_search"
    assert "two_words_joined" not in analysis["analyzer"]["joined_search"]["filter"]


def test_a_querys_other_wordings_count_once_for_the_best():
    query = Query(text="UASC", language="en", alternatives=["unaccompanied children", "UASC"])
    words, phrase, every_word = _clauses(body_of(query))[:3]
    for clause in (words, phrase, every_word):
        assert len(clause["dis_max"]["queries"]) == 3  # the typed text and two wordings
        assert clause["dis_max"]["tie_breaker"] < 0.5
    names = [clause["multi_match"]["_name"] for clause in _named(body_of(query))]
    assert names == ["all-words", "all-words-0", "all-words-1"]


def test_tools_and_lessons_rank_below_guidance_unless_the_query_asks_for_them():
    def lowered(query):
        must = text_part(body_of(query))["must"]
        if "function_score" not in must:
            return set()
        (function,) = must["function_score"]["functions"]
        assert 0 < function["weight"] < 1 and must["function_score"]["boost_mode"] == "multiply"
        return set(function["filter"]["terms"]["kind"])

    assert lowered(Query(text="consent", language="en")) == {"tool", "lesson"}
    assert lowered(Query(text="consent form", language="en", kinds=["tool"])) == {"lesson"}
    assert lowered(Query(text="consent training", language="en", kinds=["course"])) == {"tool"}
    assert lowered(Query(text="x", language="en", kinds=["tool", "course"])) == set()


def test_a_chinese_result_has_every_word_when_it_has_every_character():
    (every_word,) = _named(body(query="心理急救", language="zh-hans"))
    every_word = every_word["bool"]

    assert every_word["_name"] == "all-words"
    characters = every_word["must"][0]["match"]["all_zh_hans.characters"]
    assert characters == {"query": "心理急救", "operator": "and"}


def test_arabic_irregular_forms_are_looked_up_without_the_article(analysis):
    chain = analysis["analyzer"]["text_ar"]["filter"]
    # "الضحايا", "للضحايا" and "ضحايا" all reach the overrides as "ضحايا".
    steps = [chain.index(step) for step in ("arabic_article", "overrides_ar", "arabic_stemmer")]
    assert steps == sorted(steps)
    assert analysis["filter"]["arabic_article"]["type"] == "pattern_replace"
