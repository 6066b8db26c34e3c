"""Dutch compound words: split into known parts, and keep the compound itself.

``bestemmingsplanwijziging`` → ``bestemmingsplan`` + ``wijziging``; ``jeugdzorgwachtlijst`` →
``jeugdzorg`` + ``wachtlijst``. A part must be a word seen in the corpus (the vocabulary), so
ordinary words are not cut into nonsense. Linking letters (``s``, ``e``, ``en``) are allowed
between parts, as Dutch writes them.
"""

from __future__ import annotations

from collections.abc import Callable

MIN_PART = 3
MIN_COMPOUND = 7
_LINKS = ("", "s", "e", "en", "er")


class CompoundSplitter:
    def __init__(self, known: Callable[[str], bool]) -> None:
        self._known = known
        self._memo: dict[str, tuple[str, ...]] = {}

    def parts(self, word: str) -> tuple[str, ...]:
        """The known parts of ``word`` (empty when it is not a compound of known words)."""
        if len(word) < MIN_COMPOUND:
            return ()
        found = self._memo.get(word)
        if found is None:
            found = self._split(word, depth=0) or ()
            if len(self._memo) < 500_000:
                self._memo[word] = found
        return found

    def _split(self, word: str, depth: int) -> tuple[str, ...] | None:
        # Prefer the longest head that is a known word and a tail that is known (or splits).
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head = word[:cut]
            if not self._known(head):
                continue
            rest = word[cut:]
            for link in _LINKS:
                if link and not rest.startswith(link):
                    continue
                tail = rest[len(link) :]
                if len(tail) < MIN_PART:
                    continue
                if self._known(tail):
                    return (head, tail)
                if depth < 2:
                    deeper = self._split(tail, depth + 1)
                    if deeper:
                        return (head, *deeper)
        return None
