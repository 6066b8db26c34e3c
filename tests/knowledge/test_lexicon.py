"""Word lists: a correct word the history lacks is no typo, and a compound is never cut into
pieces that are no words."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import lexicon as lexicon_module
from knowledge.lexicon import Lexicon, configured_lexicon, installed_lexicon
from knowledge.query import QueryAnalyzer
from knowledge.text import stem
from knowledge.thesaurus import load_thesaurus

# The history has "gezien" (seen) and "soep", not "gezin" (family) nor "stoep" (pavement).
VOCABULARY = {"gezien": 30, "schulden": 20, "soep": 6, "traplift": 14, "geopend": 5}


def _word_list(tmp_path: Path, words: str, name: str = "words") -> Path:
    path = tmp_path / name
    path.write_text(words, encoding="utf-8")
    return path


@pytest.fixture
def dutch(tmp_path: Path) -> Lexicon:
    words = "gezin\ngezien\nstoep\nsoep\nschulden\nopen\nstaande\nopenstaande\nCliënt\n"
    return Lexicon({"nl": _word_list(tmp_path, words)})


def _terms(analyzer: QueryAnalyzer, text: str) -> dict[str, float]:
    terms: dict[str, float] = {}
    for concept in analyzer.analyze(text, "nl").concepts:
        for term, weight in concept.terms.items():
            terms[term] = max(terms.get(term, 0.0), weight)
    return terms


def test_a_word_of_the_language_is_not_corrected_into_one_the_history_has(
    dutch: Lexicon,
) -> None:
    thesaurus = load_thesaurus()
    without = QueryAnalyzer(thesaurus, VOCABULARY)
    assert stem("gezien") in _terms(without, "gezin met schulden")  # the old mistake
    analyzer = QueryAnalyzer(thesaurus, VOCABULARY, lexicon=dutch)
    terms = _terms(analyzer, "gezin met schulden")
    assert stem("gezien") not in terms and stem("gezin") in terms
    assert stem("soep") not in _terms(analyzer, "de stoep ligt open")
    # a real typo is still corrected
    assert stem("traplift") in _terms(analyzer, "wie weet van een trapleft")


def test_did_you_mean_leaves_correct_words_alone(dutch: Lexicon) -> None:
    analyzer = QueryAnalyzer(load_thesaurus(), VOCABULARY, lexicon=dutch)
    assert analyzer.spelling("gezin met schulden") is None
    assert analyzer.spelling("trapleft voor een gezin") == "traplift gezin"


def test_a_compound_is_not_cut_into_pieces_that_are_no_words(dutch: Lexicon) -> None:
    # "openstaande" is open + staande, never "opens" + "taande"
    thesaurus = load_thesaurus([["open", "geopend"]])
    terms = _terms(QueryAnalyzer(thesaurus, VOCABULARY, lexicon=dutch), "openstaande rekeningen")
    assert stem("taande") not in terms
    assert stem("staande") in terms


def test_word_lists_are_folded_bounded_and_optional(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lexicon = Lexicon({"nl": _word_list(tmp_path, "Cliënt\nfinanciën\n")})
    assert lexicon.is_word("client", "nl") and lexicon.is_word("financien", "nl")
    assert not lexicon.is_word("client", "en")  # no English list: nothing is a word
    assert not Lexicon({"nl": tmp_path / "missing"}).is_word("gezin", "nl")
    monkeypatch.setattr(lexicon_module, "MAX_BYTES", 10)
    long_list = "gezin\nstoep\n" + "x" * 1000 + "\nbrug\n"
    bounded = Lexicon({"nl": _word_list(tmp_path, long_list, "long")})
    assert bounded.is_word("gezin", "nl") and not bounded.is_word("brug", "nl")


def test_the_installed_lists_are_found_by_language(tmp_path: Path) -> None:
    (tmp_path / "dutch").write_text("gezin\n", encoding="utf-8")
    (tmp_path / "british-english").write_text("family\n", encoding="utf-8")
    found = installed_lexicon(tmp_path)
    assert found.languages() == {"nl", "en"}
    assert found.is_word("gezin", "nl") and found.is_word("family", "en")
    named = configured_lexicon({"de": tmp_path / "dutch"})
    assert named.languages() == {"de"}


def test_the_configuration_names_lists_by_language(tmp_path: Path) -> None:
    from bot.core.config import ConfigError, load_config

    path = tmp_path / "vraagbaak.toml"
    path.write_text('[whoknows]\nword_lists = { nl = "/tmp/woorden" }\n', encoding="utf-8")
    assert load_config(path).whoknows.word_lists == {"nl": Path("/tmp/woorden")}
    path.write_text('[whoknows]\nword_lists = { fr = "/tmp/mots" }\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="nl, en and de"):
        load_config(path)
