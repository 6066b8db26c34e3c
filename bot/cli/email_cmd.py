"""``vraagbaak email parse FILE.eml --json`` and ``vraagbaak email trim FILE``: see why a mail
went where it went, without posting anything."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.common import add_config_argument, config_from

if TYPE_CHECKING:
    # For start-up time: type-checking only; the command loads them when it runs.
    from bot.core.config import Config

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


def understand_file(raw: bytes, config: Config) -> dict[str, Any]:
    """What intake makes of a mail, judged as if fetched over IMAP from the organisation's
    mailbox, read by intake's reader under the worker's time budget and memory limit (in this
    process: a command line should not start a second interpreter); with the ``action``
    intake would take (before the checks that need stored mail: follow-ups and rate limits)."""
    # For start-up time: loaded only when the command runs.
    from bot.mail.budget import OverBudgetError, within_budget
    from bot.mail.policy import Action, decide
    from bot.mail.senders import Source
    from bot.mail.understand import MailReader
    from bot.mail.worker import OUT_OF_MEMORY, RECURSION_LIMIT, over_budget

    sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
    reader = MailReader(config)
    seconds = config.mail.understand_seconds
    try:
        with within_budget(seconds, config.mail.understand_memory_mb):
            understood = reader.read(raw, [], Source.IMAP)
    except OverBudgetError:
        failure = over_budget(seconds)
    except MemoryError:
        failure = OUT_OF_MEMORY
    except Exception as exc:  # as the worker reports a mail that raised
        failure = f"{type(exc).__name__}: {str(exc)[:200]}"
    else:
        decision = decide(understood, config)
        return {
            **understood.as_json(),
            "action": decision.action.value,
            "reason": decision.reason,
        }
    return {
        "kind": None,
        "sender_verified": False,
        "action": Action.QUARANTINE.value,
        "reason": failure,
    }


def _parse(args: argparse.Namespace) -> int:
    raw = _read(args.file)
    if raw is None:
        return EXIT_INPUT
    result = understand_file(raw, config_from(args))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"action:          {result['action']} {result['reason']}".rstrip())
    print(f"sender verified: {'yes' if result['sender_verified'] else 'no'}")
    if result["kind"] is None:
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
    # For start-up time: loaded only when the command runs.
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
