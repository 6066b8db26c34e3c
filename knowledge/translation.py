"""A translation model learned from the history: which words of an answer go with which
words of the question it answered, and the other way round (IBM model 1, as in the
question-retrieval and question-routing literature: Berger & Lafferty 1999; Jeon, Croft &
Lee 2005; Xue, Jeon & Croft 2008).

Each thread with a substantive answer by someone other than the asker is a pair of term
sets: the question's and the answers'. Expectation-maximisation estimates t(a | q), the
probability that term ``q`` on one side "translates" into term ``a`` on the other; both
directions are pooled, so a colleague's everyday words ("leverancier", "opdracht", "werk")
lead to the topic's own words in the questions ("social return") and back. An empty source
word (NULL) with the terms' background frequency absorbs words that go with everything, and
the estimates are smoothed towards that background (Dirichlet) so a pair seen once does not
become a rule. What is kept is each term's few strongest translations that occur clearly
more often with it than without (the lift), as plain data: ``{source: [(target, p), …]}``.

Pure: term sets in, a table out. Built with the index (:mod:`knowledge.index_build`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

# A side of a pair keeps at most this many of its rarest terms (the ones that say most).
MAX_SOURCE_TERMS = 10
MAX_TARGET_TERMS = 20
# Terms in fewer pairs than this are neither translated nor translated into.
MIN_PAIRS = 3
# Terms in more than this share of the pairs are everywhere: left out.
MAX_SHARE = 0.12
ITERATIONS = 5
# Dirichlet prior (in pairs) pulling a translation towards the background frequency.
SMOOTHING = 2.0
# A translation is kept when it is this many times likelier than the background and at
# least this probable.
MIN_LIFT = 4.0
MIN_PROBABILITY = 0.02
KEEP_PER_TERM = 12
# The most recent pairs learned from (memory and time grow with them: 10,000 threads take
# about 2 s and 300 MB).
MAX_PAIRS = 10_000


@dataclass(frozen=True, slots=True)
class Pair:
    """One thread: the terms of its question and of the substantive answers to it."""

    question: frozenset[str]
    answers: frozenset[str]
    # how much the pair counts: an accepted answer more than one nobody confirmed
    weight: float = 1.0


Translations = dict[str, list[tuple[str, float]]]


def learn(pairs: Iterable[Pair], max_pairs: int = MAX_PAIRS) -> Translations:
    """The translation table of the (at most ``max_pairs`` last) question–answer pairs."""
    chosen = list(pairs)[-max_pairs:]
    pair_df: Counter[str] = Counter()
    for pair in chosen:
        pair_df.update(pair.question | pair.answers)
    total = len(chosen)
    if total < MIN_PAIRS:
        return {}
    ceiling = max(MIN_PAIRS, MAX_SHARE * total)

    def useful(terms: frozenset[str], limit: int) -> tuple[str, ...]:
        kept = [t for t in terms if MIN_PAIRS <= pair_df[t] <= ceiling]
        kept.sort(key=lambda t: (pair_df[t], t))
        return tuple(kept[:limit])

    # both directions: question → answers and answers → question
    sentences: list[tuple[tuple[str, ...], tuple[str, ...], float]] = []
    for pair in chosen:
        question = useful(pair.question, MAX_SOURCE_TERMS)
        answers = useful(pair.answers, MAX_TARGET_TERMS)
        if question and answers:
            sentences.append((question, answers, pair.weight))
            sentences.append((answers[:MAX_SOURCE_TERMS], question, pair.weight))
    if not sentences:
        return {}
    background = _background(sentences)
    table = _em(sentences, background)
    return _strongest(table, background)


def _background(
    sentences: Sequence[tuple[tuple[str, ...], tuple[str, ...], float]],
) -> dict[str, float]:
    counts: dict[str, float] = {}
    for _source, target, weight in sentences:
        for term in target:
            counts[term] = counts.get(term, 0.0) + weight
    total = sum(counts.values())
    return {term: n / total for term, n in counts.items()}


def _em(
    sentences: Sequence[tuple[tuple[str, ...], tuple[str, ...], float]],
    background: dict[str, float],
) -> dict[str, dict[str, float]]:
    """t(target | source), by expectation-maximisation; NULL's row is the background.
    Vectorised over every (sentence, source word, target word) triple: a history of tens of
    thousands of threads is learned in seconds."""
    ids: dict[str, int] = {}
    words: list[str] = []

    def number(term: str) -> int:
        found = ids.get(term)
        if found is None:
            found = ids[term] = len(words)
            words.append(term)
        return found

    sources: list[Any] = []
    targets: list[Any] = []
    owners: list[Any] = []
    weights = np.empty(len(sentences))
    lengths = np.empty(len(sentences))
    for k, (source, target, weight) in enumerate(sentences):
        s = np.fromiter((number(t) for t in source), dtype=np.int32, count=len(source))
        t = np.fromiter((number(t) for t in target), dtype=np.int32, count=len(target))
        sources.append(np.repeat(s, len(t)))
        targets.append(np.tile(t, len(s)))
        owners.append(np.full(len(s) * len(t), k, dtype=np.int32))
        weights[k] = weight
        lengths[k] = len(s)
    tgt = np.concatenate(targets).astype(np.int64)
    size = len(words)
    pairs, pair_of = np.unique(
        np.concatenate(sources).astype(np.int64) * size + tgt,
        return_inverse=True,
    )
    del sources, targets
    pair_source, pair_target = pairs // size, pairs % size
    owner = np.concatenate(owners)
    del owners
    # one normaliser per target word of a sentence: over its source words and NULL
    groups, group_of = np.unique(owner.astype(np.int64) * size + tgt, return_inverse=True)
    del tgt
    group_owner, group_target = groups // size, groups % size
    prior = np.array([background.get(w, 0.0) for w in words])
    table = np.ones(len(pairs))
    for iteration in range(ITERATIONS):
        share = table[pair_of]
        null = prior[group_target] * (lengths[group_owner] if iteration == 0 else 1.0)
        norm = np.bincount(group_of, weights=share, minlength=len(groups)) + null
        counts = np.bincount(
            pair_of, weights=weights[owner] * share / norm[group_of], minlength=len(pairs)
        )
        mass = np.bincount(pair_source, weights=counts, minlength=size)
        table = (counts + SMOOTHING * prior[pair_target]) / (mass[pair_source] + SMOOTHING)
    result: dict[str, dict[str, float]] = {}
    for s_id, t_id, p in zip(
        pair_source.tolist(), pair_target.tolist(), table.tolist(), strict=True
    ):
        result.setdefault(words[s_id], {})[words[t_id]] = p
    return result


def _strongest(table: dict[str, dict[str, float]], background: dict[str, float]) -> Translations:
    result: Translations = {}
    for source, row in table.items():
        kept = [
            (target, p)
            for target, p in row.items()
            if target != source and p >= MIN_PROBABILITY and p >= MIN_LIFT * background[target]
        ]
        if kept:
            kept.sort(key=lambda item: (-item[1], item[0]))
            result[source] = [(t, round(p, 4)) for t, p in kept[:KEEP_PER_TERM]]
    return result
