"""Forwards from many mail clients and locales (tests/mail/forward_clients.py): the original
sender, the subject without prefixes, the question without header lines, the note apart."""

from __future__ import annotations

import pytest

from bot.mail.forwards import clean_subject, find_forward
from bot.mail.parse import parse_bytes
from tests.mail import mails
from tests.mail.forward_clients import CASES, NOTE, QUESTION, SENDER, SUBJECT
from tests.mail.forward_clients_more import MORE_CASES, MORE_PREFIXES, REPLY_CASES


@pytest.mark.parametrize(("name", "subject", "body"), CASES, ids=[c[0] for c in CASES])
def test_forward_from_every_client(name: str, subject: str, body: str) -> None:
    mail = parse_bytes(bytes(mails.plain(body, subject=subject)))
    forward = find_forward(mail)
    assert forward is not None, name
    assert forward.original_sender is not None, name
    assert forward.original_sender.email == SENDER
    assert clean_subject(forward.subject or mail.subject) == SUBJECT
    text = " ".join(forward.text.split())
    assert text.startswith(QUESTION[:30]), text[:200]
    for label in ("Subject", "Onderwerp", "Temat", "Emne", "Tárgy", "Konu", "Aihe", "Тема"):
        assert f"{label}:" not in text
    assert "(CC):" not in text and not text.startswith(">"), text[:200]
    if NOTE in body:
        # the note is what the forwarder wrote: no separator or "begin forwarded" line
        assert " ".join(forward.note.split()) == NOTE


@pytest.mark.parametrize(
    "subject",
    [
        "PD: Schutting bij de buren",
        "VB: Schutting bij de buren",
        "VL: Schutting bij de buren",
        "Redir.: Schutting bij de buren",
        "Videresend: Schutting bij de buren",
        "İLT: Schutting bij de buren",
        "Fwd: RE: Schutting bij de buren",
        "WG: AW: Schutting bij de buren",
        "Doorst.: Schutting bij de buren",
        "Továbbítás: Schutting bij de buren",
        "Пересл: Schutting bij de buren",
    ],
)
def test_localised_subject_prefixes_are_removed(subject: str) -> None:
    assert clean_subject(subject) == SUBJECT


def test_one_line_header_search_is_bounded_on_hostile_lines() -> None:
    import time

    from bot.mail.trim import one_line_headers, trim_reply

    hostile = [
        # announcing lines each over a block of labelled lines with addresses (issue 14)
        "Doorgestuurd:\n" + "Aaa: a@b.nl\nBbb: c@d.nl\n" * 4 + "\n",
        "Kop:\n" + "Label een: x@y.nl\n" * 9,
        "From:" * 400,
        "From: a@b.nl To: " + "Subject:" * 240,
        ("Van: x " * 300) + "\n",
        "-- Forwarded message --" + " From:" * 350,
    ]
    started = time.perf_counter()
    for text in hostile:
        one_line_headers(text)
        trim_reply((text + "\n") * 200)
    assert time.perf_counter() - started < 2.0


def test_a_sentence_with_a_colon_is_not_a_header_block() -> None:
    from bot.mail.trim import one_line_headers

    assert one_line_headers("Datum: morgen. Van: de gemeente. Aan: de buren.") is None
    assert one_line_headers("Van: de gemeente kreeg ik Datum: gisteren") is None
    assert one_line_headers("De vraag: kan ik een Subject: toevoegen") is None


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Re: Schutting bij de buren",
            f"""Dank, dan wacht ik op de vergunning.

-----Původní zpráva-----
Od: Pieter Jansen <{SENDER}>
Odesláno: úterý 3. března 2026 10:40
Komu: info@ermelo.nl
Předmět: {SUBJECT}

{QUESTION}
""",
        ),
        (
            "Schutting bij de buren",
            f"""Dank, dan wacht ik op de vergunning.

________________________________
Van: Pieter Jansen <{SENDER}>
Verzonden: dinsdag 3 maart 2026 10:40
Aan: info@ermelo.nl
Onderwerp: {SUBJECT}

{QUESTION}
""",
        ),
    ],
    ids=["reply-prefix-with-announced-history", "own-text-above-unannounced-history"],
)
def test_a_reply_with_history_is_not_taken_for_a_forward(subject: str, body: str) -> None:
    mail = parse_bytes(bytes(mails.plain(body, subject=subject)))
    assert find_forward(mail) is None


def test_a_reply_by_its_headers_is_not_taken_for_a_forward() -> None:
    """A client that keeps the subject without "Re:" still says In-Reply-To: the history
    under an announcing line in another language is the answer it replies to."""
    body = f"""Dank, dan wacht ik op de vergunning.

-----Původní zpráva-----
Od: Gemeente Ermelo <vraag@ermelo.nl>
Odesláno: úterý 3. března 2026 10:40
Komu: {SENDER}
Předmět: {SUBJECT}

Ja, boven 2 meter is een vergunning nodig.
"""
    headers = {"In-Reply-To": "<answer-1@ermelo.nl>"}
    mail = parse_bytes(bytes(mails.plain(body, subject=SUBJECT, headers=headers)))
    assert find_forward(mail) is None


def test_a_residents_own_details_are_not_a_forwarded_header_block() -> None:
    from bot.mail.trim import trim_reply

    body = """Goedendag,

Ik wil graag een afspraak maken voor een nieuwe ID-kaart. Mijn gegevens:

Naam: Pieter Jansen
Adres: Schoolstraat 4
E-mail: pieter.jansen@example.nl
Telefoon: 06 12 34 56 78

Wanneer kan ik langskomen?
"""
    mail = parse_bytes(bytes(mails.plain(body, subject="Afspraak ID-kaart")))
    assert find_forward(mail) is None
    assert "Wanneer kan ik langskomen?" in trim_reply(body).text


@pytest.mark.parametrize(("name", "subject", "body"), MORE_CASES, ids=[c[0] for c in MORE_CASES])
def test_forward_from_more_clients(name: str, subject: str, body: str) -> None:
    test_forward_from_every_client(name, subject, body)


@pytest.mark.parametrize(("name", "body"), REPLY_CASES, ids=[c[0] for c in REPLY_CASES])
def test_a_reply_keeps_only_its_own_text(name: str, body: str) -> None:
    from bot.mail.trim import trim_reply

    kept = trim_reply(body).text
    assert QUESTION[:20] not in kept, name
    assert SENDER not in kept, name
    assert kept.strip(), name


@pytest.mark.parametrize("subject", MORE_PREFIXES)
def test_more_localised_subject_prefixes_are_removed(subject: str) -> None:
    assert clean_subject(subject) == SUBJECT
