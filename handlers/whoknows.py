""" "Who knows X?": asking (``!wieweet``, natural language), declaring skills (``!ikweet``),
one's own profile and evidence (``!profiel``), hiding topics and opting out, posting a
question nobody fits in the best group (``!plaatsen``); and live evidence from chat."""

from __future__ import annotations

import json
import re

from sqlalchemy import func
from sqlmodel import col, delete, select

from bot.core.errors import UserError
from bot.core.events import ConversationRef, MessageEvent, ReactionEvent
from bot.core.inert import inert
from bot.core.logs import get_logger
from bot.core.switches import switch
from bot.core.time_input import day_label
from bot.dispatch.context import CommandContext, EventContext
from bot.dispatch.handler_types import command, on_message, on_reaction
from bot.expertise.finder import ExpertIndex
from bot.people import visibility
from bot.people.recorder import find_message
from bot.storage.expertise_models import ExpertiseSuggestion, ExpertiseTerm, ExpertiseWeight
from bot.storage.models import (
    Account,
    Channel,
    Group,
    Organisation,
    Person,
    Skill,
    StateEntry,
)
from knowledge.asking import PATTERNS as ASKING_FORMS
from knowledge.asking import trim_topic
from knowledge.finder import FOCUS_FLOOR, Candidate
from knowledge.why import month_label

log = get_logger(__name__)

MAX_TOPIC = 200
# A command ("!wieweet") or mentions ("@vraagbaak", Slack's "<@U123>") before a question.
_ADDRESSED = re.compile(r"^\s*(?:(?:[!@]\S+|<@[^>\s]{1,40}>)[\s,:]*)+")
SHOWN = 3
OFFER_KEY = "whoknows.offer.{person_id}"

TEXTS = {
    "whoknows.help": {
        "nl": "Wie weet iets van een onderwerp: `!wieweet leerlingenvervoer`",
        "en": "Who knows about a topic: `!whoknows WOZ appeals`",
    },
    "whoknows.usage": {
        "nl": "Waarover zoek je iemand? Bijvoorbeeld: `!wieweet leerlingenvervoer`",
        "en": "Who are you looking for? For example: `!whoknows WOZ appeals`",
    },
    "whoknows.too_long": {
        "nl": "Dat onderwerp is te lang; houd het bij een paar woorden (max. {max} tekens).",
        "en": "That topic is too long; keep it to a few words (at most {max} characters).",
    },
    "whoknows.intro": {
        "nl": "Over _{topic}_ weten deze collega's waarschijnlijk meer:",
        "en": "These colleagues probably know more about _{topic}_:",
    },
    "whoknows.away": {"nl": "afwezig", "en": "away"},
    "whoknows.away_until": {"nl": "afwezig tot {date}", "en": "away until {date}"},
    "whoknows.dnd": {"nl": "niet storen", "en": "do not disturb"},
    "whoknows.available": {"nl": "beschikbaar", "en": "available"},
    "whoknows.did_you_mean": {
        "nl": "Bedoelde je _{topic}_? Vraag dan `!wieweet {topic}`.",
        "en": "Did you mean _{topic}_? Then ask `!whoknows {topic}`.",
    },
    "whoknows.nobody": {
        "nl": "Ik vind niemand die aantoonbaar veel weet van _{topic}_.",
        "en": "I can't find anyone with clear experience of _{topic}_.",
    },
    "whoknows.offer": {
        "nl": "Zal ik je vraag in #{group} zetten, waar de meeste kennis hierover zit? "
        "Typ dan `!plaatsen`.",
        "en": "Shall I post your question in #{group}, where most knowledge on this is? "
        "Then type `!post`.",
    },
    "whoknows.no_group": {
        "nl": "Stel je vraag gerust in het kanaal van het team dat erover gaat.",
        "en": "Feel free to ask in the channel of the team that handles it.",
    },
    "whoknows.post_help": {
        "nl": "Je vraag plaatsen in de groep die ik voorstelde: `!plaatsen`",
        "en": "Post your question in the group I suggested: `!post`",
    },
    "whoknows.nothing_to_post": {
        "nl": "Er staat geen vraag klaar om te plaatsen. Vraag eerst `!wieweet <onderwerp>`.",
        "en": "There is no question waiting to be posted. Ask `!whoknows <topic>` first.",
    },
    "whoknows.no_channel": {
        "nl": "De groep #{group} heeft hier geen kanaal; stel je vraag daar rechtstreeks.",
        "en": "The group #{group} has no channel here; please ask there directly.",
    },
    "whoknows.posted_question": {
        "nl": "**Vraag van {name}:** {question}\n_Weet jij het? Antwoord in deze draad._",
        "en": "**Question from {name}:** {question}\n_Do you know? Answer in this thread._",
    },
    "whoknows.posted": {
        "nl": "Je vraag staat nu in #{group}.",
        "en": "Your question is now in #{group}.",
    },
    "whoknows.iknow_help": {
        "nl": "Zeg waar je verstand van hebt: `!ikweet inkoop` "
        "(`!ikweet niet inkoop` haalt het weg)",
        "en": "Say what you know about: `!iknow procurement` (`!iknow not procurement` removes it)",
    },
    "whoknows.iknow_added": {
        "nl": "Genoteerd: je weet iets van _{topic}_. Dat telt mee, en sterker zodra je er "
        "vragen over beantwoordt.",
        "en": "Noted: you know about _{topic}_. It counts, and more once you answer "
        "questions about it.",
    },
    "whoknows.iknow_removed": {
        "nl": "_{topic}_ staat niet meer bij je onderwerpen.",
        "en": "_{topic}_ is no longer among your topics.",
    },
    "whoknows.iknow_list": {
        "nl": "Je noemt zelf: {topics}",
        "en": "You say you know about: {topics}",
    },
    "whoknows.iknow_none": {
        "nl": "Je hebt nog geen onderwerpen genoemd. {help}",
        "en": "You have not named any topics yet. {help}",
    },
    "whoknows.profile_help": {
        "nl": "Je eigen profiel: waarvoor ik je zou voorstellen, en waarom",
        "en": "Your own profile: what I would suggest you for, and why",
    },
    "whoknows.profile_title": {
        "nl": "**Je profiel** (alleen jij ziet dit)",
        "en": "**Your profile** (only you see this)",
    },
    "whoknows.profile_evidence": {
        "nl": "Ik zou je voorstellen voor:",
        "en": "I would suggest you for:",
    },
    "whoknows.profile_no_evidence": {
        "nl": "Ik heb nog geen antwoorden van je gezien waarop ik je kan voorstellen.",
        "en": "I have not yet seen answers from you that I could suggest you for.",
    },
    "whoknows.profile_line": {
        "nl": "- {topic}: {answers} antwoorden, {accepted} geaccepteerd{last}",
        "en": "- {topic}: {answers} answers, {accepted} accepted{last}",
    },
    "whoknows.profile_line_one": {
        "nl": "- {topic}: 1 antwoord, {accepted} geaccepteerd{last}",
        "en": "- {topic}: 1 answer, {accepted} accepted{last}",
    },
    "whoknows.profile_last": {"nl": ", laatst in {month}", "en": ", last in {month}"},
    "whoknows.profile_declared": {"nl": "Je noemt zelf: {topics}", "en": "You say: {topics}"},
    "whoknows.profile_hidden": {
        "nl": "Verborgen onderwerpen: {topics}",
        "en": "Hidden topics: {topics}",
    },
    "whoknows.profile_opted_out": {
        "nl": "Je wordt niet voorgesteld als expert (`!voorstellen aan` zet het weer aan).",
        "en": "You are not suggested as an expert (`!suggestions on` turns it back on).",
    },
    "whoknows.profile_status": {"nl": "Status: {status}", "en": "Status: {status}"},
    "whoknows.hide_help": {
        "nl": "Een onderwerp verbergen waarvoor je niet voorgesteld wilt worden: `!verberg wmo`",
        "en": "Hide a topic you don't want to be suggested for: `!hide wmo`",
    },
    "whoknows.hidden": {
        "nl": "Ik stel je niet meer voor bij vragen over _{topic}_. (`!toon {topic}` draait het "
        "terug.)",
        "en": "I will no longer suggest you for questions about _{topic}_. (`!unhide {topic}` "
        "undoes this.)",
    },
    "whoknows.unhide_help": {
        "nl": "Een verborgen onderwerp weer tonen: `!toon wmo`",
        "en": "Show a hidden topic again: `!unhide wmo`",
    },
    "whoknows.unhidden": {
        "nl": "Je kunt weer voorgesteld worden bij vragen over _{topic}_.",
        "en": "You can be suggested again for questions about _{topic}_.",
    },
    "whoknows.not_hidden": {
        "nl": "_{topic}_ stond niet bij je verborgen onderwerpen.",
        "en": "_{topic}_ was not among your hidden topics.",
    },
    "whoknows.optout_help": {
        "nl": "Wel of niet als expert voorgesteld worden: `!voorstellen uit` of `!voorstellen aan`",
        "en": "Be suggested as an expert or not: `!suggestions off` or `!suggestions on`",
    },
    "whoknows.optout_usage": {
        "nl": "Kies `!voorstellen uit` of `!voorstellen aan`.",
        "en": "Choose `!suggestions off` or `!suggestions on`.",
    },
    "whoknows.opted_out": {
        "nl": "Ik stel je niet meer voor als expert. Je eigen vragen stellen kan gewoon.",
        "en": "I will no longer suggest you as an expert. You can still ask questions.",
    },
    "whoknows.opted_in": {
        "nl": "Ik stel je weer voor als expert waar je kennis past.",
        "en": "I will suggest you as an expert again where your knowledge fits.",
    },
}

_INTENTS = [
    r"\bwie\s+(weet|kent)\s+(er\s+)?(iets|meer|veel|alles)?\s*(van|over|op het gebied van)\s+"
    r"(?P<arg>.+)",
    r"\bheeft\s+iemand\s+(ervaring|verstand|kennis)\s+(met|van)\s+(?P<arg>.+)",
    r"\bwie\s+heeft\s+(er\s+)?(ervaring|verstand|kennis)\s+(met|van)\s+(?P<arg>.+)",
    r"\bwie\s+kan\s+(mij|me|ons)\s+helpen\s+(met|bij)\s+(?P<arg>.+)",
    r"\bbij\s+wie\s+kan\s+ik\s+terecht\s+(met|voor)\s+(vragen\s+over\s+)?(?P<arg>.+)",
    r"\bwie\s+is\s+(de|een)\s+expert\s+(op het gebied van|in|voor|van)\s+(?P<arg>.+)",
    r"\bwho\s+(knows|can help( me)? with|is the expert on)\s+(about\s+)?(?P<arg>.+)",
    r"\b(does|do)\s+(anyone|anybody|someone)\s+(have\s+experience\s+with|know\s+about)\s+"
    r"(?P<arg>.+)",
    # everyday forms: "iemand verstand van het kappen van een boom?", "weet iemand iets van
    # X", "ik zoek iemand die iets weet van X", "is er iemand die ervaring heeft met X"
    r"\b(iemand|wie)\s+(nog\s+|hier\s+)?(ervaring|verstand|kennis)\s+(met|van|over)\s+"
    r"(?P<arg>.+)",
    r"\bweet\s+iemand\s+(hier\s+)?(iets|meer|veel|het\s+fijne)\s+(van|over)\s+(?P<arg>.+)",
    r"\bzoek\s+(iemand|een\s+collega|een\s+expert|een\s+specialist)\s+(die|met)\s+"
    r"(iets\s+|veel\s+|meer\s+|verstand\s+|kennis\s+|ervaring\s+)?"
    r"(weet|kennis|verstand|ervaring|heeft)\s+(heeft\s+)?(van|over|met|op)\s+(?P<arg>.+)",
    r"\bis\s+er\s+iemand\s+die\s+(iets\s+|veel\s+)?(weet|verstand|kennis|ervaring)\s+"
    r"(heeft\s+)?(van|over|met)\s+(?P<arg>.+)",
    r"\b(anyone|anybody|someone)\s+(here\s+)?(know|knows|familiar\s+with|with\s+experience"
    r"\s+(in|with))\s+(anything\s+|much\s+)?(about\s+)?(?P<arg>.+)",
    r"\b(looking\s+for|need)\s+(someone|somebody|an\s+expert)\s+(who|that)\s+knows\s+"
    r"(about\s+)?(?P<arg>.+)",
    r"\bwho\s+has\s+experience\s+(with|in)\s+(?P<arg>.+)",
    # "weet iemand hoe het zit met X", "kan iemand mij helpen met X", "wie moet ik hebben
    # voor X", "who can I ask about X", "is there anyone who knows about X"
    r"\bweet\s+(iemand|jij|u|er\s+iemand)\s+(hier\s+)?hoe\s+het\s+(nu\s+|nou\s+|precies\s+)?"
    r"(zit|werkt|gaat|moet)\s+(met|bij)\s+(?P<arg>.+)",
    r"\bkan\s+iemand\s+(mij|me|ons)\s+(helpen|verder\s+helpen)\s+(met|bij)\s+(?P<arg>.+)",
    r"\bwie\s+(moet|kan)\s+ik\s+(hebben|vragen|bellen|mailen)\s+(voor|over|bij)\s+(?P<arg>.+)",
    r"\bwho\s+(can|should|do)\s+i\s+(ask|talk\s+to|contact)\s+(about|for|regarding)\s+"
    r"(?P<arg>.+)",
    r"\bis\s+there\s+(anyone|anybody|someone)\s+(here\s+)?(who|that)\s+(knows|understands)\s+"
    r"(anything\s+|much\s+)?(about\s+)?(?P<arg>.+)",
    # partners who write German
    r"\bwer\s+(weiß|weiss|kennt\s+sich)\s+(etwas\s+|mehr\s+|gut\s+)?(über|mit|aus\s+mit)\s+"
    r"(?P<arg>.+)",
    r"\bkennt\s+sich\s+(jemand|wer)\s+(mit|in)\s+(?P<arg>.+?)(\s+aus)?\s*[?.!]*$",
    # every other form by its structure (knowledge/asking.py)
    *ASKING_FORMS,
]


def _index(ctx: EventContext) -> ExpertIndex:
    return ctx.services.experts


def _topic(args: str) -> str:
    topic = trim_topic(args) if args.strip() else ""
    if len(topic) > MAX_TOPIC:
        raise UserError("whoknows.too_long", max=MAX_TOPIC)
    return topic


def _as_asked(text: str) -> str:
    """The question as asked, without the command or the bot's mention before it."""
    return _ADDRESSED.sub("", text, count=1).strip()


def _availability(ctx: CommandContext, candidate: Candidate) -> str:
    if candidate.available:
        return ctx.t("whoknows.available")
    if candidate.away_until is not None:
        return ctx.t("whoknows.away_until", date=day_label(candidate.away_until, ctx.language))
    return ctx.t("whoknows.dnd")


@command(
    "wieweet",
    "whoknows",
    help_key="whoknows.help",
    aliases=[("wieweetiets", "nl")],
    intents=_INTENTS,
)
async def who_knows(ctx: CommandContext, args: str) -> None:
    topic = _topic(args)
    if not topic:
        raise UserError("whoknows.usage")
    index = _index(ctx)
    audience = await ctx.audience()
    # A partner reads along: rank deeper, keep what the audience may see, note who was named.
    ranking = await index.rank(
        ctx.session,
        topic,
        asker_id=ctx.person_id,
        lang=ctx.language,
        record=not audience.restricted,
        limit=SHOWN * 4 if audience.restricted else SHOWN,
        asked=_as_asked(ctx.event.text),
    )
    candidates = await visibility.for_audience(
        ctx.session,
        audience,
        ranking.candidates,
        ranking.query.primary_terms,
        ctx.services.clock.now(),
        ctx.language,
        SHOWN,
    )
    if audience.restricted:
        for candidate in candidates:
            ctx.session.add(
                ExpertiseSuggestion(person_id=candidate.person_id, at=ctx.services.clock.now())
            )
    if not candidates:
        best = ranking.best_group
        if best is not None and not await visibility.group_visible(ctx.session, audience, best):
            best = None
        await _offer_group(ctx, topic, best, await index.did_you_mean(ctx.session, topic))
        return
    names = await _organisation_names(ctx)
    lines = [ctx.t("whoknows.intro", topic=inert(topic))]
    for candidate in candidates:
        organisation = names.get(candidate.organisation or "", candidate.organisation or "")
        where = f" ({inert(organisation)})" if organisation else ""
        lines.append(
            f"- **{inert(candidate.name)}**{where} — {inert(candidate.why)} · "
            f"{_availability(ctx, candidate)}"
        )
    await ctx.respond("\n".join(lines))
    log.info("whoknows answered", suggestions=len(candidates))


async def _organisation_names(ctx: CommandContext) -> dict[str, str]:
    rows = (await ctx.session.exec(select(Organisation.id, Organisation.name))).all()
    return {oid: name for oid, name in rows}


async def _offer_group(
    ctx: CommandContext, topic: str, group_id: str | None, meant: str | None = None
) -> None:
    lines = [ctx.t("whoknows.nobody", topic=inert(topic))]
    if meant:
        lines.append(ctx.t("whoknows.did_you_mean", topic=inert(meant)))
    if group_id is not None and not await _may_post_in(ctx, group_id):
        group_id = None
    if group_id is None:
        lines.append(ctx.t("whoknows.no_group"))
    else:
        lines.append(ctx.t("whoknows.offer", group=group_id))
        key = OFFER_KEY.format(person_id=ctx.person_id)
        value = json.dumps({"group": group_id, "question": ctx.event.text})
        entry = await ctx.session.get(StateEntry, key)
        if entry is None:
            entry = StateEntry(key=key, value=value)
        entry.value = value
        entry.updated_at = ctx.services.clock.now()
        ctx.session.add(entry)
    await ctx.respond("\n".join(lines))


async def _may_post_in(ctx: CommandContext, group_id: str) -> bool:
    return await visibility.may_post_in_group(
        ctx.session, ctx.person, group_id, ctx.event.conversation.platform
    )


@command("plaatsen", "post", help_key="whoknows.post_help")
async def post_question(ctx: CommandContext, args: str) -> None:
    entry = await ctx.session.get(StateEntry, OFFER_KEY.format(person_id=ctx.person_id))
    if entry is None:
        raise UserError("whoknows.nothing_to_post")
    offer = json.loads(entry.value)
    group = await ctx.session.get(Group, offer["group"])
    platform = ctx.event.conversation.platform
    channel = (
        await ctx.session.exec(
            select(Channel).where(
                Channel.group_id == offer["group"],
                Channel.platform == platform,
                Channel.is_direct == False,  # noqa: E712
            )
        )
    ).first()
    if channel is None or group is None:
        raise UserError("whoknows.no_channel", group=offer["group"])
    question = _strip_command(offer["question"], ctx.services.config.bot.command_prefix)
    await ctx.adapter.post(
        ConversationRef(platform, channel.external_id, channel.name),
        ctx.t("whoknows.posted_question", name=inert(ctx.person.name), question=inert(question)),
    )
    await ctx.session.delete(entry)
    await ctx.respond(ctx.t("whoknows.posted", group=offer["group"]))


def _strip_command(text: str, prefix: str) -> str:
    stripped = text.strip()
    if stripped.startswith(prefix):
        stripped = stripped[len(prefix) :].partition(" ")[2]
    return stripped.strip()


@command("ikweet", "iknow", help_key="whoknows.iknow_help")
async def i_know(ctx: CommandContext, args: str) -> None:
    topic = _topic(args)
    skills = (await ctx.session.exec(select(Skill).where(Skill.person_id == ctx.person_id))).all()
    if not topic:
        if not skills:
            await ctx.respond(ctx.t("whoknows.iknow_none", help=ctx.t("whoknows.iknow_help")))
            return
        listed = ", ".join(inert(s.topic) for s in skills)
        await ctx.respond(ctx.t("whoknows.iknow_list", topics=listed))
        return
    removal = re.match(r"^(niet|not|geen|no)\s+(?P<topic>.+)$", topic, re.IGNORECASE)
    if removal:
        name = trim_topic(removal["topic"])
        # An exact, case-insensitive match: a LIKE pattern would let `%` remove every skill.
        await ctx.session.exec(
            delete(Skill).where(
                col(Skill.person_id) == ctx.person_id,
                func.lower(col(Skill.topic)) == name.lower(),
            )
        )
        await ctx.respond(ctx.t("whoknows.iknow_removed", topic=inert(name)))
        return
    if not any(s.topic.lower() == topic.lower() for s in skills):
        ctx.session.add(
            Skill(person_id=ctx.person_id, topic=topic, declared_at=ctx.services.clock.now())
        )
    await ctx.respond(ctx.t("whoknows.iknow_added", topic=inert(topic)))


# Words spread this evenly over the groups are no topic to be known for.
PROFILE_MIN_FOCUS = 0.2


@command("profiel", "profile", help_key="whoknows.profile_help")
async def profile(ctx: CommandContext, args: str) -> None:
    index = _index(ctx)
    now = ctx.services.clock.now()
    # The topics one would be suggested for: evidence on words that belong to a group's
    # topics, not on words everyone writes everywhere ("goed", "nieuw", "situatie").
    candidates = (
        await ctx.session.exec(
            select(ExpertiseWeight)
            .join(ExpertiseTerm, col(ExpertiseTerm.term) == col(ExpertiseWeight.term))
            .where(
                ExpertiseWeight.person_id == ctx.person_id,
                ExpertiseWeight.answers > 0,
                col(ExpertiseTerm.focus) >= PROFILE_MIN_FOCUS,
            )
            .order_by(
                (
                    col(ExpertiseWeight.weight)
                    * (FOCUS_FLOOR + (1 - FOCUS_FLOOR) * col(ExpertiseTerm.focus))
                ).desc()
            )
            .limit(40)
        )
    ).all()
    settings = await ctx.services.identity.settings_for(ctx.session, ctx.person_id)
    hidden: set[str] = set()
    for topic in settings.hidden_topics:
        hidden |= (await index.analyze(ctx.session, topic)).topic_terms
    readable: list[tuple[str, ExpertiseWeight]] = []
    for row in candidates:
        # the word people wrote, never a stem or a filler word; a hidden topic is not offered
        label = await index.readable_label(ctx.session, row.term)
        if label is None or row.term in hidden or any(label == seen for seen, _ in readable):
            continue
        readable.append((label, row))
    # a part of a compound listed with as much evidence is the same topic ("kostendeler"
    # and "norm" of "kostendelersnorm"): the compound says it
    shown = [
        (label, row)
        for label, row in readable
        if not any(
            label != other and label in other and row.answers <= other_row.answers
            for other, other_row in readable
        )
    ][:8]
    lines = [ctx.t("whoknows.profile_title"), ""]
    if shown:
        lines.append(ctx.t("whoknows.profile_evidence"))
        for label, row in shown:
            last = (
                ctx.t("whoknows.profile_last", month=month_label(row.last_at, now, ctx.language))
                if row.last_at
                else ""
            )
            lines.append(
                ctx.t(
                    "whoknows.profile_line_one" if row.answers == 1 else "whoknows.profile_line",
                    topic=inert(label),
                    answers=row.answers,
                    accepted=row.accepted,
                    last=last,
                )
            )
    else:
        lines.append(ctx.t("whoknows.profile_no_evidence"))
    skills = (
        await ctx.session.exec(select(Skill.topic).where(Skill.person_id == ctx.person_id))
    ).all()
    if skills:
        declared = ", ".join(inert(skill) for skill in skills)
        lines.append(ctx.t("whoknows.profile_declared", topics=declared))
    if settings.hidden_topics:
        hidden_list = ", ".join(inert(topic) for topic in settings.hidden_topics)
        lines.append(ctx.t("whoknows.profile_hidden", topics=hidden_list))
    if settings.suggest_opt_out:
        lines.append(ctx.t("whoknows.profile_opted_out"))
    away = settings.do_not_disturb or (
        settings.away_until is not None and settings.away_until > now
    )
    status = ctx.t("whoknows.available")
    if away:
        status = (
            ctx.t("whoknows.away_until", date=day_label(settings.away_until, ctx.language))
            if settings.away_until is not None and settings.away_until > now
            else ctx.t("whoknows.dnd")
        )
    lines.append(ctx.t("whoknows.profile_status", status=status))
    await ctx.respond_private("\n".join(lines))


@command("verberg", "hide", help_key="whoknows.hide_help")
async def hide_topic(ctx: CommandContext, args: str) -> None:
    topic = _topic(args)
    if not topic:
        raise UserError("whoknows.hide_help")
    settings = await ctx.services.identity.settings_for(ctx.session, ctx.person_id)
    if topic.lower() not in (t.lower() for t in settings.hidden_topics):
        settings.hidden_topics = [*settings.hidden_topics, topic]
        ctx.session.add(settings)
    await ctx.respond_private(ctx.t("whoknows.hidden", topic=inert(topic)))


@command("toon", "unhide", help_key="whoknows.unhide_help")
async def unhide_topic(ctx: CommandContext, args: str) -> None:
    topic = _topic(args)
    if not topic:
        raise UserError("whoknows.unhide_help")
    settings = await ctx.services.identity.settings_for(ctx.session, ctx.person_id)
    kept = [t for t in settings.hidden_topics if t.lower() != topic.lower()]
    if len(kept) == len(settings.hidden_topics):
        await ctx.respond_private(ctx.t("whoknows.not_hidden", topic=inert(topic)))
        return
    settings.hidden_topics = kept
    ctx.session.add(settings)
    await ctx.respond_private(ctx.t("whoknows.unhidden", topic=inert(topic)))


@command("voorstellen", "suggestions", help_key="whoknows.optout_help")
async def suggestions(ctx: CommandContext, args: str) -> None:
    wanted = switch(args, error_key="whoknows.optout_usage", empty_means_on=False)
    settings = await ctx.services.identity.settings_for(ctx.session, ctx.person_id)
    settings.suggest_opt_out = not wanted
    ctx.session.add(settings)
    await ctx.respond_private(
        ctx.t("whoknows.opted_out" if settings.suggest_opt_out else "whoknows.opted_in")
    )


@on_message
async def evidence_from_message(ctx: EventContext, event: MessageEvent) -> None:
    """Answers, recommendations and new questions feed the index as they arrive."""
    if event.is_direct or event.is_edit:
        return
    channel = await ctx.services.channels.channel_for(ctx.session, event.conversation)
    if channel.id is None:
        return
    message = ctx.message or await find_message(ctx.session, channel.id, event.message_id)
    if message is None or message.is_bot or message.thread_id is None:
        return
    live = await _index(ctx).live(ctx.session)
    if message.is_root:
        await live.question(ctx.session, message)
        return
    await live.answer(ctx.session, message)
    for account in event.mentioned:
        row = (
            await ctx.session.exec(
                select(Account.person_id).where(
                    Account.platform == account.platform,
                    Account.external_id == account.external_id,
                )
            )
        ).first()
        if row is not None and row != message.author_id:
            await live.recommended(ctx.session, message.thread_id, row, event.timestamp)


@on_reaction
async def evidence_from_reaction(ctx: EventContext, event: ReactionEvent) -> None:
    """✅ by the asker, or a positive reaction, on an answer."""
    if event.removed:
        return
    channel = await ctx.services.channels.channel_for(ctx.session, event.conversation)
    if channel.id is None:
        return
    message = await find_message(ctx.session, channel.id, event.message_id)
    if message is None:
        return
    reactor = await ctx.services.identity.person_for(ctx.session, event.sender)
    if reactor.id is None or not isinstance(reactor, Person):
        return
    live = await _index(ctx).live(ctx.session)
    await live.reaction(ctx.session, message, reactor.id, event.key, event.timestamp)
