"""The synonym thesaurus: groups of phrases that mean the same (Wmo ↔ Wet maatschappelijke
ondersteuning, aanbesteding ↔ inkoop ↔ tender, …). Shipped as ``data/thesaurus.toml``;
administrators extend it with ``[whoknows] synonyms`` and ``thesaurus_files``.

Every phrase has its languages: written with a mark (``"nl:kind"``, ``"en:big"``) for a word
that two languages spell alike but use for other things; else a Dutch function word makes
it Dutch ("taxi naar school"), an English one English ("cost of living"), and anything else
counts for both. A Dutch (or German) question matches every phrase, since Dutch staff use
English words too; an English question matches only the phrases English has, so "what kind
of permit" is not a question about children. A phrase stands for its stems in each of its
languages, as the messages in those languages were indexed.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from knowledge.text import content_words, fold, raw_tokens, stem

Phrase = tuple[str, ...]
_MARK = re.compile(r"^(nl|en|de):")
_CORPUS_LANGUAGES = ("nl", "en")
_DUTCH_WORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "van",
        "voor",
        "naar",
        "met",
        "bij",
        "op",
        "aan",
        "om",
        "te",
        "en",
        "uit",
        "tot",
    ]
)
_ENGLISH_WORDS = frozenset(
    ["the", "a", "an", "for", "to", "with", "at", "on", "by", "from", "and", "or", "about"]
)
# ("in", "of", "over", "door" are words of both)
_GERMAN_ARTICLES = frozenset(
    ["der", "die", "das", "den", "dem", "zu", "zum", "zur", "im", "bei", "von"]
)
_PLAIN_FUNCTION_WORDS = (
    _DUTCH_WORDS | _ENGLISH_WORDS | _GERMAN_ARTICLES | {"in", "of", "over", "door", "per"}
)


def phrase_stems(text: str, lang: str = "nl") -> Phrase:
    return tuple(stem(w, lang) for w in content_words(text))


def says_less_than_written(text: str) -> bool:
    """Whether a phrase of several words is left with one after the stop words, having lost a
    word that carried meaning: "zonder vergunning" would stand for any "vergunning", "run
    out" for any "run". Such a phrase is left out; "taxi naar school" is kept."""
    words = [w for w in raw_tokens(text) if "-" not in w]
    kept = content_words(text)
    return len(kept) == 1 and any(w not in kept and w not in _PLAIN_FUNCTION_WORDS for w in words)


def phrase_languages(text: str) -> tuple[str, frozenset[str]]:
    """The phrase without its mark, and the languages it is a phrase of."""
    marked = _MARK.match(text.strip())
    if marked:
        return text.strip()[marked.end() :], frozenset({marked.group(1)})
    words = set(raw_tokens(text))
    dutch, english = bool(words & _DUTCH_WORDS), bool(words & _ENGLISH_WORDS)
    if dutch and not english:
        return text, frozenset({"nl"})
    if english and not dutch:
        return text, frozenset({"en"})
    return text, frozenset(_CORPUS_LANGUAGES)


@dataclass(frozen=True, slots=True)
class _Entry:
    text: str
    langs: frozenset[str]
    marked: bool
    # the phrase's stems as each language's messages were indexed
    stems: dict[str, Phrase]


def _entry(text: str) -> _Entry:
    plain, langs = phrase_languages(text)
    words = raw_tokens(plain)
    if len(words) > 1 and not content_words(words[-1]):
        # a verb with its particle ("log in", "sign up") is not the verb alone: "signing a
        # contract" is no "sign in"; such a phrase stands for nothing the index can match
        stems: dict[str, Phrase] = dict.fromkeys(("nl", "en", "de"), ())
    else:
        stems = {lang: phrase_stems(plain, lang) for lang in ("nl", "en", "de")}
    return _Entry(fold(plain), langs, plain != text, stems)


class Thesaurus:
    def __init__(self, groups: Iterable[Sequence[str]]) -> None:
        self._groups: list[list[_Entry]] = []
        # language of the question -> first stem -> (phrase stems, group)
        self._by_first: dict[str, dict[str, list[tuple[Phrase, int]]]] = {
            lang: {} for lang in ("nl", "en", "de")
        }
        marked: dict[str, set[str]] = {}
        plain_in: dict[str, set[str]] = {}
        for group in groups:
            parsed = [(p, _entry(p)) for p in group]
            for _, entry in parsed:
                for lang in entry.langs:
                    (marked if entry.marked else plain_in).setdefault(entry.text, set()).add(lang)
            entries = [entry for p, entry in parsed if not says_less_than_written(p)]
            entries = [e for e in entries if e.stems["nl"]]
            if len(entries) < 2:
                continue
            index = len(self._groups)
            self._groups.append(entries)
            for entry in entries:
                for lang, table in self._by_first.items():
                    # English questions: English phrases only; others: all but those marked
                    # as another language's word
                    if lang not in entry.langs and (lang == "en" or entry.marked):
                        continue
                    stems = entry.stems[lang]
                    if stems and (stems, index) not in table.get(stems[0], ()):
                        table.setdefault(stems[0], []).append((stems, index))
        self._foreign: dict[str, frozenset[str]] = {
            lang: frozenset(
                word
                for word, langs in marked.items()
                if lang not in langs and lang not in plain_in.get(word, set())
            )
            for lang in ("nl", "en", "de")
        }

    def foreign_word(self, word: str, lang: str) -> bool:
        """Whether ``word`` (folded) is marked as another language's word ("nl:kind") and no
        phrase of ``lang`` has it: in a question in ``lang`` it means something else ("what
        kind of permit"), so the history's use of it is no evidence."""
        return word in self._foreign.get(lang, frozenset())

    def knows(self, single_stem: str, lang: str = "nl") -> bool:
        """Whether a one-word phrase of some group has this stem."""
        table = self._by_first.get(lang, self._by_first["nl"])
        return any(len(stems) == 1 for stems, _ in table.get(single_stem, ()))

    def words(self) -> list[str]:
        """The one-word phrases as written (folded), for spelling suggestions."""
        return sorted(
            {e.text for group in self._groups for e in group if " " not in e.text.strip()}
        )

    def __len__(self) -> int:
        return len(self._groups)

    def matches_at(
        self, query: Sequence[str], start: int, lang: str = "nl"
    ) -> list[tuple[int, Phrase]]:
        """(group, phrase) pairs whose phrase occurs in ``query`` (stems in ``lang``) at
        ``start``."""
        found: list[tuple[int, Phrase]] = []
        if start >= len(query):
            return found
        table = self._by_first.get(lang, self._by_first["nl"])
        for stems, index in table.get(query[start], ()):
            if tuple(query[start : start + len(stems)]) == stems:
                found.append((index, stems))
        return found

    def expand_at(
        self, query: Sequence[str], start: int, weight: float, lang: str = "nl"
    ) -> dict[str, float]:
        """The other phrases of every group whose phrase starts at ``start``, as the terms
        of each of their languages. A longer phrase spreads its weight over its words, so
        "wet maatschappelijke ondersteuning" counts like "wmo"."""
        terms: dict[str, float] = {}
        for index, matched in self.matches_at(query, start, lang):
            for entry in self._groups[index]:
                if entry.stems.get(lang) == matched:
                    continue
                for phrase_lang in sorted(entry.langs & set(_CORPUS_LANGUAGES)):
                    phrase = entry.stems[phrase_lang]
                    share = weight / max(1.0, len(phrase) ** 0.5)
                    for item in phrase:
                        terms[item] = max(terms.get(item, 0.0), share)
        return terms


def _groups_from_file(data: dict[str, object], source: str) -> list[list[str]]:
    groups = data.get("synonyms", [])
    if not isinstance(groups, list):
        raise ValueError(f"{source}: 'synonyms' must be a list of tables with 'terms'")
    result = []
    for entry in groups:
        terms = entry.get("terms") if isinstance(entry, dict) else None
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise ValueError(f'{source}: every [[synonyms]] needs terms = ["...", ...]')
        result.append(list(terms))
    return result


def load_thesaurus(
    extra_groups: Iterable[Sequence[str]] = (), files: Iterable[Path] = ()
) -> Thesaurus:
    """The shipped thesaurus, plus the administrator's files and inline groups."""
    shipped = resources.files("knowledge").joinpath("data/thesaurus.toml").read_text("utf-8")
    groups = _groups_from_file(tomllib.loads(shipped), "thesaurus.toml")
    for file in files:
        groups += _groups_from_file(tomllib.loads(file.read_text("utf-8")), str(file))
    groups += [list(g) for g in extra_groups]
    return Thesaurus(groups)
