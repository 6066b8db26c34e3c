"""The Slack adapter: carries core events in (via the slack-bolt app in ``app.py``) and the
core's Markdown out as mrkdwn: messages through the one outbox (``delivery.py``), other Web API
calls through the retrying :class:`SlackSender`."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Iterator, Mapping
from typing import Any

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.base import Dispatch
from bot.adapters.slack.app import build_app, start_transport
from bot.adapters.slack.blocks import form_view, home_view, link_blocks, message_blocks
from bot.adapters.slack.config import SlackConfig
from bot.adapters.slack.delivery import CHANNEL, SlackDeliverer
from bot.adapters.slack.directory import SlackDirectory
from bot.adapters.slack.mrkdwn import to_mrkdwn
from bot.adapters.slack.provisional import new_provisional_id
from bot.adapters.slack.sender import (
    RetryPolicy,
    SlackCallError,
    SlackSender,
    SlackUnavailableError,
    Sleep,
)
from bot.adapters.slack.translate import PLATFORM, SlashInvocation
from bot.core.config import ConfigError
from bot.core.events import (
    AccountRef,
    Attachment,
    ConversationRef,
    FormSubmitted,
    HomeOpened,
    MessageRef,
    ShortcutEvent,
)
from bot.core.inert import bot_mention, inert, strip_controls
from bot.core.logs import get_logger
from bot.core.views import Form, HomeView, Link
from bot.delivery.outbox import Delivered
from bot.delivery.retry import Backoff
from bot.dispatch.services import Services

log = get_logger(__name__)

SLASH_PREFIX = "slash:"
# Members read per channel to know who reads an answer (issue 13); beyond this, the members
# seen speaking or joining still count.
MAX_MEMBERS = 2000

# The core names reactions by emoji or by Slack-style name; Slack wants the name.
_USER_ID = re.compile(r"[UW][A-Z0-9]{1,20}")
_EMOJI_NAMES = {
    "✅": "white_check_mark",
    "✔️": "heavy_check_mark",
    "👍": "+1",
    "🙏": "pray",
    "❤️": "heart",
    "🎉": "tada",
    "👀": "eyes",
    "👋": "wave",
    "❓": "question",
}


def reaction_name(key: str) -> str:
    return _EMOJI_NAMES.get(key, key.strip(":"))


class SlackAdapter:
    platform = PLATFORM

    def __init__(
        self, config: SlackConfig, services: Services, *, sleep: Sleep = asyncio.sleep
    ) -> None:
        self.config = config
        self.services = services
        # The SDK's own retry handlers are off: SlackSender retries, with bounds it controls.
        self.client = AsyncWebClient(
            token=config.bot_token,
            base_url=config.api_url,
            timeout=int(config.request_timeout),
            retry_handlers=[],
        )
        self.sender = SlackSender(
            self.client,
            RetryPolicy(
                Backoff(
                    first=config.backoff_base,
                    cap=config.max_retry_after,
                    max_attempts=config.max_attempts,
                ),
                inline_wait=config.inline_wait,
            ),
            sleep=sleep,
        )
        self.deliverer = SlackDeliverer(self.sender)
        self.directory = SlackDirectory(self.sender, ttl=config.user_cache_seconds)
        self.bot_account: AccountRef | None = None
        self.bot_user_id: str | None = None
        self.port: int | None = None
        self._slash: dict[str, SlashInvocation] = {}
        self._direct_channels: dict[str, str] = {}
        self._http: aiohttp.ClientSession | None = None
        self._transport: Any = None
        self._started = False
        self._inflight = 0
        self._idle = asyncio.Event()
        self._idle.set()
        # Submitted forms whose answer Slack is waiting for, by delivery id.
        self._form_answers: dict[str, asyncio.Future[dict[str, str] | None]] = {}

    # --- lifecycle ---------------------------------------------------------------------------
    async def start(self, dispatch: Dispatch) -> None:
        """Connect, then return; events flow to ``dispatch`` in the background until stop."""
        try:
            me = await self.sender.call("auth.test", {})
        except SlackCallError as exc:
            raise ConfigError(
                "[slack]", [("slack.bot_token", f"Slack refused the token ({exc.error})")]
            ) from None
        self.bot_user_id = str(me.get("user_id") or "") or None
        self.bot_account = AccountRef(PLATFORM, self.bot_user_id or "", "Vraagbaak")
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        # Messages waiting from before (also from a process that ended) go out first.
        self.services.outbox.register(self.deliverer)
        self.services.outbox.start(self.config.outbox_interval)
        app = build_app(self, dispatch)
        self._transport = await start_transport(self, app)
        self._started = True
        log.info("slack adapter started", transport=self.config.transport, port=self.port)

    async def stop(self) -> None:
        self._started = False
        self.services.inbox.detach(PLATFORM)
        if self._transport is not None:
            await self._transport.stop()
            self._transport = None
        if not await self.wait_idle(10.0):
            log.warning("slack adapter stopped with work in progress", count=self._inflight)
        self.services.outbox.unregister(CHANNEL)
        if self._http is not None:
            await self._http.close()
            self._http = None

    @contextlib.contextmanager
    def busy(self) -> Iterator[None]:
        """Marks work in progress, so stop (and tests) can wait for it to finish."""
        self.hold()
        try:
            yield
        finally:
            self.release()

    def hold(self) -> None:
        self._inflight += 1
        self._idle.clear()

    def release(self) -> None:
        self._inflight -= 1
        if self._inflight == 0:
            self._idle.set()

    async def wait_idle(self, within: float = 10.0) -> bool:
        try:
            await asyncio.wait_for(self._idle.wait(), within)
        except TimeoutError:
            return False
        return True

    def healthy(self) -> bool:
        return self._started and self._transport is not None and self._transport.connected()

    # --- outgoing ----------------------------------------------------------------------------
    def mention(self, account: AccountRef) -> str:
        if account.platform == PLATFORM and _USER_ID.fullmatch(account.external_id):
            return bot_mention(f"<@{account.external_id}>")
        return inert(f"@{account.display_name or account.external_id}")

    async def post(
        self, conversation: ConversationRef, text: str, *, thread_id: str | None = None
    ) -> MessageRef:
        return await self.post_with_blocks(conversation, text, thread_id=thread_id)

    async def post_with_blocks(
        self,
        conversation: ConversationRef,
        text: str,
        *,
        thread_id: str | None = None,
        extra_blocks: list[dict[str, Any]] | None = None,
    ) -> MessageRef:
        """``post``, with Block Kit elements (buttons) after the text."""
        if conversation.external_id.startswith(SLASH_PREFIX):
            return await self._answer_slash(conversation, text)
        mrkdwn = to_mrkdwn(text)
        args: dict[str, Any] = {
            "channel": conversation.external_id,
            "text": mrkdwn,
            "blocks": message_blocks(mrkdwn) + list(extra_blocks or ()),
            "unfurl_links": False,
        }
        if thread_id:
            args["thread_ts"] = thread_id
        result = await self._send("chat.postMessage", args)
        channel = result.get("channel")
        if isinstance(channel, str) and channel and channel != conversation.external_id:
            # Posted by name ("#omgevingswet"): Slack answers with the channel's id, which is
            # what its events will carry, so that is the conversation the message lives in.
            conversation = ConversationRef(
                PLATFORM, channel, conversation.name, is_direct=conversation.is_direct
            )
        return MessageRef(conversation, str(result.get("ts") or ""), thread_id)

    async def _send(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        """Through the outbox: Slack's answer, or (when it must wait) the provisional id the
        message is known by until Slack takes it."""
        provisional = new_provisional_id()
        payload = {"method": method, "args": args, "provisional_id": provisional}
        outcome = await self.services.outbox.send(CHANNEL, payload)
        if isinstance(outcome, Delivered):
            return outcome.result
        # Waiting: known by the provisional id of the row that waits (an earlier one's, when
        # this post was asked for before under the same key).
        waiting = str(outcome.payload.get("provisional_id") or provisional)
        return {"ts": waiting, "message_ts": waiting}

    async def reply(self, to: MessageRef, text: str, *, in_thread: bool = True) -> MessageRef:
        thread_id = (to.thread_id or to.message_id) if in_thread else None
        return await self.post(to.conversation, text, thread_id=thread_id)

    async def members(self, conversation: ConversationRef) -> list[AccountRef]:
        """``conversations.members`` (paged, at most :data:`MAX_MEMBERS`), each with the
        verified e-mail address from the directory."""
        if conversation.is_direct or conversation.external_id.startswith(SLASH_PREFIX):
            return []
        ids: list[str] = []
        cursor = ""
        while len(ids) < MAX_MEMBERS:
            args: dict[str, Any] = {"channel": conversation.external_id, "limit": 200}
            if cursor:
                args["cursor"] = cursor
            data = await self.sender.call("conversations.members", args, verb="GET")
            ids.extend(str(m) for m in data.get("members") or [])
            cursor = str((data.get("response_metadata") or {}).get("next_cursor") or "")
            if not cursor:
                break
        own = self.bot_account.external_id if self.bot_account else None
        found: list[AccountRef] = []
        for user_id in ids[:MAX_MEMBERS]:
            if user_id == own:
                continue
            user = await self.directory.user(user_id)
            if not user.is_bot:
                found.append(AccountRef(PLATFORM, user.id, user.name, user.email))
        return found

    async def send_direct(self, account: AccountRef, text: str) -> MessageRef:
        return await self.post(await self.direct_conversation(account), text)

    async def direct_conversation(self, account: AccountRef) -> ConversationRef:
        channel = await self._direct_channel(account.external_id)
        return ConversationRef(PLATFORM, channel, "", is_direct=True)

    async def send_private(self, near: MessageRef, account: AccountRef, text: str) -> MessageRef:
        conversation = near.conversation
        if conversation.external_id.startswith(SLASH_PREFIX):
            return await self._answer_slash(conversation, text)
        if conversation.is_direct:
            return await self.post(conversation, text)
        return await self.ephemeral(conversation, account.external_id, text, near.thread_id)

    async def ephemeral(
        self, conversation: ConversationRef, user_id: str, text: str, thread_id: str | None = None
    ) -> MessageRef:
        """``chat.postEphemeral``; where the bot cannot post (not a member), a DM instead."""
        mrkdwn = to_mrkdwn(text)
        args: dict[str, Any] = {
            "channel": conversation.external_id,
            "user": user_id,
            "text": mrkdwn,
            "blocks": message_blocks(mrkdwn),
        }
        if thread_id:
            args["thread_ts"] = thread_id
        try:
            result = await self._send("chat.postEphemeral", args)
        except SlackCallError as exc:
            log.info("ephemeral refused, sending a direct message", error=exc.error)
            return await self.send_direct(AccountRef(PLATFORM, user_id), text)
        return MessageRef(conversation, str(result.get("message_ts") or ""), thread_id)

    async def edit(self, message: MessageRef, text: str) -> None:
        """``chat.update`` of the bot's own message (its ``ts``)."""
        mrkdwn = to_mrkdwn(text)
        await self.sender.call(
            "chat.update",
            {
                "channel": message.conversation.external_id,
                "ts": message.message_id,
                "text": mrkdwn,
                "blocks": message_blocks(mrkdwn),
            },
        )

    async def react(self, to: MessageRef, key: str) -> None:
        try:
            await self.sender.call(
                "reactions.add",
                {
                    "channel": to.conversation.external_id,
                    "timestamp": to.message_id,
                    "name": reaction_name(key),
                },
            )
        except SlackCallError as exc:
            if exc.error != "already_reacted":
                raise

    async def upload(
        self, conversation: ConversationRef, attachment: Attachment, *, thread_id: str | None = None
    ) -> MessageRef:
        args: dict[str, Any] = {
            "channel": conversation.external_id,
            "filename": strip_controls(attachment.filename),
            "content": attachment.data,
        }
        if thread_id:
            args["thread_ts"] = thread_id
        response = await self.client.files_upload_v2(**args)
        files = response.get("files") or [{}]
        return MessageRef(conversation, str(files[0].get("id") or ""), thread_id)

    # --- views (bot/core/views.py) ----------------------------------------------------------
    async def open_form(self, event: ShortcutEvent, form: Form) -> None:
        await self.sender.call(
            "views.open", {"trigger_id": event.reply_handle, "view": form_view(form)}
        )

    def await_form_answer(self, delivery_id: str) -> asyncio.Future[dict[str, str] | None]:
        answer: asyncio.Future[dict[str, str] | None] = asyncio.get_running_loop().create_future()
        self._form_answers[delivery_id] = answer
        return answer

    def form_answer_given(
        self, delivery_id: str, answer: asyncio.Future[dict[str, str] | None]
    ) -> dict[str, str] | None:
        """The errors to keep the form open with (``None``: close it); from now on it is too
        late to keep it open."""
        self._form_answers.pop(delivery_id, None)
        return answer.result() if answer.done() else None

    async def keep_form_open(self, event: FormSubmitted, errors: Mapping[str, str]) -> bool:
        answer = self._form_answers.get(event.reply_handle)
        if answer is None or answer.done():
            return False
        answer.set_result(dict(errors))  # the form's block ids are its field names
        return True

    async def show_home(self, event: HomeOpened, home: HomeView) -> None:
        await self.sender.call(
            "views.publish", {"user_id": event.sender.external_id, "view": home_view(home)}
        )

    async def send_direct_with_link(self, account: AccountRef, text: str, link: Link) -> None:
        await self.post_with_blocks(
            await self.direct_conversation(account), text, extra_blocks=link_blocks(link)
        )

    def conversation_label(self, conversation: ConversationRef) -> str:
        channel = conversation.external_id
        if channel[:1] in ("C", "G") and channel[1:].isalnum() and channel.isupper():
            return bot_mention(f"<#{channel}>")
        return inert(f"#{conversation.name.lstrip('#') or channel}")

    # --- slash commands ----------------------------------------------------------------------
    def slash_conversation(self, invocation: SlashInvocation, command: str) -> ConversationRef:
        """Slash commands have no message to thread under; their answers are ephemeral,
        so the core sees them in a private conversation of the caller."""
        conversation = ConversationRef(
            PLATFORM, f"{SLASH_PREFIX}{invocation.user_id}", command, is_direct=True
        )
        self._slash[conversation.external_id] = invocation
        return conversation

    async def _answer_slash(self, conversation: ConversationRef, text: str) -> MessageRef:
        invocation = self._slash.get(conversation.external_id)
        user_id = conversation.external_id.removeprefix(SLASH_PREFIX)
        if invocation is None:
            return await self.send_direct(AccountRef(PLATFORM, user_id), text)
        channel = ConversationRef(PLATFORM, invocation.channel_id)
        mrkdwn = to_mrkdwn(text)
        try:
            result = await self.sender.call(
                "chat.postEphemeral",
                {
                    "channel": invocation.channel_id,
                    "user": user_id,
                    "text": mrkdwn,
                    "blocks": message_blocks(mrkdwn),
                },
            )
            return MessageRef(channel, str(result.get("message_ts") or ""))
        except (SlackCallError, SlackUnavailableError) as exc:
            # Not a member of that channel (a DM between two people, say): the response_url
            # Slack gave with the command works everywhere for half an hour.
            log.info("slash answer via response_url", reason=str(exc))
        if invocation.response_url and await self._post_response_url(
            invocation.response_url, mrkdwn
        ):
            return MessageRef(channel, "")
        return await self.send_direct(AccountRef(PLATFORM, user_id), text)

    async def _post_response_url(self, url: str, mrkdwn: str) -> bool:
        assert self._http is not None
        payload = {"response_type": "ephemeral", "text": mrkdwn, "blocks": message_blocks(mrkdwn)}
        for attempt in range(1, self.config.max_attempts + 1):
            try:
                async with self._http.post(url, json=payload) as response:
                    if response.status < 300:
                        return True
                    if response.status != 429 and response.status < 500:
                        return False
            except (aiohttp.ClientError, TimeoutError):
                pass
            await asyncio.sleep(self.sender.policy.backoff.seconds(attempt))
        return False

    # --- helpers -----------------------------------------------------------------------------
    async def _direct_channel(self, user_id: str) -> str:
        cached = self._direct_channels.get(user_id)
        if cached:
            return cached
        data = await self.sender.call("conversations.open", {"users": user_id})
        channel = str((data.get("channel") or {}).get("id") or "")
        self._direct_channels[user_id] = channel
        return channel
