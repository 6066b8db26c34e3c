"""Sends a nudge once: claim it in the ``Nudge`` table (unique ``dedupe_key``), then post
through the platform's adapter (which records it in the outbox under a key made of the
nudge's, so a post a crash interrupted is finished by the next process, not repeated), or
queue it in the outbox when that adapter is not running in this process. A crash between the
claim and the outbox loses that one nudge (at most once there)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.events import AccountRef, Attachment, ConversationRef
from bot.core.inert import inert
from bot.core.logs import get_logger
from bot.delivery.idempotency import post_scope
from bot.dispatch.services import Services
from bot.startup.chat_outbox import queue_chat
from bot.storage.models import (
    Account,
    Channel,
    Nudge,
    Person,
    Thread,
)

log = get_logger(__name__)


async def claim(
    services: Services,
    *,
    kind: str,
    dedupe_key: str,
    at: datetime,
    person_id: int | None = None,
    channel_id: int | None = None,
    thread_id: int | None = None,
    direct: bool = False,
) -> bool:
    """Record the nudge; ``False`` when it was already recorded (by this or another replica)."""
    async with services.db.session() as session:
        session.add(
            Nudge(
                kind=kind,
                person_id=person_id,
                channel_id=channel_id,
                thread_id=thread_id,
                direct=direct,
                sent_at=at,
                dedupe_key=dedupe_key,
            )
        )
        try:
            await session.commit()
        except IntegrityError:
            await session.rollback()
            return False
    return True


async def already_claimed(session: AsyncSession, dedupe_key: str) -> bool:
    found = await session.exec(select(Nudge.id).where(Nudge.dedupe_key == dedupe_key))
    return found.first() is not None


async def account_on(
    session: AsyncSession, person_id: int, platforms: list[str]
) -> AccountRef | None:
    """The person's account on the first of ``platforms`` they have one on."""
    rows = await session.exec(select(Account).where(Account.person_id == person_id))
    accounts = {a.platform: a for a in rows}
    for platform in platforms:
        account = accounts.get(platform)
        if account is not None:
            return AccountRef(
                platform, account.external_id, account.display_name, account.verified_email
            )
    return None


async def mention(services: Services, session: AsyncSession, person: Person, platform: str) -> str:
    assert person.id is not None
    account = await account_on(session, person.id, [platform])
    adapter = services.adapters.get(platform)
    if account is not None and adapter is not None:
        return adapter.mention(account)
    return inert(person.name)


def _conversation(channel: Channel) -> ConversationRef:
    return ConversationRef(channel.platform, channel.external_id, channel.name, channel.is_direct)


async def post_in_channel(
    services: Services, channel: Channel, text: str, dedupe_key: str, thread: Thread | None = None
) -> None:
    adapter = services.adapters.get(channel.platform)
    thread_id = thread.root_external_id if thread is not None else None
    if adapter is not None:
        try:
            with post_scope(f"nudge:{dedupe_key}"):
                await adapter.post(_conversation(channel), text, thread_id=thread_id)
            return
        except Exception:
            log.warning("nudge post failed; queued for retry", channel=channel.id)
    await queue_chat(
        services,
        channel.platform,
        text=text,
        conversation=channel.external_id,
        thread=thread_id,
        dedupe_key=f"nudge:{dedupe_key}",
    )


async def upload_in_channel(
    services: Services, conversation: ConversationRef, attachment: Attachment
) -> None:
    adapter = services.adapters.get(conversation.platform)
    if adapter is not None:
        await adapter.upload(conversation, attachment)


async def send_direct(
    services: Services, session: AsyncSession, person_id: int, text: str, dedupe_key: str
) -> bool:
    """A direct message on a platform the bot runs on (else queued for the first platform the
    person has an account on). ``False`` when the person has no chat account at all."""
    running = list(services.adapters)
    account = await account_on(session, person_id, running)
    if account is not None:
        try:
            with post_scope(f"nudge:{dedupe_key}"):
                await services.adapters[account.platform].send_direct(account, text)
            return True
        except Exception:
            log.warning("nudge message failed; queued for retry", person=person_id)
        fallback_platform, fallback_id = account.platform, account.external_id
    else:
        rows = await session.exec(select(Account).where(Account.person_id == person_id))
        fallback = next((a for a in rows if a.platform != "email"), None)
        if fallback is None:
            return False
        fallback_platform, fallback_id = fallback.platform, fallback.external_id
    await queue_chat(
        services, fallback_platform, text=text, to=fallback_id, dedupe_key=f"nudge:{dedupe_key}"
    )
    return True
