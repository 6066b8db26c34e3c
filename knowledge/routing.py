"""Which group should answer a question? Pure: scores a question against each group's name,
description, keywords and the texts of its past threads, with a confidence.

Matching is forgiving the way Dutch needs: accents folded, compound words matched on their
parts (``leerlingenvervoerbeleid`` contains ``leerlingenvervoer``), split words joined
(``omgevings vergunning``), small typos tolerated, and a small glossary maps common English
municipal terms to the Dutch ones groups are described with.
"""

from __future__ import annotations

import itertools
import math
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

from rapidfuzz import fuzz, process

from knowledge.language import detect
from knowledge.text import STOPWORDS

_TOKEN = re.compile(r"[a-z0-9]+")
_MIN_PART = 4
_FUZZY_MIN = 7
_FUZZY_CUTOFF = 90.0
_MAX_WORD = 40  # longer "words" are noise (hashes, URLs): never split or fuzzy-matched
_MAX_TEXT = 20_000
# A word that is the last part of a group's compound term ("aanvraag" of "bouwaanvraag")
# counts this much of a part elsewhere: it names the kind of thing, not the group's kind.
GENERAL_HEAD = 0.5
# Words every mail to or within a municipality uses: never a topic, wherever they stand
# (a description "Gemeentelijke belastingen" must not make "de gemeente" a tax question).
_GENERIC = frozenset(
    (
        "gemeente", "gemeenten", "gemeentes", "gemeentelijk", "gemeentelijke", "gemeentehuis",
        "stadhuis", "inwoner", "inwoners", "burger", "burgers", "municipality", "council",
    )
)  # fmt: skip

# English (and colloquial Dutch) words a question may use for what groups are described with.
GLOSSARY: dict[str, str] = {
    "passport": "paspoort",
    "identity card": "id-kaart",
    "driving licence": "rijbewijs",
    "driving license": "rijbewijs",
    "register": "inschrijving brp",
    "registration": "inschrijving brp",
    "new address": "adreswijziging verhuizing",
    "moving": "verhuizing",
    "birth certificate": "geboorteakte uittreksel",
    "marriage": "huwelijk",
    "wedding": "huwelijk",
    "trouwen": "huwelijk",
    "citizen service number": "bsn brp",
    "permit": "vergunning",
    "building permit": "omgevingsvergunning bouwaanvraag",
    "zoning plan": "bestemmingsplan omgevingsplan",
    "tax": "belastingen",
    "property tax": "ozb",
    "objection": "bezwaar",
    "refund": "teruggave",
    "budget": "begroting",
    "tender": "aanbesteding",
    "procurement": "inkoop",
    "contract management": "contractbeheer",
    "data breach": "datalek",
    "privacy": "avg",
    "leave": "verlof",
    "holiday": "verlof",
    "salary": "salaris",
    "vacancy": "vacature",
    "working from home": "thuiswerken",
    "password": "wachtwoord",
    "press release": "persbericht",
    "social media": "social media",
    "station area": "stationsgebied",
    "drawings": "tekeningen",
    "floor plans": "tekeningen",
    "construction": "bouw",
    "fence": "bouwhek",
    "schedule": "planning",
    "welfare": "bijstand",
    "debt": "schuldhulpverlening",
    "schulden": "schuldhulpverlening",
    "deurwaarder": "schuldhulpverlening",
    "youth care": "jeugdhulp",
    # Everyday words for what the usual municipal domains are described with.
    "traplift": "wmo maatwerkvoorziening",
    "woningaanpassing": "wmo maatwerkvoorziening",
    "rolstoel": "wmo maatwerkvoorziening",
    "huishoudelijke hulp": "wmo",
    "uitkering": "bijstand participatiewet",
    "beslag": "schuldhulpverlening",
    "betalingsachterstand": "schuldhulpverlening",
    "achterstand": "schuldhulpverlening",
    "trouwambtenaar": "huwelijk",
    "voltrekking": "huwelijk",
    "instagram": "social media",
    "tiktok": "social media",
    "facebook": "social media",
    "linkedin": "social media",
    "huisstijlhandleiding": "huisstijl",
    "per ongeluk": "datalek",
    "verkeerde ontvanger": "datalek",
    "persoonsgegevens": "avg",
    "meicirculaire": "gemeentefonds begroting",
    "septembercirculaire": "gemeentefonds begroting",
    "kadernota": "begroting",
    "inschrijver": "aanbesteding",
    "inschrijving bij": "aanbesteding",
    "dakkapel": "omgevingsvergunning vergunningvrij",
    "uitbouw": "omgevingsvergunning vergunningvrij",
    "laptop": "laptop",
}
# "telefoon [telefoonnummer verwijderd]": a contact label, not a topic (no ICT question).
_CONTACT_LABEL = re.compile(
    r"\b(?:telefoon(?:nummer)?|tel|mobiel|phone|mobile|e-?mail(?:adres)?|adres|address|"
    r"rekening(?:nummer)?|account)\b[\s:.]*(?:is\s+|op\s+|on\s+)?"
    r"(?=\[[^\]\n]{0,40}(?:verwijderd|removed)\])",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\[[^\]\n]{0,40}(?:verwijderd|removed)\]", re.IGNORECASE)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def _stem(token: str) -> str:
    """A light Dutch/English stem: plural and inflection endings off long words."""
    if len(token) > 6:
        for suffix in ("tjes", "jes", "en", "es", "s", "e"):
            if token.endswith(suffix) and len(token) - len(suffix) >= 5:
                return token[: -len(suffix)]
    return token


def expand_glossary(text: str) -> str:
    folded = fold(_PLACEHOLDER.sub(" ", _CONTACT_LABEL.sub(" ", text)))
    extra = [target for source, target in GLOSSARY.items() if source in folded]
    return folded + (" " + " ".join(extra) if extra else "")


@dataclass(frozen=True, slots=True)
class GroupProfile:
    id: str
    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    past_texts: tuple[str, ...] = ()
    # people of an external organisation are members of its channel: a mail may go there
    # only when a person chooses it
    external_members: bool = False


@dataclass(frozen=True, slots=True)
class Domain:
    """A municipal task domain: the words that name it, and the words used for its work."""

    id: str
    anchors: tuple[str, ...]
    terms: tuple[str, ...]


def load_domains(text: str | None = None) -> list[Domain]:
    """The shipped ``data/municipal_domains.toml`` (or ``text`` in its format)."""
    if text is None:
        text = (
            resources.files("knowledge").joinpath("data/municipal_domains.toml").read_text("utf-8")
        )
    data = tomllib.loads(text)
    return [
        Domain(str(d["id"]), tuple(d.get("anchors", ())), tuple(d.get("terms", ())))
        for d in data.get("domains", [])
    ]


@dataclass(frozen=True, slots=True)
class RouteChoice:
    group_id: str
    score: float


@dataclass(frozen=True, slots=True)
class Route:
    group_id: str | None
    confidence: float
    ranked: tuple[RouteChoice, ...] = ()
    # the best group has external members: never post there without a person's choice
    needs_choice: bool = False

    def top(self, n: int = 3) -> list[str]:
        return [choice.group_id for choice in self.ranked[:n]]


@dataclass
class _Index:
    weights: dict[str, dict[str, float]] = field(default_factory=dict)  # term -> group -> w
    phrases: dict[str, dict[str, float]] = field(default_factory=dict)  # multiword -> group -> w
    terms: list[str] = field(default_factory=list)
    # Heads and tails of long terms: "vergunning" is the tail of "omgevingsvergunning".
    parts: dict[str, dict[str, tuple[float, str]]] = field(default_factory=dict)
    # Words of the municipal domains a group belongs to (weaker than its own words, and
    # looked up besides them, never instead).
    domain: dict[str, dict[str, float]] = field(default_factory=dict)


class Router:
    """Built once from the groups (and their past threads); ``route`` is cheap per question."""

    KEYWORD_WEIGHT = 3.0
    NAME_WEIGHT = 2.0
    DESCRIPTION_WEIGHT = 1.5
    DOMAIN_WEIGHT = 1.0
    PAST_WEIGHT = 0.5

    def __init__(
        self, groups: Sequence[GroupProfile], domains: Sequence[Domain] | None = None
    ) -> None:
        self.groups = list(groups)
        self.domains = list(load_domains() if domains is None else domains)
        self._index = self._build(self.groups)
        # Words known as wholes (the groups' terms and every domain's words): a part found
        # inside a longer known part of the same word is no part ("gunning" in "vergunning").
        self._words: frozenset[str] = frozenset(self._index.weights) | frozenset(
            _stem(word) if len(words) == 1 else "".join(words)
            for domain in self.domains
            for phrase in (*domain.anchors, *domain.terms)
            if (words := [w for w in tokens(phrase) if len(w) >= 2])
            for word in words[:1]
        )
        self._cache: dict[str, tuple[tuple[str, str, float], ...]] = {}

    def group_domains(self, group: GroupProfile) -> list[Domain]:
        """The domains a group's name, description and keywords name: one anchor (in the
        name, description or keywords) or two of the domain's terms."""
        own = " ".join([group.name, group.description, *group.keywords])
        text = " " + " ".join(tokens(own)) + " "
        stems = {_stem(w) for w in tokens(own)}

        def found(phrase: str) -> bool:
            words = tokens(phrase)
            if len(words) == 1:
                return _stem(words[0]) in stems
            return f" {' '.join(words)} " in text

        result = []
        for domain in self.domains:
            if any(found(a) for a in domain.anchors) or sum(map(found, domain.terms)) >= 2:
                result.append(domain)
        return result

    @staticmethod
    def _add(index: _Index, term: str, group: str, weight: float) -> None:
        slot = index.weights.setdefault(term, {})
        slot[group] = max(slot.get(group, 0.0), weight)

    def _build(self, groups: Sequence[GroupProfile]) -> _Index:
        index = _Index()
        for group in groups:
            fields: list[tuple[Iterable[str], float]] = [
                (group.keywords, self.KEYWORD_WEIGHT),
                ([group.name], self.NAME_WEIGHT),
                (re.split(r"[,;]", group.description), self.DESCRIPTION_WEIGHT),
            ]
            for phrases, weight in fields:
                for phrase in phrases:
                    words = [w for w in tokens(phrase) if len(w) >= 2]
                    if len(words) > 1:
                        joined = " ".join(words)
                        index.phrases.setdefault(joined, {})[group.id] = weight * 1.5
                        self._add(index, "".join(words), group.id, weight)
                    for word in words:
                        if (
                            (len(words) > 1 and len(word) < _MIN_PART)
                            or word in STOPWORDS
                            or word in _GENERIC
                        ):
                            continue  # "over" in "overleg over het centrumplan" is no topic
                        # A word of a multi-word keyword says less than the whole keyword.
                        share = 0.3 if len(words) > 1 and phrases is group.keywords else 1.0
                        self._add(index, _stem(word), group.id, weight * share)
            for domain in self.group_domains(group):
                for phrase in (*domain.anchors, *domain.terms):
                    words = [w for w in tokens(phrase) if len(w) >= 2]
                    if len(words) > 1:
                        joined = " ".join(words)
                        # a product name of several words is strong evidence
                        phrase_weight = self.DOMAIN_WEIGHT * 1.5 * math.log(1 + len(groups))
                        slot = index.phrases.setdefault(joined, {})
                        slot[group.id] = max(slot.get(group.id, 0.0), phrase_weight)
                        index.domain.setdefault("".join(words), {})[group.id] = self.DOMAIN_WEIGHT
                    elif words:
                        slot = index.domain.setdefault(_stem(words[0]), {})
                        slot[group.id] = self.DOMAIN_WEIGHT
            past = Counter(
                _stem(w) for text in group.past_texts for w in tokens(text) if len(w) >= 5
            )
            total = sum(past.values()) or 1
            for word, count in past.items():
                weight = self.PAST_WEIGHT * min(1.0, 20 * count / total + 0.2)
                self._add(index, word, group.id, weight)
        # Terms shared by many groups say little: scale by an inverse group frequency.
        n = max(1, len(groups))
        for _term, slot in index.weights.items():
            idf = math.log(1 + n / len(slot))
            for group_id in slot:
                slot[group_id] *= idf
        for slot in index.domain.values():
            idf = math.log(1 + n / len(slot))
            for group_id in slot:
                slot[group_id] *= idf
        index.terms = sorted(index.weights)
        for term, slot in index.weights.items():
            if len(term) < _MIN_PART + 4 or len(term) > _MAX_WORD:
                continue
            for cut in range(_MIN_PART + 2, len(term) - 2):
                for part, general in ((term[:cut], 1.0), (term[-cut:], GENERAL_HEAD)):
                    # the last part of a Dutch compound names what it is, in general: an
                    # "aanvraag" is not yet a "bouwaanvraag"
                    share = (0.5 + 0.5 * len(part) / len(term)) * general
                    target = index.parts.setdefault(part, {})
                    for group_id, weight in slot.items():
                        if weight * share > target.get(group_id, (0.0, ""))[0]:
                            target[group_id] = (weight * share, term)
        return index

    def _matches(self, token: str, dutch: bool = True) -> tuple[tuple[str, str, float], ...]:
        """(term, group, weight) for each group a known term in ``token`` points to. Only a
        Dutch (or German) word is matched as a compound or a near miss of a known term: an
        English "register" is not the tail of "contractregister" (but a Dutch word in an
        English sentence, "bouwhek", still contains the known "bouw")."""
        cached = self._cache.get(token if dutch else f"{token}\x00en")
        if cached is not None:
            return cached
        if token in _GENERIC:
            self._cache[token if dutch else f"{token}\x00en"] = ()
            return ()
        weights = self._index.weights
        found: dict[str, tuple[float, str]] = {}

        def keep(group_id: str, weight: float, term: str) -> None:
            if weight > found.get(group_id, (0.0, ""))[0]:
                found[group_id] = (weight, term)

        stem = _stem(token)
        key = stem if stem in weights else token
        direct = weights.get(key)
        if direct:
            for group_id, weight in direct.items():
                keep(group_id, weight, key)
        elif _MIN_PART + 2 <= len(token) <= _MAX_WORD:
            # Compound words: a known term as the head or tail of this word, the longest one
            # at each end ("bezoekersvergunning" ends in "vergunning", not in "gunning") ...
            whole = token in self._words or stem in self._words
            for part in self._outer_parts(token, whole):
                for group_id, weight in weights.get(part, {}).items():
                    keep(group_id, weight * len(part) / len(token), part)
            # ... or this word as the head or tail of a known compound term (Dutch words
            # only).
            for candidate in {token, stem} if dutch else ():
                for group_id, (weight, term) in self._index.parts.get(candidate, {}).items():
                    keep(group_id, weight, term)
            if not found and dutch and len(token) >= _FUZZY_MIN:
                best = process.extractOne(
                    token, self._index.terms, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
                )
                if best is not None and best[0][:2] == token[:2]:
                    for group_id, weight in weights[best[0]].items():
                        keep(group_id, weight * 0.8, best[0])
        domains = self._index.domain
        domain = domains.get(stem) or domains.get(token)
        if domain:
            for group_id, weight in domain.items():
                keep(group_id, weight, stem)
        elif dutch and _MIN_PART + 2 <= len(token) <= _MAX_WORD:
            # a domain word as the head or tail of this compound ("kerstpakketten")
            for part in self._outer_parts(token, False, len(token)):
                for group_id, weight in domains.get(part, {}).items():
                    keep(group_id, weight * len(part) / len(token), part)
        result = tuple((term, group_id, weight) for group_id, (weight, term) in found.items())
        if len(self._cache) < 50_000:
            self._cache[token if dutch else f"{token}\x00en"] = result
        return result

    def _outer_parts(self, token: str, whole: bool, longest: int | None = None) -> list[str]:
        """The heads and tails of ``token`` (at least five letters, at most ``longest``)
        that are not inside a longer known word at the same end: the longest known head and
        tail cover the shorter ones ("ver|gunning" is no compound). A word known as a whole
        has no parts of its own here."""
        if whole:
            return []
        top = min(len(token) - 2 if longest is None else longest, len(token))
        found: list[str] = []
        for at_end in (False, True):
            covered = False
            for cut in range(top, _MIN_PART, -1):
                part = token[-cut:] if at_end else token[:cut]
                if covered:
                    break
                found.append(part)
                covered = part in self._words or _stem(part) in self._words
        return found

    def scores(self, text: str) -> dict[str, float]:
        expanded = expand_glossary(text[:_MAX_TEXT])
        english = _english_words(text[:_MAX_TEXT])
        words = _TOKEN.findall(expanded)
        totals: dict[str, float] = dict.fromkeys((g.id for g in self.groups), 0.0)
        seen: set[str] = set()
        counted: dict[tuple[str, str], float] = {}
        candidates = list(words)
        # Split words joined: "omgevings vergunnig" -> "omgevingsvergunnig".
        candidates.extend(
            a + b
            for a, b in itertools.pairwise(words)
            if len(a) >= 4 and a not in english and b not in english
        )
        for word in candidates:
            if len(word) < 3 or word in seen:
                continue
            seen.add(word)
            for term, group_id, weight in self._matches(word, word not in english):
                # Each known term counts once: "verhuizen" and "verhuizing" are one piece of
                # evidence, not two.
                previous = counted.get((term, group_id), 0.0)
                if weight > previous:
                    totals[group_id] += weight - previous
                    counted[(term, group_id)] = weight
        joined = " ".join(words)
        for phrase, slot in self._index.phrases.items():
            if phrase in joined:
                for group_id, weight in slot.items():
                    totals[group_id] += weight
        return totals

    def route(self, text: str) -> Route:
        totals = self.scores(text)
        ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
        choices = tuple(RouteChoice(g, round(s, 4)) for g, s in ranked)
        if not ranked or ranked[0][1] <= 0:
            return Route(None, 0.0, choices)
        best = ranked[0][1]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        margin = (best - second) / best
        strength = 1 - math.exp(-best / 4)
        confidence = round(max(0.0, min(1.0, 0.5 * margin + 0.5 * margin * strength + 0.1)), 3)
        chosen = next(g for g in self.groups if g.id == ranked[0][0])
        return Route(ranked[0][0], confidence, choices, needs_choice=chosen.external_members)


def _english_words(text: str) -> frozenset[str]:
    """Words written only in English lines of ``text`` (a forwarder's Dutch note above an
    English question keeps its Dutch words Dutch)."""
    overall = detect(text)
    english: set[str] = set()
    other: set[str] = set()
    for line in text.split("\n"):
        if line.strip():
            (english if detect(line, overall) == "en" else other).update(tokens(line))
    return frozenset(english - other)


def profiles_from(
    groups: Iterable[object],
    past: Mapping[str, Sequence[str]] | None = None,
    external: Collection[str] = (),
) -> list[GroupProfile]:
    """Profiles from configured groups (anything with id, name, description, keywords);
    ``external``: the ids of groups whose channel has members of an external organisation."""
    result: list[GroupProfile] = []
    for group in groups:
        group_id = str(getattr(group, "id"))  # noqa: B009
        result.append(
            GroupProfile(
                id=group_id,
                name=str(getattr(group, "name", group_id)),
                description=str(getattr(group, "description", "") or ""),
                keywords=tuple(getattr(group, "keywords", ()) or ()),
                past_texts=tuple((past or {}).get(group_id, ())),
                external_members=group_id in external,
            )
        )
    return result
