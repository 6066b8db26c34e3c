"""A word list searched as it is (``vraagbaak whoknows``) answers as the lexicon that reads it
into a sorted index (the bot): the same words are words, in every language's spelling."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from knowledge import lexicon as lexicon_module
from knowledge.lexicon import Lexicon, installed_lexicon
from knowledge.text import fold
from knowledge.word_search import SearchedLexicon

WORDS = (
    "gezin\nstoep\nCliënt\nideeën\nStraße\nÉtude\nzoë\nHuis\nopen\nstaande\nçava\n10 eurobiljet\n"
)
ASKED = [
    "gezin",
    "gezien",
    "stoep",
    "client",
    "cliënt",
    "ideeen",
    "strasse",
    "straße",
    "etude",
    "zoe",
    "huis",
    "Huis",
    "open",
    "openstaande",
    "cava",
    "10 eurobiljet",
    "eurobiljet",
    "ien",
    "",
]


def _both(path: Path) -> tuple[Lexicon, SearchedLexicon]:
    return Lexicon({"nl": path}), SearchedLexicon({"nl": path})


@pytest.mark.parametrize(
    "text",
    [
        WORDS,
        WORDS.replace("\n", "\r\n"),
        "  gezin \n\tstoep\nCliënt\n",
        WORDS.rstrip("\n"),
        "\n\n" + WORDS + "\n",
    ],
    ids=["plain", "crlf", "spaces", "no-final-newline", "blank-lines"],
)
def test_a_searched_list_answers_as_the_read_one(tmp_path: Path, text: str) -> None:
    path = tmp_path / "words"
    path.write_text(text, encoding="utf-8")
    read, searched = _both(path)
    for word in ASKED:
        assert searched.is_word(word, "nl") == read.is_word(word, "nl"), word
    assert searched.is_word("gezin", "nl") and searched.is_word("client", "nl")
    assert not searched.is_word("gezin", "en")  # no list for English: nothing is a word


def test_a_missing_list_has_no_words(tmp_path: Path) -> None:
    read, searched = _both(tmp_path / "absent")
    assert not searched.is_word("gezin", "nl") and not read.is_word("gezin", "nl")


def test_the_installed_lists_answer_alike() -> None:
    installed = installed_lexicon()
    if not installed.lists:
        pytest.skip("no word lists in /usr/share/dict here")
    searched = SearchedLexicon(installed.lists)
    for lang, path in installed.lists.items():
        lexicon_module._READ.pop(path, None)
        searched.is_word("gezin", lang)
        assert path not in lexicon_module._READ  # searched, not read into the index
    chooser = random.Random(14)
    for lang, path in installed.lists.items():
        lines = path.read_bytes().decode("utf-8", "replace").splitlines()
        asked = {fold(line.strip()) for line in chooser.sample(lines, 300)}
        asked |= {word[:-1] for word in asked} | {word + "s" for word in asked}
        for word in asked:
            assert searched.is_word(word, lang) == installed.is_word(word, lang), (lang, word)
