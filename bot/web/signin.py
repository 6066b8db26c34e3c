"""Sign-in without passwords: a one-time link (valid ``[web] link_minutes``, bound to one
person, used once) starts a session. Secrets travel only to the person; the database keeps
their SHA-256, so a leaked table opens nothing."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage.models import Person
from bot.web.models import WebLoginLink, WebSession

TOKEN_BYTES = 32
# Tokens are URL-safe base64 of 32 bytes (43 characters); anything else is refused unread.
MAX_TOKEN_LENGTH = 64


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def _plausible(token: str) -> bool:
    return 20 <= len(token) <= MAX_TOKEN_LENGTH and token.isascii()


async def issue_link(session: AsyncSession, person_id: int, now: datetime, minutes: int) -> str:
    """A new one-time token for ``person_id``; the caller builds the URL and commits."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(
        WebLoginLink(
            token_hash=token_hash(token),
            person_id=person_id,
            created_at=now,
            expires_at=now + timedelta(minutes=minutes),
        )
    )
    await session.flush()
    return token


def link_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/login/{token}"


class LinkProblem(StrEnum):
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"


@dataclass(frozen=True)
class LinkCheck:
    person: Person | None
    problem: LinkProblem | None


async def check_link(session: AsyncSession, token: str, now: datetime) -> LinkCheck:
    """Whose link this is, without using it (the confirmation page shows the name)."""
    if not _plausible(token):
        return LinkCheck(None, LinkProblem.UNKNOWN)
    row = await session.get(WebLoginLink, token_hash(token))
    if row is None:
        return LinkCheck(None, LinkProblem.UNKNOWN)
    person = await session.get(Person, row.person_id)
    if person is None or not person.active:
        return LinkCheck(None, LinkProblem.UNKNOWN)
    if row.used_at is not None:
        return LinkCheck(person, LinkProblem.USED)
    if row.expires_at <= now:
        return LinkCheck(person, LinkProblem.EXPIRED)
    return LinkCheck(person, None)


@dataclass(frozen=True)
class NewSession:
    token: str
    csrf_token: str
    person_id: int
    expires_at: datetime


async def redeem_link(
    session: AsyncSession, token: str, now: datetime, session_hours: float
) -> NewSession | LinkProblem:
    """Use the link once and start a session. The update is conditional on ``used_at`` still
    being empty, so two requests racing with the same link get one session between them."""
    check = await check_link(session, token, now)
    if check.problem is not None or check.person is None or check.person.id is None:
        return check.problem or LinkProblem.UNKNOWN
    from sqlalchemy import update

    table = WebLoginLink.__table__  # type: ignore[attr-defined]
    claimed = await session.exec(
        update(table)
        .where(table.c.token_hash == token_hash(token), table.c.used_at.is_(None))
        .values(used_at=now)
    )
    if claimed.rowcount != 1:
        return LinkProblem.USED
    new = NewSession(
        token=secrets.token_urlsafe(TOKEN_BYTES),
        csrf_token=secrets.token_urlsafe(TOKEN_BYTES),
        person_id=check.person.id,
        expires_at=now + timedelta(hours=session_hours),
    )
    session.add(
        WebSession(
            token_hash=token_hash(new.token),
            person_id=new.person_id,
            csrf_token=new.csrf_token,
            created_at=now,
            expires_at=new.expires_at,
        )
    )
    await session.commit()
    return new


async def session_for(session: AsyncSession, token: str, now: datetime) -> WebSession | None:
    if not _plausible(token):
        return None
    row = await session.get(WebSession, token_hash(token))
    if row is None or row.expires_at <= now:
        return None
    return row


async def end_session(session: AsyncSession, token: str) -> None:
    if _plausible(token):
        await session.exec(
            delete(WebSession).where(col(WebSession.token_hash) == token_hash(token))
        )  # type: ignore[call-overload]
        await session.commit()


async def prune(session: AsyncSession, now: datetime) -> None:
    """Expired sessions and links older than a day go (called on each sign-in)."""
    await session.exec(delete(WebSession).where(col(WebSession.expires_at) <= now))  # type: ignore[call-overload]
    await session.exec(
        delete(WebLoginLink).where(col(WebLoginLink.expires_at) <= now - timedelta(days=1))  # type: ignore[call-overload]
    )


async def person_by_email(session: AsyncSession, email: str) -> Person | None:
    return (await session.exec(select(Person).where(Person.email == email.strip().lower()))).first()
