"""The core's Markdown rendered as Slack mrkdwn (pure).

Slack's markup differs from Markdown: ``*bold*``, ``_italic_``, ``~strike~``, ``<url|label>``
links, no headings or bullet syntax, and ``&``, ``<``, ``>`` must be escaped. The only
``<@U…>``/``<#C…>`` tokens left live are the ones the adapter built and marked
(:func:`bot.core.inert.bot_mention`); a ``<!channel>``, ``<!here>``, ``<!everyone>`` or
``<!subteam^…>`` never is, whoever wrote it (issue 11). Markdown's backslash escapes, which
:func:`bot.core.inert.inert` puts before untrusted text's markup, come out as literal characters.
"""

from __future__ import annotations

import re

from bot.core.inert import MENTION_CLOSE, MENTION_OPEN, deceptive_label, without_controls

# One pass, leftmost first, so an escaped backtick opens no code span (CommonMark §6.1).
_PROTECTED = re.compile(
    r"(?P<block>```.*?```)"
    r"|(?P<span>`[^`\n]+`)"
    r"|\\(?P<escaped>[!-/:-@\[-`{-~])"
    rf"|{MENTION_OPEN}(?P<mention><(?:@[UW]|#[CG])[A-Z0-9]+>){MENTION_CLOSE}",
    re.DOTALL,
)
_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+|mailto:[^)\s]+)\)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_ITALIC_STAR = re.compile(r"(?<![*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*\w])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_BULLET = re.compile(r"^(\s*)[-*+]\s+", re.MULTILINE)
_QUOTE = re.compile(r"^&gt; ?", re.MULTILINE)

# Private-use characters mark protected pieces; they never occur in real text.
_MARK = "\ue000"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _link(label: str, url: str) -> str:
    """A Markdown link as Slack's ``<url|label>``. The URL is escaped so it cannot close the
    token early; a label that reads as another address is replaced by the real one."""
    if deceptive_label(label, url):
        label = url
    return f"<{_escape(url).replace('|', '%7C')}|{_escape(label).replace('|', '¦')}>"


def _unmarked(markdown: str) -> str:
    """The text with this module's own mark removed: it only ever stands for a kept piece."""
    return markdown.replace(_MARK, "")


def to_mrkdwn(markdown: str) -> str:
    kept: list[str] = []

    def keep(piece: str) -> str:
        kept.append(piece)
        return f"{_MARK}{len(kept) - 1}{_MARK}"

    def protect(found: re.Match[str]) -> str:
        if found.group("mention") is not None:
            return keep(found.group("mention"))
        if found.group("escaped") is not None:
            return keep(_escape(found.group("escaped")))
        return keep(_escape(found.group(0)))

    text = _PROTECTED.sub(protect, without_controls(_unmarked(markdown)))
    text = text.replace(MENTION_OPEN, "").replace(MENTION_CLOSE, "")
    text = _LINK.sub(lambda m: keep(_link(m.group(1), m.group(2))), text)
    text = _escape(text)
    # Italic first, so the single stars it leaves are not confused with bold's double ones.
    text = _ITALIC_STAR.sub(lambda m: f"_{m.group(1)}_", text)
    text = _BOLD.sub(lambda m: keep(f"*{m.group(1) or m.group(2)}*"), text)
    text = _STRIKE.sub(lambda m: f"~{m.group(1)}~", text)
    text = _HEADING.sub(lambda m: keep(f"*{m.group(1)}*"), text)
    text = _BULLET.sub(lambda m: f"{m.group(1)}• ", text)
    text = _QUOTE.sub(lambda m: keep("> "), text)
    restore = re.compile(f"{_MARK}(\\d+){_MARK}")
    while restore.search(text):
        text = restore.sub(lambda m: kept[int(m.group(1))], text)
    return text
