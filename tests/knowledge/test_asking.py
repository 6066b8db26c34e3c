"""Who is writing is not what they ask about: a self-introduction's words weigh less."""

from __future__ import annotations

import pytest

from knowledge.asking import introductions
from knowledge.query import INTRO_WEIGHT, QueryAnalyzer
from knowledge.thesaurus import load_thesaurus


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("schoonmaakster hier, op 1 brievenbus staan 11 namen", "schoonmaakster hier"),
        ("stagiair hier (hbo sjd) :) wie weet van de wmo?", "stagiair hier (hbo sjd)"),
        ("Hoi, ik ben de nieuwe beleidsmedewerker. Wie weet van subsidies?", "ik ben de nieuwe"),
        ("I'm a researcher from Utrecht. Can I record the call?", "I'm a researcher from"),
        ("Ich wohne direkt an der Grenze. Der Nachbar baut eine Halle.", "Ich wohne direkt"),
    ],
)
def test_a_writer_who_says_who_they_are_is_heard(text: str, found: str) -> None:
    assert any(intro.startswith(found) for intro in introductions(text))


@pytest.mark.parametrize(
    "text",
    [
        "Wie weet hier iets van de wmo?",
        "Ik ben op zoek naar iemand die weet hoe bezwaar werkt.",
        "Ik ben bang dat de aanslag te hoog is.",
        "mevrouw hier aan de balie wil een paspoort",
        "Who knows about tenders here?",
    ],
)
def test_a_question_is_no_introduction(text: str) -> None:
    assert introductions(text) == []


def test_the_words_of_an_introduction_weigh_less_unless_the_question_uses_them_too() -> None:
    queries = QueryAnalyzer(load_thesaurus(), {"schoonmaakster": 5, "brievenbus": 5})
    query = queries.analyze("schoonmaakster hier, op 1 brievenbus staan 11 namen. wie weet?")
    weights = {c.label: c.weight for c in query.concepts}
    assert weights["schoonmaakster"] == INTRO_WEIGHT
    assert weights["brievenbus"] == 1.0
    again = queries.analyze("schoonmaakster hier: wie regelt de schoonmaakster voor de wmo?")
    assert {c.label: c.weight for c in again.concepts}["schoonmaakster"] == 1.0


def test_a_hostile_introduction_is_read_only_at_the_start() -> None:
    flood = "schoonmaakster hier, " * 20_000
    assert len(introductions(flood)) < 200
