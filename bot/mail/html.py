"""HTML mail bodies to clean Markdown (markdownify), with the clutter of mail clients removed."""

from __future__ import annotations

import re

# Opening and closing markers of blocks that are no text; the blocks are cut by position
# (``_drop_blocks``), not by one ``.*?`` pattern, which rescans the rest of the document for
# every unclosed ``<style>`` (quadratic on hostile mail, issue 11).
_BLOCK_START = re.compile(
    r"<(style|script|head|title|xml)\b[^<>]{0,2000}>|<!--|<!\[if[^<>\]]{0,200}\]>", re.IGNORECASE
)
_OFFICE_TAGS = re.compile(r"</?o:p>|</?(?:v|w|m|o):[^<>]{0,2000}>", re.IGNORECASE)
_EMPTY_PARAGRAPH = re.compile(r"<p[^<>]{0,2000}>(?:&nbsp;|\s){0,2000}</p>", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*){2,}")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_NBSP = re.compile(r"[\u00a0\u200b\ufeff]")
_MAX_HTML = 1_000_000
# markdownify walks the parsed tree recursively (RecursionError past ~1,000 levels, quadratic
# time in the nesting depth, ~0.1 ms a tag): past this many tags the text is taken by a
# linear tag strip instead. A real mail body has a few thousand at most.
_MAX_TAGS = 6000
# The tags markdownify turns into text structure; everything else is dropped, its text kept.
_STRUCTURE_TAGS = frozenset(
    {"p", "br", "div", "a", "b", "strong", "i", "em", "u", "ul", "ol", "li", "blockquote", "pre"}
    | {"code", "hr", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption"}
    | {"h1", "h2", "h3", "h4", "h5", "h6"}
)
_TAG = re.compile(r"<[^<>]{0,2000}>")
_BLOCK_END = re.compile(r"</?(?:p|div|br|li|tr|h[1-6]|table|blockquote)\b[^<>]{0,2000}>", re.I)


def _drop_blocks(html: str) -> str:
    """Cut style/script/head/title/xml blocks, comments and conditional comments; linear:
    each search for an end starts where the last block ended, and an unclosed block drops
    the rest of the document."""
    lowered = html.lower()
    out: list[str] = []
    position = 0
    while True:
        found = _BLOCK_START.search(html, position)
        if found is None:
            break
        out.append(html[position : found.start()])
        if found.group(1):
            closer = f"</{found.group(1).lower()}"
        elif found.group(0).startswith("<!--"):
            closer = "-->"
        else:
            closer = "<![endif]"
        end = lowered.find(closer, found.end())
        if end < 0:
            return "".join(out)
        close = lowered.find(">", end)
        position = len(html) if close < 0 else close + 1
    out.append(html[position:])
    return "".join(out)


def _well_formed(html: str) -> str:
    """The document re-serialised by html5ever (through nh3) with only structure tags: a
    linear tokenizer, where the standard library's parser behind markdownify is quadratic on
    unclosed start tags (``"<v:shape " * 15000`` took 77 s, issue 11)."""
    import nh3

    return nh3.clean(
        html,
        tags=set(_STRUCTURE_TAGS),
        attributes={"a": {"href"}},
        link_rel=None,
        strip_comments=True,
    )


_TABLE_TAG = re.compile(r"<(/?)table\b")
# after nh3 the tags carry no attributes but an <a>'s href
_LABEL_ROW = re.compile(
    r"<tr>\s*<t[dh]>\s*(?:<(?:b|strong)>)?\s*([^<>]{1,40}?)\s*(?:</(?:b|strong)>)?\s*</t[dh]>\s*"
    r"<t[dh]>((?:(?!</?t[dhr]>|<table>).){0,2000}?)"
    r"</t[dh]>\s*</tr>",
    re.S,
)
_LAYOUT_TAG = re.compile(r"<(/?)(?:table|thead|tbody|tfoot|tr|td|th|caption)>")


def _nested_tables(html: str) -> bool:
    depth = 0
    for tag in _TABLE_TAG.finditer(html):
        depth += -1 if tag.group(1) else 1
        if depth > 1:
            return True
    return False


def _unwrap_layout_tables(html: str) -> str:
    """A mail laid out with tables inside tables (newsletters, platforms, form relays): each
    cell a block of its own, and a row of a short label and its value a "label: value" line,
    where Markdown would cram the whole layout into one table row."""
    html = _LABEL_ROW.sub(r"<p>\1: \2</p>", html)
    return _LAYOUT_TAG.sub(r"<\1div>", html)


def html_to_markdown(html: str) -> str:
    """Convert an HTML body to Markdown; never raises on odd markup."""
    from markdownify import markdownify

    html = html[:_MAX_HTML]
    html = _drop_blocks(html)
    html = _OFFICE_TAGS.sub("", html)
    if html.count("<") > _MAX_TAGS:  # html5ever's tree builder is slow on deep nesting too
        return _strip_tags(html)
    html = _well_formed(html)
    if _nested_tables(html):
        html = _unwrap_layout_tables(html)
    # Outlook wraps each line in <p class=MsoNormal>; an empty paragraph is a blank line.
    html = _EMPTY_PARAGRAPH.sub("<br>", html)
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
