"""The shipped thesaurus on the questions of issue 14 that the history cannot answer: German
from partners, everyday Dutch and English instead of the official term, and the precision
cases where a word of one language means something else in another (no database)."""

from __future__ import annotations

import pytest

from knowledge.query import QueryAnalyzer
from knowledge.text import stem
from knowledge.thesaurus import Thesaurus, load_thesaurus, says_less_than_written

# A Dutch history: the official terms, as the index has them.
VOCABULARY = {
    "omgevingsvergunning": 9,
    "kapvergunning": 7,
    "bijstand": 8,
    "uitkering": 6,
    "schuldhulpverlening": 8,
    "aanbesteding": 9,
    "datalek": 7,
    "paspoort": 6,
    "afvalstoffenheffing": 5,
    "begroting": 6,
    "wachtwoord": 4,
    "telefoon": 4,
    "eindejaarsuitkering": 3,
}


@pytest.fixture(scope="module")
def queries() -> QueryAnalyzer:
    return QueryAnalyzer(load_thesaurus(), VOCABULARY)


def dutch(word: str) -> str:
    return stem(word, "nl")


@pytest.mark.parametrize(
    ("question", "official"),
    [
        ("Wer kennt sich mit Baugenehmigungen aus?", "omgevingsvergunning"),
        ("Wer weiß Bescheid über die Fällgenehmigung für den Baum im Garten?", "kapvergunning"),
        ("Kann mir jemand mit einem Antrag auf Sozialhilfe helfen?", "bijstand"),
        ("Wer ist zuständig für Schuldnerberatung?", "schuldhulpverlening"),
        ("Hat jemand Erfahrung mit einer europaweiten Ausschreibung?", "aanbesteding"),
        ("Wir haben eine Datenpanne, wer kann helfen?", "datalek"),
        ("Wer kümmert sich um Parkausweise für Anwohner?", "parkeervergunning"),
        ("Wann wird der Müll abgeholt?", "afval"),
        ("Ich brauche einen neuen Personalausweis, wer weiß wie das geht?", "paspoort"),
        # a German compound the thesaurus knows only a part of
        ("Wer kennt sich mit dem Baugenehmigungsverfahren aus?", "omgevingsvergunning"),
    ],
)
def test_a_german_question_reaches_the_dutch_term(
    queries: QueryAnalyzer, question: str, official: str
) -> None:
    found = queries.analyze(question)
    assert found.lang == "de"
    assert dutch(official) in found.all_terms


def test_the_german_words_of_asking_are_not_topics(queries: QueryAnalyzer) -> None:
    found = queries.analyze("Wer ist zuständig für Schuldnerberatung? Kann mir jemand helfen?")
    assert [c.label for c in found.concepts] == ["schuldnerberatung"]


@pytest.mark.parametrize(
    ("question", "official"),
    [
        ("mag ik zomaar een boom omhalen in mijn tuin?", "kapvergunning"),
        ("wie weet iets van een boom weghalen bij de buren?", "kapvergunning"),
        ("iemand met geldzorgen, waar kan die heen?", "schuldhulpverlening"),
        ("who handles council tax questions?", "ozb"),
        ("who can prepare me for a job interview?", "sollicitatiegesprek"),
    ],
)
def test_everyday_words_reach_the_official_term(
    queries: QueryAnalyzer, question: str, official: str
) -> None:
    assert dutch(official) in queries.analyze(question).all_terms


def test_haushalt_compounds_keep_budget_and_household_apart(queries: QueryAnalyzer) -> None:
    plan = queries.analyze("Wer kennt sich mit dem Haushaltsplan aus?").all_terms
    help_at_home = queries.analyze("Wer kennt sich mit Haushaltshilfe aus?").all_terms
    assert dutch("begroting") in plan and dutch("huishoudelijke") not in plan
    assert dutch("huishoudelijke") in help_at_home and dutch("begroting") not in help_at_home


def test_german_words_that_are_english_words_stay_german(queries: QueryAnalyzer) -> None:
    english = queries.analyze("is there a handy overview of who can pass the audit?")
    assert english.lang == "en"
    assert not english.all_terms & {dutch("telefoon"), dutch("paspoort")}
    german = queries.analyze("Mein Handy ist kaputt, wer kann helfen?")
    assert german.lang == "de" and dutch("telefoon") in german.all_terms


def test_a_dutch_forest_is_no_boss_and_an_english_even_no_event(queries: QueryAnalyzer) -> None:
    forest = queries.analyze("wie weet iets van het bos achter het station?").all_terms
    assert dutch("leidinggevende") not in forest
    even = queries.analyze("who knows even a little about the budget?").all_terms
    assert dutch("evenementenvergunning") not in even


def test_a_phrase_that_loses_its_meaning_to_stop_words_is_left_out() -> None:
    assert says_less_than_written("zonder vergunning")
    assert says_less_than_written("run out")
    assert not says_less_than_written("taxi naar school")
    assert not says_less_than_written("per ongeluk")  # "per" is a preposition
    thesaurus = Thesaurus([["illegaal", "zonder vergunning"]])
    assert not thesaurus.matches_at([dutch("vergunning")], 0, "nl")


def test_a_word_the_thesaurus_knows_is_not_corrected_to_a_history_word(
    queries: QueryAnalyzer,
) -> None:
    found = queries.analyze("Wer kennt sich mit dem Passwort aus?")
    assert not any(c.corrected for c in found.concepts)
    assert dutch("paspoort") not in found.all_terms
    assert dutch("wachtwoord") in found.all_terms


def test_a_compound_the_thesaurus_knows_whole_is_not_split(queries: QueryAnalyzer) -> None:
    found = queries.analyze("heeft iemand ervaring met eindejaarsuitkering?")
    assert dutch("bijstand") not in found.all_terms
