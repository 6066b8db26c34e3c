"""Each text in its own language: detection, stemmer, compound rules and thesaurus phrases
(no database). The English failures of issue 14 are the cases."""

from __future__ import annotations

import time

import pytest

from knowledge.analysis import Analyzer
from knowledge.language import detect
from knowledge.query import QueryAnalyzer
from knowledge.thesaurus import Thesaurus, load_thesaurus, phrase_languages

# Words a mixed history knows, so the Dutch compound rules *could* cut English words.
VOCABULARY = {
    "high": 5,
    "way": 5,
    "sign": 4,
    "com": 3,
    "put": 3,
    "leerlingenvervoer": 8,
    "leerlingen": 6,
    "vervoer": 6,
    "vergunning": 6,
    "kinderen": 4,
}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Wie weet iets van de Wmo en hoe dat zit met een traplift?", "nl"),
        ("heeft iemand ervaring met leerlingenvervoer", "nl"),
        ("Does anyone know who handles the highway signing contract?", "en"),
        ("who knows about WOZ appeals?", "en"),
        ("Wer weiß etwas über die Ausschreibung für das Bauprojekt?", "de"),
        ("Können Sie mir bitte sagen, wer das macht?", "de"),
    ],
)
def test_the_language_of_a_question_is_recognised(text: str, language: str) -> None:
    assert detect(text) == language


def test_too_little_evidence_keeps_the_default() -> None:
    assert detect("Top :smile:") == "nl"
    assert detect("Traplift") == "nl"
    assert detect("Traplift", default="en") == "en"
    assert detect("") == "nl"


def test_detection_is_fast_and_bounded_on_long_input() -> None:
    hostile = "the " * 200_000 + "de " * 200_000
    started = time.perf_counter()
    detect(hostile)
    assert time.perf_counter() - started < 0.1


def test_english_words_are_never_cut_by_dutch_compound_rules() -> None:
    analyzer = Analyzer(lambda word: VOCABULARY.get(word, 0) >= 2)
    english = analyzer.text_terms("The highway signing is computing the seed values again")
    assert {"highway", "sign", "comput", "seed"} <= english
    assert not english & {"high", "way", "ing", "put", "sed"}
    # the same word in a Dutch sentence is analysed as Dutch: compounds are split there
    assert {"high", "way"} <= analyzer.text_terms("Wie weet hoe het zit met de highway?")


def test_dutch_compounds_are_still_split_in_dutch() -> None:
    analyzer = Analyzer(lambda word: VOCABULARY.get(word, 0) >= 2)
    terms = analyzer.text_terms("Hoe regelen jullie het leerlingenvervoer in de zomer?")
    assert {"leerlingenvervoer", "vervoer"} <= terms


def test_an_english_question_is_not_expanded_through_dutch_words() -> None:
    queries = QueryAnalyzer(load_thesaurus(), VOCABULARY)
    english = queries.analyze("what kind of permit does a school bus need?")
    assert english.lang == "en"
    assert not english.all_terms & {"child", "children", "kinder", "kinderen"}
    dutch = queries.analyze("wie weet iets van opvang voor een kind?")
    assert dutch.lang == "nl"
    assert {"child", "children"} & dutch.all_terms


def test_a_word_english_uses_for_something_else_finds_no_dutch_evidence() -> None:
    """The history's "kind" is a Dutch child: an English "what kind of" is no topic."""
    queries = QueryAnalyzer(load_thesaurus(), {**VOCABULARY, "kind": 9})
    english = queries.analyze("Which kind of licence does a food truck at the market need?")
    assert english.lang == "en"
    assert "kind" not in english.all_terms
    assert "kind" in queries.analyze("wie weet iets van een kind met een indicatie?").all_terms


def test_signing_a_document_is_not_signing_in() -> None:
    """ "sign in" ↔ inloggen is a verb with its particle, not any signing."""
    queries = QueryAnalyzer(load_thesaurus(), VOCABULARY)
    found = queries.analyze("who has experience with signing contracts electronically?")
    assert not found.all_terms & {"inloggen", "inlogg", "login", "aanmelden", "log"}
    assert "inloggen" in queries.analyze("who can help me with the login?").all_terms


def test_an_english_synonym_reaches_the_dutch_phrase_as_dutch_stems() -> None:
    queries = QueryAnalyzer(load_thesaurus(), VOCABULARY)
    found = queries.analyze("who knows about pupil transport?")
    assert found.lang == "en"
    assert "leerlingenvervoer" in found.all_terms


def test_phrase_languages_from_marks_and_function_words() -> None:
    assert phrase_languages("nl:kind") == ("kind", frozenset({"nl"}))
    assert phrase_languages("taxi naar school")[1] == frozenset({"nl"})
    assert phrase_languages("cost of living allowance for the elderly")[1] == frozenset({"en"})
    assert phrase_languages("traplift")[1] == frozenset({"nl", "en"})


def test_a_marked_word_is_only_matched_in_its_own_language() -> None:
    thesaurus = Thesaurus([["en:big", "groot"]])
    assert thesaurus.matches_at(["big"], 0, "en")
    assert not thesaurus.matches_at(["big"], 0, "nl")


def test_german_questions_use_the_german_stemmer() -> None:
    queries = QueryAnalyzer(Thesaurus([]), {})
    found = queries.analyze("Wer kennt sich mit Ausschreibungen aus?")
    assert found.lang == "de"
    assert "ausschreib" in found.all_terms


def test_a_one_word_question_takes_the_deployments_language() -> None:
    english = QueryAnalyzer(Thesaurus([]), {}, default="en").analyze("seed")
    assert english.lang == "en" and english.all_terms == {"seed"}
    dutch = QueryAnalyzer(Thesaurus([]), {}).analyze("bomen")
    assert dutch.lang == "nl" and dutch.all_terms == {"bom"}
