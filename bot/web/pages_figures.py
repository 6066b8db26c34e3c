"""Overview and per-group pages: the figures of ``vraagbaak stats --json`` (same code, same
period rules) against the groups' targets, the weekly trend, help between organisations,
hidden scopes with the reason, and a group's unanswered threads."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from aiohttp import web
from sqlmodel import col, select

from bot.adoption.figures.compute import UnknownGroupError
from bot.adoption.goal_input import describe_goal
from bot.adoption.goals import goal_met, metric_value, previous_month
from bot.core.i18n import t
from bot.core.working_time import AMSTERDAM
from bot.storage.adoption_models import Goal
from bot.storage.models import Channel, Thread
from bot.web.access import Viewer
from bot.web.chart import weekly_chart
from bot.web.common import (
    FIGURES,
    PageData,
    RefusedError,
    page_language,
    period_of,
    render,
    require_manager,
    services_of,
)
from bot.web.links import thread_link
from bot.web.tables import Cell, Table

# The seven figures every scope has (stats.json's keys, in its order).
CORE_KEYS = (
    "threads",
    "answered",
    "answered_within_24h",
    "median_hours_to_first_response",
    "accepted",
    "active_posters",
    "cross_org_answer_share",
)
UNANSWERED_LIMIT = 200


def number_text(value: Any, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        text = f"{value:.4g}"
        return text.replace(".", ",") if lang == "nl" else text
    return str(value)


def figures_table(
    stats: dict[str, Any], scopes: list[str], lang: str, names: dict[str, str]
) -> Table:
    table = Table(
        "cijfers",
        t(lang, "web.figures_caption"),
        [t(lang, "web.scope"), *(t(lang, f"web.fig.{key}") for key in CORE_KEYS)],
    )
    for scope in scopes:
        figures = stats["overall"] if scope == "overall" else stats["by_channel"][scope]
        hidden = scope in stats["hidden"]
        row: list[Cell] = [Cell(names.get(scope, scope), value=scope)]
        for key in CORE_KEYS:
            value = figures[key]
            if hidden:
                text = t(lang, "web.hidden_short")
            elif key == "cross_org_answer_share" and value is not None:
                text = f"{number_text(round(value * 100, 1), lang)} %"
            else:
                text = number_text(value, lang)
            row.append(Cell(text, value=value, scope=scope, key=key))
        table.rows.append(row)
    return table


def goals_table(
    stats: dict[str, Any], goals: list[Goal], groups: list[str], lang: str, names: dict[str, str]
) -> Table:
    table = Table(
        "doelen",
        t(lang, "web.goals_caption"),
        [t(lang, "web.group"), t(lang, "web.goal"), t(lang, "web.value"), t(lang, "web.met")],
        empty=t(lang, "web.no_goals"),
    )
    for goal in sorted(goals, key=lambda g: (g.group_id, g.metric)):
        if goal.group_id not in groups:
            continue
        figures = stats["by_channel"].get(goal.group_id)
        if figures is None and len(groups) == 1 and goal.group_id == groups[0]:
            figures = stats["overall"]
        value = metric_value(figures or {}, goal.metric)
        met = goal_met(goal.metric, value, goal.target)
        met_text = {True: "web.met_yes", False: "web.met_no", None: "web.met_unknown"}[met]
        table.add(
            [
                Cell(names.get(goal.group_id, goal.group_id), value=goal.group_id),
                Cell(describe_goal(goal.metric, goal.target, lang), value=goal.target),
                Cell(number_text(value, lang), value=value),
                Cell(t(lang, met_text), value="" if met is None else ("yes" if met else "no")),
            ]
        )
    return table


def weekly_table(weeks: list[dict[str, Any]], lang: str) -> Table:
    table = Table(
        "weken",
        t(lang, "web.weekly_caption"),
        [t(lang, "web.week"), t(lang, "web.fig.active_posters")],
        empty=t(lang, "web.no_data"),
    )
    for week in weeks:
        count = week["count"]
        text = t(lang, "web.hidden_short") if count is None else str(count)
        table.add([Cell(week["week"]), Cell(text, value=count, scope="week", key=week["week"])])
    return table


def matrix_table(pairs: list[dict[str, Any]], lang: str, names: dict[str, str]) -> Table:
    """Helpers' organisations down, askers' organisations across; a cell counts replies."""
    helpers = sorted({p["helper"] for p in pairs})
    askers = sorted({p["asker"] for p in pairs})
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for pair in pairs:
        counts[(pair["helper"], pair["asker"])] += int(pair["replies"])
    table = Table(
        "organisaties",
        t(lang, "web.matrix_caption"),
        [t(lang, "web.matrix_corner"), *(names.get(a, a) for a in askers)],
        empty=t(lang, "web.matrix_empty"),
    )
    for helper in helpers:
        row = [Cell(names.get(helper, helper), value=helper)]
        row += [
            Cell(str(counts.get((helper, a), 0)), value=counts.get((helper, a), 0)) for a in askers
        ]
        table.rows.append(row)
    return table


def hidden_table(
    stats: dict[str, Any], scopes: list[str], lang: str, names: dict[str, str]
) -> Table:
    table = Table(
        "verborgen",
        t(lang, "web.hidden_caption"),
        [t(lang, "web.scope"), t(lang, "web.reason")],
        empty=t(lang, "web.hidden_none"),
    )
    for scope in scopes:
        if scope in stats["hidden"]:
            table.add([Cell(names.get(scope, scope), value=scope), t(lang, "web.hidden_reason")])
    return table


async def _goals(request: web.Request) -> list[Goal]:
    async with services_of(request).db.session() as session:
        return list(await session.exec(select(Goal)))


def _names(request: web.Request) -> dict[str, str]:
    config = services_of(request).config
    lang = page_language(request)
    names = {"overall": t(lang, "web.overall")}
    names.update({g.id: g.name for g in config.groups})
    names.update({o.id: o.name for o in config.organisations})
    return names


def _period_context(request: web.Request) -> dict[str, Any]:
    period = period_of(request)
    today = services_of(request).clock.now().astimezone(AMSTERDAM).date()
    last_month = previous_month(today)
    return {
        "period": period,
        "period_problem": period.problem,
        "van": period.first.isoformat() if period.first else "",
        "tot": period.last.isoformat() if period.last else "",
        # One click to the period of the monthly report, this month, and everything.
        "quick_periods": [
            ("web.period_last_month", last_month[0].isoformat(), last_month[1].isoformat()),
            ("web.period_this_month", today.replace(day=1).isoformat(), today.isoformat()),
            ("web.period_everything", "", ""),
        ],
    }


def _manager_only(viewer: Viewer) -> None:
    if not viewer.is_manager:
        raise RefusedError(403, "web.managers_only")


async def build_overview(request: web.Request, viewer: Viewer) -> PageData:
    _manager_only(viewer)
    lang = page_language(request)
    config = services_of(request).config
    context = _period_context(request)
    figures = await request.app[FIGURES].get(context["period"].query())
    stats = figures.stats
    context["computed_at"] = figures.computed_at
    names = _names(request)
    groups = [g for g in viewer.visible_groups(config) if g in stats["by_channel"]]
    scopes = (["overall"] if viewer.sees_everything else []) + groups
    tables = [
        figures_table(stats, scopes, lang, names),
        goals_table(stats, await _goals(request), groups, lang, names),
        hidden_table(stats, scopes, lang, names),
    ]
    chart = None
    if viewer.sees_everything:
        weeks = stats["overall"]["weekly_active_posters"]
        tables.append(weekly_table(weeks, lang))
        chart = weekly_chart(weeks, t(lang, "web.hidden_short"), t(lang, "web.chart_desc"))
        pairs = stats["extra"]["overall"]["organisation_pairs"] or []
        hidden_pairs = stats["extra"]["overall"]["organisation_pairs_hidden"] or 0
    else:
        pairs, hidden_pairs = [], 0
        for group in groups:
            extra = stats["extra"]["by_channel"][group]
            pairs += extra["organisation_pairs"] or []
            hidden_pairs += extra["organisation_pairs_hidden"] or 0
    tables.append(matrix_table(pairs, lang, names))
    context.update(
        chart=chart,
        hidden_pairs=hidden_pairs,
        groups=[(g, names.get(g, g)) for g in groups],
        page_name="overzicht",
        group_id=None,
        group_name="",
        no_channel=False,
    )
    return PageData("figures.html", "web.overview_title", context, tables)


async def _unanswered(request: web.Request, group_id: str, lang: str) -> Table:
    table = Table(
        "onbeantwoord",
        t(lang, "web.unanswered_caption"),
        [t(lang, "web.asked_at"), t(lang, "web.channel"), t(lang, "web.thread")],
        empty=t(lang, "web.unanswered_none"),
    )
    async with services_of(request).db.session() as session:
        rows = await session.exec(
            select(Thread, Channel)
            .join(Channel, col(Channel.id) == col(Thread.channel_id))
            .where(
                Channel.group_id == group_id,
                col(Thread.first_reply_at).is_(None),
                col(Thread.by_bot).is_(False),
            )
            .order_by(col(Thread.created_at), col(Thread.id))
            .limit(UNANSWERED_LIMIT)
        )
        for thread, channel in rows:
            link = thread_link(channel.platform, channel.external_id, thread.root_external_id)
            asked = thread.created_at.strftime("%Y-%m-%d %H:%M UTC")
            table.add(
                [
                    Cell(asked, value=thread.created_at.isoformat()),
                    Cell(channel.name or channel.external_id, value=channel.name),
                    Cell(
                        t(lang, "web.open_thread") if link else t(lang, "web.no_link"),
                        value=link or thread.root_external_id,
                        href=link,
                    ),
                ]
            )
    return table


async def build_group(request: web.Request, viewer: Viewer) -> PageData:
    _manager_only(viewer)
    lang = page_language(request)
    config = services_of(request).config
    group_id = request.match_info["group"]
    if config.group(group_id) is None:
        raise RefusedError(404, "web.status_404")
    if not viewer.sees_group(group_id):
        raise RefusedError(403, "web.not_your_group")
    context = _period_context(request)
    names = _names(request)
    stats: dict[str, Any] | None = None
    try:
        figures = await request.app[FIGURES].get(context["period"].query(group_id))
        stats = figures.stats
        context["computed_at"] = figures.computed_at
    except UnknownGroupError:
        context["computed_at"] = None
    tables: list[Table] = []
    chart = None
    hidden_pairs = 0
    if stats is not None:
        tables += [
            figures_table(stats, [group_id], lang, names),
            goals_table(stats, await _goals(request), [group_id], lang, names),
            hidden_table(stats, [group_id], lang, names),
        ]
        weeks = stats["overall"]["weekly_active_posters"]
        tables.append(weekly_table(weeks, lang))
        chart = weekly_chart(weeks, t(lang, "web.hidden_short"), t(lang, "web.chart_desc"))
        extra = stats["extra"]["by_channel"][group_id]
        tables.append(matrix_table(extra["organisation_pairs"] or [], lang, names))
        hidden_pairs = extra["organisation_pairs_hidden"] or 0
    tables.append(await _unanswered(request, group_id, lang))
    context.update(
        chart=chart,
        hidden_pairs=hidden_pairs,
        groups=[(g, names.get(g, g)) for g in viewer.visible_groups(config)],
        page_name=f"groep/{group_id}",
        group_id=group_id,
        group_name=names.get(group_id, group_id),
        no_channel=stats is None,
    )
    return PageData("figures.html", "web.group_title", context, tables)


async def overview(request: web.Request) -> web.StreamResponse:
    return render(request, await build_overview(request, require_manager(request)))


async def group_page(request: web.Request) -> web.StreamResponse:
    return render(request, await build_group(request, require_manager(request)))


def add_routes(routes: web.UrlDispatcher) -> None:
    routes.add_get("/overzicht", overview)
    routes.add_get("/groep/{group}", group_page)
