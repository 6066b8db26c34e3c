"""Word lists of the languages questions are asked in: whether a word is a word of the
language at all, so that a correct word the history happens to lack ("gezin", "stoep") is not
"corrected" into one it has ("gezien", "soep").

The lists are plain files, one word a line, as Debian installs them (``wdutch``: OpenTaal's
list with inflected forms, ``wbritish``, ``wngerman``). A list is read on its first use, once per
process (about 0.4 s and 7 MB for Dutch; a changed file is read again after a restart).
"""

from __future__ import annotations

import threading
from array import array
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

    def languages(self) -> set[str]:
        return set(self.lists)

    def is_word(self, word: str, lang: str) -> bool:
        if lang not in self.lists:
            return False
        return word in self._list(lang)

    def load(self) -> None:
        """Reads every list now (else each is read on its first use), e.g. in a thread at
        start-up, so that no request waits for it."""
        for lang in self.lists:
            self._list(lang)

    def _list(self, lang: str) -> _SortedWords:
        path = self.lists[lang]
        words = _READ.get(path)
        if words is None:
            with _READING:
                words = _READ.get(path)
                if words is None:
                    words = _read(path)
                    _READ[path] = words
        return words


# Each file is read once per process, whichever Lexicon asks first.
_READ: dict[Path, _SortedWords] = {}
_READING = threading.Lock()


class _SortedWords:
    """A word list in about the memory of its file: the sorted words in one byte string,
    found by binary search (a set of 400,000 words would take some 45 MB)."""

    def __init__(self, words: list[bytes]) -> None:
        words = sorted(set(words))
        self._text = b"\n".join(words) + b"\n"
        self._starts = array("I", [0])
        position = 0
        for word in words:
            position += len(word) + 1
            self._starts.append(position)
        self._count = len(words)

    def _at(self, index: int) -> bytes:
        return self._text[self._starts[index] : self._starts[index + 1] - 1]

    def __contains__(self, word: str) -> bool:
        wanted = word.encode("utf-8")
        low, high = 0, self._count
        while low < high:
            middle = (low + high) // 2
            if self._at(middle) < wanted:
                low = middle + 1
            else:
                high = middle
        return low < self._count and self._at(low) == wanted


def _folded(line: bytes) -> bytes:
    if line.isascii():
        return line.lower()
    return fold(line.decode("utf-8", "replace")).encode("utf-8")


def _read(path: Path) -> _SortedWords:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES)
    except OSError:
        return _SortedWords([])
    return _SortedWords([_folded(word) for line in data.splitlines() if (word := line.strip())])


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
