"""Entry points besides commands: the action "Stel openbaar in groep" on a message (a form
to choose the group, then the question is posted there as a new thread) and a person's own
page (their skills, settings and recent questions).

They come in as core events (``ShortcutEvent``, ``FormSubmitted``, ``HomeOpened``) through the
dispatcher, like commands, and answer with platform-neutral views (bot/core/views.py); the Slack
adapter renders them as a message shortcut with a modal and the App Home tab.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adapters.base import Adapter, Interactive
from bot.core.config import Config, GroupConfig
from bot.core.errors import UserError
from bot.core.events import (
    AccountRef,
    ConversationRef,
    FormSubmitted,
    HomeOpened,
    MessageRef,
    ShortcutEvent,
)
from bot.core.i18n import t
from bot.core.inert import inert
from bot.core.views import (
    Choice,
    ChoiceField,
    Form,
    HomeQuestion,
    HomeView,
    Link,
    TextField,
)
from bot.dispatch.context import InteractionContext
from bot.dispatch.handler_types import on_form, on_home, on_shortcut
from bot.dispatch.services import Services
from bot.people import visibility
from bot.people.recorder import record_posted_question
from bot.redaction import redact
from bot.storage.models import (
    Channel,
    Message,
    Person,
    Question,
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


async def groups_for(
    session: AsyncSession, config: Config, person: Person, platform: str
) -> list[GroupConfig]:
    """The groups ``person`` may publish in: all for colleagues, for a partner only those
    with a channel shared with them (issue 13)."""
    return [
        g
        for g in groups_on(config, platform)
        if await visibility.may_post_in_group(session, person, g.id, platform)
    ]


def suggest_group(config: Config, platform: str, text: str) -> str | None:
    """The group whose keywords (or name) the question mentions most; the form preselects
    it and the person confirms or picks another."""
    lowered = text.lower()
    best: tuple[int, str] | None = None
    for group in groups_on(config, platform):
        terms = [k.lower() for k in group.keywords] + [group.name.lower()]
        hits = sum(1 for term in terms if term and term in lowered)
        if hits and (best is None or hits > best[0]):
            best = (hits, group.id)
    return best[1] if best else None


PUBLISH = "publish_question"


@on_shortcut(PUBLISH)
async def offer_to_publish(ctx: InteractionContext, event: ShortcutEvent) -> None:
    """The form: which group, and the question as it will be posted (editable)."""
    platform = event.conversation.platform
    config = ctx.services.config
    groups = await groups_for(ctx.session, config, ctx.person, platform)
    if not groups:
        await ctx.respond_private(ctx.t("publish.no_groups"))
        return
    if not isinstance(ctx.adapter, Interactive):
        return
    form = Form(
        name=PUBLISH,
        title=ctx.t("publish.title"),
        submit=ctx.t("publish.submit"),
        cancel=ctx.t("publish.cancel"),
        fields=(
            ChoiceField(
                "group",
                ctx.t("publish.group_label"),
                tuple(Choice(g.id, g.name) for g in groups),
                chosen=suggest_group(config, platform, event.text),
            ),
            TextField(
                "question",
                ctx.t("publish.question_label"),
                value=event.text,
                hint=ctx.t("publish.question_hint"),
                multiline=True,
            ),
        ),
        context={
            "channel": event.conversation.external_id,
            "ts": event.message_id or "",
            "author": event.author.external_id if event.author else "",
        },
    )
    await ctx.adapter.open_form(event, form)


@on_form(PUBLISH)
async def publish(ctx: InteractionContext, event: FormSubmitted) -> None:
    """Bad input keeps the form open with the reason next to the field; nothing is lost."""
    group_id = event.values.get("group", "")
    text = event.values.get("question", "").strip()
    if ctx.services.config.group(group_id) is None:
        await ctx.reject_form({"group": ctx.t("publish.unknown_group")})
        return
    if not text:
        await ctx.reject_form({"question": ctx.t("publish.empty")})
        return
    await ctx.close_form()
    platform = event.conversation.platform
    author_id = event.context.get("author") or None
    asker = (
        AccountRef(platform, author_id)
        if author_id and author_id != event.sender.external_id
        else None
    )
    published = await publish_question(
        ctx.services,
        ctx.adapter,
        ctx.session,
        publisher=event.sender,
        asker=asker,
        group_id=group_id,
        text=text,
    )
    label = (
        ctx.adapter.conversation_label(published.conversation)
        if isinstance(ctx.adapter, Interactive)
        else f"#{published.conversation.name or published.conversation.external_id}"
    )
    done = ctx.t("publish.done", channel=label)
    if isinstance(ctx.adapter, Interactive):
        link = Link(ctx.t("publish.open_thread"), published.ref)
        await ctx.adapter.send_direct_with_link(event.sender, done, link)
    else:
        await ctx.respond(done)


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
    assert publisher_person.id is not None
    language = await services.identity.language_of(session, publisher_person.id)
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


@on_home
async def show_home(ctx: InteractionContext, event: HomeOpened) -> None:
    if isinstance(ctx.adapter, Interactive):
        await ctx.adapter.show_home(event, await home_view(ctx))


async def home_view(ctx: InteractionContext, *, limit: int = 5) -> HomeView:
    """A person's own skills, settings and recent questions — shown only to them."""
    session, services = ctx.session, ctx.services
    settings = await services.identity.settings_for(session, ctx.person_id)
    skills = await session.exec(
        select(Skill.topic).where(Skill.person_id == ctx.person_id).order_by(col(Skill.topic))
    )
    rows = await session.exec(
        select(Question, Thread, Channel)
        .join(Thread, col(Thread.id) == col(Question.thread_id))
        .join(Channel, col(Channel.id) == col(Thread.channel_id))
        .where(Question.asker_id == ctx.person_id)
        .order_by(col(Question.created_at).desc())
        .limit(limit)
    )
    questions: list[HomeQuestion] = []
    for question, thread, channel in rows:
        root = (
            await session.exec(
                select(Message.text).where(
                    Message.thread_id == thread.id, col(Message.is_root).is_(True)
                )
            )
        ).first()
        group = services.config.group(question.group_id) if question.group_id else None
        conversation = ConversationRef(channel.platform, channel.external_id, channel.name)
        questions.append(
            HomeQuestion(
                asked_at=question.created_at,
                group_name=group.name if group else channel.name,
                status=ctx.t(f"home.status.{question.status.value}"),
                text=" ".join((root or "").split())[:140],
                thread=MessageRef(conversation, thread.root_external_id),
            )
        )
    on, off = ctx.t("home.on"), ctx.t("home.off")
    language = settings.language or ctx.t(
        "home.language_default", value=services.config.bot.language
    )
    return HomeView(
        title=ctx.t("home.title"),
        skills_heading=ctx.t("home.skills"),
        skills=tuple(skills),
        no_skills=ctx.t("home.no_skills"),
        settings_heading=ctx.t("home.settings"),
        settings=(
            ctx.t("home.language", value=language),
            ctx.t("home.muted", value=off if settings.muted else on),
            ctx.t("home.digest", value=on if settings.digest_opt_in else off),
        ),
        questions_heading=ctx.t("home.questions"),
        questions=tuple(questions),
        no_questions=ctx.t("home.no_questions"),
        open_label=ctx.t("home.open"),
    )
