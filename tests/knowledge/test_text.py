"""Normalisation, stemming, compounds, thesaurus and typo tolerance (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.compounds import CompoundSplitter
from knowledge.query import QueryAnalyzer, singular
from knowledge.text import content_words, fold, stem
from knowledge.thesaurus import load_thesaurus

VOCABULARY = {
    "bestemmingsplan": 9,
    "wijziging": 12,
    "bestemmingsplanwijziging": 4,
    "datalek": 5,
    "melding": 7,
    "leerlingenvervoer": 8,
    "contractbeheer": 3,
    "beheer": 6,
    "contract": 6,
    "ziekteverzuim": 4,
    "leverancier": 5,
    "traplift": 6,
}


def analyzer() -> QueryAnalyzer:
    return QueryAnalyzer(load_thesaurus(), VOCABULARY)


def test_fold_lowercases_and_drops_accents() -> None:
    assert fold("Financiën en Één") == "financien en een"


def test_content_words_drop_question_words_and_markup() -> None:
    words = content_words("Wie weet iets van de <@U123> Wmo-traplift? :smile: https://x.nl")
    assert words == ["wmotraplift", "wmo", "traplift"]


def test_dutch_stems_join_inflections() -> None:
    assert stem("aanbestedingen") == stem("aanbesteding")
    assert stem("gemeente") != stem("meen")  # no ge- stripping (Porter, not Kraaij-Pohlmann)


def test_compound_split_into_known_parts() -> None:
    known = {"bestemmingsplan", "wijziging", "jeugdzorg", "wachtlijst", "verlof", "uren"}
    splitter = CompoundSplitter(known.__contains__)
    assert splitter.parts("bestemmingsplanwijziging") == ("bestemmingsplan", "wijziging")
    assert splitter.parts("jeugdzorgwachtlijst") == ("jeugdzorg", "wachtlijst")
    assert splitter.parts("vakantiedag") == ()  # unknown parts are not invented


def test_singular_forms_for_joining() -> None:
    assert "stap" in singular("stappen")
    assert "contract" in singular("contracten")


def test_compound_in_query_keeps_itself_and_adds_parts() -> None:
    query = analyzer().analyze("wie weet iets van datalekmelding?")
    terms = query.concepts[0].terms
    assert terms[stem("datalekmelding")] == 1.0
    assert stem("datalek") in terms and stem("melding") in terms


def test_words_written_apart_form_the_compound() -> None:
    query = analyzer().analyze("wie heeft verstand van beheer van contracten?")
    joined = [c for c in query.concepts if c.label == "beheer contracten"]
    assert joined and joined[0].terms[stem("contractbeheer")] == 1.0
    loose = [c for c in query.concepts if c.label == "beheer"]
    assert loose[0].weight < 1.0


def test_thesaurus_expands_synonyms_both_languages() -> None:
    wmo = analyzer().analyze("Wet maatschappelijke ondersteuning").all_terms
    assert "wmo" in wmo
    tender = analyzer().analyze("who knows about tenders?").all_terms
    assert stem("aanbesteding") in tender


def test_typo_is_corrected_to_a_known_word() -> None:
    terms = analyzer().analyze("wie weet iets van leerlingenvevroer?").all_terms
    assert stem("leerlingenvervoer") in terms
    assert analyzer().correct("trpalift") == "traplift"
    assert analyzer().correct("xyzzyq") is None


def test_administrators_extend_the_thesaurus(tmp_path: Path) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text('[[synonyms]]\nterms = ["zwerfafval", "litter"]\n', encoding="utf-8")
    thesaurus = load_thesaurus([["kapvergunning", "bomenkap"]], [extra])
    query = QueryAnalyzer(thesaurus, VOCABULARY)
    assert stem("zwerfafval") in query.analyze("litter").all_terms
    assert stem("kapvergunning") in query.analyze("bomenkap").all_terms


def test_a_broken_thesaurus_file_is_refused(tmp_path: Path) -> None:
    extra = tmp_path / "bad.toml"
    extra.write_text('[[synonyms]]\nwords = ["a"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="terms"):
        load_thesaurus(files=[extra])
