"""Everything an event touches that is already in the database, in one round trip.

Every event needs its sender (person, account, settings), its conversation (channel,
membership) and, for a message, whether it or its thread is recorded already. Loading them
with one query puts them in the session's identity map, so the services that look them up
afterwards (``Identity``, ``ChannelDirectory``, ``session.get``) find them without asking the
database again. Anything not there yet is created by those services, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, false, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.events import AccountRef, ConversationRef
from bot.storage.models import (
    Account,
    Channel,
    ChannelMember,
    Message,
    Person,
    PersonSettings,
    Thread,
)


@dataclass(frozen=True, slots=True)
class KnownRows:
    account: Account
    person: Person
    settings: PersonSettings | None
    channel: Channel | None
    member: ChannelMember | None
    message: Message | None
    thread: Thread | None


@cache
def _statement(with_message: bool, with_thread: bool) -> Select[Any]:
    # Built once per shape with bound parameters: SQLAlchemy then reuses both the statement's
    # cache key and its compiled SQL, which is most of the cost of a query this small.
    in_channel = and_(
        col(Channel.platform) == bindparam("conversation_platform"),
        col(Channel.external_id) == bindparam("conversation"),
    )
    message_match = (
        and_(
            col(Message.channel_id) == col(Channel.id),
            col(Message.external_id) == bindparam("message_id"),
        )
        if with_message
        else false()
    )
    thread_match = (
        and_(
            col(Thread.channel_id) == col(Channel.id),
            col(Thread.root_external_id) == bindparam("thread_root_id"),
        )
        if with_thread
        else false()
    )
    is_member = and_(
        col(ChannelMember.channel_id) == col(Channel.id),
        col(ChannelMember.person_id) == col(Person.id),
    )
    # sqlmodel's own ``select`` is typed for up to four entities; SQLAlchemy's runs the same.
    return (
        select(Account, Person, PersonSettings, Channel, ChannelMember, Message, Thread)
        .join(Person, col(Person.id) == col(Account.person_id))
        .outerjoin(PersonSettings, col(PersonSettings.person_id) == col(Person.id))
        .outerjoin(Channel, in_channel)
        .outerjoin(ChannelMember, is_member)
        .outerjoin(Message, message_match)
        .outerjoin(Thread, thread_match)
        .where(
            col(Account.platform) == bindparam("platform"),
            col(Account.external_id) == bindparam("account"),
        )
    )


async def load_known_rows(
    session: AsyncSession,
    account: AccountRef,
    conversation: ConversationRef,
    *,
    message_id: str | None = None,
    thread_root_id: str | None = None,
) -> KnownRows | None:
    """The rows of a sender seen before; ``None`` for a first-time sender."""
    statement = _statement(message_id is not None, thread_root_id is not None)
    params = {
        "platform": account.platform,
        "account": account.external_id,
        "conversation_platform": conversation.platform,
        "conversation": conversation.external_id,
        "message_id": message_id,
        "thread_root_id": thread_root_id,
    }
    row = (await session.exec(statement, params=params)).first()  # type: ignore[call-overload]
    if row is None:
        return None
    return KnownRows(*row)
