"""Issue 15: who a mail to the asker comes from, as configured, and what the configuration
refuses or warns about; a header value can never be more than one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.core.config import ConfigError, parse_config
from bot.mail.answer import OutgoingMail
from bot.mail.sender_identity import identity_for, is_outsider
from bot.startup.config_check import warnings

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "id": "ermelo",
        "name": "Gemeente Ermelo",
        "domains": ["ermelo.nl"],
        "mail_from": "Gemeente Ermelo <Vraag@Ermelo.nl>",
        "mail_signature": "Team Klantcontact\r\nGemeente Ermelo\n",
    },
    {
        "id": "harderwijk",
        "name": "Gemeente Harderwijk",
        "domains": ["harderwijk.nl"],
        "mail_from": "Gemeente Harderwijk <info@harderwijk.nl>",
        "mail_signature": "Gemeente Harderwijk",
    },
    {"id": "zeewolde", "name": "Gemeente Zeewolde", "domains": ["zeewolde.nl"]},
    {"id": "vdb", "name": "Van Dijk Bouw", "domains": ["vandijkbouw.nl"], "external": True},
]
GROUPS: list[dict[str, Any]] = [
    {
        "id": "omgevingswet",
        "name": "Omgevingswet",
        "email": "omgevingswet@vraagbaak.example",
        "organisation": "harderwijk",
        "mail_signature": "Team Vergunningen\nGemeente Harderwijk",
    },
    {"id": "algemeen", "name": "Algemeen"},
]


def config(**changes: Any) -> Any:
    data: dict[str, Any] = {
        "organisations": ORGANISATIONS,
        "groups": GROUPS,
        "mail": {"general_address": "vraag@vraagbaak.example"},
    }
    data.update(changes)
    return parse_config(data, "(test)")


def test_the_question_belongs_to_the_forwarders_organisation_else_the_groups() -> None:
    settings = config()
    forwarded = identity_for(settings, forwarded_by="mark@ermelo.nl", group_id="omgevingswet")
    assert (forwarded.name, forwarded.address) == ("Gemeente Ermelo", "vraag@ermelo.nl")
    assert forwarded.signature == "Team Klantcontact\nGemeente Ermelo"  # not the group's
    assert forwarded.reply_to == "omgevingswet@vraagbaak.example"
    assert forwarded.organisation == "Gemeente Ermelo"
    direct = identity_for(settings, forwarded_by=None, group_id="omgevingswet")
    assert (direct.name, direct.address) == ("Gemeente Harderwijk", "info@harderwijk.nl")
    assert direct.signature == "Team Vergunningen\nGemeente Harderwijk"  # the group's own
    # Harderwijk's own employee forwards into Harderwijk's group: the group's signature.
    own = identity_for(settings, forwarded_by="bram@harderwijk.nl", group_id="omgevingswet")
    assert own.signature == "Team Vergunningen\nGemeente Harderwijk"


def test_without_an_identity_the_groups_address_answers_and_a_partner_never_does() -> None:
    settings = config()
    # A partner forwards: the partner does not answer for the municipality.
    partner = identity_for(settings, forwarded_by="gerrit@vandijkbouw.nl", group_id="algemeen")
    assert partner.address == "vraag@vraagbaak.example" and partner.reply_to is None
    assert partner.organisation is None and partner.signed_by == "Algemeen"
    # Zeewolde has no mail_from: its questions are answered from the Vraagbaak address.
    zeewolde = identity_for(settings, forwarded_by="joost@zeewolde.nl", group_id="omgevingswet")
    assert zeewolde.address == "omgevingswet@vraagbaak.example"
    assert zeewolde.name == "Gemeente Zeewolde" and zeewolde.reply_to is None
    assert is_outsider(settings, "anna@example.com") and is_outsider(settings, "g@vandijkbouw.nl")
    assert not is_outsider(settings, "mark@ermelo.nl")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"mail_from": "Gemeente\nBcc: x@evil.example <a@ermelo.nl>"}, "must be one line"),
        ({"mail_from": "a@ermelo.nl, b@ermelo.nl"}, "is not one e-mail address"),
        ({"mail_from": "Gemeente Ermelo"}, "is not one e-mail address"),
        ({"mail_signature": "x\n" * 20}, "at most 12 lines"),
        ({"mail_signature": "Team\x1b[2J"}, "no other control characters"),
    ],
)
def test_a_bad_answering_identity_is_refused(change: dict[str, str], reason: str) -> None:
    organisations = [dict(ORGANISATIONS[0], **change), *ORGANISATIONS[1:]]
    with pytest.raises(ConfigError) as caught:
        config(organisations=organisations)
    assert reason in str(caught.value) and "organisations[0]" in str(caught.value)


@pytest.mark.parametrize(
    ("owner", "reason"),
    [("nergens", "is not one of [[organisations]]"), ("vdb", "is an external partner")],
)
def test_a_group_is_owned_by_one_of_the_organisations(owner: str, reason: str) -> None:
    groups = [dict(GROUPS[0], organisation=owner), GROUPS[1]]
    with pytest.raises(ConfigError, match="omgevingswet") as caught:
        config(groups=groups)
    assert reason in str(caught.value)


def test_config_check_warns_about_answers_from_an_address_nobody_wrote_to(
    tmp_path: Path,
) -> None:
    found = warnings(config())
    assert any("'zeewolde'" in w and "has no mail_from" in w for w in found)
    assert not any("'algemeen'" in w for w in found)  # takes no mail of its own
    elsewhere = [dict(ORGANISATIONS[0], mail_from="Ermelo <vraag@ermelo-mail.example>")]
    found = warnings(config(organisations=elsewhere + ORGANISATIONS[1:]))
    assert any("mail_from is on ermelo-mail.example" in w for w in found)
    mailbox = [dict(GROUPS[1], email="algemeen@vraagbaak.example")]
    found = warnings(config(groups=[GROUPS[0], *mailbox]))
    assert any("'algemeen'" in w and "no organisation or mail_from" in w for w in found)
    assert not any("vdb" in w for w in found)  # a partner answers nothing


def test_a_header_value_is_one_line_whatever_it_is_given() -> None:
    mail = OutgoingMail(
        to="anna@example.com",
        to_name="Anna\r\nBcc: evil@attacker.example",
        from_address="vraag@ermelo.nl",
        from_name="Gemeente\nX-Evil: 1",
        subject="Vraag\r\nBcc: evil@attacker.example",
        body="Regel een\r\nBcc: niet-in-de-kop@example.com\n",
        in_reply_to="<a@b>\r\nX-Evil: 2",
        reply_to="omgevingswet@vraagbaak.example\nBcc: evil@attacker.example",
        cc=(("Mark\r\nBcc: x@y.z", "mark@ermelo.nl"),),
    )
    message = mail.to_message()
    assert message["Bcc"] is None and message["X-Evil"] is None
    assert "\n" not in str(message["Subject"]) and "\n" not in str(message["To"])
    raw = bytes(message).decode()
    head = raw.split("\n\n", 1)[0]
    assert not any(line.lower().startswith(("bcc:", "x-evil:")) for line in head.splitlines())
