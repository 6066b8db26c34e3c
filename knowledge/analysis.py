"""From text to index terms: each text is analysed in its own language (detected per message
or question): surface words → that language's stems, with compound parts added for the
languages that write compounds as one word (Dutch, German), never for English."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from knowledge.compounds import CompoundSplitter
from knowledge.language import Language, detect
from knowledge.text import content_words, stem

MIN_KNOWN_DF = 2
# Languages whose compounds are written as one word: "highway" is not "high" + "way".
COMPOUNDING: frozenset[str] = frozenset({"nl", "de"})


class Analyzer:
    """Maps surface words to index terms. ``known`` says whether a word is in the vocabulary
    (seen in enough threads), which decides where compounds may be split; ``default`` is the
    language of a text too short to tell."""

    def __init__(self, known: Callable[[str], bool], default: Language = "nl") -> None:
        self.splitter = CompoundSplitter(known)
        self.default: Language = default
        self._terms: dict[tuple[str, str], tuple[str, ...]] = {}

    def language(self, text: str) -> Language:
        return detect(text, self.default)

    def terms_of_word(self, word: str, lang: str = "nl") -> tuple[str, ...]:
        key = (word, lang)
        found = self._terms.get(key)
        if found is None:
            parts = self.splitter.parts(word) if lang in COMPOUNDING else ()
            found = tuple(dict.fromkeys([stem(word, lang), *(stem(p, lang) for p in parts)]))
            if len(self._terms) < 500_000:
                self._terms[key] = found
        return found

    def terms(self, words: Iterable[str], lang: str = "nl") -> set[str]:
        result: set[str] = set()
        for word in words:
            result.update(self.terms_of_word(word, lang))
        return result

    def text_terms(self, text: str) -> set[str]:
        return self.terms(content_words(text), self.language(text))
