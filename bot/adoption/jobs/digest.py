"""Weekly digest for members who opted in and were inactive for 5+ working days: open
questions in their groups they might answer, and the liveliest threads. Nothing new, nothing
sent."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adoption.activity import last_activity, pseudonym_key
from bot.adoption.jobs.common import excerpt, open_threads, root_text, with_footer
from bot.adoption.jobs.delivery import already_claimed, claim, send_direct
from bot.adoption.rules import NudgeKind, NudgeRules
from bot.core.i18n import t
from bot.core.inert import inert
from bot.core.logs import get_logger
from bot.dispatch.services import Services
from bot.storage.adoption_models import NudgeState
from bot.storage.models import Channel, ChannelMember, Message, Person, PersonSettings, Thread

log = get_logger(__name__)
INACTIVE_WORKING_DAYS = 5
OPEN_ITEMS = 5
LIVELY_ITEMS = 3


def week_key(rules: NudgeRules, now: datetime) -> str:
    year, week, _ = rules.calendar.local(now).isocalendar()
    return f"{year}-W{week:02d}"


async def _member_channels(session: AsyncSession, person_id: int) -> set[int]:
    rows = await session.exec(
        select(ChannelMember.channel_id).where(ChannelMember.person_id == person_id)
    )
    return set(rows)


async def _lively(
    session: AsyncSession, channels: set[int], since: datetime, now: datetime
) -> list[tuple[Thread, Channel, int]]:
    replies = func.count(col(Message.id))
    rows = await session.exec(
        select(Thread, Channel, replies)
        .join(Message, col(Message.thread_id) == Thread.id)
        .join(Channel, col(Channel.id) == Thread.channel_id)
        .where(
            col(Thread.channel_id).in_(channels),
            col(Message.is_root).is_(False),
            col(Message.is_bot).is_(False),
            col(Message.created_at) >= since,
            col(Message.created_at) <= now,
        )
        .group_by(col(Thread.id), col(Channel.id))
        .order_by(replies.desc(), col(Thread.id))
        .limit(LIVELY_ITEMS)
    )
    return [(th, ch, int(n)) for th, ch, n in rows if n >= 2]


async def _might_answer(
    services: Services, session: AsyncSession, person_id: int, thread: Thread, channel: Channel
) -> bool:
    """With the expertise index: only questions it would suggest this person for."""
    finder = services.expert_finder
    text = await root_text(session, thread)
    if not text:
        return False
    suggestions = await finder.suggest(
        session, text, asker_id=thread.author_id, group_id=channel.group_id, limit=10
    )
    return any(s.person_id == person_id for s in suggestions)


async def compose_digest(
    services: Services, session: AsyncSession, person: Person, since: datetime, now: datetime
) -> dict[str, str] | None:
    """The digest text per language, or ``None`` when there is nothing new since ``since``."""
    assert person.id is not None
    channels = await _member_channels(session, person.id)
    if not channels:
        return None
    open_items = [
        (th, ch)
        for th, ch in await open_threads(services, session, now)
        if ch.id in channels
        and th.author_id != person.id
        and th.created_at > since
        and await _might_answer(services, session, person.id, th, ch)
    ][-OPEN_ITEMS:]
    lively = await _lively(session, channels, since, now)
    if not open_items and not lively:
        return None
    texts: dict[str, str] = {}
    for lang in ("nl", "en"):
        lines = [t(lang, "nudge.digest")]
        if open_items:
            lines += ["", t(lang, "nudge.digest_open")]
            for th, ch in open_items:
                quote = excerpt(await root_text(session, th))
                lines.append(
                    t(lang, "nudge.digest_item", channel=inert(ch.name), excerpt=inert(quote))
                )
        if lively:
            lines += ["", t(lang, "nudge.digest_lively")]
            for th, ch, n in lively:
                quote = excerpt(await root_text(session, th))
                lines.append(
                    t(
                        lang,
                        "nudge.digest_lively_item",
                        channel=inert(ch.name),
                        excerpt=inert(quote),
                        replies=n,
                    )
                )
        texts[lang] = with_footer(lang, "\n".join(lines), t(lang, "nudge.digest_why"))
    return texts


async def weekly_digest(services: Services) -> None:
    """The job: at most one digest per person per ISO week, on a working day."""
    now = services.clock.now()
    rules = NudgeRules(services.config)
    if rules.quiet(now):
        return
    key = await pseudonym_key(services.db)
    week = week_key(rules, now)
    async with services.db.session() as session:
        if await rules.globally_paused(session):
            return
        rows = await session.exec(
            select(Person)
            .join(PersonSettings, col(PersonSettings.person_id) == Person.id)
            .where(col(PersonSettings.digest_opt_in).is_(True), col(Person.active).is_(True))
        )
        for person in list(rows):
            assert person.id is not None
            dedupe = f"digest:{person.id}:{week}"
            if await already_claimed(session, dedupe):
                continue
            last = await last_activity(session, key, person.id)
            if last is not None and rules.calendar.working_days_between(last, now) < (
                INACTIVE_WORKING_DAYS
            ):
                continue
            if await rules.direct_refusal(session, NudgeKind.DIGEST, None, person.id, now):
                continue
            state = await session.get(NudgeState, person.id) or NudgeState(person_id=person.id)
            since = state.last_digest_at or now - timedelta(days=7)
            texts = await compose_digest(services, session, person, since, now)
            if texts is None:
                continue
            if not await claim(
                services,
                kind=NudgeKind.DIGEST.value,
                dedupe_key=dedupe,
                at=now,
                person_id=person.id,
                direct=True,
            ):
                continue
            language = await services.identity.language_of(session, person.id)
            await send_direct(services, session, person.id, texts[language], dedupe)
            state.last_digest_at = now
            session.add(state)
            await session.commit()
