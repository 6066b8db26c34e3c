"""Attachments stay with the stored mail (issue 12): the thread says how many there are, and
the forwarder or a moderator releases one at a time. A released file goes out under its
redacted name; a text-like file is redacted like the body, other files as they are (the person
who releases it has seen it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal

from bot.core.events import Attachment
from bot.mail.understand import Understanding

_TEXT_SUFFIXES = frozenset({".txt", ".csv", ".tsv", ".md", ".json", ".xml", ".html", ".htm", ".ics",
                            ".vcf", ".log", ".eml"})  # fmt: skip
MAX_TEXT_BYTES = 1_000_000


@dataclass(frozen=True)
class Released:
    attachment: Attachment
    redactions: dict[str, int]


def is_text_like(filename: str, content_type: str) -> bool:
    suffix = PurePosixPath(filename.lower()).suffix
    ctype = content_type.lower()
    return ctype.startswith("text/") or suffix in _TEXT_SUFFIXES or ctype in (
        "application/json", "application/xml", "application/csv",
    )  # fmt: skip


def _decode(data: bytes) -> str:
    for charset in ("utf-8", "cp1252"):
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1", errors="replace")


def release(
    understood: Understanding, number: int, language: Literal["nl", "en"]
) -> Released | None:
    """Attachment ``number`` (from 1) of the understood mail, ready to post; None if there is
    no such attachment."""
    kept = understood.attachments.kept
    if not 1 <= number <= len(kept):
        return None
    file = kept[number - 1]
    name = understood.attachment_names[number - 1]
    counts: dict[str, int] = {}
    data = file.data
    if is_text_like(file.filename, file.content_type):
        text = _decode(data[:MAX_TEXT_BYTES])
        redacted = understood.redactor.redact(text, language)
        counts = dict(redacted.counts)
        data = redacted.text.encode("utf-8")
    return Released(Attachment(name, file.content_type, data), counts)
