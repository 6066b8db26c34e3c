"""Unanswered questions: after N working hours one notice in the thread naming up to three
people the expertise index suggests; after a working day a note to the group's community
managers. A newcomer's first question: a prompt to the group's greeters."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adoption.jobs.common import excerpt, open_threads, people_by_email, root_text, with_footer
from bot.adoption.jobs.delivery import (
    already_claimed,
    claim,
    mention,
    post_in_channel,
    send_direct,
)
from bot.adoption.rules import NudgeKind, NudgeRules
from bot.core.config import GroupConfig
from bot.core.events import ConversationRef
from bot.core.i18n import t
from bot.core.inert import inert
from bot.core.logs import get_logger
from bot.dispatch.services import Services
from bot.people import visibility
from bot.storage.expertise_models import ExpertiseThreadTerm
from bot.storage.models import Channel, Nudge, Person, Thread, ThreadSource

log = get_logger(__name__)
SUGGEST = 3
ROTATION_DAYS = 7


async def _recently_suggested(session: AsyncSession, now: datetime) -> Counter[int]:
    rows = await session.exec(
        select(Nudge.person_id).where(
            Nudge.kind == NudgeKind.UNANSWERED.value,
            col(Nudge.person_id).is_not(None),
            col(Nudge.sent_at) >= now - timedelta(days=ROTATION_DAYS),
        )
    )
    return Counter(pid for pid in rows if pid is not None)


async def suggest_people(
    services: Services,
    session: AsyncSession,
    rules: NudgeRules,
    thread: Thread,
    channel: Channel,
    text: str,
    now: datetime,
) -> list[Person]:
    """Up to three people who may be addressed, those suggested least lately first, so the
    same few colleagues are not named every time; only people the channel's readers may be
    told about (issue 13: a partner reading along learns nothing internal)."""
    group_id = channel.group_id
    if not text:
        return []
    finder = services.expert_finder
    exclude = [thread.author_id] if thread.author_id is not None else []
    suggestions = await finder.suggest(
        session,
        text,
        asker_id=thread.author_id,
        group_id=group_id,
        exclude=exclude,
        limit=SUGGEST * 3,
    )
    conversation = ConversationRef(channel.platform, channel.external_id, channel.name)
    await services.members.refresh(services, session, conversation, channel)
    audience = await visibility.audience_of_channel(session, channel, thread.author_id)
    terms = (
        await session.exec(
            select(ExpertiseThreadTerm.term).where(ExpertiseThreadTerm.thread_id == thread.id)
        )
    ).all()
    allowed = await visibility.suggestable(
        session, audience, [s.person_id for s in suggestions], terms
    )
    recent = await _recently_suggested(session, now)
    ranked = sorted(enumerate(suggestions), key=lambda item: (recent[item[1].person_id], item[0]))
    chosen: list[Person] = []
    for _, suggestion in ranked:
        if suggestion.person_id in exclude or suggestion.person_id not in allowed:
            continue
        person = await session.get(Person, suggestion.person_id)
        if person is None or person.is_bot or not person.active:
            continue
        if await rules.person_refusal(session, suggestion.person_id, now) is not None:
            continue
        chosen.append(person)
        if len(chosen) == SUGGEST:
            break
    return chosen


async def _notice(
    services: Services,
    session: AsyncSession,
    rules: NudgeRules,
    thread: Thread,
    channel: Channel,
    waited: float,
    now: datetime,
) -> None:
    assert thread.id is not None and channel.id is not None
    key = f"unanswered:{thread.id}"
    if await already_claimed(session, key):
        return
    refusal = await rules.channel_refusal(
        session, NudgeKind.UNANSWERED, channel.group_id, channel.id, now
    )
    if refusal is not None:
        log.debug("unanswered notice held back", reason=refusal.value)
        return
    text = await root_text(session, thread) or ""
    people = await suggest_people(services, session, rules, thread, channel, text, now)
    language = services.config.bot.language
    names = [await mention(services, session, p, channel.platform) for p in people]
    who = t(language, "nudge.unanswered_who", names=", ".join(names)) if names else ""
    after = services.config.nudges.unanswered_after_hours
    body = t(language, "nudge.unanswered", hours=int(waited), who=who)
    why = t(language, "nudge.unanswered_why", after=f"{after:g}")
    if not await claim(
        services,
        kind=NudgeKind.UNANSWERED.value,
        dedupe_key=key,
        at=now,
        channel_id=channel.id,
        thread_id=thread.id,
    ):
        return
    for person in people:
        await claim(
            services,
            kind=NudgeKind.UNANSWERED.value,
            dedupe_key=f"{key}:{person.id}",
            at=now,
            person_id=person.id,
            thread_id=thread.id,
        )
    await post_in_channel(services, channel, with_footer(language, body, why), key, thread)
    log.info("unanswered notice posted", thread=thread.id, suggested=len(people))


async def _direct_to_each(
    services: Services,
    session: AsyncSession,
    rules: NudgeRules,
    kind: NudgeKind,
    people: list[Person],
    key: str,
    group_id: str | None,
    now: datetime,
    compose: dict[str, tuple[str, str]],
) -> int:
    """``compose`` maps language to (body, why)."""
    sent = 0
    for person in people:
        assert person.id is not None
        person_key = f"{key}:{person.id}"
        if await already_claimed(session, person_key):
            continue
        if await rules.direct_refusal(session, kind, group_id, person.id, now) is not None:
            continue
        language = await services.identity.language_of(session, person.id)
        body, why = compose[language]
        if not await claim(
            services,
            kind=kind.value,
            dedupe_key=person_key,
            at=now,
            person_id=person.id,
            direct=True,
        ):
            continue
        if await send_direct(
            services, session, person.id, with_footer(language, body, why), person_key
        ):
            sent += 1
    return sent


async def _escalate(
    services: Services,
    session: AsyncSession,
    rules: NudgeRules,
    thread: Thread,
    channel: Channel,
    now: datetime,
) -> None:
    group = services.config.group(channel.group_id or "")
    if group is None or not group.community_managers:
        return
    managers = await people_by_email(session, group.community_managers)
    await _tell_about_thread(
        services, session, rules, NudgeKind.ESCALATION, managers, thread, channel, group, now
    )


async def _is_first_question(session: AsyncSession, thread: Thread) -> bool:
    earlier = await session.exec(
        select(func.count())
        .select_from(Thread)
        .where(  # type: ignore[arg-type]
            Thread.author_id == thread.author_id,
            col(Thread.created_at) < thread.created_at,
        )
    )
    return int(earlier.one()) == 0


async def _welcome(
    services: Services,
    session: AsyncSession,
    rules: NudgeRules,
    thread: Thread,
    channel: Channel,
    now: datetime,
) -> None:
    group = services.config.group(channel.group_id or "")
    if group is None or not group.greeters or thread.source == ThreadSource.EMAIL:
        return  # a mailed question's asker is not in the chat to be welcomed
    if not await _is_first_question(session, thread):
        return
    greeters = [
        g for g in await people_by_email(session, group.greeters) if g.id != thread.author_id
    ]
    await _tell_about_thread(
        services, session, rules, NudgeKind.NEWCOMER, greeters, thread, channel, group, now
    )


async def _tell_about_thread(
    services: Services,
    session: AsyncSession,
    rules: NudgeRules,
    kind: NudgeKind,
    people: list[Person],
    thread: Thread,
    channel: Channel,
    group: GroupConfig,
    now: datetime,
) -> None:
    """A direct message about one thread to each of ``people``, with the texts
    ``nudge.<kind>`` and ``nudge.<kind>_why``; only to people who may see that channel (a
    partner configured as greeter hears nothing of an internal room, issue 13)."""
    people = [p for p in people if await visibility.may_take_part(session, p, channel)]
    text = excerpt(await root_text(session, thread))
    compose = {
        lang: (
            t(
                lang,
                f"nudge.{kind.value}",
                channel=inert(channel.name or group.id),
                excerpt=inert(text),
            ),
            t(lang, f"nudge.{kind.value}_why", group=group.name),
        )
        for lang in ("nl", "en")
    }
    await _direct_to_each(
        services,
        session,
        rules,
        kind,
        people,
        f"{kind.value}:{thread.id}",
        group.id,
        now,
        compose,
    )


async def unanswered_questions(services: Services) -> None:
    """The job: look at open questions and nudge where the rules allow."""
    now = services.clock.now()
    rules = NudgeRules(services.config)
    settings = services.config.nudges
    async with services.db.session() as session:
        if await rules.globally_paused(session) or rules.quiet(now):
            return
        for thread, channel in await open_threads(services, session, now):
            waited = rules.calendar.working_seconds_between(thread.created_at, now) / 3600
            await _welcome(services, session, rules, thread, channel, now)
            if waited >= settings.unanswered_after_hours:
                await _notice(services, session, rules, thread, channel, waited, now)
            if waited >= settings.escalate_after_hours:
                await _escalate(services, session, rules, thread, channel, now)
