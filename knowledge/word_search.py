"""Word lists searched as they are, for a process that asks about a few words and ends (``vraagbaak
whoknows``): :class:`knowledge.lexicon.Lexicon` reads a list into a sorted index first, which
takes longer for Dutch (about 0.4 s) than the whole question. The answers are the same: a
line is a word in its folded, lower-case form, as the lexicon reads it."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import filterfalse
from operator import ne
from pathlib import Path

from knowledge.lexicon import MAX_BYTES, Lexicon
from knowledge.text import fold


class SearchedLexicon(Lexicon):
    """:class:`knowledge.lexicon.Lexicon`, each list searched for the words asked about."""

    def __init__(self, lists: Mapping[str, Path]) -> None:
        super().__init__(lists)
        self._searched: dict[str, _SearchedWords | None] = {}
        self._answers: dict[tuple[str, str], bool] = {}

    def is_word(self, word: str, lang: str) -> bool:
        if lang not in self.lists or not word:
            return False
        known = self._answers.get((word, lang))
        if known is None:
            if lang not in self._searched:
                self._searched[lang] = _SearchedWords.of(self.lists[lang])
            searched = self._searched[lang]
            known = word in searched if searched is not None else super().is_word(word, lang)
            self._answers[(word, lang)] = known
        return known


class _SearchedWords:
    """A plain list (one word a line, nothing to strip): its lines lower-cased in one
    string, where an ASCII word is found as a whole line, and the few lines with other
    letters folded into a set."""

    def __init__(self, data: bytes, lines: list[bytes]) -> None:
        # bytes.lower() changes A-Z only: a line of this text that equals an ASCII word was
        # ASCII in the file, so its folded form is that word.
        self._lines = b"\n" + data.lower() + b"\n"
        self._folded = {
            fold(line.decode("utf-8", "replace")).encode("utf-8")
            for line in filterfalse(bytes.isascii, lines)
        }

    @classmethod
    def of(cls, path: Path) -> _SearchedWords | None:
        """The list, or None when a line has something the lexicon strips or ends a line
        at besides "\\n" (then the lexicon reads it)."""
        try:
            with path.open("rb") as file:
                data = file.read(MAX_BYTES)
        except OSError:
            return cls(b"", [])
        lines = data.split(b"\n")
        if b"\r" in data or any(map(ne, map(bytes.strip, lines), lines)):
            return None
        return cls(data, lines)

    def __contains__(self, word: str) -> bool:
        wanted = word.encode("utf-8")
        if wanted in self._folded:
            return True
        return wanted.isascii() and b"\n" + wanted + b"\n" in self._lines
