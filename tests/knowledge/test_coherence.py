"""The best candidates' groups weigh everyone (knowledge/coherence.py): a candidate alone in
another group falls behind an equal one where the question's people are."""

from __future__ import annotations

import pytest

from knowledge import coherence


def test_a_candidate_alone_in_another_group_falls_behind_an_equal_one() -> None:
    scores = {1: 10.0, 2: 8.0, 3: 7.0, 4: 7.0}
    groups = {1: "belastingen", 2: "belastingen", 3: "belastingen", 4: "ict"}
    weighed = {pid: scores[pid] * f for pid, f in coherence.factors(scores, groups).items()}
    assert weighed[3] > weighed[4]
    assert weighed[1] == scores[1]  # the leaders' group keeps its scores
    assert sorted(weighed, key=weighed.__getitem__, reverse=True) == [1, 2, 3, 4]


def test_a_clear_leader_in_a_small_group_stays_first() -> None:
    # one person far ahead keeps the lead even when their group holds less of the score
    scores = {1: 30.0, 2: 9.0, 3: 9.0, 4: 9.0, 5: 9.0}
    groups = {1: "privacy", 2: "ict", 3: "ict", 4: "ict", 5: "ict"}
    weighed = {pid: scores[pid] * f for pid, f in coherence.factors(scores, groups).items()}
    assert max(weighed, key=weighed.__getitem__) == 1


@pytest.mark.parametrize("scores", [{}, {1: 0.0, 2: 0.0}])
def test_nothing_to_weigh_changes_nothing(scores: dict[int, float]) -> None:
    assert coherence.factors(scores, dict.fromkeys(scores, "hr")) == {}


def test_no_candidate_loses_more_than_the_floor_allows() -> None:
    scores = {pid: 10.0 - pid for pid in range(10)} | {99: 9.5}
    groups = dict.fromkeys(range(10), "sociaal") | {99: None}
    factor = coherence.factors(scores, groups)[99]
    assert factor == pytest.approx(coherence.FLOOR**coherence.POWER)
