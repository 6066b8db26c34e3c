"""``vraagbaak email parse FILE.eml --json`` and ``vraagbaak email trim FILE``: see why a mail
went where it went, without posting anything."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.cli.common import add_config_argument, config_from

EXIT_INPUT = 3


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("email", help="inspect how an e-mail is understood")
    sub = parser.add_subparsers(dest="email_command", metavar="ACTION")
    sub.required = True
    parse = sub.add_parser("parse", help="show what the intake makes of one message")
    parse.add_argument("file", type=Path, help="a raw message (.eml)")
    parse.add_argument("--json", action="store_true", help="print one JSON object")
    add_config_argument(parse)
    parse.set_defaults(func=_parse)
    trim = sub.add_parser("trim", help="print only the reply text of a plain-text message")
    trim.add_argument("file", type=Path)
    trim.set_defaults(func=_trim)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        print(f"cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return None


def _parse(args: argparse.Namespace) -> int:
    from bot.mail.understand import MailReader

    raw = _read(args.file)
    if raw is None:
        return EXIT_INPUT
    result = MailReader(config_from(args)).read(raw).as_json()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    sender = result["original_sender"] or {}
    print(f"kind:            {result['kind']}")
    print(f"original sender: {sender.get('name', '')} <{sender.get('email', '')}>")
    print(f"forwarded by:    {result['forwarded_by'] or '-'}")
    print(f"subject:         {result['subject']}")
    print(f"group:           {result['group'] or '-'} (confidence {result['confidence']})")
    redactions = ", ".join(f"{kind} ×{n}" for kind, n in result["redactions"].items()) or "-"
    print(f"redactions:      {redactions}")
    names = ", ".join(a["filename"] for a in result["attachments"]) or "-"
    print(f"attachments:     {names}")
    print()
    print(result["question"])
    return 0


def _trim(args: argparse.Namespace) -> int:
    from bot.mail.trim import trim_reply

    raw = _read(args.file)
    if raw is None:
        return EXIT_INPUT
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    print(trim_reply(text).text)
    return 0
