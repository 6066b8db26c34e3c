"""The pure parts of the intake on the project's own mails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main as cli_main
from bot.core.config import parse_config
from bot.mail.attachments import select_attachments
from bot.mail.classify import MailKind, classify
from bot.mail.parse import RawPart, parse_bytes
from bot.mail.trim import trim_reply
from bot.mail.understand import MailReader
from bot.redaction import bsn_valid, iban_valid, redact
from knowledge.routing import GroupProfile, Router
from tests.conftest import BASE_CONFIG
from tests.mail import mails

CONFIG = parse_config({**BASE_CONFIG}, "(test)")


def read(message: object, recipients: list[str] | None = None):  # type: ignore[no-untyped-def]
    return MailReader(CONFIG).read(bytes(message), recipients)  # type: ignore[call-overload]


def test_outlook_forward_finds_original_sender_and_cleans_the_question() -> None:
    got = read(mails.plain(mails.OUTLOOK_FORWARD, subject="FW: Schutting bij de buren"))
    assert got.kind is MailKind.QUESTION
    assert got.forwarded_by is not None and got.forwarded_by.email == "m.hendriks@ermelo.nl"
    assert got.original_sender is not None
    assert got.original_sender.email == "anna.deboer@example.com"
    assert got.subject == "Schutting bij de buren"
    assert "schutting van drie meter hoog" in " ".join(got.question.split())
    for gone in ("Verzonden:", "iPhone", "Klantcontact", "Lindelaan 4", "06-12345678"):
        assert gone not in got.question
    assert "[adres verwijderd]" in got.question and "[telefoonnummer verwijderd]" in got.question
    assert got.redactions == {"address": 1, "phone": 1}
    assert got.group == "omgevingswet"
    assert any("Verzonden" in part for part in got.cut)  # what was cut is kept


def test_gmail_forward_in_english_is_answered_in_english() -> None:
    got = read(mails.plain(mails.GMAIL_FORWARD, subject="Fwd: Wheelchair at home"))
    assert got.original_sender is not None and got.original_sender.email == "tom.baker@example.org"
    assert got.subject == "Wheelchair at home"
    assert got.language == "en"
    assert "stair lift" in got.question and "Best regards" not in got.question
    assert got.group == "sociaal-domein"


def test_reply_keeps_only_the_new_text() -> None:
    got = read(mails.plain(mails.REPLY_WITH_HISTORY, subject="Re: Wmo-loket"))
    assert got.forwarded_by is None
    assert got.subject == "Wmo-loket"
    assert got.question == "Dank voor je snelle reactie. Geldt dat ook voor de bijstand?"


def test_signature_and_disclaimer_are_cut() -> None:
    got = read(mails.plain(mails.DISCLAIMER_MAIL))
    assert "beslistermijn" in got.question
    assert "uitsluitend bestemd" not in got.question and "Consulent" not in got.question


def test_attached_forward_with_dangerous_attachments() -> None:
    got = read(mails.rfc822_forward())
    assert got.original_sender is not None and got.original_sender.email == "sanne.v@example.net"
    assert "[IBAN verwijderd]" in got.question and "NL91" not in got.question
    assert [a.filename for a in got.attachments.kept] == ["a.pdf"]
    assert dict(got.attachments.dropped) == {"setup.exe": "executable", "smime.p7s": "signature"}


def _letter_attached(outer_sender: str, inner_to: str, subject: str = "Hagelschade") -> object:
    letter = mails.plain(
        "Geachte heer Van Ooijen,\n\nUw schademelding S-2027-88123 is beoordeeld. Wij keren "
        "15% van de geclaimde schade uit.\n\nMet vriendelijke groet,\nAfdeling Schade\n",
        subject="Beslissing schademelding hagel",
        sender="Agrisure Schade <schade@agrisure.example>",
        to=inner_to,
    )
    outer = mails.plain(
        "Goedenavond,\n\nIn de bijlage de brief van onze verzekering. Kunnen wij als "
        "fruittelers met hagelschade tijdelijk een Bbz-uitkering krijgen?\n\nGroet,\nWim\n",
        subject=subject,
        sender=outer_sender,
    )
    outer.add_attachment(letter)
    return outer


def test_a_letter_the_writer_received_and_attached_is_no_forward() -> None:
    """A resident who attaches a letter sent to them asks the question themselves: they are
    the one to answer, their subject is the thread's, and the letter's dossier number is
    not posted as if it were the question."""
    wim = "Wim van Ooijen <wim.vanooijen@outlook.com>"
    got = read(_letter_attached(wim, "wim.vanooijen@outlook.com", "Hagelschade, hoe nu?"))
    assert got.original_sender is not None
    assert got.original_sender.email == "wim.vanooijen@outlook.com"
    assert got.forwarded_by is None
    assert got.subject == "Hagelschade, hoe nu?"
    assert "Bbz-uitkering" in got.question and "S-2027-88123" not in got.question


def test_a_letter_sent_to_someone_else_stays_a_forward() -> None:
    """Attached mail that was not sent to the writer (a neighbour's mail to the gemeente)
    and a colleague's forward of a mail sent to them keep the original's writer."""
    wim = "Wim van Ooijen <wim.vanooijen@outlook.com>"
    got = read(_letter_attached(wim, "info@ermelo.nl", "FW: Hagelschade"))
    assert got.original_sender is not None
    assert got.original_sender.email == "schade@agrisure.example"
    colleague = "Rob Timmer <r.timmer@ermelo.nl>"
    got = read(_letter_attached(colleague, "r.timmer@ermelo.nl", "FW: Hagelschade"))
    assert got.original_sender is not None
    assert got.original_sender.email == "schade@agrisure.example"


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        (mails.auto_reply(), MailKind.AUTO_REPLY),
        (mails.subject_only_auto_reply(), MailKind.AUTO_REPLY),
        (mails.bounce(), MailKind.BOUNCE),
        (mails.read_receipt(), MailKind.AUTO_REPLY),
        (
            mails.plain("Hoe regel ik verlof?", subject="Afwezigheid in de zomer: verlof"),
            MailKind.QUESTION,
        ),
    ],
)
def test_classification(message: object, kind: MailKind) -> None:
    assert classify(parse_bytes(bytes(message))) is kind  # type: ignore[call-overload]


def test_html_only_becomes_markdown() -> None:
    got = read(mails.html_only())
    assert "**bijstand**" in got.question and "- punt een" in got.question
    assert "color" not in got.question and "Groet" not in got.question


def test_group_address_wins_over_routing() -> None:
    got = read(mails.plain("Iets over bestemmingsplannen"), ["sociaal-domein@vraagbaak.example"])
    assert got.group == "sociaal-domein" and got.confidence == 1.0


def test_broken_charset_and_encoded_words() -> None:
    raw = (
        b"From: =?utf-8?q?Jos=C3=A9?= <jose@ermelo.nl>\r\nTo: vraag@vraagbaak.example\r\n"
        b"Subject: =?iso-8859-1?q?Cli=EBnt?=\r\nContent-Type: text/plain; charset=x-unknown\r\n"
        b"\r\nDe cli\xc3\xabnt wil een traplift.\r\n"
    )
    got = MailReader(CONFIG).read(raw)
    assert got.subject == "Cliënt" and got.original_sender is not None
    assert got.original_sender.name == "José" and "cliënt" in got.question


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("BSN 111222333 graag", "bsn"),
        ("IBAN NL91ABNA0417164300.", "iban"),
        ("bel 020-1234567 of +31 6 1234 5678", "phone"),
        ("mail a.b@example.nl", "email"),
        ("woont op Kerkweg 12a, 1234 AB Dorp", "address"),
        ("geboren op 12-03-1985.", "birthdate"),
    ],
)
def test_redaction_kinds(text: str, kind: str) -> None:
    result = redact(text)
    assert result.counts[kind] >= 1


def test_checksums_decide() -> None:
    assert bsn_valid("111222333") and not bsn_valid("111222334")
    assert iban_valid("NL91ABNA0417164300") and not iban_valid("NL92ABNA0417164300")
    assert redact("ordernummer 111222334").text == "ordernummer 111222334"
    assert redact("referentie NL92ABNA0417164300").counts["iban"] == 0
    assert redact("English please", "en").text == "English please"
    assert redact("call 06-12345678", "en").text == "call [phone number removed]"


def test_trimmer_on_own_texts() -> None:
    text = (
        "Prima, dank je.\n\nSent from my iPhone\n\n"
        "On Mon, 2 Mar 2026 at 10:00, Jan <j@x.nl> wrote:\n> oud\n"
    )
    assert trim_reply(text).text == "Prima, dank je."
    assert trim_reply("> alleen een citaat").text == "> alleen een citaat"
    bottom = "Op 1 mrt 2026 om 10:00 schreef Jan:\n> vraag?\n\nAntwoord hier.\n"
    assert trim_reply(bottom).text == "Antwoord hier."
    # a paragraph that starts with "Op" is the sender's own sentence, not an attribution
    story = (
        "Dank voor uw uitleg over de aanvraag.\n\n"
        "Op maandag heb ik het formulier ingevuld maar er gebeurde niets.\n\n"
        "Kunt u nagaan of het is aangekomen?\n\n"
        "Op 1 mrt 2026 om 10:00 schreef Gemeente Ermelo <info@ermelo.nl>:\n> oud antwoord\n"
    )
    kept = trim_reply(story).text
    assert "Op maandag heb ik het formulier" in kept and "Kunt u nagaan" in kept
    assert "oud antwoord" not in kept


def test_winmail_without_content_is_listed() -> None:
    result = select_attachments([RawPart("winmail.dat", "application/ms-tnef", b"junk")])
    assert result.kept == [] and result.dropped[0][0] == "winmail.dat"


def test_routing_confidence_and_candidates() -> None:
    router = Router(
        [
            GroupProfile("a", "Sociaal", "Wmo, bijstand", ("wmo", "traplift")),
            GroupProfile("b", "Omgeving", "vergunningen", ("omgevingsvergunning",)),
            GroupProfile("c", "ICT", "laptop", ("laptop",), past_texts=("printer storing lade",)),
        ]
    )
    route = router.route("Mag ik een omgevings vergunnig aanvragen voor een dakkapel?")
    assert route.group_id == "b" and route.confidence > 0.5
    assert router.route("De printer geeft een storing").group_id == "c"  # past threads count
    unsure = router.route("Een vraag zonder aanknopingspunt")
    assert unsure.group_id is None and unsure.confidence == 0.0
    assert len(route.top(3)) == 3


def test_cli_parse_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    eml = tmp_path / "q.eml"
    eml.write_bytes(bytes(mails.plain(mails.OUTLOOK_FORWARD, subject="FW: Schutting bij de buren")))
    config = tmp_path / "c.toml"
    config.write_text(
        '[mail]\ngeneral_address = "vraag@vraagbaak.example"\n[[groups]]\nid = "omgevingswet"\n'
        'name = "Omgevingswet"\nkeywords = ["omgevingsvergunning"]\n'
    )
    assert cli_main(["email", "parse", str(eml), "--json", "--config", str(config)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kind"] == "question" and out["group"] == "omgevingswet"
    assert out["original_sender"] == {"name": "Anna de Boer", "email": "anna.deboer@example.com"}
    assert out["forwarded_by"] == "m.hendriks@ermelo.nl"
    assert out["redactions"]["phone"] == 1  # the audit trail: counts per kind, no values
    text = tmp_path / "r.txt"
    text.write_text(mails.REPLY_WITH_HISTORY)
    assert cli_main(["email", "trim", str(text)]) == 0
    assert "schreef" not in capsys.readouterr().out
    assert cli_main(["email", "parse", str(tmp_path / "missing.eml")]) == 3
