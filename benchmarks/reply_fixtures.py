"""Reply trimming measured on third-party fixtures that this repository does not contain.

    python benchmarks/reply_fixtures.py --fixtures DIR [--library] [--misses]

``DIR`` holds ``emails/*.txt`` (plain-text reply bodies, e.g. from a checkout of
github/email_reply_parser's ``test/emails``) and ``cases.json``: ``{"FILE": {"reply": "the
text the sender wrote"}}``, written by whoever measures (the fixture sets state their
expectations as code, one assertion per test, so they are restated there, outside this
repository). A body still in quoted-printable (a UTF-8 sequence such as ``=C3=A9``, ``=`` at
a line end) is decoded first, as the MIME layer does for a real mail; a lone ``=80`` is text
(``width=80`` in a pasted query plan), not an encoding. A case is right when ``trim_reply``
returns the reply, whitespace normalised. Halves by ``knowledge.evaluation.dev_half`` of the
file name. ``--library`` measures ``mail-parser-reply`` (if importable) on the same cases.
"""

from __future__ import annotations

import argparse
import json
import quopri
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.mail.trim import trim_reply  # noqa: E402
from knowledge.evaluation import dev_half  # noqa: E402

_WS = re.compile(r"\s+")
_QUOTED_PRINTABLE = re.compile(r"=\r?\n|=[C-F][0-9A-F]=[89AB][0-9A-F]")


def normalise(text: str) -> str:
    return _WS.sub(" ", text).strip()


def decoded(text: str) -> str:
    if not _QUOTED_PRINTABLE.search(text):
        return text
    return quopri.decodestring(text.encode("utf-8")).decode("utf-8", "replace")


def vraagbaak(text: str) -> str:
    return trim_reply(text).text


def library(text: str) -> str:
    from mailparser_reply import (  # type: ignore[import-not-found,import-untyped,unused-ignore]
        EmailReplyParser,
    )

    parser = EmailReplyParser(languages=["en", "de", "fr", "es", "it", "nl", "da", "pt"])
    return str(parser.parse_reply(text) or "")


def measure(fixtures: Path, reader: Callable[[str], str]) -> tuple[dict[str, str], list[str]]:
    cases: dict[str, dict[str, str]] = json.loads((fixtures / "cases.json").read_text("utf-8"))
    counts = {"all": [0, 0], "tune": [0, 0], "held-out": [0, 0]}
    misses: list[str] = []
    for name, want in sorted(cases.items()):
        path = fixtures / "emails" / name
        if not path.exists():
            continue
        text = decoded(path.read_text(encoding="utf-8"))
        try:
            got = reader(text)
        except Exception as error:  # a crash is a miss
            got = f"(raised {type(error).__name__})"
        right = normalise(got) == normalise(want["reply"])
        for key in ("all", dev_half(name)):
            counts[key][0] += int(right)
            counts[key][1] += 1
        if not right:
            misses.append(f"[{dev_half(name)}] {name}: {normalise(got)[:100]!r}")
    return {k: f"{good}/{total}" for k, (good, total) in counts.items()}, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, required=True)
    parser.add_argument("--library", action="store_true", help="mail-parser-reply too")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    readers: dict[str, Callable[[str], str]] = {"vraagbaak": vraagbaak}
    if args.library:
        readers["mail-parser-reply"] = library
    for name, reader in readers.items():
        figures, misses = measure(args.fixtures, reader)
        print(f"== {name}: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
        if args.misses:
            for miss in misses:
                print("   -", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
