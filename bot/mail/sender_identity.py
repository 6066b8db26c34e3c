"""Who a mail to the person who asked comes from (issue 15): the organisation the question
belongs to — the forwarder's, else the group's owner — with its ``From:`` and signature,
and a ``Reply-To:`` that brings a reply back into the same thread (an address Vraagbaak
receives; the reply's ``In-Reply-To`` finds the thread through ``MailLink``)."""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parseaddr

from bot.core.config import Config, GroupConfig, OrganisationConfig

FALLBACK_ADDRESS = "vraagbaak@localhost"


@dataclass(frozen=True)
class MailIdentity:
    name: str  # the From display name
    address: str  # the From address
    reply_to: str | None  # where replies go when that is not the From address
    signature: str  # under the closing; may be several lines
    organisation: str | None  # the organisation's name, for "handled by ..."; None: unknown

    @property
    def signed_by(self) -> str:
        """The signature, or at least a name to sign with."""
        return self.signature or self.organisation or self.name


def question_organisation(
    config: Config, *, forwarded_by: str | None, group_id: str | None
) -> OrganisationConfig | None:
    """The organisation a question belongs to: the one whose employee forwarded it, else the
    one that owns the group it was posted in (an external partner never answers for it)."""
    if forwarded_by:
        found = config.organisation_for_email(forwarded_by)
        if found is not None and not found.external:
            return found
    group = config.group(group_id) if group_id else None
    if group is not None and group.organisation:
        return config.organisation(group.organisation)
    return None


def intake_address(config: Config, group: GroupConfig | None) -> str | None:
    """The address Vraagbaak receives this group's mail on (replies come back there)."""
    return (group.email if group and group.email else None) or config.mail.general_address


def identity_for(config: Config, *, forwarded_by: str | None, group_id: str | None) -> MailIdentity:
    """The sender of answers and receipts for one question. A group's own ``mail_from`` and
    ``mail_signature`` apply to the questions that belong to the group's organisation (or to
    any question when the group has none); a question forwarded by another organisation's
    employee is answered in that organisation's name."""
    group = config.group(group_id) if group_id else None
    organisation = question_organisation(config, forwarded_by=forwarded_by, group_id=group_id)
    own = group is not None and (
        organisation is None or group.organisation in (None, organisation.id)
    )
    mail_from = (group.mail_from if own and group else None) or (
        organisation.mail_from if organisation else None
    )
    signature = (group.mail_signature if own and group else None) or (
        organisation.mail_signature if organisation else ""
    )
    intake = intake_address(config, group)
    if mail_from:
        name, address = parseaddr(mail_from)
    else:
        # No answering identity configured: the group's own address, so at least a reply
        # arrives (``config check`` warns about this).
        address = intake or FALLBACK_ADDRESS
        name = organisation.name if organisation else (group.name if group else "Vraagbaak")
    reply_to = intake if intake and intake.lower() != address.lower() else None
    return MailIdentity(
        name=name or (organisation.name if organisation else ""),
        address=address,
        reply_to=reply_to,
        signature=signature or "",
        organisation=organisation.name if organisation else None,
    )


def is_outsider(config: Config, address: str) -> bool:
    """Someone outside the organisations (a citizen, a partner): written to formally."""
    found = config.organisation_for_email(address) if address else None
    return found is None or found.external
