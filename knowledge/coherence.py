"""The people who know about one question mostly work in the same group: whoever the best
candidates' evidence leaves alone in another group is probably found by a word that also means
something there. Each candidate is weighed by how much of the best candidates' score lies in
their own group (the cluster hypothesis of retrieval, applied to groups of people).

Measured on the tune halves of fresh sets 1-17 (docs/whoknows.md, twelfth round): nDCG@5
0.710 -> 0.718, the held-out halves 0.715 -> 0.723."""

from __future__ import annotations

import heapq
from collections.abc import Mapping

# The best this many candidates say where the question's people are.
LEADERS = 10
# A candidate whose group holds this share of the leaders' score is weighed by share ** POWER;
# a group with less counts as FLOOR (a candidate alone elsewhere keeps 62 % of their score).
POWER = 0.3
FLOOR = 0.2


def factors(scores: Mapping[int, float], groups: Mapping[int, str | None]) -> dict[int, float]:
    """Per candidate (person id -> score, person id -> group), what their score is weighed
    by: 1.0 in the group that holds most of the leaders' score."""
    leaders = heapq.nlargest(LEADERS, scores, key=scores.__getitem__)
    mass: dict[str | None, float] = {}
    for pid in leaders:
        mass[groups.get(pid)] = mass.get(groups.get(pid), 0.0) + max(0.0, scores[pid])
    most = max(mass.values(), default=0.0)
    if most <= 0:
        return {}
    return {pid: max(FLOOR, mass.get(groups.get(pid), 0.0) / most) ** POWER for pid in scores}
