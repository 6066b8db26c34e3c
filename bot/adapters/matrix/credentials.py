"""The device the bot logged in as, kept in the store folder so every start restores the
same device (a new device per start would break encryption and litter the account)."""

from __future__ import annotations

import asyncio
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

FILENAME = "credentials.json"


@dataclass(frozen=True)
class Credentials:
    homeserver: str
    user_id: str
    device_id: str
    access_token: str


def _read(folder: Path) -> Credentials | None:
    path = folder / FILENAME
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Credentials(**{k: str(data[k]) for k in Credentials.__dataclass_fields__})


def _write(folder: Path, credentials: Credentials) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILENAME
    temporary = path.with_suffix(".tmp")
    # The access token is a secret: readable by the bot's user only.
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(asdict(credentials), handle)
    temporary.replace(path)


async def load(folder: Path) -> Credentials | None:
    return await asyncio.to_thread(_read, folder)


async def save(folder: Path, credentials: Credentials) -> None:
    await asyncio.to_thread(_write, folder, credentials)


def _remove(folder: Path) -> None:
    (folder / FILENAME).unlink(missing_ok=True)


async def remove(folder: Path) -> None:
    """Forget a device whose access token the homeserver no longer accepts."""
    await asyncio.to_thread(_remove, folder)
