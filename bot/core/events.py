"""The core's own event types. Adapters translate platform payloads into these; handlers
never see an SDK object."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class AccountRef:
    """One account of a person on one platform (Slack user, Matrix user, e-mail address)."""

    platform: str
    external_id: str
    display_name: str = ""
    email: str | None = None


@dataclass(frozen=True, slots=True)
class ConversationRef:
    """A room, channel or direct conversation on one platform."""

    platform: str
    external_id: str
    name: str = ""
    is_direct: bool = False


@dataclass(frozen=True, slots=True)
class MessageRef:
    """Where a message lives: enough to reply to it, react to it or thread under it."""

    conversation: ConversationRef
    message_id: str
    thread_id: str | None = None
    link: str | None = None


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes = b""
    url: str | None = None


@dataclass(frozen=True, slots=True)
class MessageEvent:
    conversation: ConversationRef
    message_id: str
    sender: AccountRef
    text: str
    thread_id: str | None = None
    mentions_bot: bool = False
    mentioned: tuple[AccountRef, ...] = ()
    reply_to: str | None = None
    is_edit: bool = False
    attachments: tuple[Attachment, ...] = ()
    timestamp: datetime = field(default_factory=utcnow)
    # The platform's id for this delivery; a redelivery carries the same id and is skipped.
    delivery_id: str | None = None

    @property
    def is_direct(self) -> bool:
        return self.conversation.is_direct

    @property
    def ref(self) -> MessageRef:
        return MessageRef(self.conversation, self.message_id, self.thread_id)


@dataclass(frozen=True, slots=True)
class ReactionEvent:
    conversation: ConversationRef
    message_id: str
    sender: AccountRef
    key: str
    thread_id: str | None = None
    removed: bool = False
    timestamp: datetime = field(default_factory=utcnow)
    delivery_id: str | None = None


@dataclass(frozen=True, slots=True)
class JoinEvent:
    conversation: ConversationRef
    account: AccountRef
    timestamp: datetime = field(default_factory=utcnow)
    delivery_id: str | None = None


@dataclass(frozen=True, slots=True)
class ShortcutEvent:
    """Someone used one of the bot's actions on a message (Slack: a message shortcut)."""

    conversation: ConversationRef  # where the message is
    sender: AccountRef
    action: str  # which action: "publish_question"
    text: str  # the message's text
    message_id: str | None = None
    author: AccountRef | None = None  # who wrote the message
    # The platform's handle for answering with a form (Slack: the trigger_id); opaque.
    reply_handle: str = ""
    timestamp: datetime = field(default_factory=utcnow)
    delivery_id: str | None = None


@dataclass(frozen=True, slots=True)
class FormSubmitted:
    """A form the bot showed (bot/core/views.py), filled in and sent."""

    conversation: ConversationRef  # the sender's direct conversation with the bot
    sender: AccountRef
    form: str  # the form's name: "publish_question"
    values: Mapping[str, str]  # by field name
    context: Mapping[str, str]  # what the form carried from where it was opened
    # The platform's handle for keeping the form open with errors; opaque.
    reply_handle: str = ""
    timestamp: datetime = field(default_factory=utcnow)
    delivery_id: str | None = None


@dataclass(frozen=True, slots=True)
class HomeOpened:
    """Someone opened their own page of the bot (Slack: the App Home tab)."""

    conversation: ConversationRef  # the sender's direct conversation with the bot
    sender: AccountRef
    timestamp: datetime = field(default_factory=utcnow)
    delivery_id: str | None = None


Interaction = ShortcutEvent | FormSubmitted | HomeOpened
Event = MessageEvent | ReactionEvent | JoinEvent | ShortcutEvent | FormSubmitted | HomeOpened

ACCEPT_REACTIONS = frozenset({"✅", "white_check_mark", "✔️", "heavy_check_mark"})
POSITIVE_REACTIONS = frozenset({"👍", "+1", "thumbsup", "🙏", "pray", "❤️", "heart", "🎉", "tada"})
