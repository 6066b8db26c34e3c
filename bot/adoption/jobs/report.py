"""The monthly report to the community managers' room: last month's figures against each
group's targets (``!doel``), a PNG chart of the trend and a CSV export."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adoption.figures.compute import StatsQuery, compute_stats
from bot.adoption.goals import METRICS, GoalRow, goal_rows, previous_month
from bot.adoption.jobs.delivery import claim, upload_in_channel
from bot.adoption.rules import NudgeKind, NudgeRules
from bot.adoption.settings import ReportRoom, report_room, store_report_room
from bot.core.errors import UserError
from bot.core.events import Attachment, ConversationRef
from bot.core.i18n import t
from bot.core.logs import get_logger
from bot.dispatch.services import Services
from bot.people import visibility
from bot.storage.adoption_models import Goal
from bot.storage.models import Channel

log = get_logger(__name__)


def to_csv(month: str, stats: dict[str, Any], rows: list[GoalRow]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["month", "scope", "figure", "value", "target", "met"])
    targets = {(r.group, r.metric): r for r in rows}
    scopes = [("overall", stats["overall"]), *stats["by_channel"].items()]
    for scope, figures in scopes:
        for key, value in figures.items():
            if key == "weekly_active_posters":
                continue
            writer.writerow([month, scope, key, "" if value is None else value, "", ""])
        for metric in METRICS:
            row = targets.get((scope, metric))
            if row is not None:
                writer.writerow(
                    [
                        month,
                        scope,
                        metric,
                        "" if row.value is None else row.value,
                        row.target,
                        "" if row.met is None else ("yes" if row.met else "no"),
                    ]
                )
    return out.getvalue().encode("utf-8")


def trend_chart(weekly: list[dict[str, Any]], title: str) -> bytes:
    """Weekly active posters as a PNG. Blocking (matplotlib): run it off the event loop."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 3.5), dpi=100)
    axes = figure.subplots()
    weeks = [w["week"][5:] for w in weekly]
    counts = [w["count"] if w["count"] is not None else 0 for w in weekly]
    axes.plot(weeks, counts, marker="o", color="#01689b")
    axes.set_title(title)
    axes.set_ylabel("actieve deelnemers / active posters")
    axes.set_ylim(bottom=0)
    axes.tick_params(axis="x", labelrotation=60, labelsize=7)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def report_text(language: str, month: str, stats: dict[str, Any], rows: list[GoalRow]) -> str:
    overall = stats["overall"]
    lines = [t(language, "report.title", month=month)]
    if overall["threads"] is None:
        lines.append(t(language, "report.hidden"))
    else:
        lines.append(
            t(
                language,
                "report.summary",
                threads=overall["threads"],
                answered=overall["answered"],
                posters=overall["active_posters"],
            )
        )
    if not rows:
        lines.append(t(language, "report.no_goals"))
    for row in rows:
        value = t(language, "report.hidden") if row.value is None else f"{row.value:g}"
        mark = {True: "✅", False: "❌", None: ""}[row.met]
        lines.append(
            t(
                language,
                "report.line",
                group=row.group,
                metric=t(language, f"metric.{row.metric}"),
                value=value,
                target=f"{row.target:g}",
                mark=mark,
            )
        )
    return "\n".join(lines)


async def set_report_room(
    session: AsyncSession,
    services: Services,
    channel: Channel,
    *,
    chooser_id: int | None = None,
    name: str = "",
) -> None:
    """The monthly report goes to ``channel`` (``!rapportkanaal`` and the dashboard).

    Refused (:class:`UserError` ``adoption.report_room_shared``) for a channel a partner
    reads: the report has every group's figures (issue 13)."""
    if await shared_with_partners(services, session, channel, chooser_id):
        raise UserError("adoption.report_room_shared")
    room = ReportRoom(channel.platform, channel.external_id, name or channel.name)
    await store_report_room(session, room, services.clock.now())


async def clear_report_room(session: AsyncSession, now: datetime) -> None:
    """No monthly report any more (``!rapportkanaal uit`` and the dashboard)."""
    await store_report_room(session, None, now)


async def shared_with_partners(
    services: Services, session: AsyncSession, channel: Channel, reader_id: int | None = None
) -> bool:
    """Whether a partner reads ``channel`` (its members as the platform lists them now, and
    ``reader_id``). The report has every group's figures, so such a room is refused when it
    is chosen and skipped when partners joined it since (issue 13)."""
    room = ConversationRef(channel.platform, channel.external_id, channel.name)
    await services.members.refresh(services, session, room, channel)
    return (await visibility.audience_of_channel(session, channel, reader_id)).restricted


async def _room_shared_with_partners(
    services: Services, session: AsyncSession, room: ConversationRef
) -> bool:
    """Partners joined the report room since it was chosen: fail closed."""
    channel = (
        await session.exec(
            select(Channel).where(
                Channel.platform == room.platform, Channel.external_id == room.external_id
            )
        )
    ).first()
    return channel is not None and await shared_with_partners(services, session, channel)


async def build_report(services: Services, first: date, last: date) -> tuple[str, bytes, bytes]:
    """Text, PNG and CSV of the report for ``first``..``last`` (Amsterdam dates)."""
    engine = services.db.sync_engine
    stats = await asyncio.to_thread(compute_stats, engine, services.config, StatsQuery(first, last))
    trend = await asyncio.to_thread(
        compute_stats, engine, services.config, StatsQuery(last - timedelta(weeks=26), last)
    )
    async with services.db.session() as session:
        goals = list(await session.exec(select(Goal)))
    rows = goal_rows(stats, goals)
    month = first.strftime("%Y-%m")
    text = report_text(services.config.bot.language, month, stats, rows)
    png = await asyncio.to_thread(
        trend_chart, trend["overall"]["weekly_active_posters"], f"Vraagbaak {month}"
    )
    return text, png, to_csv(month, stats, rows)


async def monthly_report(services: Services) -> None:
    """The job: on a working day of a new month, once, when a report room is set."""
    now = services.clock.now()
    rules = NudgeRules(services.config)
    if rules.quiet(now):
        return
    async with services.db.session() as session:
        chosen = await report_room(session)
    if chosen is None:
        return
    room = chosen.conversation()
    today = rules.calendar.local(now).date()
    first, last = previous_month(today)
    key = f"report:{first.strftime('%Y-%m')}"
    async with services.db.session() as session:
        if await rules.globally_paused(session):
            return
        if await _room_shared_with_partners(services, session, room):
            log.warning("report room is shared with partners; no report posted", room=room.name)
            return
    text, png, table = await build_report(services, first, last)
    if not await claim(services, kind=NudgeKind.REPORT.value, dedupe_key=key, at=now):
        return
    adapter = services.adapters.get(room.platform)
    if adapter is None:
        log.warning("report room's platform is not running", platform=room.platform)
        return
    await adapter.post(room, text)
    month = first.strftime("%Y-%m")
    await upload_in_channel(services, room, Attachment(f"vraagbaak-{month}.png", "image/png", png))
    await upload_in_channel(services, room, Attachment(f"vraagbaak-{month}.csv", "text/csv", table))
    log.info("monthly report posted", month=month)
