"""A forward of a forward ("FW: FW:"): a resident wrote a council member, who sent it to the
griffie, which sent it to the desk. The resident asked; the people in between passed it on."""

from __future__ import annotations

from bot.core.config import parse_config
from bot.mail.understand import MailReader
from tests.conftest import BASE_CONFIG
from tests.mail import mails

CONFIG = parse_config({**BASE_CONFIG}, "(test)")

OUTLOOK_TWICE = """Goedemiddag,

Onderstaande mail kwam via een raadslid bij de griffie binnen. Willen jullie dit oppakken?

Met vriendelijke groet,

Sandra Kok
Griffie gemeente Ermelo

Van: Karin Hol <k.hol@ermelo.nl>
Verzonden: dinsdag 24 november 2026 21:05
Aan: Griffie <griffie@ermelo.nl>
Onderwerp: FW: Bankje weg bij de vijver

Hoi Sandra, kun jij dit bij de goede afdeling neerleggen? Groet, Karin

Verstuurd vanaf mijn iPad

Van: Hennie Brouwer <h.brouwer58@kpnmail.nl>
Verzonden: dinsdag 24 november 2026 18:40
Aan: k.hol@ermelo.nl
Onderwerp: Bankje weg bij de vijver

Beste mevrouw Hol,

Bij de vijver in het Horsterpark is het bankje weggehaald waar ik elke ochtend even uitrust.
Komt er een nieuw bankje terug, en zo ja wanneer?

Met vriendelijke groet,
Hennie Brouwer
06-18273645
"""

GMAIL_TWICE = """Can you take this one? It came in through the school.

---------- Forwarded message ---------
From: Lisa de Wit <l.dewit@ermelo.nl>
Date: Mon, 23 Nov 2026 at 10:02
Subject: Fwd: Wheelchair in our rental home
To: <m.hendriks@ermelo.nl>

Forwarding this from a parent.

---------- Forwarded message ---------
From: Tom Baker <tom.baker@example.org>
Date: Sun, 22 Nov 2026 at 19:15
Subject: Wheelchair in our rental home
To: <l.dewit@ermelo.nl>

Our son needs a wheelchair and our rental home has steps at the front door.
Who can help us with a ramp?

Best regards,
Tom Baker
"""


def _read(text: str, subject: str, sender: str):  # type: ignore[no-untyped-def]
    return MailReader(CONFIG).read(bytes(mails.plain(text, subject=subject, sender=sender)))


def test_the_resident_inside_a_forward_of_a_forward_is_the_one_who_asked() -> None:
    got = _read(OUTLOOK_TWICE, "FW: FW: Bankje weg bij de vijver", "Sandra Kok <s.kok@ermelo.nl>")
    assert got.original_sender is not None
    assert got.original_sender.email == "h.brouwer58@kpnmail.nl"
    assert got.forwarded_by is not None and got.forwarded_by.email == "s.kok@ermelo.nl"
    assert got.subject == "Bankje weg bij de vijver"
    assert "Komt er een nieuw bankje terug" in " ".join(got.question.split())
    for gone in ("Verzonden:", "Onderwerp:", "k.hol@ermelo.nl", "06-18273645", "Brouwer"):
        assert gone not in got.question
    # what the colleague in between wrote is kept with the forwarder's note, not the question
    assert "bij de goede afdeling neerleggen" in got.note
    assert "neerleggen" not in got.question and "iPad" not in got.note


def test_a_gmail_forward_of_a_forward_finds_the_parent() -> None:
    got = _read(GMAIL_TWICE, "Fwd: Fwd: Wheelchair in our rental home", "m.hendriks@ermelo.nl")
    assert got.original_sender is not None and got.original_sender.email == "tom.baker@example.org"
    assert got.subject == "Wheelchair in our rental home"
    assert "Who can help us with a ramp?" in " ".join(got.question.split())
    assert "Forwarding this from a parent" in got.note


def test_a_forwarded_mail_whose_subject_says_fw_but_holds_no_header_block_stays_one_level() -> None:
    text = OUTLOOK_TWICE.split("Van: Hennie Brouwer")[0] + "Er staat verder niets onder."
    got = _read(text, "FW: FW: Bankje weg bij de vijver", "Sandra Kok <s.kok@ermelo.nl>")
    assert got.original_sender is not None and got.original_sender.email == "k.hol@ermelo.nl"


def test_a_crafted_chain_of_forwards_is_followed_a_bounded_number_of_levels() -> None:
    level = (
        "Van: Iemand {n} <iemand{n}@example.org>\nVerzonden: maandag 1 december 2026 10:00\n"
        "Aan: vraag@vraagbaak.example\nOnderwerp: FW: keten\n\nzie onder\n\n"
    )
    text = "Kijk even.\n\n" + "".join(level.format(n=n) for n in range(400)) + "Slot."
    got = _read(text, "FW: keten", "m.hendriks@ermelo.nl")
    assert got.original_sender is not None
    assert got.original_sender.email == "iemand5@example.org"  # the sixth block: depth 5


REMINDER = """Goedemorgen,

Ik heb hier nog geen reactie op gehad en de eerste collega's gaan over een paar weken met
vakantie. Kan iemand even kijken?

Groet,
Peter

Van: Peter van Houten
Verzonden: maandag 19 mei 2025 16:05
Aan: 'vraag@vraagbaak.example' <vraag@vraagbaak.example>
Onderwerp: Vakantiekracht team Wijkbeheer juli/augustus

Hallo,

Hoe start ik de werving voor een vakantiekracht, en kan de vacature deze week nog online?

Groet,
Peter van Houten
"""


def test_a_reminder_above_ones_own_unanswered_mail_to_the_desk_carries_that_question() -> None:
    got = _read(
        REMINDER,
        "RE: Vakantiekracht team Wijkbeheer juli/augustus",
        "Peter van Houten <p.vanhouten@ermelo.nl>",
    )
    text = " ".join(got.question.split())
    assert "Kan iemand even kijken?" in text
    assert "Hoe start ik de werving voor een vakantiekracht" in text
    assert "Verzonden:" not in got.question and "Onderwerp:" not in got.question


def test_a_reply_quoting_someone_elses_mail_keeps_only_the_reply() -> None:
    """History the writer did not write, or did not send to the desk, stays out."""
    other = REMINDER.replace("Van: Peter van Houten", "Van: Anja Smit <a.smit@ermelo.nl>")
    got = _read(other, "RE: Vakantiekracht", "Peter van Houten <p.vanhouten@ermelo.nl>")
    assert "werving" not in got.question
    elsewhere = REMINDER.replace("'vraag@vraagbaak.example' <vraag@vraagbaak.example>", "HR")
    got = _read(elsewhere, "RE: Vakantiekracht", "Peter van Houten <p.vanhouten@ermelo.nl>")
    assert "werving" not in got.question
