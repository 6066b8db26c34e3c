"""A terminal chat: try the whole bot with no server.

Lines are messages in the current room. ``/as NAME`` speaks as someone else, ``/in #group``
changes room, ``/reply N text`` answers in the thread of message N, ``/react N ✅`` reacts,
``/dm text`` talks to the bot privately, ``/people`` and ``/rooms`` list what exists.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from rapidfuzz import fuzz, process

from bot.adapters.base import Dispatch
from bot.core.events import (
    AccountRef,
    Attachment,
    ConversationRef,
    MessageEvent,
    MessageRef,
    ReactionEvent,
)
from bot.core.inert import inert, strip_controls, unescape

PLATFORM = "console"
BOT_ID = "vraagbaak"

# Asked before someone enters or posts in a room: a refusal to print, or ``None`` (the core's
# visibility policy decides; the console only asks).
Guard = Callable[[AccountRef, ConversationRef], Awaitable[str | None]]


@dataclass(frozen=True)
class ConsolePerson:
    name: str
    email: str


@dataclass
class _Posted:
    conversation: ConversationRef
    thread_id: str | None
    author: str
    external_id: str


@dataclass
class ConsoleAdapter:
    people: Sequence[ConsolePerson]
    rooms: Sequence[str]
    output: TextIO = field(default_factory=lambda: sys.stdout)
    platform: str = PLATFORM
    bot_account: AccountRef | None = field(
        default_factory=lambda: AccountRef(PLATFORM, BOT_ID, "Vraagbaak")
    )
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _posted: dict[str, _Posted] = field(default_factory=dict)
    # Message ids must stay unique across runs on one database; people see and type only the
    # number after the dot.
    _run: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    _stopped: asyncio.Event = field(default_factory=asyncio.Event)
    speaker: ConsolePerson | None = None
    room: str = ""
    on_line: Callable[[str], None] | None = None
    guard: Guard | None = None
    _output_closed: bool = False

    def __post_init__(self) -> None:
        self.speaker = self.speaker or (self.people[0] if self.people else None)
        self.room = self.room or (self.rooms[0] if self.rooms else "algemeen")

    # --- input -------------------------------------------------------------------------------
    async def start(self, dispatch: Dispatch) -> None:
        self._print(
            f"Vraagbaak demo — je bent {self._speaker_label()} in #{self.room}. "
            "Typ !hulp, of /help voor de demo-commando's."
        )
        loop = asyncio.get_running_loop()
        while not self._stopped.is_set():
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line:
                break
            await self.handle_line(line.rstrip("\n"), dispatch)

    async def handle_line(self, line: str, dispatch: Dispatch) -> None:
        text = line.strip()
        if not text:
            return
        if text.startswith("/"):
            await self._console_command(text, dispatch)
            return
        if not await self._refused(self._conversation(self.room)):
            await self._say(text, self._conversation(self.room), None, dispatch)

    async def _refused(self, conversation: ConversationRef) -> bool:
        """Ask the guard; print its refusal (why, in the person's language)."""
        if self.guard is None or conversation.is_direct or self.speaker is None:
            return False
        refusal = await self.guard(self._sender(), conversation)
        if refusal is not None:
            self._print(f"({refusal})")
        return refusal is not None

    async def _move_to_allowed_room(self) -> None:
        for room in self.rooms:
            assert self.guard is not None
            if await self.guard(self._sender(), self._conversation(room)) is None:
                self.room = room
                self._print(f"(je bent nu in #{room})")
                return
        self._print("(er is geen ruimte met je gedeeld; /dm tekst praat met Vraagbaak)")

    async def _console_command(self, text: str, dispatch: Dispatch) -> None:
        name, _, rest = text[1:].partition(" ")
        rest = rest.strip()
        if name == "as":
            person = self._find_person(rest)
            if person is None:
                self._print(f"(niemand gevonden met de naam {rest!r}; /people toont wie er is)")
            else:
                self.speaker = person
                self._print(f"(je bent nu {self._speaker_label()})")
                if await self._refused(self._conversation(self.room)):
                    await self._move_to_allowed_room()
        elif name == "in":
            room = rest.lstrip("#")
            if room not in self.rooms:
                self._print(f"(onbekende ruimte #{room}; /rooms toont ze)")
            elif not await self._refused(self._conversation(room)):
                self.room = room
                self._print(f"(je bent nu in #{room})")
        elif name == "reply":
            number, _, message = rest.partition(" ")
            posted = self._posted.get(number)
            if posted is None or not message:
                self._print("(gebruik: /reply NUMMER tekst)")
                return
            thread = posted.thread_id or posted.external_id
            if not await self._refused(posted.conversation):
                await self._say(message, posted.conversation, thread, dispatch)
        elif name == "react":
            number, _, key = rest.partition(" ")
            posted = self._posted.get(number)
            if posted is None or not key:
                self._print("(gebruik: /react NUMMER ✅)")
                return
            if await self._refused(posted.conversation):
                return
            self._print(f"    ({self._speaker_name()} reageert met {key} op [{number}])")
            await dispatch(
                ReactionEvent(
                    posted.conversation,
                    posted.external_id,
                    self._sender(),
                    key.strip(),
                    thread_id=posted.thread_id,
                )
            )
        elif name == "dm":
            conversation = ConversationRef(
                PLATFORM, f"dm:{self._sender().external_id}", "direct", is_direct=True
            )
            await self._say(rest, conversation, None, dispatch)
        elif name == "people":
            for person in self.people:
                self._print(f"  {person.name} <{person.email}>")
        elif name == "rooms":
            self._print("  " + " ".join(f"#{room}" for room in self.rooms))
        elif name in ("quit", "exit"):
            self._stopped.set()
        else:
            self._print(
                "(demo-commando's: /as NAAM, /in #groep, /reply N tekst, /react N ✅, "
                "/dm tekst, /people, /rooms, /quit)"
            )

    async def _say(
        self, text: str, conversation: ConversationRef, thread_id: str | None, dispatch: Dispatch
    ) -> None:
        number, message_id = self._new_id()
        self._posted[number] = _Posted(conversation, thread_id, self._speaker_name(), message_id)
        self._render(number, conversation, thread_id, self._speaker_name(), text)
        mentions_bot = False
        lowered = text.lower()
        if lowered.startswith(("@vraagbaak", "vraagbaak:", "vraagbaak,")):
            mentions_bot = True
            text = text.split(maxsplit=1)[1] if " " in text else ""
        await dispatch(
            MessageEvent(
                conversation,
                message_id,
                self._sender(),
                text,
                thread_id=thread_id,
                mentions_bot=mentions_bot,
            )
        )

    # --- output ------------------------------------------------------------------------------
    async def stop(self) -> None:
        self._stopped.set()

    async def post(
        self, conversation: ConversationRef, text: str, *, thread_id: str | None = None
    ) -> MessageRef:
        number, message_id = self._new_id()
        self._posted[number] = _Posted(conversation, thread_id, "Vraagbaak", message_id)
        self._render(number, conversation, thread_id, "Vraagbaak", _terminal(text))
        return MessageRef(conversation, message_id, thread_id)

    async def reply(self, to: MessageRef, text: str, *, in_thread: bool = True) -> MessageRef:
        thread_id = (to.thread_id or to.message_id) if in_thread else None
        return await self.post(to.conversation, text, thread_id=thread_id)

    async def send_direct(self, account: AccountRef, text: str) -> MessageRef:
        conversation = ConversationRef(
            PLATFORM, f"dm:{account.external_id}", "direct", is_direct=True
        )
        number, message_id = self._new_id()
        self._posted[number] = _Posted(conversation, None, "Vraagbaak", message_id)
        self._print(
            f"[privé → {account.display_name or account.external_id}] [{number}] "
            f"Vraagbaak: {self._indent(_terminal(text), 2)}"
        )
        return MessageRef(conversation, message_id)

    async def send_private(self, near: MessageRef, account: AccountRef, text: str) -> MessageRef:
        return await self.send_direct(account, text)

    async def edit(self, message: MessageRef, text: str) -> None:
        number = message.message_id.rpartition(".")[2]
        posted = self._posted.get(number)
        thread_id = posted.thread_id if posted else message.thread_id
        self._render(
            f"{number} bewerkt", message.conversation, thread_id, "Vraagbaak", _terminal(text)
        )

    async def react(self, to: MessageRef, key: str) -> None:
        self._print(f"    (Vraagbaak reageert met {key} op [{to.message_id.rpartition('.')[2]}])")

    async def upload(
        self, conversation: ConversationRef, attachment: Attachment, *, thread_id: str | None = None
    ) -> MessageRef:
        size = len(attachment.data)
        return await self.post(
            conversation, f"📎 {attachment.filename} ({size} bytes)", thread_id=thread_id
        )

    def mention(self, account: AccountRef) -> str:
        return inert(f"@{account.display_name or account.external_id}")

    # --- helpers -----------------------------------------------------------------------------
    def _new_id(self) -> tuple[str, str]:
        number = str(next(self._ids))
        return number, f"{self._run}.{number}"

    def _conversation(self, room: str) -> ConversationRef:
        return ConversationRef(PLATFORM, room, f"#{room}")

    def _sender(self) -> AccountRef:
        assert self.speaker is not None
        return AccountRef(PLATFORM, self.speaker.email, self.speaker.name, self.speaker.email)

    def _speaker_name(self) -> str:
        return self.speaker.name if self.speaker else "?"

    def _speaker_label(self) -> str:
        return f"{self.speaker.name} <{self.speaker.email}>" if self.speaker else "?"

    def _find_person(self, query: str) -> ConsolePerson | None:
        if not query:
            return None
        names = [p.name for p in self.people] + [p.email for p in self.people]
        best = process.extractOne(query, names, scorer=fuzz.WRatio, score_cutoff=70)
        if best is None:
            return None
        index = best[2] % len(self.people)
        return self.people[index]

    def _render(
        self,
        message_id: str,
        conversation: ConversationRef,
        thread_id: str | None,
        author: str,
        text: str,
    ) -> None:
        where = "[privé]" if conversation.is_direct else f"[#{conversation.external_id}]"
        if thread_id is None:
            self._print(f"{where} [{message_id}] {author}: {self._indent(text, 2)}")
        else:
            self._print(f"    ↳ [{message_id}] {author}: {self._indent(text, 6)}")

    @staticmethod
    def _indent(text: str, width: int) -> str:
        return text.replace("\n", "\n" + " " * width)

    def _print(self, line: str) -> None:
        if self._stopped.is_set() and self._output_closed:
            return
        # Whatever the line holds (a mail subject, a name), no terminal escape sequence
        # reaches the terminal (issue 11).
        line = strip_controls(line)
        try:
            print(line, file=self.output, flush=True)
        except BrokenPipeError:
            # The reader went away (``vraagbaak demo | head``): stop quietly.
            self._output_closed = True
            self._stopped.set()
            return
        if self.on_line is not None:
            self.on_line(line)


def _terminal(markdown: str) -> str:
    """The bot's Markdown as terminal text: escapes resolved, control characters gone."""
    return unescape(strip_controls(markdown))
