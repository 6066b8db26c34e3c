"""HTML mail bodies to clean Markdown (markdownify), with the clutter of mail clients removed."""

from __future__ import annotations

import re

_DROP_BLOCKS = re.compile(
    r"<(style|script|head|title|xml)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<!\[if[^>]*\]>.*?<!\[endif\]>",
    re.IGNORECASE | re.DOTALL,
)
_OFFICE_TAGS = re.compile(r"</?o:p>|</?(?:v|w|m|o):[^>]*>", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*){2,}")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_NBSP = re.compile(r"[\u00a0\u200b\ufeff]")
_MAX_HTML = 1_000_000
# markdownify walks the parsed tree recursively (RecursionError past ~1,000 levels, quadratic
# time in the nesting depth, ~0.1 ms a tag): past this many tags the text is taken by a
# linear tag strip instead. A real mail body has a few thousand at most.
_MAX_TAGS = 6000
_TAG = re.compile(r"<[^<>]{0,2000}>")
_BLOCK_END = re.compile(r"</?(?:p|div|br|li|tr|h[1-6]|table|blockquote)\b[^<>]{0,2000}>", re.I)


def html_to_markdown(html: str) -> str:
    """Convert an HTML body to Markdown; never raises on odd markup."""
    from markdownify import markdownify

    html = html[:_MAX_HTML]
    html = _DROP_BLOCKS.sub("", html)
    html = _OFFICE_TAGS.sub("", html)
    # Outlook wraps each line in <p class=MsoNormal>; an empty paragraph is a blank line.
    html = re.sub(r"<p[^>]*>\s*(?:&nbsp;|\s)*</p>", "<br>", html, flags=re.IGNORECASE)
    if html.count("<") > _MAX_TAGS:
        return _strip_tags(html)
    try:
        text = markdownify(
            html,
            heading_style="ATX",
            bullets="-",
            strip=["img", "span", "font"],
            escape_asterisks=False,
            escape_underscores=False,
            escape_misc=False,
        )
    except (Exception, RecursionError):  # a hostile document: fall back to dropping tags
        return _strip_tags(html)
    text = _NBSP.sub(" ", str(text))
    text = _TRAILING_SPACE.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip() + "\n"


def _strip_tags(html: str) -> str:
    """Text of an HTML body in one linear pass: block ends become line breaks."""
    from html import unescape

    text = _BLOCK_END.sub("\n", html)
    text = unescape(_TAG.sub("", text))
    text = _NBSP.sub(" ", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip() + "\n"
