"""Verified e-mail addresses (3PIDs) of Matrix accounts, from the Synapse admin API
(``GET /_synapse/admin/v2/users/<user_id>``), so a Matrix account is placed in its
organisation like a Slack account is (issue 13). Needs the bot's account to be a server
administrator; only addresses the homeserver validated count. Looked up once per account per
:data:`TTL_SECONDS`; a failed lookup means "no address" (the account is then placed by
``matrix_ids``, or treated as a partner)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import aiohttp

from bot.core.logs import get_logger

log = get_logger(__name__)
TTL_SECONDS = 3600.0
FAILED_TTL_SECONDS = 300.0
MAX_USER_ID = 255


def verified_email(user: dict[str, Any]) -> str | None:
    """The first e-mail 3PID the homeserver validated, lower-cased."""
    for threepid in user.get("threepids") or []:
        if not isinstance(threepid, dict) or threepid.get("medium") != "email":
            continue
        address = threepid.get("address")
        if isinstance(address, str) and "@" in address and threepid.get("validated_at"):
            return address.strip().lower()
    return None


class VerifiedEmails:
    def __init__(
        self,
        homeserver: str,
        access_token: Callable[[], str | None],
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._homeserver = homeserver.rstrip("/")
        self._token = access_token
        self._now = monotonic
        self._cache: dict[str, tuple[float, str | None]] = {}
        self._session: aiohttp.ClientSession | None = None

    async def email_of(self, user_id: str) -> str | None:
        cached = self._cache.get(user_id)
        if cached is not None and self._now() < cached[0]:
            return cached[1]
        email, ok = await self._fetch(user_id)
        ttl = TTL_SECONDS if ok else FAILED_TTL_SECONDS
        self._cache[user_id] = (self._now() + ttl, email)
        return email

    async def _fetch(self, user_id: str) -> tuple[str | None, bool]:
        token = self._token()
        if not token or len(user_id) > MAX_USER_ID or not user_id.startswith("@"):
            return None, False
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        url = f"{self._homeserver}/_synapse/admin/v2/users/{quote(user_id, safe='')}"
        try:
            async with self._session.get(
                url, headers={"Authorization": f"Bearer {token}"}
            ) as response:
                if response.status != 200:
                    log.warning("matrix 3pid lookup refused", status=response.status)
                    return None, False
                data = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            log.warning("matrix 3pid lookup failed", error=type(exc).__name__)
            return None, False
        return (verified_email(data) if isinstance(data, dict) else None), True

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
