"""Group targets (``!doel`` and the dashboard's targets page): which figures may have one,
how a figure is read from a scope's figures, whether it was met, and storing them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adoption.goal_input import GoalSetting
from bot.storage.adoption_models import Goal

# Goals: metric → how it is read from a scope's figures, and whether higher is better.
METRICS: dict[str, tuple[str, bool]] = {
    "answered_share": ("answered / threads", True),
    "answered_within_24h_share": ("answered_within_24h / threads", True),
    "median_hours_to_first_response": ("median hours to first response", False),
    "accepted_share": ("accepted / threads", True),
    "active_posters": ("active posters", True),
    "cross_org_answer_share": ("cross-organisation answer share", True),
}


def metric_value(figures: dict[str, Any], metric: str) -> float | None:
    threads = figures.get("threads")
    if metric.endswith("_share") and metric != "cross_org_answer_share":
        base = metric.removesuffix("_share")
        if not threads or figures.get(base) is None:
            return None
        return round(float(figures[base]) / float(threads), 4)
    value = figures.get(metric)
    return None if value is None else float(value)


def goal_met(metric: str, value: float | None, target: float) -> bool | None:
    if value is None:
        return None
    higher_is_better = METRICS[metric][1]
    return value >= target if higher_is_better else value <= target


def previous_month(today: date) -> tuple[date, date]:
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


@dataclass
class GoalRow:
    group: str
    metric: str
    target: float
    value: float | None
    met: bool | None


def goal_rows(stats: dict[str, Any], goals: list[Goal]) -> list[GoalRow]:
    rows = []
    for goal in sorted(goals, key=lambda g: (g.group_id, g.metric)):
        figures = stats["by_channel"].get(goal.group_id, {})
        value = metric_value(figures, goal.metric)
        rows.append(
            GoalRow(
                goal.group_id,
                goal.metric,
                goal.target,
                value,
                goal_met(goal.metric, value, goal.target),
            )
        )
    return rows


async def set_goal(
    session: AsyncSession, group_id: str, setting: GoalSetting, person_id: int, now: datetime
) -> None:
    """Store a group's target (``!doel`` and the dashboard's targets page)."""
    existing = (
        await session.exec(
            select(Goal).where(Goal.group_id == group_id, Goal.metric == setting.metric)
        )
    ).first()
    row = existing or Goal(group_id=group_id, metric=setting.metric, target=setting.target)
    row.target, row.set_by, row.set_at = setting.target, person_id, now
    session.add(row)


async def remove_goal(session: AsyncSession, group_id: str, metric: str) -> None:
    existing = (
        await session.exec(select(Goal).where(Goal.group_id == group_id, Goal.metric == metric))
    ).first()
    if existing is not None:
        await session.delete(existing)
