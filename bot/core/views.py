"""Platform-neutral view models: what a handler shows besides plain messages — a form to fill
in, a person's own page, a link to a message. Texts are in the reader's language already;
each adapter renders them its own way (Slack: a modal, the App Home tab, a button) and shows
untrusted parts (topics, names, questions) inert."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from bot.core.events import MessageRef


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class ChoiceField:
    name: str
    label: str
    choices: tuple[Choice, ...]
    chosen: str | None = None


@dataclass(frozen=True)
class TextField:
    name: str
    label: str
    value: str = ""
    hint: str = ""
    multiline: bool = False


FormField = ChoiceField | TextField


@dataclass(frozen=True)
class Form:
    """A form; sent back as :class:`bot.core.events.FormSubmitted` with the same ``name``."""

    name: str
    title: str
    submit: str
    cancel: str
    fields: tuple[FormField, ...]
    # Carried through the platform and back with the submission (ids, never secrets).
    context: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Link:
    """A button or link to a message (a thread) on the platform."""

    label: str
    target: MessageRef


@dataclass(frozen=True)
class HomeQuestion:
    asked_at: datetime
    group_name: str
    status: str
    text: str
    thread: MessageRef | None


@dataclass(frozen=True)
class HomeView:
    """A person's own page: their skills, settings and recent questions (only for them)."""

    title: str
    skills_heading: str
    skills: tuple[str, ...]
    no_skills: str
    settings_heading: str
    settings: tuple[str, ...]
    questions_heading: str
    questions: tuple[HomeQuestion, ...]
    no_questions: str
    open_label: str
