"""An adapter that records what the bot says, for handler tests (fake at the transport)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from bot.adapters.base import Dispatch
from bot.core.events import AccountRef, Attachment, ConversationRef, MessageEvent, MessageRef


@dataclass
class Sent:
    kind: str
    conversation: ConversationRef | None
    text: str
    thread_id: str | None = None
    to: AccountRef | None = None
    message_id: str = ""


@dataclass
class RecordingAdapter:
    platform: str = "test"
    bot_account: AccountRef | None = field(
        default_factory=lambda: AccountRef("test", "bot", "Vraagbaak")
    )
    sent: list[Sent] = field(default_factory=list)
    reactions: list[tuple[str, str]] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))
    files: list[Attachment] = field(default_factory=list)  # what was uploaded, with its data

    async def start(self, dispatch: Dispatch) -> None:
        return None

    async def stop(self) -> None:
        return None

    def _record(
        self,
        kind: str,
        conversation: ConversationRef | None,
        text: str,
        thread_id: str | None = None,
        to: AccountRef | None = None,
    ) -> MessageRef:
        message_id = f"b{next(self._ids)}"
        self.sent.append(Sent(kind, conversation, text, thread_id, to, message_id))
        conv = conversation or ConversationRef(
            self.platform, f"dm:{to.external_id if to else ''}", is_direct=True
        )
        return MessageRef(conv, message_id, thread_id)

    async def post(
        self, conversation: ConversationRef, text: str, *, thread_id: str | None = None
    ) -> MessageRef:
        return self._record("post", conversation, text, thread_id)

    async def reply(self, to: MessageRef, text: str, *, in_thread: bool = True) -> MessageRef:
        thread = (to.thread_id or to.message_id) if in_thread else None
        return self._record("reply", to.conversation, text, thread)

    async def send_direct(self, account: AccountRef, text: str) -> MessageRef:
        return self._record("direct", None, text, to=account)

    async def send_private(self, near: MessageRef, account: AccountRef, text: str) -> MessageRef:
        return self._record("private", near.conversation, text, to=account)

    async def edit(self, message: MessageRef, text: str) -> None:
        """Recorded as an ``edit`` whose ``message_id`` is the message edited; that message's
        recorded text changes too (what a reader of the thread now sees)."""
        self.sent.append(
            Sent("edit", message.conversation, text, message.thread_id, None, message.message_id)
        )
        for item in self.sent:
            if item.kind != "edit" and item.message_id == message.message_id:
                item.text = text

    def now_showing(self, message_id: str) -> str:
        """The text of a posted message as it reads now (after edits)."""
        return next(s.text for s in self.sent if s.kind != "edit" and s.message_id == message_id)

    async def react(self, to: MessageRef, key: str) -> None:
        self.reactions.append((to.message_id, key))

    async def upload(
        self, conversation: ConversationRef, attachment: Attachment, *, thread_id: str | None = None
    ) -> MessageRef:
        self.files.append(attachment)
        return self._record("upload", conversation, attachment.filename, thread_id)

    def mention(self, account: AccountRef) -> str:
        return f"@{account.external_id}"

    @property
    def texts(self) -> list[str]:
        return [item.text for item in self.sent]


_counter = itertools.count(1)


def room(name: str = "sociaal-domein", platform: str = "test") -> ConversationRef:
    return ConversationRef(platform, name, f"#{name}")


def person(email: str, name: str = "", platform: str = "test") -> AccountRef:
    return AccountRef(platform, email, name or email.split("@")[0], email)


def message(
    text: str,
    sender: AccountRef,
    conversation: ConversationRef | None = None,
    *,
    thread_id: str | None = None,
    mentions_bot: bool = False,
    message_id: str | None = None,
) -> MessageEvent:
    return MessageEvent(
        conversation or room(),
        message_id or f"m{next(_counter)}",
        sender,
        text,
        thread_id=thread_id,
        mentions_bot=mentions_bot,
    )
