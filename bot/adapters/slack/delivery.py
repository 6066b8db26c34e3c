"""Slack's part of the one outbox (bot/delivery/outbox.py, channel ``slack``): Web API calls
recorded with their idempotency key, sent in order.

Every ``chat.postMessage`` carries its key in the message metadata (``event_type``
``vraagbaak_post``). When an earlier attempt may have reached Slack — a timeout, a 5xx after
sending, a process killed between Slack's answer and the commit — the conversation is read
first (``conversations.replies`` for a reply, ``conversations.history`` otherwise, with
``include_all_metadata``); a message carrying the key is the answer, and nothing is posted
again. An ephemeral message cannot be looked up: it is sent again (at-least-once there).

A message that had to wait is known to the core by a provisional id until Slack takes it;
then its records, and replies waiting in its thread, take over the real ``ts``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adapters.slack.provisional import is_provisional
from bot.adapters.slack.sender import SlackCallError, SlackSender, SlackUnavailableError
from bot.core.logs import get_logger
from bot.delivery.outbox import Attempt, UnavailableError
from bot.people.recorder import rename_message
from bot.storage.models import OutboxItem, OutboxStatus

log = get_logger(__name__)

CHANNEL = "slack"
EVENT_TYPE = "vraagbaak_post"
# How far back (before the row was written) a lookup reads, and how many pages at most.
LOOKBACK = timedelta(minutes=2)
MAX_PAGES = 10


def key_metadata(key: str) -> dict[str, Any]:
    return {"event_type": EVENT_TYPE, "event_payload": {"key": key}}


def carries_key(message: dict[str, Any], key: str) -> bool:
    metadata = message.get("metadata")
    if not isinstance(metadata, dict) or metadata.get("event_type") != EVENT_TYPE:
        return False
    payload = metadata.get("event_payload")
    return isinstance(payload, dict) and payload.get("key") == key


class SlackDeliverer:
    channel = CHANNEL
    ordered = True  # people read the bot's messages in the order it wrote them
    keep: tuple[str, ...] = ("method",)

    def __init__(self, sender: SlackSender) -> None:
        self.sender = sender
        self._channel_ids: dict[str, str] = {}

    async def deliver(self, attempt: Attempt) -> dict[str, Any]:
        method = str(attempt.payload.get("method"))
        args = dict(attempt.payload.get("args") or {})
        posting = method == "chat.postMessage"
        if posting:
            args["metadata"] = key_metadata(attempt.key)
            if attempt.uncertain:
                found = await self._posted_before(args, attempt.key, attempt.created_at)
                if found is not None:
                    log.info("slack post found, not posted again")
                    return found
        try:
            try:
                data = await self.sender.call(method, args, patient=attempt.patient)
            except SlackCallError as exc:
                if not posting or exc.error != "not_in_channel":
                    raise
                # A public channel the bot was not invited to (a group's channel named in
                # the configuration, say): join it and post again.
                await self.sender.call("conversations.join", {"channel": args["channel"]})
                data = await self.sender.call(method, args, patient=attempt.patient)
        except SlackUnavailableError as exc:
            # A post may have reached Slack before the answer was lost: look next time.
            raise UnavailableError(str(exc), ambiguous=posting and exc.maybe_done) from exc
        answer = _answer(data)
        if is_provisional(attempt.payload.get("provisional_id")):
            answer["provisional_id"] = attempt.payload["provisional_id"]
        return answer

    async def _posted_before(
        self, args: dict[str, Any], key: str, created_at: datetime
    ) -> dict[str, Any] | None:
        channel = await self._channel_id(str(args.get("channel") or ""))
        if not channel:
            return None
        oldest = f"{(created_at - LOOKBACK).timestamp():.6f}"
        thread = args.get("thread_ts")
        method = "conversations.replies" if thread else "conversations.history"
        query: dict[str, Any] = {
            "channel": channel,
            "oldest": oldest,
            "include_all_metadata": "true",
            "limit": 200,
        }
        if thread:
            query["ts"] = thread
        cursor = ""
        try:
            for _ in range(MAX_PAGES):
                page = dict(query, cursor=cursor) if cursor else query
                data = await self.sender.call(method, page, verb="GET", patient=True)
                for message in data.get("messages") or []:
                    if isinstance(message, dict) and carries_key(message, key):
                        return {"channel": channel, "ts": str(message.get("ts") or "")}
                cursor = str((data.get("response_metadata") or {}).get("next_cursor") or "")
                if not cursor:
                    return None
        except SlackCallError as exc:
            log.warning("slack lookup refused; posting", error=exc.error)
            return None
        except SlackUnavailableError as exc:
            raise UnavailableError(f"lookup: {exc}", ambiguous=True) from exc
        return None

    async def _channel_id(self, channel: str) -> str:
        """The id of a channel given by name ("#omgevingswet"), which the lookup needs."""
        name = channel.lstrip("#")
        if channel[:1] in ("C", "G", "D") and name.isupper() and name.isalnum():
            return channel
        if name in self._channel_ids:
            return self._channel_ids[name]
        cursor = ""
        for _ in range(MAX_PAGES):
            query: dict[str, Any] = {"limit": 1000, "types": "public_channel,private_channel"}
            if cursor:
                query["cursor"] = cursor
            data = await self.sender.call("conversations.list", query, verb="GET", patient=True)
            for found in data.get("channels") or []:
                if isinstance(found, dict) and found.get("name"):
                    self._channel_ids[str(found["name"])] = str(found.get("id") or "")
            cursor = str((data.get("response_metadata") or {}).get("next_cursor") or "")
            if name in self._channel_ids or not cursor:
                break
        return self._channel_ids.get(name, "")

    async def settled(self, session: AsyncSession, item: OutboxItem) -> None:
        """A message that waited, now delivered: its provisional id becomes the real one."""
        provisional = item.result.get("provisional_id")
        ts = item.result.get("ts")
        if not is_provisional(provisional) or not isinstance(ts, str) or not ts:
            return
        await rename_message(session, CHANNEL, str(provisional), ts)
        # Replies still waiting (also those of an earlier run) follow the thread.
        waiting = await session.exec(
            select(OutboxItem).where(
                OutboxItem.channel == CHANNEL,
                OutboxItem.status == OutboxStatus.PENDING,
                col(OutboxItem.id) != item.id,
            )
        )
        for other in waiting:
            args = other.payload.get("args") or {}
            if args.get("thread_ts") == provisional:
                other.payload = {**other.payload, "args": {**args, "thread_ts": ts}}
                session.add(other)


def _answer(data: dict[str, Any]) -> dict[str, Any]:
    """What a caller asking again needs of Slack's answer."""
    answer: dict[str, Any] = {}
    for name in ("channel", "ts", "message_ts"):
        value = data.get(name)
        if isinstance(value, str) and value:
            answer[name] = value
    return answer
