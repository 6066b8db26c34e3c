"""Word lists of the languages questions are asked in: whether a word is a word of the
language at all, so that a correct word the history happens to lack ("gezin", "stoep") is not
"corrected" into one it has ("gezien", "soep").

The lists are plain files, one word a line, as Debian installs them (``wdutch``: OpenTaal's
list with inflected forms, ``wbritish``, ``wngerman``). A list is read on its first use.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path

from knowledge.text import fold

DICT_FOLDER = Path("/usr/share/dict")
# The first list found per language is used.
WORD_LISTS: dict[str, tuple[str, ...]] = {
    "nl": ("dutch", "nederlands"),
    "en": ("british-english", "american-english", "english"),
    "de": ("ngerman", "german"),
}
# A list is bounded before it is read: files are data from outside.
MAX_BYTES = 64 * 1024 * 1024


class Lexicon:
    """Whether a folded, lower-case word is a word of a language; languages without a
    list answer False (nothing is taken to be a word)."""

    def __init__(self, lists: Mapping[str, Path]) -> None:
        self.lists = dict(lists)
        self._words: dict[str, frozenset[str]] = {}
        self._lock = threading.Lock()

    def __contains__(self, key: tuple[str, str]) -> bool:
        word, lang = key
        return self.is_word(word, lang)

    def languages(self) -> set[str]:
        return set(self.lists)

    def is_word(self, word: str, lang: str) -> bool:
        if lang not in self.lists:
            return False
        words = self._words.get(lang)
        if words is None:
            with self._lock:
                words = self._words.get(lang)
                if words is None:
                    words = _read(self.lists[lang])
                    self._words[lang] = words
        return word in words


def _read(path: Path) -> frozenset[str]:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES)
    except OSError:
        return frozenset()
    return frozenset(fold(line.strip()) for line in data.decode("utf-8", "replace").splitlines())


def installed_lexicon(folder: Path = DICT_FOLDER) -> Lexicon:
    """The word lists installed in ``folder``, one per language where there is one."""
    lists: dict[str, Path] = {}
    for lang, names in WORD_LISTS.items():
        for name in names:
            path = folder / name
            if path.is_file():
                lists[lang] = path
                break
    return Lexicon(lists)


def configured_lexicon(lists: Mapping[str, Path] | None) -> Lexicon:
    """The lists an administrator named (language → file), or the installed ones (None)."""
    return installed_lexicon() if lists is None else Lexicon(lists)
