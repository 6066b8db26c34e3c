"""Query analysis rules that learn from the vocabulary: compounds by their head, and unknown
words as the first part of known compounds."""

from __future__ import annotations

from knowledge.query import QueryAnalyzer
from knowledge.text import stem
from knowledge.thesaurus import load_thesaurus

VOCABULARY = {
    "beleid": 40,
    "medewerker": 60,
    "beleidsmedewerker": 12,
    "wachtlijst": 30,
    "wachttijd": 20,
    "lijst": 15,
    "tijd": 50,
    "wachtwoord": 25,
    "sleutelkast": 10,
    "kast": 12,
    "sleutelbos": 8,
    "bos": 20,
    "sleutelwoorden": 9,
    "bomen": 24,
    "kappen": 17,
    "werving": 30,
}


def _analyzer() -> QueryAnalyzer:
    thesaurus = load_thesaurus([["nieuwe medewerker", "werving"]], [])
    return QueryAnalyzer(thesaurus, VOCABULARY)


def _terms(text: str) -> dict[str, float]:
    terms: dict[str, float] = {}
    for concept in _analyzer().analyze(text, "nl").concepts:
        for term, weight in concept.terms.items():
            terms[term] = max(terms.get(term, 0.0), weight)
    return terms


def test_a_compound_matches_a_phrase_by_its_head() -> None:
    # a "beleidsmedewerker" is a "medewerker": "nieuwe beleidsmedewerker" is about werving
    terms = _terms("een nieuwe beleidsmedewerker zoeken")
    assert 0 < terms[stem("werving")] < 0.8  # weaker than the phrase itself would give
    assert _terms("een nieuwe medewerker")[stem("werving")] == 0.8
    assert stem("werving") not in _terms("een beleidsmedewerker")


def test_an_unknown_word_finds_the_known_compounds_it_starts() -> None:
    terms = _terms("wie heeft de sleutel van vergaderzaal drie")
    assert stem("sleutelkast") in terms and stem("sleutelbos") in terms
    # "sleutelwoorden" is no compound of "sleutel" and a known word
    assert stem("sleutelwoorden") not in terms
    assert max(terms[stem("sleutelkast")], terms[stem("sleutelbos")]) < 0.8
    assert stem("wachtlijst") in _terms("hoe lang moeten ze wachten")


def test_an_unknown_compound_of_word_stems_is_split() -> None:
    # "kap" is the stem of "kappen" (its consonant doubles before the ending)
    terms = _terms("wie weet iets van bomenkap")
    assert stem("bomen") in terms and stem("kappen") in terms


def test_a_misspelling_is_named_as_the_word_it_was_corrected_to() -> None:
    concept = _analyzer().analyze("wachtlijts", "nl").concepts[0]
    assert concept.label == "wachtlijts"
    assert concept.spelled == "wachtlijst"


def test_an_english_question_also_takes_the_stem_the_dutch_history_has() -> None:
    analyzer = QueryAnalyzer(load_thesaurus(), {**VOCABULARY, "meeting": 30})
    terms = analyzer.analyze("who knows about the meeting?", "en").concepts[0].terms
    # the history's Dutch messages write "meeting": indexed as the Dutch stem
    assert stem("meeting", "nl") in terms and stem("meeting", "en") in terms
