"""The intake's rules without a server: parser caps on the hostile corpus, sender
verification from Authentication-Results, the vocabulary of automatic mail, and what
``vraagbaak email parse --json`` says intake would do."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from bot.cli import main as cli_main
from bot.core.config import parse_config
from bot.mail.classify import MailKind, classify
from bot.mail.parse import parse_bytes
from bot.mail.policy import Action, HoldReason, decide
from bot.mail.senders import Source, aligned, check_sender
from bot.mail.understand import MailReader
from tests.conftest import BASE_CONFIG
from tests.mail import hostile, mails

CONFIG = parse_config({**BASE_CONFIG}, "(test)")
TRUSTED = ["mx.vraagbaak.test"]


# --- parser caps -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(hostile.CORPUS))
def test_parser_never_raises_and_stays_fast_on_the_hostile_corpus(name: str) -> None:
    raw = hostile.CORPUS[name]()
    started = time.perf_counter()
    parsed = parse_bytes(raw)
    assert time.perf_counter() - started < 5.0  # about 0.5 s at most when run alone
    assert parsed.sender is not None  # the headers are always read
    assert len(parsed.text) <= 100_000


def test_caps_are_named_in_the_result() -> None:
    assert "mime_depth" in parse_bytes(hostile.nested_rfc822(2000)).limits
    assert "mime_depth" in parse_bytes(hostile.nested_multipart(500)).limits
    assert "mime_parts" in parse_bytes(hostile.part_bomb(20_000)).limits
    huge = parse_bytes(hostile.huge_header())
    assert {"header_length", "headers"} <= set(huge.limits)
    assert len(huge.subject) <= 2000
    assert "body_size" in parse_bytes(hostile.huge_body()).limits
    assert parse_bytes(bytes(mails.plain("Gewone vraag"))).limits == []


def test_structure_bombs_are_quarantined_by_the_policy() -> None:
    reader = MailReader(CONFIG)
    for raw in (hostile.nested_rfc822(2000), hostile.part_bomb(20_000)):
        decision = decide(reader.read(raw), CONFIG)
        assert decision.action is Action.QUARANTINE and "limits" in decision.reason


# --- verified senders ------------------------------------------------------------------------


def _mail(*results: str, sender: str = "Anouk <anouk.jansen@ermelo.nl>") -> bytes:
    message = mails.plain("Vraag", sender=sender, verified=False)
    for value in results:  # the first added ends up on top, as an MTA prepends
        message["Authentication-Results"] = value
    return bytes(message)


@pytest.mark.parametrize(
    ("results", "source", "verified"),
    [
        (["mx.vraagbaak.test; dmarc=pass header.from=ermelo.nl"], Source.IMAP, True),
        (["mx.vraagbaak.test; dmarc=pass header.from=ermelo.nl"], Source.SMTP_RELAY, True),
        # straight from the internet: every such header is the sender's own claim
        (["mx.vraagbaak.test; dmarc=pass header.from=ermelo.nl"], Source.SMTP, False),
        (["mx.attacker.example; dmarc=pass header.from=ermelo.nl"], Source.IMAP, False),
        # DMARC for another domain, DKIM by an unaligned or public-suffix signer
        (["mx.vraagbaak.test; dmarc=pass header.from=example.com"], Source.IMAP, False),
        (["mx.vraagbaak.test; dkim=pass header.d=attacker.example"], Source.IMAP, False),
        (["mx.vraagbaak.test; dkim=pass header.d=nl"], Source.IMAP, False),
        (["mx.vraagbaak.test; dkim=pass header.d=ermelo.nl"], Source.IMAP, True),
        (["mx.vraagbaak.test; dkim=pass header.i=@mail.ermelo.nl"], Source.IMAP, False),
        (["mx.vraagbaak.test; dkim=fail header.d=ermelo.nl"], Source.IMAP, False),
        # the topmost trusted header counts alone: a forged pass further down is ignored
        (
            [
                "mx.vraagbaak.test; dmarc=fail header.from=ermelo.nl",
                "mx.vraagbaak.test; dmarc=pass header.from=ermelo.nl",
            ],
            Source.IMAP,
            False,
        ),
        (
            [
                "mx.attacker.example; dmarc=fail header.from=ermelo.nl",
                "mx.vraagbaak.test; dmarc=pass header.from=ermelo.nl",
            ],
            Source.IMAP,
            True,
        ),
        (["mx.vraagbaak.test; (((((((((("], Source.IMAP, False),
        ([], Source.SMTP_SUBMISSION, True),
    ],
)
def test_sender_verification(results: list[str], source: Source, verified: bool) -> None:
    parsed = parse_bytes(_mail(*results))
    assert check_sender(parsed, source, TRUSTED).verified is verified


def test_dkim_alignment_is_relaxed_but_not_to_a_bare_suffix() -> None:
    assert aligned("ermelo.nl", "mail.ermelo.nl")
    assert aligned("ermelo.nl", "ermelo.nl")
    assert not aligned("mail.ermelo.nl", "ermelo.nl")
    assert not aligned("nl", "ermelo.nl")
    assert not aligned("lo.nl", "ermelo.nl")


def test_unverified_colleague_is_held_with_the_reason() -> None:
    reader = MailReader(CONFIG)
    spoof = reader.read(_mail(), [], Source.IMAP)
    assert decide(spoof, CONFIG).reason == HoldReason.UNVERIFIED
    real = reader.read(bytes(mails.plain("Hoe werkt de Wmo?")), [], Source.IMAP)
    assert real.sender_verified and decide(real, CONFIG).action is not Action.HOLD
    citizen = reader.read(bytes(mails.plain("Vraag", sender="b@example.net")), [], Source.IMAP)
    assert decide(citizen, CONFIG).reason == HoldReason.UNKNOWN_SENDER
    assert decide(citizen, CONFIG, approved=True).action is not Action.HOLD


# --- automatic mail --------------------------------------------------------------------------

AUTOMATIC = [
    ("Automatisch antwoord: Vraag over de Wmo", "Ik ben er niet.", {}),
    ("Ontvangstbevestiging", "Uw bericht is ontvangen.", {}),
    ("Re: Vraag", "Wij hebben uw bericht ontvangen en nemen binnen 5 werkdagen contact op.", {}),
    ("Re: Vraag", "We have received your request and will reply within 2 working days.", {}),
    ("[Ticket #40412] Vraag", "Thank you for contacting us. We have received your email.", {}),
    ("Zaaknummer Z-2026-1123 Uw vraag", "Uw melding is geregistreerd.", {}),
    ("Re: Wmo", "Ik ben afwezig tot 30 maart. Voor dringende zaken: bel 14 0341.", {}),
    ("Re: Wmo", "I am out of the office until Monday 4 May with limited access.", {}),
    # Dutch away notices in other wordings (issue 14): the date first, "niet bereikbaar",
    # reading mail again from a date, a notice that mail is not forwarded
    ("RE: Overleg", "Tot en met 17 april ben ik met verlof. Uw mail wordt niet doorgestuurd.", {}),
    ("Re: Kwartaalcijfers", "Ik ben tot 2 juni niet bereikbaar. Mail graag het secretariaat.", {}),
    ("Re: Planning", "Dank voor je mail. Ik lees mijn mail weer vanaf dinsdag 12 mei.", {}),
    ("Re: Wmo", "Dit is een automatisch gegenereerd bericht, u kunt hierop niet reageren.", {}),
    # an acknowledgement that quotes the mail it acknowledges
    (
        "Re: Vraag over de Wmo",
        "Wij hebben uw bericht ontvangen en reageren binnen vijf werkdagen.\n\n"
        "-----Oorspronkelijk bericht-----\nVan: Piet <piet@example.nl>\n"
        "Onderwerp: Vraag over de Wmo\n\nHoe vraag ik een traplift aan?\n",
        {},
    ),
    # issue 14, fourth round: further wordings without any automatic-mail header
    (
        "Re: Aanvraag",
        "Hello, I'm travelling this week and will not be checking my email until Friday.",
        {},
    ),
    (
        "Away next week",
        "Thanks for your note. I won't be reading emails until 9 March; for anything urgent "
        "call the front desk.",
        {},
    ),
    (
        "Re: Offerte",
        "Beste afzender, ik ben tot en met 6 januari beperkt bereikbaar. Heeft u een "
        "dringende vraag? Bel dan met het algemene nummer.",
        {},
    ),
    # German away notices without any header (issue 14, eighth round)
    ("Abwesenheitsnotiz: Overleg", "Ich bin bis einschließlich 21. März nicht im Büro.", {}),
    ("Re: Planung", "Vielen Dank. Ich bin bis zum 3. Juni im Urlaub und nicht erreichbar.", {}),
    # a reply prefix does not make an acknowledgement a person: its body still says it is one
    ("Re: Ontvangstbevestiging", "Wij hebben uw melding in goede orde ontvangen.", {}),
    # a business closed for its holiday (issue 14, ninth round)
    (
        "Re: Bestelling",
        "Hartelijk dank voor uw bericht! Bloemenhuis De Linde is wegens vakantie gesloten van "
        "maandag 14 juli t/m zaterdag 2 augustus. Uw mail wordt na onze vakantie beantwoord.",
        {},
    ),
    ("Re: Order", "Thanks! We are closed for the holidays until 6 January.", {}),
    # the formal "Ihre" before the absence is the reader's, not someone else's
    ("Re: Frage", "Vielen Dank für Ihre Nachricht, ich bin bis zum 3. Mai nicht im Büro.", {}),
    ("Vraag", "Gewone tekst", {"X-Auto-Response-Suppress": "All"}),
    ("Vraag", "Gewone tekst", {"Precedence": "auto_reply"}),
]


@pytest.mark.parametrize(("subject", "body", "headers"), AUTOMATIC)
def test_automatic_mail_is_recognised(subject: str, body: str, headers: dict[str, str]) -> None:
    parsed = parse_bytes(bytes(mails.plain(body, subject=subject, headers=headers)))
    assert classify(parsed) is MailKind.AUTO_REPLY


@pytest.mark.parametrize(
    "sender",
    [
        "noreply@ermelo.nl",
        "no-reply@ermelo.nl",
        "do-not-reply@x.nl",
        "MAILER-DAEMON@x.nl",
        "donotreply@x.nl",
        "geen-antwoord@x.nl",
        "postmaster@x.nl",
    ],
)
def test_machine_senders_are_not_answered(sender: str) -> None:
    parsed = parse_bytes(bytes(mails.plain("Hoe werkt de Wmo?", sender=sender)))
    assert classify(parsed) is not MailKind.QUESTION


HUMAN = [
    (
        "Vraag over mijn melding 2026-001234",
        "Mijn melding van vorige week is nog niet opgepakt. "
        "Wie kan mij helpen? Ik heb al drie keer gebeld en het duurt nu erg lang, terwijl de "
        "situatie thuis niet beter wordt. " * 12,
    ),
    ("Traplift", "Ik ben afwezig geweest door ziekte; hoe vraag ik nu een traplift aan?"),
    (
        "Re: Wmo",
        "Mijn moeder is tot vorige week met vakantie geweest en kon daardoor het "
        "keukentafelgesprek niet bijwonen. Kunnen we een nieuwe afspraak maken?",
    ),
    ("Vraag", "Bedankt voor uw bericht van gisteren. Mag ik nog iets vragen over de Wmo?"),
    ("Re: Wmo", "Wij hebben uw antwoord gelezen, maar wat geldt voor een scootmobiel?"),
    # A resident's reply under the municipality's letter, which acknowledges the application:
    # the acknowledgement is quoted history, not the sender's own words.
    (
        "RE: Uw aanvraag bijzondere bijstand",
        "Goedemiddag,\n\nHierbij de offerte. Moeten de afschriften van alle rekeningen?\n\n"
        "Groet,\nSamira\n\n"
        "Van: Gemeente <werkeninkomen@gemeente.example>\n"
        "Verzonden: donderdag 26 november 2026 10:14\n"
        "Aan: samira@example.nl\n"
        "Onderwerp: Uw aanvraag bijzondere bijstand\n\n"
        "Geachte mevrouw,\n\nWij hebben uw aanvraag ontvangen. Wij hebben nog een offerte "
        "nodig.\n",
    ),
    # a German writer who was away and asks for himself
    (
        "Frage zur Grundsteuer",
        "Ich war bis letzte Woche im Urlaub. Kann ich die Frist für den Einspruch verlängern?",
    ),
    # away, and asking for themselves: a resident, not an out-of-office notice
    ("Paspoort", "Ik ben tot 20 december op vakantie. Kan ik mijn paspoort daarna ophalen?"),
    (
        "Question about my permit",
        "I am away until 3 March. Could we move the site visit to the week after?",
    ),
    # A person answering the gemeente's acknowledgement or someone's automatic reply: the
    # subject's words are the mail answered (issue 14, eighth round)
    (
        "Re: Ontvangstbevestiging melding openbare ruimte",
        "De lantaarnpaal doet het na drie weken nog steeds niet. Wanneer komt er iemand?",
    ),
    (
        "Antw: Automatisch antwoord: Vraag over kwijtschelding",
        "Wie kan mij dan wel helpen nu mevrouw De Vries er niet is? Het is dringend.",
    ),
    (
        "Re: We have received your request",
        "Thanks. Could you tell me when the inspector will come by? We need to plan.",
    ),
    (
        "Re: Parkeervergunning",
        "Ik ben vanaf 1 mei verhuisd, geldt de vergunning nog?\n\n"
        "Op 3 april 2026 schreef Gemeente <vergunningen@gemeente.example>:\n"
        "> Uw verzoek is in goede orde ontvangen.\n"
        "> Ik ben afwezig tot 10 april.\n",
    ),
    (
        "Milieustraat dicht",
        "De milieustraat is wegens vakantie gesloten tot 5 augustus. Waar kan ik nu met mijn "
        "grofvuil heen?",
    ),
    # someone else away, told without a question mark (issue 14, fourteenth round)
    (
        "Re: Offerteaanvraag oliebollen",
        "Wij kunnen het leveren. Maar mijn boekhouder is met vakantie in Turkije tot 4 januari, "
        "is het goed als ik gewoon deze mail stuur of moet ik een formulier invullen",
    ),
    (
        "Re: Vergunning schuur",
        "Ik heb de aannemer gemaild maar volgens zijn automatische antwoord is hij tot 4 mei "
        "met vakantie. Wat moet ik nu met de tekeningen doen.",
    ),
]


@pytest.mark.parametrize(("subject", "body"), HUMAN)
def test_people_who_use_the_same_words_are_still_heard(subject: str, body: str) -> None:
    parsed = parse_bytes(bytes(mails.plain(body, subject=subject)))
    assert classify(parsed) is MailKind.QUESTION


def test_own_addresses_and_replies_to_own_automatic_mail_are_loops() -> None:
    own = frozenset({"vraag@vraagbaak.example"})
    from_us = parse_bytes(bytes(mails.plain("x", sender="vraag@vraagbaak.example")))
    assert classify(from_us, own) is MailKind.AUTO_REPLY
    reply = mails.plain("Dank!", headers={"In-Reply-To": "<1.2.3.vraagbaak-auto@x.example>"})
    assert classify(parse_bytes(bytes(reply)), own) is MailKind.AUTO_REPLY


# --- vraagbaak email parse -------------------------------------------------------------------


def test_cli_parse_says_whether_the_sender_is_verified_and_what_intake_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "c.toml"
    config.write_text(
        '[mail]\ngeneral_address = "vraag@vraagbaak.example"\n'
        'trusted_authserv_ids = ["mx.vraagbaak.test"]\n'
        '[[organisations]]\nid = "ermelo"\nname = "Ermelo"\ndomains = ["ermelo.nl"]\n'
        '[[groups]]\nid = "sociaal"\nname = "Sociaal"\nemail = "sociaal@vraagbaak.example"\n'
    )
    cases = {
        "real.eml": (mails.plain("Wmo?", to="sociaal@vraagbaak.example"), True, "post"),
        "spoof.eml": (mails.plain("Wmo?", verified=False), False, "hold"),
        "auto.eml": (mails.auto_reply(), True, "ignore"),
        "bomb.eml": (hostile.nested_rfc822(2000), False, "quarantine"),
    }
    for name, (message, verified, action) in cases.items():
        eml = tmp_path / name
        eml.write_bytes(message if isinstance(message, bytes) else bytes(message))
        assert cli_main(["email", "parse", str(eml), "--json", "--config", str(config)]) == 0
        out = json.loads(capsys.readouterr().out)
        assert (out["sender_verified"], out["action"]) == (verified, action), name


def test_the_command_line_reads_a_mail_under_the_workers_budget() -> None:
    """``email parse`` reads in its own process (no second interpreter to start), with the
    worker's time budget and memory limit, which are put back afterwards."""
    import resource

    from bot.mail.budget import OverBudgetError, within_budget
    from knowledge.routing import Router, profiles_from
    from tests.mail import hanging

    limits = (resource.getrlimit(resource.RLIMIT_CPU), resource.getrlimit(resource.RLIMIT_AS))
    reader = hanging.reader(CONFIG, Router(profiles_from(CONFIG.groups)))
    started = time.perf_counter()
    with pytest.raises(OverBudgetError), within_budget(1.0, 512):
        reader.read(bytes(mails.plain("HANG-THIS-MAIL")), [], "imap")
    assert time.perf_counter() - started < 3.0
    with pytest.raises(MemoryError), within_budget(5.0, 512):
        reader.read(bytes(mails.plain("EAT-MEMORY")), [], "imap")
    assert (
        resource.getrlimit(resource.RLIMIT_CPU),
        resource.getrlimit(resource.RLIMIT_AS),
    ) == limits
    with within_budget(5.0, 512):
        assert reader.read(bytes(mails.plain("Hoe werkt de Wmo?")), [], "imap").group


# --- the worker process ----------------------------------------------------------------------


def test_worker_stops_runaway_and_greedy_mail_and_carries_on() -> None:
    from bot.mail.worker import UnderstandingFailedError, UnderstandingWorker

    config = CONFIG.model_copy(
        update={
            "mail": CONFIG.mail.model_copy(
                update={"understand_seconds": 2.0, "understand_memory_mb": 512}
            )
        }
    )
    worker = UnderstandingWorker(config, reader_factory="tests.mail.hanging:reader")
    try:
        normal = bytes(mails.plain("Hoe werkt de Wmo?"))
        assert worker.read_blocking(normal, [], "imap").kind is MailKind.QUESTION
        with pytest.raises(UnderstandingFailedError, match="MemoryError"):
            worker.read_blocking(bytes(mails.plain("EAT-MEMORY")), [], "imap")
        started = time.perf_counter()
        with pytest.raises(UnderstandingFailedError, match="time budget"):
            worker.read_blocking(bytes(mails.plain("HANG-THIS-MAIL")), [], "imap")
        assert time.perf_counter() - started < 4.0
        assert worker.read_blocking(normal, [], "imap").kind is MailKind.QUESTION  # restarted
        assert worker.restarts == 1
    finally:
        worker.close()
