"""The adapter protocol every platform implements."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Protocol, runtime_checkable

from bot.core.events import (
    AccountRef,
    Attachment,
    ConversationRef,
    Event,
    FormSubmitted,
    HomeOpened,
    MessageRef,
    ShortcutEvent,
)
from bot.core.views import Form, HomeView, Link

Dispatch = Callable[[Event], Awaitable[None]]


@runtime_checkable
class Adapter(Protocol):
    """Carries core events in and the core's replies out.

    Outgoing text is Markdown; each adapter renders it its own way (Matrix HTML and
    ``m.notice``, Slack mrkdwn, plain terminal text).
    """

    platform: str
    bot_account: AccountRef | None

    async def start(self, dispatch: Dispatch) -> None:
        """Connect and deliver events to ``dispatch`` until :meth:`stop`."""

    async def stop(self) -> None: ...

    async def post(
        self, conversation: ConversationRef, text: str, *, thread_id: str | None = None
    ) -> MessageRef:
        """Post in a conversation, or in a thread of it."""
        ...

    async def reply(self, to: MessageRef, text: str, *, in_thread: bool = True) -> MessageRef:
        """Answer a message: in its thread (default) or as a plain reply."""
        ...

    async def send_direct(self, account: AccountRef, text: str) -> MessageRef:
        """Send a direct message, in a direct conversation the adapter creates or reuses."""
        ...

    async def send_private(self, near: MessageRef, account: AccountRef, text: str) -> MessageRef:
        """Visible only to ``account``: ephemeral where the platform has it, else a DM."""
        ...

    async def edit(self, message: MessageRef, text: str) -> None:
        """Replace the text of a message the bot posted (a status line that moves on)."""
        ...

    async def react(self, to: MessageRef, key: str) -> None: ...

    async def upload(
        self, conversation: ConversationRef, attachment: Attachment, *, thread_id: str | None = None
    ) -> MessageRef: ...

    def mention(self, account: AccountRef) -> str:
        """How to mention this account in outgoing Markdown on this platform."""
        ...


@runtime_checkable
class MemberLister(Protocol):
    """An adapter that can say who is in a conversation now (issue 13: an answer is built for
    everyone who can read it, including members who never spoke)."""

    async def members(self, conversation: ConversationRef) -> list[AccountRef]:
        """The accounts in ``conversation`` (bots and the bot itself left out)."""
        ...


@runtime_checkable
class Interactive(Protocol):
    """An adapter that renders forms, a person's own page and links (bot/core/views.py)."""

    async def open_form(self, event: ShortcutEvent, form: Form) -> None:
        """Show ``form`` to whoever used the shortcut."""
        ...

    async def keep_form_open(self, event: FormSubmitted, errors: Mapping[str, str]) -> bool:
        """Keep the submitted form open with ``errors`` by field name (none: close it now);
        ``False`` when that is no longer possible (the platform's time to answer passed)."""
        ...

    async def show_home(self, event: HomeOpened, home: HomeView) -> None: ...

    async def send_direct_with_link(self, account: AccountRef, text: str, link: Link) -> None:
        """A direct message with a link to a message (a button where the platform has one)."""
        ...

    def conversation_label(self, conversation: ConversationRef) -> str:
        """How to name a conversation in outgoing Markdown (a live channel link on Slack)."""
        ...
