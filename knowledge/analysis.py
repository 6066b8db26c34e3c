"""From text to index terms: surface words → Dutch stems, with compound parts added."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from knowledge.compounds import CompoundSplitter
from knowledge.text import content_words, stem

MIN_KNOWN_DF = 2


class Analyzer:
    """Maps surface words to index terms. ``known`` says whether a word is in the vocabulary
    (seen in enough threads), which decides where compounds may be split."""

    def __init__(self, known: Callable[[str], bool]) -> None:
        self.splitter = CompoundSplitter(known)
        self._terms: dict[str, tuple[str, ...]] = {}

    def terms_of_word(self, word: str) -> tuple[str, ...]:
        found = self._terms.get(word)
        if found is None:
            parts = self.splitter.parts(word)
            found = tuple(dict.fromkeys([stem(word), *(stem(p) for p in parts)]))
            if len(self._terms) < 500_000:
                self._terms[word] = found
        return found

    def terms(self, words: Iterable[str]) -> set[str]:
        result: set[str] = set()
        for word in words:
            result.update(self.terms_of_word(word))
        return result

    def text_terms(self, text: str) -> set[str]:
        return self.terms(content_words(text))
