"""Elasticsearch's view of the six languages: the analyzers and the mapping of the index.

Per language, the text as indexed and the reader's query go through that language's
filters (stop words, the irregular forms of foundation.linguistics, stemming, Arabic
normalisation, Chinese bigrams); a few plain fields serve suggestions and typo tolerance.
"""

from foundation.linguistics import QUESTION_WORDS, STEM_OVERRIDES, fold

# Per language: the filters after tokenizing. Stop words and stemmers are Elasticsearch's
# own; the irregular forms (foundation.linguistics.STEM_OVERRIDES) are mapped before stemming,
# Arabic is normalised (hamza, alef and ta marbuta variants) and loses its clitics in the
# stemmer, and Chinese is split into overlapping bigrams since it is written without spaces.
LANGUAGE_FILTERS = {
    "en": [
        "english_possessive",
        "lowercase",
        "asciifolding",
        "english_stop",
        "overrides_en",
        "english_stemmer",
    ],
    "fr": [
        "french_elision",
        "lowercase",
        "asciifolding",
        "french_stop",
        "overrides_fr",
        "french_stemmer",
    ],
    "es": ["lowercase", "asciifolding", "spanish_stop", "overrides_es", "spanish_stemmer"],
    "ar": [
        "lowercase",
        "decimal_digit",
        "arabic_normalization",
        "arabic_stop",
        "arabic_article",  # so that the irregular forms are known with "ال", "لل", "و"...
        "overrides_ar",
        "arabic_accusative",
        "arabic_stemmer",
        "overrides_ar_stems",  # broken plurals once the stemmer took "ال", "لل"... away
    ],
    "ru": ["lowercase", "russian_stop", "overrides_ru", "russian_stemmer"],
    "zh-hans": ["cjk_width", "lowercase", "cjk_bigram"],
}
CHAR_FILTERS = {"ru": ["yo_as_ye"]}
JOINED_FOLDING = ["lowercase", "asciifolding", "arabic_normalization"]
WORD_START = 6  # letters that make a word start (see analysis_settings)
WORD_START_LANGUAGES = ("en", "fr", "es", "ru")
JOINED_LANGUAGES = ("en", "fr", "es", "ar", "ru")  # written with spaces between words
STEMMERS = {
    "english_stemmer": "english",
    "french_stemmer": "light_french",
    "spanish_stemmer": "light_spanish",
    "arabic_stemmer": "arabic",
    "russian_stemmer": "russian",
}
STOPWORDS = {
    "english_stop": "_english_",
    "french_stop": "_french_",
    "spanish_stop": "_spanish_",
    "arabic_stop": "_arabic_",
    "russian_stop": "_russian_",
}


def _fold(word, code):
    """A word as it is when the filters above reach the stemmer."""
    if code in ("en", "fr", "es"):
        return fold(word)
    if code == "ar":
        return fold(word)  # the same letters arabic_normalization unifies
    return word.casefold().replace("ё", "е")


def _override_rules(code):
    """STEM_OVERRIDES as stemmer_override rules; every final term maps to itself, so
    that the stemmer leaves the singular ("child", "ребенок") as the plural becomes."""
    pairs = {_fold(word, code): _fold(term, code) for word, term in STEM_OVERRIDES[code].items()}
    pairs.update({term: term for term in pairs.values()})
    return [f"{word} => {term}" for word, term in sorted(pairs.items())]


def suffix(code):
    return code.replace("-", "_")


def analysis_settings():
    """Analyzers for every language: the text as indexed, and the reader's query, which
    also drops the words that only make it a question ("how", "comment", "كيف")."""
    filters = {
        "english_possessive": {"type": "stemmer", "language": "possessive_english"},
        "french_elision": {
            "type": "elision",
            "articles_case": True,
            "articles": [
                "l",
                "m",
                "t",
                "qu",
                "n",
                "s",
                "j",
                "d",
                "c",
                "jusqu",
                "quoiqu",
                "lorsqu",
                "puisqu",
            ],
        },
        **{name: {"type": "stemmer", "language": lang} for name, lang in STEMMERS.items()},
        **{name: {"type": "stop", "stopwords": words} for name, words in STOPWORDS.items()},
        "autocomplete_ngrams": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15},
        "word_start": {"type": "truncate", "length": WORD_START},
        # The article and the particles before it, as the Arabic stemmer takes them off,
        # but before the irregular forms are looked up: "الضحية" is "ضحية", not "ضح".
        "arabic_article": {
            "type": "pattern_replace",
            "pattern": "^(?:وال|بال|كال|فال|لل|ال)(?=..)|^و(?=...)",
            "replacement": "",
        },
        # The alif of the indefinite accusative ("عاملًا", "طفلا"), which the stemmer keeps
        # and Snowball's, on the database engine, takes off: "عاملا" is "عامل".
        "arabic_accusative": {
            "type": "pattern_replace",
            "pattern": "^(.{3,})ا$",
            "replacement": "$1",
        },
        "two_words_joined": {
            "type": "shingle",
            "min_shingle_size": 2,
            "max_shingle_size": 2,
            "output_unigrams": False,
            "token_separator": "",
        },
    }
    char_filters = {"yo_as_ye": {"type": "mapping", "mappings": ["ё => е", "Ё => Е"]}}
    analyzers = {
        "autocomplete": {
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "arabic_normalization", "autocomplete_ngrams"],
        },
        "autocomplete_search": {
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "arabic_normalization"],
        },
        # Chinese one character at a time: whether every character of a query is there,
        # since pairs of characters that straddle two words are in no text.
        "characters": {"tokenizer": "standard", "filter": ["cjk_width", "lowercase"]},
        # Two words typed without the space between them ("الاتجاربالبشر", "firstaid"):
        # the text's neighbouring words joined, the query's words as they are.
        "joined": {
            "tokenizer": "standard",
            "filter": [*JOINED_FOLDING, "two_words_joined"],
        },
        "joined_search": {"tokenizer": "standard", "filter": JOINED_FOLDING},
        # Words as written (lower-cased), for "did you mean" and typo tolerance.
        "spelling": {"tokenizer": "standard", "filter": ["lowercase"]},
    }
    for code, chain in LANGUAGE_FILTERS.items():
        name = suffix(code)
        rules = _override_rules(code)
        chain = [
            step
            for step in chain
            if not step.startswith("overrides_") or rules  # no rules, no filter
        ]
        if rules:
            filters[f"overrides_{name}"] = {"type": "stemmer_override", "rules": rules}
            if code == "ar":
                filters["overrides_ar_stems"] = {"type": "stemmer_override", "rules": rules}
        search_chain = list(chain)
        questions = sorted({_fold(word, code) for word in QUESTION_WORDS.get(code, ())})
        if code != "zh-hans" and questions:  # Chinese: taken out of the query in Python
            filters[f"questions_{name}"] = {"type": "stop", "stopwords": questions}
            stop = next(i for i, step in enumerate(chain) if step.endswith("_stop"))
            search_chain.insert(stop, f"questions_{name}")
        base = {"tokenizer": "standard", "char_filter": CHAR_FILTERS.get(code, [])}
        analyzers[f"text_{name}"] = {**base, "filter": chain}
        analyzers[f"search_{name}"] = {**base, "filter": search_chain}
        if code in WORD_START_LANGUAGES:
            # Word starts ("identif" of identify and identification): derived words that
            # no stemmer joins, scored low. The chain up to the stemmer, then cut.
            stem = next(i for i, step in enumerate(chain) if step.endswith("_stemmer"))
            start_chain = [step for step in chain[:stem] if not step.startswith("overrides_")]
            analyzers[f"start_{name}"] = {**base, "filter": [*start_chain, "word_start"]}
            start_search = [
                step
                for step in search_chain
                if step in start_chain or step.startswith("questions_")
            ]
            analyzers[f"start_search_{name}"] = {**base, "filter": [*start_search, "word_start"]}
    return {"analysis": {"filter": filters, "char_filter": char_filters, "analyzer": analyzers}}


def mapping():
    properties = {
        "object_type": {"type": "keyword"},
        "object_id": {"type": "integer"},
        "language": {"type": "keyword"},
        "kind": {"type": "keyword"},
        "url": {"type": "keyword", "index": False},
        "date": {"type": "date"},
        "themes": {"type": "keyword"},
        "audiences": {"type": "keyword"},
        "regions": {"type": "keyword"},
        "languages": {"type": "keyword"},
        "superseded": {"type": "boolean"},
    }
    for code in LANGUAGE_FILTERS:
        name = suffix(code)
        text = {
            "type": "text",
            "analyzer": f"text_{name}",
            "search_analyzer": f"search_{name}",
            "copy_to": [f"all_{name}", f"spelling_{name}"]
            + ([f"joined_{name}"] if code in JOINED_LANGUAGES else []),
        }
        properties[f"title_{name}"] = {
            **text,
            "fields": {
                "autocomplete": {
                    "type": "text",
                    "analyzer": "autocomplete",
                    "search_analyzer": "autocomplete_search",
                }
            },
        }
        properties[f"summary_{name}"] = dict(text)
        properties[f"headings_{name}"] = dict(text)
        # Offsets in the postings: highlights without analysing the text again.
        properties[f"body_{name}"] = {**text, "index_options": "offsets"}
        properties[f"all_{name}"] = {
            "type": "text",
            "analyzer": f"text_{name}",
            "search_analyzer": f"search_{name}",
        }
        if code in WORD_START_LANGUAGES:
            properties[f"all_{name}"]["fields"] = {
                "start": {
                    "type": "text",
                    "analyzer": f"start_{name}",
                    "search_analyzer": f"start_search_{name}",
                }
            }
        if code == "zh-hans":
            properties[f"all_{name}"]["fields"] = {
                "characters": {"type": "text", "analyzer": "characters"}
            }
        properties[f"spelling_{name}"] = {"type": "text", "analyzer": "spelling"}
        if code in JOINED_LANGUAGES:
            properties[f"joined_{name}"] = {
                "type": "text",
                "analyzer": "joined",
                "search_analyzer": "joined_search",
            }
    return {"dynamic": "strict", "properties": properties}
