"""What a handler gets: the event, who sent it, the database session and one way to answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.adapters.base import Adapter, Interactive
from bot.core.events import FormSubmitted, Interaction, MessageEvent, MessageRef
from bot.core.i18n import Lang, t
from bot.dispatch.services import Services
from bot.people.visibility import Audience, audience_of_channel
from bot.storage.models import Channel, Message, Person, Role

_ROLE_ORDER = {Role.MEMBER: 0, Role.COMMUNITY_MANAGER: 1, Role.ADMIN: 2}


def has_role(person: Person, needed: Role) -> bool:
    return _ROLE_ORDER[person.role] >= _ROLE_ORDER[needed]


@dataclass
class EventContext:
    services: Services
    adapter: Adapter
    session: AsyncSession
    # The stored row of the chat message being handled, when the dispatcher stored or found
    # it (not for direct conversations, which are not recorded).
    message: Message | None = field(default=None, kw_only=True)


@dataclass
class CommandContext(EventContext):
    event: MessageEvent
    person: Person
    channel: Channel
    language: Lang

    _audience: Audience | None = field(default=None, init=False, repr=False)

    def t(self, key: str, **values: object) -> str:
        return t(self.language, key, **values)

    async def audience(self) -> Audience:
        """Everyone who reads an answer here (issue 13): the sender in a direct conversation,
        else the channel's members as the platform lists them. Worked out once per event."""
        if self._audience is None:
            await self.services.members.refresh(
                self.services, self.session, self.event.conversation, self.channel
            )
            self._audience = await audience_of_channel(self.session, self.channel, self.person_id)
        return self._audience

    async def respond(self, text: str, *, in_thread: bool = True) -> MessageRef:
        """Answer in Markdown: in the message's thread (default), or as a plain reply."""
        if self.event.is_direct:
            return await self.adapter.post(self.event.conversation, text)
        return await self.adapter.reply(self.event.ref, text, in_thread=in_thread)

    async def respond_private(self, text: str) -> MessageRef:
        """Only the sender sees this (ephemeral where the platform has it, else a DM)."""
        return await self.adapter.send_private(self.event.ref, self.event.sender, text)

    @property
    def person_id(self) -> int:
        assert self.person.id is not None
        return self.person.id


@dataclass
class InteractionContext(EventContext):
    """What a handler of a shortcut, a submitted form or a person's own page gets: the
    answers go to that person only."""

    event: Interaction
    person: Person
    channel: Channel
    language: Lang

    def t(self, key: str, **values: object) -> str:
        return t(self.language, key, **values)

    async def respond(self, text: str) -> MessageRef:
        """A direct message to the person."""
        return await self.adapter.send_direct(self.event.sender, text)

    async def respond_private(self, text: str) -> MessageRef:
        """Only the person sees this, where they are (ephemeral where the platform has it)."""
        message_id = getattr(self.event, "message_id", None) or ""
        near = MessageRef(self.event.conversation, message_id)
        return await self.adapter.send_private(near, self.event.sender, text)

    async def reject_form(self, errors: Mapping[str, str]) -> None:
        """Keep the submitted form open with ``errors`` next to their fields; where that is
        too late, the person gets them in a direct message."""
        event = self.event
        assert isinstance(event, FormSubmitted)
        if isinstance(self.adapter, Interactive) and await self.adapter.keep_form_open(
            event, errors
        ):
            return
        await self.respond("\n".join(errors.values()))

    async def close_form(self) -> None:
        """The submitted form is fine: close it now, before the work it asks for is done."""
        event = self.event
        if isinstance(event, FormSubmitted) and isinstance(self.adapter, Interactive):
            await self.adapter.keep_form_open(event, {})

    @property
    def person_id(self) -> int:
        assert self.person.id is not None
        return self.person.id
