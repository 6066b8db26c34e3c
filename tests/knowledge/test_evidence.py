from __future__ import annotations

from datetime import UTC, datetime, timedelta

from knowledge.evaluation import QueryScore, score_query, summarise
from knowledge.evidence import answer_quality, decay
from knowledge.why import Reason, explain


def test_confident_answers_count_fully_hedged_less_interest_nothing() -> None:
    confident = answer_quality(
        "Leerlingenvervoer vraag je aan via het formulier; de regiecentrale plant de taxi."
    )
    hedged = answer_quality(
        "Geen expert, maar volgens mij gaat het via het formulier bij de regiecentrale."
    )
    interest = answer_quality("Interessant, ik ben benieuwd naar het antwoord!")
    assert confident == 1.0
    assert 0.2 < hedged < 0.6
    assert interest < 0.1


def test_evidence_fades_with_a_half_life() -> None:
    now = datetime(2026, 6, 30, tzinfo=UTC)
    assert decay(now, now, 60) == 1.0
    assert abs(decay(now - timedelta(days=60), now, 60) - 0.5) < 1e-9


def test_metrics_follow_the_definitions() -> None:
    relevant = {"a": 3, "b": 1, "c": 2}
    perfect = score_query(["a", "c", "b"], relevant)
    assert perfect == {"P@1": 1.0, "MRR": 1.0, "nDCG@5": 1.0, "R@5": 1.0}
    weak = score_query(["x", "b", "a"], relevant)
    assert weak["P@1"] == 0.0 and weak["MRR"] == 0.5
    assert abs(weak["R@5"] - 2 / 3) < 1e-9
    summary = summarise([QueryScore("1", "exact", perfect), QueryScore("2", "typo", weak)])
    assert summary["overall"]["P@1"] == 0.5
    assert summary["typo"]["n"] == 1


def test_why_in_both_languages() -> None:
    now = datetime(2026, 6, 30, tzinfo=UTC)
    reason = Reason(
        "Wmo",
        answers=4,
        accepted=2,
        last_at=datetime(2026, 3, 9, tzinfo=UTC),
        group_id="sociaal-domein",
    )
    assert explain(reason, now, "nl") == (
        "beantwoordde 4 vragen over Wmo in #sociaal-domein, 2 geaccepteerd, laatst in maart"
    )
    assert explain(reason, now, "en").startswith("answered 4 questions about Wmo")
    assert explain(Reason("inkoop", declared="inkoop"), now, "nl") == "noemt zelf: inkoop"


def test_near_ties_go_to_the_one_asked_less() -> None:
    from knowledge.finder import Candidate, _rotate_near_ties

    def person(pid: int, score: float) -> Candidate:
        return Candidate(pid, f"p{pid}", None, None, score, "")

    ranked = [person(1, 1.0), person(2, 0.97), person(3, 0.5)]
    rotated = _rotate_near_ties(ranked, {1: 5, 2: 0})
    assert [c.person_id for c in rotated] == [2, 1, 3]
    # a clear winner stays first however often asked
    clear = [person(1, 1.0), person(2, 0.6)]
    assert [c.person_id for c in _rotate_near_ties(clear, {1: 9})] == [1, 2]
