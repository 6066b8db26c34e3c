"""What the Slack-native entry points do, in platform-neutral terms.

The Slack adapter renders these as a message shortcut with a modal ("Stel openbaar in groep")
and an App Home tab; the work itself — publishing a privately asked question in a group's
channel as a new thread, and summarising a person's own skills, settings and questions — sees
only core types, so another platform can offer the same through its own UI.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot import visibility
from bot.adapters.base import Adapter
from bot.config import Config, GroupConfig
from bot.errors import UserError
from bot.events import AccountRef, ConversationRef, MessageRef
from bot.i18n import Lang, normalise_language, t
from bot.inert import inert
from bot.recorder import record_posted_question
from bot.redaction import redact
from bot.services import Services
from bot.storage.models import (
    Channel,
    Message,
    Person,
    PersonSettings,
    Question,
    QuestionStatus,
    Skill,
    Thread,
)

TEXTS = {
    "publish.title": {"nl": "Stel openbaar in groep", "en": "Ask in a group"},
    "publish.submit": {"nl": "Plaatsen", "en": "Post"},
    "publish.cancel": {"nl": "Annuleren", "en": "Cancel"},
    "publish.group_label": {"nl": "Groep", "en": "Group"},
    "publish.question_label": {"nl": "Vraag", "en": "Question"},
    "publish.question_hint": {
        "nl": "Haal persoonsgegevens weg voordat je plaatst: de vraag wordt openbaar in het "
        "kanaal van de groep.",
        "en": "Remove personal data before posting: the question becomes public in the "
        "group's channel.",
    },
    "publish.root": {
        "nl": "**Vraag** (openbaar gemaakt door {by}):\n{quoted}\n\n"
        "_Weet jij het? Antwoord in deze draad._",
        "en": "**Question** (made public by {by}):\n{quoted}\n\n"
        "_Do you know? Answer in this thread._",
    },
    "publish.open_thread": {"nl": "Open de draad", "en": "Open the thread"},
    "home.open": {"nl": "Openen", "en": "Open"},
    "publish.done": {
        "nl": "Je vraag staat nu in {channel} als nieuwe draad.",
        "en": "Your question is now in {channel} as a new thread.",
    },
    "publish.no_groups": {
        "nl": "Er is nog geen groep met een kanaal op dit platform; vraag de beheerder er een "
        "in te stellen.",
        "en": "No group has a channel on this platform yet; ask an administrator to set one.",
    },
    "publish.not_shared": {
        "nl": "Die groep is niet met je gedeeld: als externe partner plaats je alleen vragen "
        "in kanalen waar je zelf lid van bent.",
        "en": "That group is not shared with you: as an external partner you only post "
        "questions in channels you are a member of.",
    },
    "publish.unknown_group": {
        "nl": "Die groep ken ik niet (meer). Kies een groep uit de lijst.",
        "en": "I don't know that group (any more). Pick a group from the list.",
    },
    "publish.empty": {
        "nl": "De vraag is leeg. Vul de vraag in die je openbaar wilt stellen.",
        "en": "The question is empty. Fill in the question you want to ask in the open.",
    },
    "home.title": {"nl": "Jouw Vraagbaak", "en": "Your Vraagbaak"},
    "home.skills": {"nl": "Waar je verstand van hebt", "en": "What you know about"},
    "home.no_skills": {
        "nl": "Je hebt nog geen onderwerpen opgegeven. Typ `!ikweet onderwerp` om er een toe "
        "te voegen.",
        "en": "You have not declared any topics yet. Type `!ikweet topic` to add one.",
    },
    "home.settings": {"nl": "Instellingen", "en": "Settings"},
    "home.language": {"nl": "Taal: {value}", "en": "Language: {value}"},
    "home.language_default": {"nl": "standaard ({value})", "en": "default ({value})"},
    "home.muted": {"nl": "Meldingen: {value}", "en": "Notifications: {value}"},
    "home.digest": {"nl": "Wekelijks overzicht: {value}", "en": "Weekly digest: {value}"},
    "home.on": {"nl": "aan", "en": "on"},
    "home.off": {"nl": "uit", "en": "off"},
    "home.questions": {"nl": "Je recente vragen", "en": "Your recent questions"},
    "home.no_questions": {
        "nl": "Je hebt nog geen vragen gesteld.",
        "en": "You have not asked any questions yet.",
    },
    "home.status.open": {"nl": "open", "en": "open"},
    "home.status.answered": {"nl": "beantwoord", "en": "answered"},
    "home.status.accepted": {"nl": "opgelost", "en": "solved"},
    "home.status.closed": {"nl": "gesloten", "en": "closed"},
}


def _quoted(text: str) -> str:
    """Someone's own words, echoed into a channel: shown inert (issue 11)."""
    lines = text.strip().splitlines()
    return "\n".join(f"> {inert(line)}" if line.strip() else ">" for line in lines)


def group_conversation(group: GroupConfig, platform: str) -> ConversationRef | None:
    """The conversation a group uses on ``platform``, from the configuration."""
    bound = {"slack": group.slack_channel, "matrix": group.matrix_room}.get(platform)
    if not bound:
        return None
    external_id = bound.lstrip("#") if platform == "slack" else bound
    name = bound if bound.startswith("#") else ""
    return ConversationRef(platform, external_id, name)


def groups_on(config: Config, platform: str) -> list[GroupConfig]:
    return [g for g in config.groups if group_conversation(g, platform) is not None]


async def groups_for(services: Services, account: AccountRef, platform: str) -> list[GroupConfig]:
    """The groups ``account`` may publish in: all for colleagues, for a partner only those
    with a channel shared with them (issue 13)."""
    async with services.db.session() as session:
        person = await services.identity.person_for(session, account)
        allowed = [
            g
            for g in groups_on(services.config, platform)
            if await visibility.may_post_in_group(session, person, g.id, platform)
        ]
        await session.commit()
    return allowed


def suggest_group(config: Config, platform: str, text: str) -> str | None:
    """The group whose keywords (or name) the question mentions most; the modal preselects
    it and the person confirms or picks another."""
    lowered = text.lower()
    best: tuple[int, str] | None = None
    for group in groups_on(config, platform):
        terms = [k.lower() for k in group.keywords] + [group.name.lower()]
        hits = sum(1 for term in terms if term and term in lowered)
        if hits and (best is None or hits > best[0]):
            best = (hits, group.id)
    return best[1] if best else None


async def language_of(services: Services, session: AsyncSession, person: Person) -> Lang:
    assert person.id is not None
    settings = await services.identity.settings_for(session, person.id)
    return (
        normalise_language(settings.language)
        or normalise_language(services.config.bot.language)
        or "nl"
    )


@dataclass(frozen=True)
class Published:
    ref: MessageRef
    conversation: ConversationRef


async def publish_question(
    services: Services,
    adapter: Adapter,
    session: AsyncSession,
    *,
    publisher: AccountRef,
    asker: AccountRef | None,
    group_id: str,
    text: str,
) -> Published:
    """Post a privately asked question in the group's channel as a new thread, and record
    the thread and the question (asked by ``asker`` when known, else the publisher)."""
    group = services.config.group(group_id)
    conversation = group_conversation(group, adapter.platform) if group else None
    if group is None or conversation is None:
        raise UserError("publish.unknown_group")
    publisher_person = await services.identity.person_for(session, publisher)
    language = await language_of(services, session, publisher_person)
    if not await visibility.may_post_in_group(
        session, publisher_person, group.id, adapter.platform
    ):
        raise UserError("publish.not_shared")
    cleaned = redact(text.strip(), language).text
    if not cleaned:
        raise UserError("publish.empty")
    body = t(language, "publish.root", by=adapter.mention(publisher), quoted=_quoted(cleaned))
    ref = await adapter.post(conversation, body)
    asker_person = await services.identity.person_for(session, asker) if asker else None
    author = asker_person or publisher_person
    # The conversation as the platform names it in its events (a channel id, say, where the
    # configuration gave a name).
    conversation = ref.conversation
    channel = await services.channels.channel_for(session, conversation)
    await record_posted_question(
        session, channel, ref, text=cleaned, group_id=group.id, asker_id=author.id
    )
    return Published(ref, conversation)


@dataclass(frozen=True)
class QuestionLine:
    asked_at: datetime
    status: QuestionStatus
    group_name: str
    text: str
    conversation_id: str
    root_id: str


@dataclass(frozen=True)
class HomeSummary:
    language: Lang
    skills: list[str]
    settings: PersonSettings
    default_language: str
    questions: list[QuestionLine]


async def home_summary(
    services: Services, session: AsyncSession, account: AccountRef, *, limit: int = 5
) -> HomeSummary:
    """A person's own skills, settings and recent questions — shown only to them."""
    person = await services.identity.person_for(session, account)
    assert person.id is not None
    settings = await services.identity.settings_for(session, person.id)
    skills = await session.exec(
        select(Skill.topic).where(Skill.person_id == person.id).order_by(col(Skill.topic))
    )
    rows = await session.exec(
        select(Question, Thread, Channel)
        .join(Thread, col(Thread.id) == col(Question.thread_id))
        .join(Channel, col(Channel.id) == col(Thread.channel_id))
        .where(Question.asker_id == person.id)
        .order_by(col(Question.created_at).desc())
        .limit(limit)
    )
    lines: list[QuestionLine] = []
    for question, thread, channel in rows:
        root = (
            await session.exec(
                select(Message.text).where(
                    Message.thread_id == thread.id, col(Message.is_root).is_(True)
                )
            )
        ).first()
        group = services.config.group(question.group_id) if question.group_id else None
        lines.append(
            QuestionLine(
                asked_at=question.created_at,
                status=question.status,
                group_name=group.name if group else channel.name,
                text=" ".join((root or "").split())[:140],
                conversation_id=channel.external_id,
                root_id=thread.root_external_id,
            )
        )
    return HomeSummary(
        language=await language_of(services, session, person),
        skills=list(skills),
        settings=settings,
        default_language=services.config.bot.language,
        questions=lines,
    )
