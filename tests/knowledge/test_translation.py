"""The translation model learned from questions and their answers, and the expansion of a
question that it gives."""

from __future__ import annotations

from knowledge.expansion import learned_concept
from knowledge.query import Concept
from knowledge.translation import Pair, learn


def _pairs() -> list[Pair]:
    pairs = []
    for n in range(8):
        # questions name the topic; the answers explain it in everyday words
        pairs.append(
            Pair(
                frozenset({"sroi", "raamovereenkomst" if n % 2 else "opdrachtwaard", f"x{n}"}),
                frozenset({"kandidat", "opdracht", "procent", "gesprek", f"y{n}"}),
            )
        )
        pairs.append(
            Pair(
                frozenset({"traplift", "herindicatie" if n % 2 else "aanvrag", f"p{n}"}),
                frozenset({"trap", "woningaanpass", "ergotherapeut", "gesprek", f"q{n}"}),
            )
        )
    for topic in range(8):
        # other topics of the history, so the two above are not everywhere
        for n in range(8):
            pairs.append(
                Pair(
                    frozenset({f"topic{topic}", f"context{topic}{n % 3}"}),
                    frozenset({f"fact{topic}", f"detail{topic}{n % 2}", "gesprek"}),
                )
            )
    return pairs


def test_an_answer_word_translates_into_the_topic_of_the_questions() -> None:
    table = learn(_pairs())
    assert "sroi" in dict(table["kandidat"])
    assert "traplift" in dict(table["ergotherapeut"])
    # and the other way round: the topic into the words its answers use
    assert "kandidat" in dict(table["sroi"])
    assert "ergotherapeut" not in dict(table["sroi"])


def test_a_word_that_goes_with_everything_is_no_translation() -> None:
    table = learn(_pairs())
    # "gesprek" is in every answer: the empty source word explains it
    assert all("gesprek" not in dict(row) for row in table.values())


def test_terms_seen_in_fewer_than_three_pairs_are_left_out() -> None:
    table = learn(_pairs())
    assert "x1" not in table
    assert all("y1" not in dict(row) for row in table.values())


def test_too_little_history_learns_nothing() -> None:
    assert learn(_pairs()[:2]) == {}
    assert learn([]) == {}


def test_several_everyday_words_that_lead_to_one_topic_make_it_a_strong_expansion() -> None:
    table = learn(_pairs())
    question = [Concept("kandidaten", {"kandidat": 1.0}), Concept("procent", {"procent": 1.0})]
    both = learned_concept(question, table)
    one = learned_concept(question[:1], table)
    assert both is not None and one is not None and both.learned
    assert both.terms["sroi"] > one.terms["sroi"]
    # never the asker's own words again, and weaker than a word they wrote
    assert "kandidat" not in both.terms
    assert max(both.terms.values()) < 0.8


def test_a_word_spread_over_every_group_translates_into_nothing() -> None:
    table = learn(_pairs())
    question = [Concept("kandidaten", {"kandidat": 1.0})]
    assert learned_concept(question, table, focus={"kandidat": 0.0}) is None


def test_feedback_takes_the_words_the_best_candidates_share() -> None:
    from knowledge.expansion import feedback_candidates, feedback_concept

    profiles = [
        {"traplift": 9.0, "woningaanpass": 6.0, "fiets": 5.0, "wmo": 8.0},
        {"traplift": 4.0, "woningaanpass": 3.0, "printer": 4.0},
        {"woningaanpass": 2.0, "vpn": 2.0},
    ]
    candidates = feedback_candidates(profiles, present={"wmo"})
    terms = [term for _support, term in candidates]
    # shared by two or more of them, never a word of the question, never one person's alone
    assert terms == ["traplift", "woningaanpass"]  # the best candidate's strongest first
    concept = feedback_concept(candidates, {"woningaanpass": 2.0, "traplift": 1.0})
    assert concept is not None and concept.learned
    assert max(concept.terms.values()) <= 0.5  # half a concept at most
    assert feedback_concept(candidates, {}) is None  # words the index does not know
