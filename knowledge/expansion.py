"""Query expansion learned from the history.

- :func:`learned_concept`: the words a deployment's questions and answers relate to the
  asker's words (:mod:`knowledge.translation`) become one extra concept of the question. A
  related word counts by how many of the asker's concepts lead to it and how strongly (the
  translation-model estimate p(t | Q) = Σ p(t | q) p(q | Q)), so a topic that several
  everyday words of a paraphrase point to stands out, and a word one stray term happens to
  go with stays weak.
- :func:`feedback_candidates`, :func:`feedback_concept`: pseudo-relevance feedback over the
  evidence: the words the best few candidates' evidence shares are what the question is
  probably about.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from knowledge.query import Concept

# Only the asker's words (and their close forms, synonyms) are translated.
MIN_SOURCE = 0.5
# A related word at this summed probability counts as much as it can (LEARNED_MAX of one
# of the asker's own words); weaker ones in proportion, and below MIN_TERM not at all.
FULL = 0.4
LEARNED_MAX = 0.7
MIN_TERM = 0.1
KEEP = 12
# Feedback: at most FEEDBACK_TERMS words, the strongest counting FEEDBACK_WEIGHT of a concept.
FEEDBACK_TERMS = 5
FEEDBACK_WEIGHT = 0.5
FEEDBACK_CANDIDATES = 30

Translations = Mapping[str, Sequence[tuple[str, float]]]


def sources(concepts: Sequence[Concept]) -> set[str]:
    return {t for c in concepts if not c.learned for t, w in c.terms.items() if w >= MIN_SOURCE}


def learned_concept(
    concepts: Sequence[Concept],
    translations: Translations,
    focus: Mapping[str, float] | None = None,
) -> Concept | None:
    """``focus``: how much each term belongs to one group's topics (0..1): a word spread over
    every group translates into noise, and is no topic to translate into either."""
    focus = focus or {}
    present = {t for c in concepts for t in c.terms}
    total: dict[str, float] = {}
    for concept in concepts:
        if concept.learned:
            continue
        best: dict[str, float] = {}
        for term, weight in concept.terms.items():
            if weight < MIN_SOURCE:
                continue
            source_focus = focus.get(term, 1.0)
            for related, p in translations.get(term, ()):
                if related in present:
                    continue
                value = concept.weight * weight * p * source_focus * focus.get(related, 1.0)
                if value > best.get(related, 0.0):
                    best[related] = value
        for related, value in best.items():
            total[related] = total.get(related, 0.0) + value
    ranked = sorted(total.items(), key=lambda item: (-item[1], item[0]))[:KEEP]
    terms = {
        t: LEARNED_MAX * min(1.0, value / FULL)
        for t, value in ranked
        if LEARNED_MAX * min(1.0, value / FULL) >= MIN_TERM
    }
    if not terms:
        return None
    return Concept("", terms, 1.0, learned=True)


def feedback_candidates(
    profiles: Sequence[Mapping[str, float]], present: Collection[str]
) -> list[tuple[float, str]]:
    """(support, term) of the words at least two of the best candidates' evidence has and
    the question lacks, strongest first; ``profiles`` best candidate first, each a person's
    strongest terms with their weights. A word counts by its share of each person's
    strongest evidence, the first candidate's most."""
    support: dict[str, float] = {}
    seen: dict[str, int] = {}
    for rank, profile in enumerate(profiles, start=1):
        if not profile:
            continue
        peak = max(profile.values())
        for term, weight in profile.items():
            if term in present:
                continue
            support[term] = support.get(term, 0.0) + (weight / peak) / rank
            seen[term] = seen.get(term, 0) + 1
    shared = [(value, term) for term, value in support.items() if seen[term] >= 2]
    shared.sort(key=lambda item: (-item[0], item[1]))
    return shared[:FEEDBACK_CANDIDATES]


def feedback_concept(
    candidates: Sequence[tuple[float, str]], idf: Mapping[str, float]
) -> Concept | None:
    """The feedback words as one weak concept: support times rarity, the best FEEDBACK_TERMS."""
    valued = sorted(
        ((value * idf[term], term) for value, term in candidates if idf.get(term)),
        key=lambda item: (-item[0], item[1]),
    )[:FEEDBACK_TERMS]
    if not valued or valued[0][0] <= 0:
        return None
    best = valued[0][0]
    return Concept("", {t: FEEDBACK_WEIGHT * v / best for v, t in valued}, 1.0, learned=True)
