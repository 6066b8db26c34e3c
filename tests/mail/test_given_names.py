"""Given names of many languages are redacted wherever they stand as a name, while the words
they share a spelling with stay (bot/redaction/given_names.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.redaction import given_names as module
from tests.mail.redacted import assert_gone_and_kept

needs_word_lists = pytest.mark.skipif(
    not module._word_lists(),
    reason="the Dutch, English and German word lists (apt: wdutch wbritish wngerman) are missing",
)


def _forget() -> None:
    module.given_names.cache_clear()
    module.word_free_names.cache_clear()


@pytest.fixture
def forgetting() -> Iterator[None]:
    """The lists are read again in the test and once more after it."""
    _forget()
    yield
    _forget()


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forgetting: None) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


@needs_word_lists
@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("Tot nu toe deed Fadime het huishouden bij haar.", ["Fadime"], ["huishouden"]),
        ("We zijn verhuisd, Paweł werkt hier al 1 jaar.", ["Paweł"], ["werkt hier"]),
        ("Hij sliep bij Sami en daarna bij zijn oom.", ["Sami"], ["daarna"]),
        ("De buurvrouw en Ayşe Yıldız hebben geklaagd.", ["Ayşe", "Yıldız"], ["buurvrouw"]),
        ("He was sleeping at Sami’s house, then at Sami's uncle.", ["Sami"], ["’s house"]),
        ("Ik heb een zoontje van 4 (Luca) en een baan.", ["Luca"], ["zoontje van 4 ("]),
        (
            "De gemeenten (Zeewolde en Ermelo) en het team (Vergunningen).",
            [],
            ["Zeewolde", "(Vergunningen)"],
        ),
        ("hoi, ik ben eline en ik ben 16. ik ben blij.", ["eline"], ["ik ben 16", "ik ben blij"]),
        ("mijn moeder heet natasja de rijcke en tekent", ["natasja", "rijcke"], ["en tekent"]),
        ("ik ben moe en ik heet zo", [], ["ik ben moe", "ik heet zo"]),
        # words that are someone's name elsewhere stay words here
        ("Dan is het goed. Elke dag weer. Kan ik bellen?", [], ["Dan is", "Elke dag", "Kan ik"]),
        ("Na de Storm van vorige week ligt de boom nog.", [], ["Storm"]),
        ("Could we meet in June or in January?", [], ["June", "January"]),
        ("Wir wohnen in Emmerich. Sie wohnt in Regina.", [], ["Emmerich", "Regina"]),
        ("Jim sitte dêr yn Reidmar en witte net hoe't it hjir is.", [], ["Jim sitte"]),
        # names only the name dictionary knows: Frisian, Surinamese, Groningen, Polish
        ("Myn heit Wytze en myn mem Aaltsje wenje op de pleats.", ["Wytze", "Aaltsje"], ["heit"]),
        ("Marchien heeft MS en rijdt zelf niet meer.", ["Marchien"], ["rijdt zelf"]),
        ("Tot nu toe deed Sharmila de boodschappen.", ["Sharmila"], ["boodschappen"]),
        ("De beschikking van Kenrick loopt af op 31 maart.", ["Kenrick"], ["loopt af"]),
        ("Julia is 9 en Zosia 13, moet zij al naar school?", ["Julia", "Zosia"], ["moet zij"]),
        # ... and a German noun it also lists as a name stays a noun
        ("Wir verbringen den Sommer mit dem Hund in Ermelo.", [], ["Sommer"]),
    ],
)
def test_names_of_many_languages_go_and_words_stay(
    text: str, gone: list[str], kept: list[str]
) -> None:
    assert_gone_and_kept(text, gone, kept)


def test_without_word_lists_only_the_projects_own_names_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forgetting: None
) -> None:
    monkeypatch.setattr(module, "DICT_FOLDER", tmp_path)
    names = module.given_names()
    assert names == module.own_names()
    assert "Fadime" not in names


@needs_word_lists
def test_the_filtered_list_is_cached_and_a_broken_cache_folder_costs_nothing(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = module.given_names()
    cached = list((cache_home / "vraagbaak").glob("given-names-*.txt"))
    assert len(cached) == 1
    assert frozenset(cached[0].read_text("utf-8").split()) <= first
    _forget()
    assert module.given_names() == first
    blocked = cache_home / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    _forget()
    assert module.given_names() == first


@needs_word_lists
def test_an_oversized_cache_file_is_built_again_not_read(cache_home: Path) -> None:
    first = module.given_names()
    (cached,) = (cache_home / "vraagbaak").glob("given-names-*.txt")
    cached.write_text("Storm " * 600_000, encoding="utf-8")  # 3.6 MB of a word
    _forget()
    assert module.given_names() == first
    assert "Storm" not in module.given_names()


def test_the_name_dictionary_gives_names_in_latin_script_and_not_syllables_of_east_asia() -> None:
    names = module._dictionary_names()
    assert {"Aaltsje", "Sharmila", "Zosia", "Kenrick"} <= names
    assert all(module._DICTIONARY_NAME.fullmatch(name) for name in names)
    # "Bao", "Long" and "Tuan" are known only in the dictionary's East Asian columns
    assert not {"Bao", "Tuan"} & names


def test_without_the_name_dictionary_the_other_lists_still_serve(
    monkeypatch: pytest.MonkeyPatch, cache_home: Path
) -> None:
    monkeypatch.setattr(module, "_dictionary_names", set)
    names = module.given_names()
    assert "Fadime" in names or not module._word_lists()
    assert "Aaltsje" not in names
