"""Scores a who-knows ranking against graded ground truth (qrels): P@1 (grade ≥ 2 counts as
relevant), MRR (grade ≥ 1), nDCG@5 (gain 2^grade − 1) and Recall@5 (grade ≥ 1, out of
min(5, number relevant)); overall and per query form."""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

METRICS = ("P@1", "MRR", "nDCG@5", "R@5")


@dataclass(frozen=True)
class QueryScore:
    qid: str
    form: str
    values: dict[str, float]


def score_query(ranked: Sequence[str], relevant: Mapping[str, int]) -> dict[str, float]:
    p1 = 1.0 if ranked and relevant.get(ranked[0], 0) >= 2 else 0.0
    rr = 0.0
    for position, email in enumerate(ranked, start=1):
        if relevant.get(email, 0) >= 1:
            rr = 1.0 / position
            break
    dcg = sum(
        (2 ** relevant.get(email, 0) - 1) / math.log2(position + 1)
        for position, email in enumerate(ranked[:5], start=1)
    )
    ideal = sorted(relevant.values(), reverse=True)[:5]
    idcg = sum((2**g - 1) / math.log2(i + 1) for i, g in enumerate(ideal, start=1))
    graded = [e for e, g in relevant.items() if g >= 1]
    found = sum(1 for email in ranked[:5] if relevant.get(email, 0) >= 1)
    recall = found / min(5, len(graded)) if graded else 0.0
    return {"P@1": p1, "MRR": rr, "nDCG@5": dcg / idcg if idcg else 0.0, "R@5": recall}


def summarise(scores: Sequence[QueryScore]) -> dict[str, dict[str, float]]:
    """``{"overall": {...}, "<form>": {...}}`` with means and the query count ``n``."""
    groups: dict[str, list[QueryScore]] = defaultdict(list)
    for score in scores:
        groups["overall"].append(score)
        groups[score.form].append(score)
    result: dict[str, dict[str, float]] = {}
    for name, items in groups.items():
        summary = {m: round(sum(s.values[m] for s in items) / len(items), 4) for m in METRICS}
        summary["n"] = float(len(items))
        result[name] = summary
    return result


TUNE = "tune"
HELD_OUT = "held-out"
HALVES = (TUNE, HELD_OUT)


def dev_half(key: str) -> str:
    """Which half of a development set an item belongs to: ``tune`` (rules and weights may
    be adjusted while looking at it) or ``held-out`` (only ever measured). Decided by a hash
    of the item's stable key (a query id, a file name), so the split never changes between
    runs or machines and does not depend on the order of the items."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return TUNE if digest[0] % 2 == 0 else HELD_OUT


def summarise_halves(scores: Sequence[QueryScore]) -> dict[str, dict[str, dict[str, float]]]:
    """``{"all": summary, "tune": summary, "held-out": summary}`` (see :func:`summarise`)."""
    result = {"all": summarise(scores)}
    for half in HALVES:
        result[half] = summarise([s for s in scores if dev_half(s.qid) == half])
    return result
