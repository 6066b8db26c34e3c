"""Durable intake: a raw message is in the database (committed) before the server that
received it says so (SMTP ``250``, IMAP ``\\Seen``). Duplicates are recognised by Message-ID,
or by the SHA-256 of the bytes when a message has none."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from bot.storage.database import Database
from bot.storage.mail_models import InboundEmail

_MESSAGE_ID = re.compile(rb"^message-id:[ \t]*(<[^>\r\n]{1,900}>)", re.IGNORECASE | re.MULTILINE)


def message_id_of(raw: bytes) -> str | None:
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    found = _MESSAGE_ID.search(head)
    return found.group(1).decode("ascii", errors="replace") if found else None


@dataclass(frozen=True)
class Stored:
    id: int
    duplicate: bool


async def store_raw(
    db: Database,
    raw: bytes,
    *,
    recipients: list[str],
    envelope_from: str | None = None,
    source: str = "smtp",
) -> Stored:
    """Commit the raw message; returns the row id and whether it was already there."""
    digest = hashlib.sha256(raw).hexdigest()
    message_id = message_id_of(raw)
    key = message_id or f"sha256:{digest}"
    async with db.session() as session:
        existing = (
            await session.exec(select(InboundEmail).where(InboundEmail.dedupe_key == key))
        ).first()
        if existing is not None and existing.id is not None:
            return Stored(existing.id, True)
        row = InboundEmail(
            dedupe_key=key,
            message_id=message_id,
            sha256=digest,
            source=source,
            envelope_from=envelope_from,
            recipients=[r.lower() for r in recipients],
            raw=raw,
            size=len(raw),
        )
        session.add(row)
        try:
            await session.commit()
        except IntegrityError:  # the same message stored at the same moment by another path
            await session.rollback()
            again = (
                await session.exec(select(InboundEmail).where(InboundEmail.dedupe_key == key))
            ).one()
            assert again.id is not None
            return Stored(again.id, True)
        assert row.id is not None
        return Stored(row.id, False)
