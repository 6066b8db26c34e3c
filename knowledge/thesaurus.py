"""The synonym thesaurus: groups of phrases that mean the same (Wmo ↔ Wet maatschappelijke
ondersteuning, aanbesteding ↔ inkoop ↔ tender, …). Shipped as ``data/thesaurus.toml``;
administrators extend it with ``[whoknows] synonyms`` and ``thesaurus_files``."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

from knowledge.text import content_words, stem

Phrase = tuple[str, ...]


def phrase_stems(text: str) -> Phrase:
    return tuple(stem(w) for w in content_words(text))


class Thesaurus:
    def __init__(self, groups: Iterable[Sequence[str]]) -> None:
        self._groups: list[list[tuple[Phrase, str]]] = []
        self._by_first: dict[str, list[tuple[Phrase, int]]] = {}
        for group in groups:
            phrases = [(phrase_stems(p), p) for p in group]
            phrases = [(stems, p) for stems, p in phrases if stems]
            if len(phrases) < 2:
                continue
            index = len(self._groups)
            self._groups.append(phrases)
            for stems, _ in phrases:
                self._by_first.setdefault(stems[0], []).append((stems, index))

    def knows(self, single_stem: str) -> bool:
        """Whether a one-word phrase of some group has this stem."""
        return any(len(stems) == 1 for stems, _ in self._by_first.get(single_stem, ()))

    def __len__(self) -> int:
        return len(self._groups)

    def matches_at(self, query: Sequence[str], start: int) -> list[tuple[int, Phrase]]:
        """(group, phrase) pairs whose phrase occurs in ``query`` at ``start``."""
        found: list[tuple[int, Phrase]] = []
        if start >= len(query):
            return found
        for stems, index in self._by_first.get(query[start], ()):
            if tuple(query[start : start + len(stems)]) == stems:
                found.append((index, stems))
        return found

    def expand_at(self, query: Sequence[str], start: int, weight: float) -> dict[str, float]:
        """The other phrases of every group whose phrase starts at ``start``. A longer phrase
        spreads its weight over its words, so "wet maatschappelijke ondersteuning" counts
        like "wmo"."""
        stems: dict[str, float] = {}
        for index, matched in self.matches_at(query, start):
            for phrase, _text in self._groups[index]:
                if phrase == matched:
                    continue
                share = weight / max(1.0, len(phrase) ** 0.5)
                for item in phrase:
                    stems[item] = max(stems.get(item, 0.0), share)
        return stems


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
