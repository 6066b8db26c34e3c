"""Targets and nudges: a group's targets in words people use (the parser of ``!doel``), the
group's nudge switches, and the channel of the monthly report (or none)."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlmodel import col, select

from bot.adoption.goal_input import GoalInputError, describe_goal, parse_goal
from bot.adoption.goals import METRICS, remove_goal, set_goal
from bot.adoption.jobs.report import clear_report_room, set_report_room
from bot.adoption.rules import NudgeKind, NudgeRules
from bot.adoption.settings import report_room as stored_report_room
from bot.adoption.settings import set_group_switches
from bot.core.errors import UserError
from bot.core.i18n import t
from bot.storage.adoption_models import Goal
from bot.storage.models import Channel
from bot.web.access import Viewer
from bot.web.common import (
    PageData,
    RefusedError,
    page_language,
    render,
    require_manager,
    see_other,
    services_of,
)
from bot.web.tables import Cell, Table

_REPORT_ERRORS = frozenset({"adoption.report_room_shared"})
_KNOWN_ERRORS = frozenset(
    {
        "goal.unknown_figure",
        "goal.no_number",
        "goal.bad_percent",
        "goal.bad_hours",
        "goal.bad_count",
    }
)


GROUP_NUDGES = (NudgeKind.UNANSWERED, NudgeKind.ESCALATION, NudgeKind.NEWCOMER)


async def build_targets(request: web.Request, viewer: Viewer) -> PageData:
    if not viewer.is_manager:
        raise RefusedError(403, "web.managers_only")
    lang = page_language(request)
    services = services_of(request)
    config = services.config
    groups = [g for g in config.groups if viewer.sees_group(g.id)]
    async with services.db.session() as session:
        goals = list(
            await session.exec(select(Goal).order_by(col(Goal.group_id), col(Goal.metric)))
        )
        room = await stored_report_room(session)
        channels = list(
            await session.exec(
                select(Channel)
                .where(col(Channel.is_direct).is_(False), col(Channel.archived).is_(False))
                .order_by(col(Channel.platform), col(Channel.name))
            )
        )
    table = Table(
        "doelen",
        t(lang, "web.targets_caption"),
        [t(lang, "web.group"), t(lang, "web.goal"), t(lang, "web.set_at")],
        empty=t(lang, "web.no_goals"),
    )
    by_group: dict[str, list[dict[str, Any]]] = {g.id: [] for g in groups}
    for goal in goals:
        if goal.group_id not in by_group:
            continue
        words = describe_goal(goal.metric, goal.target, lang)
        by_group[goal.group_id].append({"metric": goal.metric, "words": words})
        table.add(
            [
                Cell(goal.group_id),
                Cell(words, value=f"{goal.metric}={goal.target:g}"),
                Cell(goal.set_at.strftime("%Y-%m-%d"), value=goal.set_at.isoformat()),
            ]
        )
    nudges = Table(
        "herinneringen",
        t(lang, "web.nudges_caption"),
        [t(lang, "web.group"), *(t(lang, f"web.nudge.{kind.value}") for kind in GROUP_NUDGES)],
    )
    rules = NudgeRules(config)
    switches: dict[str, list[tuple[str, str, bool]]] = {}
    async with services.db.session() as session:
        for group in groups:
            row: list[Cell] = [Cell(group.name, value=group.id)]
            switches[group.id] = []
            for kind in GROUP_NUDGES:
                on = await rules.type_switched_on(session, group.id, kind)
                switches[group.id].append((kind.value, f"web.nudge.{kind.value}", on))
                row.append(
                    Cell(t(lang, "web.on" if on else "web.off"), value="on" if on else "off")
                )
            nudges.rows.append(row)
    context = {
        "groups": [(g.id, g.name, by_group[g.id]) for g in groups],
        "switches": switches,
        "report_room": room,  # a ReportRoom: platform, external_id, name
        "channels": [(c.id, f"{c.platform}: {c.name or c.external_id}") for c in channels],
        "may_set_report": viewer.sees_everything,
        "metrics": list(METRICS),
        "error_key": error if (error := request.query.get("fout", "")) in _KNOWN_ERRORS else "",
        "report_error": error if error in _REPORT_ERRORS else "",
        "report_refused": request.query.get("kanaal", ""),
        "error_group": request.query.get("groep", ""),
    }
    return PageData("targets.html", "web.targets_title", context, [table, nudges])


async def targets_page(request: web.Request) -> web.StreamResponse:
    return render(request, await build_targets(request, require_manager(request)))


def _group_for(request: web.Request, viewer: Viewer) -> str:
    group_id = request.match_info["group"]
    if services_of(request).config.group(group_id) is None:
        raise RefusedError(404, "web.status_404")
    if not viewer.sees_group(group_id):
        raise RefusedError(403, "web.not_your_group")
    return group_id


async def add_goal(request: web.Request) -> web.StreamResponse:
    viewer = require_manager(request)
    group_id = _group_for(request, viewer)
    form = await request.post()
    text = str(form.get("doel", ""))
    try:
        setting = parse_goal(text)
    except GoalInputError as bad:
        key = bad.key if bad.key in _KNOWN_ERRORS else "goal.unknown_figure"
        # The page says what was wrong next to the field of this group.
        return see_other(f"/doelen?fout={key}&groep={group_id}#groep-{group_id}")
    services = services_of(request)
    async with services.db.session() as session:
        await set_goal(session, group_id, setting, viewer.person_id, services.clock.now())
        await session.commit()
    return see_other("/doelen", "goal_saved")


async def delete_goal(request: web.Request) -> web.StreamResponse:
    viewer = require_manager(request)
    group_id = _group_for(request, viewer)
    form = await request.post()
    metric = str(form.get("cijfer", ""))
    if metric not in METRICS:
        raise RefusedError(400, "web.status_400")
    async with services_of(request).db.session() as session:
        await remove_goal(session, group_id, metric)
        await session.commit()
    return see_other("/doelen", "goal_removed")


async def nudge_switches(request: web.Request) -> web.StreamResponse:
    """Switch the group's nudge types on or off; stored beside the configuration's list and
    read by :meth:`bot.adoption.rules.NudgeRules.type_switched_on`."""
    viewer = require_manager(request)
    group_id = _group_for(request, viewer)
    form = await request.post()
    switches = {kind.value: str(form.get(kind.value, "")) == "aan" for kind in GROUP_NUDGES}
    services = services_of(request)
    async with services.db.session() as session:
        await set_group_switches(session, group_id, switches, services.clock.now())
        await session.commit()
    return see_other("/doelen", "saved")


async def report_room(request: web.Request) -> web.StreamResponse:
    """Turn the monthly report off, or send it to a known channel (unscoped managers and
    administrators: the report covers every group)."""
    viewer = require_manager(request)
    if not viewer.sees_everything:
        raise RefusedError(403, "web.managers_only")
    form = await request.post()
    choice = str(form.get("kanaal", ""))
    services = services_of(request)
    async with services.db.session() as session:
        if choice == "uit":
            await clear_report_room(session, services.clock.now())
            await session.commit()
            return see_other("/doelen", "report_off")
        if not choice.isdigit() or len(choice) > 12:
            raise RefusedError(400, "web.status_400")
        channel = await session.get(Channel, int(choice))
        if channel is None or channel.is_direct:
            raise RefusedError(400, "web.status_400")
        try:
            await set_report_room(session, services, channel, chooser_id=viewer.person_id)
        except UserError as refused:  # shared with partners: say so next to the choice
            await session.commit()  # the members the platform listed meanwhile
            return see_other(f"/doelen?fout={refused.key}&kanaal={channel.id}#kanaal")
        await session.commit()
    return see_other("/doelen", "report_set")


def add_routes(routes: web.UrlDispatcher) -> None:
    routes.add_get("/doelen", targets_page)
    routes.add_post("/doelen/{group}/doel", add_goal)
    routes.add_post("/doelen/{group}/weg", delete_goal)
    routes.add_post("/doelen/rapportkanaal", report_room)
    routes.add_post("/doelen/{group}/herinneringen", nudge_switches)
