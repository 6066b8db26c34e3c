"""Targets as people write them (issue 16: "180%" was accepted and "4 uur" refused)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.adoption.goal_input import GoalInputError, describe_goal, parse_figure, parse_goal


@pytest.mark.parametrize(
    ("text", "metric", "target"),
    [
        ("80 % beantwoord", "answered_share", 0.8),
        ("beantwoord 80%", "answered_share", 0.8),
        ("80 procent beantwoord", "answered_share", 0.8),
        ("answered 0.8", "answered_share", 0.8),
        ("Beantwoord 75,5%", "answered_share", 0.755),
        ("reactie binnen 4 uur", "median_hours_to_first_response", 4.0),
        ("reactietijd 0,5", "median_hours_to_first_response", 0.5),
        ("response within 2 hours", "median_hours_to_first_response", 2.0),
        ("90 % binnen 24 uur", "answered_within_24h_share", 0.9),
        ("90% within 24h", "answered_within_24h_share", 0.9),
        ("50 % geaccepteerd", "accepted_share", 0.5),
        ("10 deelnemers", "active_posters", 10.0),
        ("10 actieve deelnemers", "active_posters", 10.0),
        ("20 % antwoorden uit een andere organisatie", "cross_org_answer_share", 0.2),
        ("0 % beantwoord", "answered_share", 0.0),
        ("100% beantwoord", "answered_share", 1.0),
    ],
)
def test_words_people_use(text: str, metric: str, target: float) -> None:
    assert parse_goal(text) == type(parse_goal(text))(metric, target)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("180% beantwoord", "goal.bad_percent"),
        ("-5 % beantwoord", "goal.bad_percent"),
        ("reactie binnen 0 uur", "goal.bad_hours"),
        ("reactie binnen 50 %", "goal.bad_hours"),
        ("beantwoord veel", "goal.no_number"),
        ("80 % 90 % beantwoord", "goal.no_number"),
        ("onzin 3", "goal.unknown_figure"),
        ("80 % beantwoord en geaccepteerd", "goal.unknown_figure"),
        ("2,5 deelnemers", "goal.bad_count"),
        ("beantwoord 4 uur", "goal.unknown_figure"),
        ("", "goal.unknown_figure"),
        ("beantwoord " + "9" * 500, "goal.unknown_figure"),
    ],
)
def test_bad_input_says_what_is_wrong(text: str, key: str) -> None:
    with pytest.raises(GoalInputError) as raised:
        parse_goal(text)
    assert raised.value.key == key


@pytest.mark.parametrize(
    ("metric", "target", "nl", "en"),
    [
        ("answered_share", 0.8, "80 % beantwoord", "80 % answered"),
        ("median_hours_to_first_response", 4, "reactie binnen 4 uur", "response within 4 hours"),
        (
            "median_hours_to_first_response",
            0.5,
            "reactie binnen 0,5 uur",
            "response within 0,5 hours",
        ),
        ("active_posters", 10, "10 actieve deelnemers", "10 active posters"),
    ],
)
def test_described_the_way_it_is_typed(metric: str, target: float, nl: str, en: str) -> None:
    assert describe_goal(metric, target, "nl") == nl
    assert describe_goal(metric, target, "en") == en
    assert parse_goal(nl).metric == metric and parse_goal(nl).target == target


def test_a_figure_alone() -> None:
    assert parse_figure("reactie") == "median_hours_to_first_response"
    assert parse_figure("binnen 24 uur") == "answered_within_24h_share"


@given(st.text(max_size=300))
def test_any_text_parses_or_is_refused_quickly(text: str) -> None:
    try:
        setting = parse_goal(text)
    except GoalInputError:
        return
    if setting.metric.endswith("_share"):
        assert 0 <= setting.target <= 1
