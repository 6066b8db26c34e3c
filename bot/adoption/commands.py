"""Adoption: muting and pausing nudges, opting in to digests and introductions, group targets,
the report room, the administrators' global pause, and recording (pseudonymised) activity."""

from __future__ import annotations

from sqlalchemy import Table, bindparam, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adoption.goal_input import TEXTS as GOAL_TEXTS
from bot.adoption.goal_input import GoalInputError, describe_goal, parse_figure, parse_goal
from bot.adoption.goals import remove_goal, set_goal
from bot.adoption.jobs.report import clear_report_room, set_report_room
from bot.adoption.settings import pause_nudges
from bot.adoption.texts import NUDGE_TEXTS
from bot.core.errors import UserError
from bot.core.events import MessageEvent, ReactionEvent
from bot.core.i18n import normalise_language, t
from bot.core.switches import OFF_WORDS, switch
from bot.core.time_input import parse_duration
from bot.dispatch.context import CommandContext, EventContext
from bot.dispatch.handler_types import command, on_message, on_reaction
from bot.dispatch.services import Services
from bot.people.recorder import find_thread
from bot.storage.adoption_models import Goal, NudgeState
from bot.storage.models import Nudge, Person, Role

COMMAND_TEXTS: dict[str, dict[str, str]] = {
    "adoption.mute_help": {
        "nl": "Geen herinneringen meer van Vraagbaak: `!stil` (weer aan: `!stil uit`)",
        "en": "No more reminders from Vraagbaak: `!mute` (back on: `!mute off`)",
    },
    "adoption.muted": {
        "nl": "Begrepen: je krijgt geen herinneringen meer. Weer aanzetten kan met `!stil uit`.",
        "en": "Understood: you will get no more reminders. Turn them back on with `!mute off`.",
    },
    "adoption.unmuted": {
        "nl": "Je krijgt weer herinneringen (hooguit één per werkdag).",
        "en": "You will get reminders again (at most one per working day).",
    },
    "adoption.pause_help": {
        "nl": "Herinneringen even uit: `!pauze 2w` (ook `3d`, `1m`)",
        "en": "Pause reminders for a while: `!pause 2w` (also `3d`, `1m`)",
    },
    "adoption.pause_bad": {
        "nl": "Dat begrijp ik niet als duur. Gebruik bijvoorbeeld `!pauze 3d` (dagen), "
        "`!pauze 2w` (weken) of `!pauze 1m` (maanden, tot 12).",
        "en": "I can't read that as a duration. Use for example `!pause 3d` (days), "
        "`!pause 2w` (weeks) or `!pause 1m` (months, up to 12).",
    },
    "adoption.paused": {
        "nl": "Herinneringen staan uit tot en met {until}.",
        "en": "Reminders are paused until {until}.",
    },
    "adoption.digest_help": {
        "nl": "Wekelijkse samenvatting als je een week niet actief was: `!samenvatting aan|uit`",
        "en": "Weekly digest when you were inactive for a week: `!digest on|off`",
    },
    "adoption.digest_on": {
        "nl": "De wekelijkse samenvatting staat aan. Je krijgt hem alleen als je een week niet "
        "actief was en er iets nieuws is.",
        "en": "The weekly digest is on. You only get it when you were inactive for a week and "
        "there is something new.",
    },
    "adoption.digest_off": {
        "nl": "De wekelijkse samenvatting staat uit.",
        "en": "The weekly digest is off.",
    },
    "adoption.intro_help": {
        "nl": "Elke vier weken kennismaken met iemand van een andere organisatie: "
        "`!kennismaken aan|uit`",
        "en": "Meet someone from another organisation every four weeks: `!introductions on|off`",
    },
    "adoption.intro_on": {
        "nl": "Je doet mee aan de kennismakingen (elke vier weken).",
        "en": "You take part in the introductions (every four weeks).",
    },
    "adoption.intro_off": {
        "nl": "Je doet niet meer mee aan de kennismakingen.",
        "en": "You no longer take part in the introductions.",
    },
    "adoption.on_off_bad": {
        "nl": "Gebruik `aan` of `uit`.",
        "en": "Use `on` or `off`.",
    },
    "adoption.goal_help": {
        "nl": "Doel voor deze groep (communitymanager): `!doel 80 % beantwoord`, "
        "`!doel reactie binnen 4 uur`",
        "en": "Target for this group (community manager): `!goal 80 % answered`, "
        "`!goal response within 4 hours`",
    },
    "adoption.goal_no_group": {
        "nl": "Dit kanaal hoort niet bij een groep. Noem de groep: `!doel <groep> …`.",
        "en": "This channel belongs to no group. Name the group: `!goal <group> …`.",
    },
    "adoption.goal_set": {
        "nl": "Doel voor {group}: {target}. Het maandrapport zet het cijfer ernaast.",
        "en": "Target for {group}: {target}. The monthly report shows the figure next to it.",
    },
    "adoption.goal_removed": {
        "nl": "Doel {metric} voor {group} is weggehaald.",
        "en": "Target {metric} for {group} was removed.",
    },
    "adoption.goal_list": {
        "nl": "Doelen voor {group}: {goals}",
        "en": "Targets for {group}: {goals}",
    },
    "adoption.goal_none": {
        "nl": "Nog geen doelen voor {group}.",
        "en": "No targets for {group} yet.",
    },
    "adoption.report_room_help": {
        "nl": "Maak dit kanaal het kanaal voor het maandrapport: `!rapportkanaal` (uit: "
        "`!rapportkanaal uit`)",
        "en": "Make this the channel for the monthly report: `!reportroom` (off: "
        "`!reportroom off`)",
    },
    "adoption.report_room_set": {
        "nl": "Het maandrapport komt voortaan in dit kanaal.",
        "en": "The monthly report will be posted in this channel from now on.",
    },
    "adoption.report_room_off": {
        "nl": "Er komt geen maandrapport meer. Weer aanzetten: `!rapportkanaal` in het kanaal "
        "waar het moet komen.",
        "en": "No more monthly report. Turn it back on: `!reportroom` in the channel where it "
        "should go.",
    },
    "adoption.global_help": {
        "nl": "Alle herinneringen pauzeren of hervatten (beheerder): `!herinneringen pauze|hervat`",
        "en": "Pause or resume all reminders (administrator): `!nudges pause|resume`",
    },
    "adoption.global_paused": {
        "nl": "Alle herinneringen zijn gepauzeerd.",
        "en": "All reminders are paused.",
    },
    "adoption.global_resumed": {
        "nl": "Herinneringen lopen weer.",
        "en": "Reminders are running again.",
    },
    "adoption.global_bad": {
        "nl": "Gebruik `!herinneringen pauze` of `!herinneringen hervat`.",
        "en": "Use `!nudges pause` or `!nudges resume`.",
    },
}

TEXTS = {
    "adoption.report_room_shared": {
        "nl": "Dit kanaal is gedeeld met externe partners; het maandrapport (met de cijfers van "
        "alle groepen) komt alleen in een kanaal zonder partners.",
        "en": "This channel is shared with external partners; the monthly report (with every "
        "group's figures) only goes to a channel without partners.",
    },
    **COMMAND_TEXTS,
    **NUDGE_TEXTS,
    **GOAL_TEXTS,
}

STOP_WORDS = {"stop", "stoppen"}


def _on_off(args: str) -> bool:
    return switch(args, error_key="adoption.on_off_bad")


async def _mute(ctx: CommandContext, muted: bool) -> None:
    settings = await ctx.services.identity.settings_for(ctx.session, ctx.person_id)
    settings.muted = muted
    ctx.session.add(settings)
    await ctx.respond_private(ctx.t("adoption.muted" if muted else "adoption.unmuted"))


@command(
    "stil",
    "mute",
    help_key="adoption.mute_help",
    aliases=[("stop", "nl")],
    # A plain "stop" in the direct conversation with the bot.
    intents=[r"^\s*stop(pen)?\W*$"],
)
async def mute(ctx: CommandContext, args: str) -> None:
    await _mute(ctx, args.strip().lower() not in OFF_WORDS)


@command("pauze", "pause", help_key="adoption.pause_help")
async def pause(ctx: CommandContext, args: str) -> None:
    duration = parse_duration(args)
    if duration is None:
        raise UserError("adoption.pause_bad")
    until = ctx.services.clock.now() + duration
    settings = await ctx.services.identity.settings_for(ctx.session, ctx.person_id)
    settings.paused_until = until
    ctx.session.add(settings)
    await ctx.respond_private(ctx.t("adoption.paused", until=until.date().isoformat()))


@command("samenvatting", "digest", help_key="adoption.digest_help")
async def digest(ctx: CommandContext, args: str) -> None:
    wanted = _on_off(args)
    settings = await ctx.services.identity.settings_for(ctx.session, ctx.person_id)
    settings.digest_opt_in = wanted
    ctx.session.add(settings)
    await ctx.respond_private(ctx.t("adoption.digest_on" if wanted else "adoption.digest_off"))


@command("kennismaken", "introductions", help_key="adoption.intro_help")
async def introductions(ctx: CommandContext, args: str) -> None:
    wanted = _on_off(args)
    settings = await ctx.services.identity.settings_for(ctx.session, ctx.person_id)
    settings.introductions_opt_in = wanted
    ctx.session.add(settings)
    if wanted:
        state = await ctx.session.get(NudgeState, ctx.person_id)
        if state is not None:
            state.intro_dropped, state.intro_ignored_rounds = False, 0
            ctx.session.add(state)
    await ctx.respond_private(ctx.t("adoption.intro_on" if wanted else "adoption.intro_off"))


@command("doel", "goal", help_key="adoption.goal_help", role=Role.COMMUNITY_MANAGER)
async def goal(ctx: CommandContext, args: str) -> None:
    words = args.split()
    group_id = ctx.channel.group_id
    if words and ctx.services.config.group(words[0]) is not None:
        group_id, words = words[0], words[1:]
    if group_id is None:
        raise UserError("adoption.goal_no_group")
    if not words:
        rows = await ctx.session.exec(select(Goal).where(Goal.group_id == group_id))
        goals = ", ".join(describe_goal(g.metric, g.target, ctx.language) for g in rows)
        key = "adoption.goal_list" if goals else "adoption.goal_none"
        await ctx.respond(ctx.t(key, group=group_id, goals=goals))
        return
    try:
        if words[-1].lower() in OFF_WORDS:
            metric = parse_figure(" ".join(words[:-1]))
            await remove_goal(ctx.session, group_id, metric)
            await ctx.respond(ctx.t("adoption.goal_removed", group=group_id, metric=metric))
            return
        setting = parse_goal(" ".join(words))
    except GoalInputError as bad:
        raise UserError(bad.key) from None
    await set_goal(ctx.session, group_id, setting, ctx.person_id, ctx.services.clock.now())
    await ctx.respond(
        ctx.t(
            "adoption.goal_set",
            group=group_id,
            metric=setting.metric,
            target=describe_goal(setting.metric, setting.target, ctx.language),
        )
    )


@command(
    "rapportkanaal", "reportroom", help_key="adoption.report_room_help", role=Role.COMMUNITY_MANAGER
)
async def report_room(ctx: CommandContext, args: str) -> None:
    if args.strip().lower() in OFF_WORDS:
        await clear_report_room(ctx.session, ctx.services.clock.now())
        await ctx.respond(ctx.t("adoption.report_room_off"))
        return
    await set_report_room(
        ctx.session,
        ctx.services,
        ctx.channel,
        chooser_id=ctx.person_id,
        name=ctx.event.conversation.name,
    )
    await ctx.respond(ctx.t("adoption.report_room_set"))


@command("herinneringen", "nudges", help_key="adoption.global_help", role=Role.ADMIN)
async def global_pause(ctx: CommandContext, args: str) -> None:
    word = args.strip().lower()
    if word in {"pauze", "pause", "uit", "off"}:
        await pause_nudges(ctx.session, True, ctx.services.clock.now())
        await ctx.respond(ctx.t("adoption.global_paused"))
    elif word in {"hervat", "resume", "aan", "on"}:
        await pause_nudges(ctx.session, False, ctx.services.clock.now())
        await ctx.respond(ctx.t("adoption.global_resumed"))
    else:
        raise UserError("adoption.global_bad")


# On every message: built once (on the table, not the ORM class: no Nudge objects are loaded
# here to synchronise) so SQLAlchemy reuses its compiled form.
_NUDGE_TABLE: Table = Nudge.__table__  # type: ignore[attr-defined]
_NUDGES_RESPONDED = (
    update(_NUDGE_TABLE)
    .where(
        _NUDGE_TABLE.c.person_id == bindparam("responding_person"),
        _NUDGE_TABLE.c.responded_at.is_(None),
    )
    .values(responded_at=bindparam("now", type_=_NUDGE_TABLE.c.responded_at.type))
)


async def _responded(session: AsyncSession, person_id: int, services: Services) -> None:
    """Any activity answers the nudges this person had not responded to yet."""
    await session.exec(
        _NUDGES_RESPONDED, params={"responding_person": person_id, "now": services.clock.now()}
    )


async def _stop_applies(ctx: EventContext, event: MessageEvent, channel_id: int) -> bool:
    """A plain "stop" in a thread the bot nudged in (in a direct conversation the ``mute``
    command's intent answers it)."""
    if event.is_direct or event.thread_id is None:
        return False
    thread = await find_thread(ctx.session, channel_id, event.thread_id)
    if thread is None:
        return False
    rows = await ctx.session.exec(select(Nudge.id).where(Nudge.thread_id == thread.id))
    return rows.first() is not None


@on_message
async def track_message(ctx: EventContext, event: MessageEvent) -> None:
    person: Person = await ctx.services.identity.person_for(ctx.session, event.sender)
    if person.id is None or person.is_bot:
        return
    channel = await ctx.services.channels.channel_for(ctx.session, event.conversation)
    assert channel.id is not None
    word = event.text.strip().lower().strip(".!")
    if word in STOP_WORDS and await _stop_applies(ctx, event, channel.id):
        settings = await ctx.services.identity.settings_for(ctx.session, person.id)
        settings.muted = True
        ctx.session.add(settings)
        language = normalise_language(settings.language) or ctx.services.config.bot.language
        await ctx.adapter.send_private(event.ref, event.sender, t(language, "adoption.muted"))
        return
    await _responded(ctx.session, person.id, ctx.services)
    await ctx.services.activity.record(
        ctx.session, person.id, "message", channel.group_id, event.timestamp
    )


@on_reaction
async def track_reaction(ctx: EventContext, event: ReactionEvent) -> None:
    if event.removed:
        return
    person = await ctx.services.identity.person_for(ctx.session, event.sender)
    if person.id is None or person.is_bot:
        return
    channel = await ctx.services.channels.channel_for(ctx.session, event.conversation)
    await _responded(ctx.session, person.id, ctx.services)
    await ctx.services.activity.record(
        ctx.session, person.id, "reaction", channel.group_id, event.timestamp
    )
