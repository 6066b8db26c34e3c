"""Cached ``users.info`` and ``conversations.info`` lookups.

The e-mail from ``users.info`` (scope ``users:read.email``) is what links a Slack user to the
same person as their Matrix account and e-mail addresses (see ``bot/people/identity.py``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from bot.adapters.slack.sender import SlackCallError, SlackSender, SlackUnavailableError
from bot.adapters.slack.translate import SlackUser
from bot.core.logs import get_logger

log = get_logger(__name__)


class SlackDirectory:
    def __init__(
        self,
        sender: SlackSender,
        *,
        ttl: float = 3600.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._sender = sender
        self._ttl = ttl
        self._now = monotonic
        self._users: dict[str, tuple[float, SlackUser]] = {}
        self._channels: dict[str, tuple[float, str]] = {}
        self._pending_users: dict[str, asyncio.Future[SlackUser]] = {}

    def cached_user(self, user_id: str) -> SlackUser | None:
        """The user if known, without calling Slack (for answers due within 3 seconds)."""
        cached = self._users.get(user_id)
        return cached[1] if cached else None

    async def user(self, user_id: str) -> SlackUser:
        cached = self._users.get(user_id)
        if cached is not None and self._now() - cached[0] < self._ttl:
            return cached[1]
        # Events of one user often come in a burst; they share a single users.info call.
        pending = self._pending_users.get(user_id)
        if pending is None:
            pending = asyncio.ensure_future(self._fetch_user(user_id))
            self._pending_users[user_id] = pending
            pending.add_done_callback(lambda _: self._pending_users.pop(user_id, None))
        return await asyncio.shield(pending)

    async def _fetch_user(self, user_id: str) -> SlackUser:
        cached = self._users.get(user_id)
        try:
            data = await self._sender.call("users.info", {"user": user_id}, verb="GET")
        except (SlackCallError, SlackUnavailableError) as exc:
            # Without the profile the person is still known by their Slack id; the e-mail
            # link is made on a later event, when users.info answers again.
            log.warning("users.info failed", user=user_id, error=str(exc))
            return cached[1] if cached else SlackUser(user_id)
        info = data.get("user") or {}
        profile = info.get("profile") or {}
        email = profile.get("email")
        user = SlackUser(
            id=user_id,
            name=str(
                profile.get("display_name")
                or profile.get("real_name")
                or info.get("real_name")
                or info.get("name")
                or user_id
            ),
            email=str(email).lower() if email else None,
            is_bot=bool(info.get("is_bot")),
        )
        self._users[user_id] = (self._now(), user)
        return user

    async def channel_name(self, channel_id: str) -> str:
        if not channel_id or channel_id.startswith("D"):
            return ""
        cached = self._channels.get(channel_id)
        if cached is not None and self._now() - cached[0] < self._ttl:
            return cached[1]
        try:
            data = await self._sender.call(
                "conversations.info", {"channel": channel_id}, verb="GET"
            )
        except (SlackCallError, SlackUnavailableError) as exc:
            log.warning("conversations.info failed", channel=channel_id, error=str(exc))
            return cached[1] if cached else ""
        name = str((data.get("channel") or {}).get("name") or "")
        self._channels[channel_id] = (self._now(), name)
        return name
