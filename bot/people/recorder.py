"""Records message and reaction metadata for statistics and expertise evidence."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import make_transient_to_detached
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.events import MessageEvent, MessageRef, ReactionEvent
from bot.storage.inserts import insert_new
from bot.storage.mail_models import InboundEmail
from bot.storage.models import (
    Channel,
    Message,
    Person,
    Question,
    Reaction,
    Thread,
    ThreadSource,
)


async def find_thread(session: AsyncSession, channel_id: int, root_id: str) -> Thread | None:
    return (
        await session.exec(
            select(Thread).where(
                Thread.channel_id == channel_id, Thread.root_external_id == root_id
            )
        )
    ).first()


async def find_message(session: AsyncSession, channel_id: int, external_id: str) -> Message | None:
    return (
        await session.exec(
            select(Message).where(
                Message.channel_id == channel_id, Message.external_id == external_id
            )
        )
    ).first()


def thread_root(event: MessageEvent) -> str:
    """The external id of the thread's first message (the message itself when it starts one)."""
    return event.thread_id or event.message_id


async def record_message(
    session: AsyncSession,
    channel: Channel,
    person: Person,
    event: MessageEvent,
    *,
    to_bot: bool = False,
) -> bool:
    """Store one chat message (and its thread). ``False`` for one already recorded; an edit
    of a recorded message updates its text."""
    assert channel.id is not None
    existing, thread = await find_recorded(session, channel.id, event)
    if existing is not None:
        note_edit(session, existing, event)
        return False
    stored = await store_message(session, channel, person, event, thread=thread, to_bot=to_bot)
    return stored is not None


async def find_recorded(
    session: AsyncSession, channel_id: int, event: MessageEvent
) -> tuple[Message | None, Thread | None]:
    """The message, and the thread it belongs in, as far as they are recorded already."""
    return (
        await find_message(session, channel_id, event.message_id),
        await find_thread(session, channel_id, thread_root(event)),
    )


def note_edit(session: AsyncSession, recorded: Message, event: MessageEvent) -> None:
    if event.is_edit:
        recorded.text = event.text
        session.add(recorded)


async def store_message(
    session: AsyncSession,
    channel: Channel,
    person: Person,
    event: MessageEvent,
    *,
    thread: Thread | None,
    to_bot: bool = False,
) -> Message | None:
    """Store a message not recorded yet, in ``thread`` (``None``: not recorded either).

    A message addressed to the bot (``to_bot``: a command or an @mention) is kept as bot
    traffic, like the bot's own messages: it is no question or answer between people, so it
    does not count in the adoption figures or as expertise.

    Another transaction (the mail desk posting a question, say) may record the same thread
    meanwhile; the insert then gives way and the message joins that thread. ``None`` when
    the message itself turned out to be recorded already."""
    assert channel.id is not None and person.id is not None
    is_root = event.thread_id is None or event.thread_id == event.message_id
    by_bot = person.is_bot or to_bot
    if thread is None:
        thread_id = await insert_new(
            session,
            Thread,
            {
                "channel_id": channel.id,
                "root_external_id": thread_root(event),
                "author_id": person.id if is_root else None,
                "created_at": event.timestamp,
                "source": ThreadSource.CHAT,
                "by_bot": by_bot,
                "first_reply_at": None,
                "reply_count": 0,
            },
        )
        if thread_id is None:
            thread = await find_thread(session, channel.id, thread_root(event))
            assert thread is not None
    if thread is not None:
        thread_id = thread.id
        if not is_root:
            _count_reply(session, thread, person, event, by_bot=by_bot)
    message = Message(
        channel_id=channel.id,
        thread_id=thread_id,
        external_id=event.message_id,
        author_id=person.id,
        created_at=event.timestamp,
        is_root=is_root,
        is_bot=by_bot,
        has_files=bool(event.attachments),
        text=event.text,
    )
    values = message.model_dump(exclude={"id"})
    message.id = await insert_new(session, Message, values)
    if message.id is None:
        return None
    # The row as stored, without reading it back.
    make_transient_to_detached(message)
    session.add(message)
    return message


def _count_reply(
    session: AsyncSession, thread: Thread, person: Person, event: MessageEvent, *, by_bot: bool
) -> None:
    thread.reply_count += 1
    if (
        thread.first_reply_at is None
        and thread.author_id is not None
        and thread.author_id != person.id
        and not by_bot
    ):
        thread.first_reply_at = event.timestamp
    session.add(thread)


async def record_reaction(
    session: AsyncSession, channel: Channel, person: Person, event: ReactionEvent
) -> Reaction | None:
    assert channel.id is not None and person.id is not None
    message = await find_message(session, channel.id, event.message_id)
    if message is None or message.id is None:
        return None
    existing = (
        await session.exec(
            select(Reaction).where(
                Reaction.message_id == message.id,
                Reaction.person_id == person.id,
                Reaction.key == event.key,
            )
        )
    ).first()
    if event.removed:
        if existing is not None:
            await session.delete(existing)
        return None
    if existing is not None:
        return None
    reaction = Reaction(
        message_id=message.id, person_id=person.id, key=event.key, created_at=event.timestamp
    )
    session.add(reaction)
    await session.flush()
    return reaction


async def record_posted_question(
    session: AsyncSession,
    channel: Channel,
    root: MessageRef,
    *,
    text: str,
    group_id: str,
    asker_id: int | None = None,
    source: ThreadSource = ThreadSource.CHAT,
    has_files: bool = False,
    by_bot: bool = True,
) -> Thread:
    """Record a question the bot posted as a new thread on someone's behalf (an e-mailed
    question, a privately asked one made public): the thread, its root and the question.
    ``by_bot=False`` counts the thread as ``asker_id``'s question in the figures (the root
    message stays the bot's: the asker did not post in the chat)."""
    assert channel.id is not None
    thread = Thread(
        channel_id=channel.id,
        root_external_id=root.message_id,
        author_id=asker_id,
        source=source,
        by_bot=by_bot,
    )
    session.add(thread)
    await session.flush()
    assert thread.id is not None
    session.add(
        Message(
            channel_id=channel.id,
            thread_id=thread.id,
            external_id=root.message_id,
            is_root=True,
            is_bot=True,
            has_files=has_files,
            text=text,
        )
    )
    session.add(Question(thread_id=thread.id, asker_id=asker_id, group_id=group_id))
    return thread


async def rename_message(session: AsyncSession, platform: str, old_id: str, new_id: str) -> None:
    """A message posted under a provisional id (queued while the platform was unreachable)
    got its real one: the records of it, and of the thread it started, follow."""
    on_platform = select(Channel.id).where(Channel.platform == platform)
    await session.exec(
        update(Message)
        .where(col(Message.external_id) == old_id, col(Message.channel_id).in_(on_platform))
        .values(external_id=new_id)
    )
    await session.exec(
        update(Thread)
        .where(col(Thread.root_external_id) == old_id, col(Thread.channel_id).in_(on_platform))
        .values(root_external_id=new_id)
    )
    await session.exec(
        update(InboundEmail)
        .where(
            col(InboundEmail.root_external_id) == old_id,
            col(InboundEmail.conversation_platform) == platform,
        )
        .values(root_external_id=new_id)
    )
