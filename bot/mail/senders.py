"""Is the sender of a mail who its ``From:`` says? Believed only from an edge that strips
forged copies (RFC 8601 section 5): an ``Authentication-Results`` header whose authserv-id is
in ``[mail] trusted_authserv_ids``, on mail that came through that edge (the IMAP mailbox
behind it, or a ``[mail] trusted_relays`` address handing it to the SMTP listener). Mail from
a ``[mail] trusted_submission`` address (the demo's own machine) counts as submitted by its
sender."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import authres

from bot.mail.dkim_check import dkim_verified_domains, txt_lookup
from bot.mail.parse import ParsedMail


class Source(StrEnum):
    """How a stored mail reached Vraagbaak (``InboundEmail.source``)."""

    SMTP = "smtp"  # straight from the internet: every Authentication-Results is ignored
    SMTP_RELAY = "smtp-relay"  # from a trusted relay: its Authentication-Results count
    SMTP_SUBMISSION = "smtp-submission"  # from a trusted submission address
    IMAP = "imap"  # from the organisation's mailbox: its MTA's Authentication-Results count

    @classmethod
    def of(cls, value: str | None) -> Source:
        try:
            return cls(value or "smtp")
        except ValueError:
            return cls.SMTP


@dataclass(frozen=True, slots=True)
class SenderCheck:
    verified: bool
    method: str  # "dmarc", "dkim", "submission" or "none"
    detail: str = ""

    def as_json(self) -> dict[str, object]:
        return {"verified": self.verified, "method": self.method, "detail": self.detail}


UNVERIFIED = SenderCheck(False, "none")


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].strip().lower().rstrip(".")


def aligned(signing_domain: str, from_domain: str) -> bool:
    """Relaxed DMARC alignment (RFC 7489 section 3.1.1), without the public-suffix list:
    the signing domain is the From domain or a parent of it with at least two labels."""
    signing = signing_domain.strip().lower().rstrip(".").lstrip("@")
    if "@" in signing:
        signing = _domain(signing)
    if signing.count(".") < 1:
        return False
    return from_domain == signing or from_domain.endswith("." + signing)


def _property(result: authres.core.AuthenticationResult, ptype: str, name: str) -> str:
    for prop in result.properties:
        if prop.type == ptype and prop.name == name:
            return str(prop.value or "")
    return ""


def _judge(header: authres.AuthenticationResultsHeader, from_domain: str) -> SenderCheck:
    for result in header.results:
        method = str(result.method).lower()
        outcome = str(result.result).lower()
        if outcome != "pass":
            continue
        if method == "dmarc" and _property(result, "header", "from").lower() == from_domain:
            return SenderCheck(True, "dmarc", f"{header.authserv_id}: dmarc=pass")
        if method == "dkim":
            signer = _property(result, "header", "d") or _property(result, "header", "i")
            if signer and aligned(signer, from_domain):
                return SenderCheck(True, "dkim", f"{header.authserv_id}: dkim=pass d={signer}")
    return SenderCheck(False, "none", f"{header.authserv_id}: no aligned pass")


def check_sender(mail: ParsedMail, source: Source, trusted_authserv_ids: list[str]) -> SenderCheck:
    """Verified when the topmost Authentication-Results from a trusted authserv-id, on mail
    that came through that edge, says dmarc=pass for the From domain or an aligned dkim=pass.
    """
    if mail.sender is None:
        return UNVERIFIED
    if source is Source.SMTP_SUBMISSION:
        return SenderCheck(True, "submission", "trusted submission address")
    if source not in (Source.IMAP, Source.SMTP_RELAY):
        return UNVERIFIED
    trusted = {i.strip().lower() for i in trusted_authserv_ids if i.strip()}
    from_domain = _domain(mail.sender.email)
    for value in mail.auth_results:
        try:
            header = authres.AuthenticationResultsHeader.parse_value(value)
        except Exception:  # a malformed header proves nothing
            continue
        if str(header.authserv_id).lower() in trusted:
            return _judge(header, from_domain)  # the topmost trusted header counts alone
    return UNVERIFIED


def check_spf_directly(mail: ParsedMail, edge_authserv_id: str) -> SenderCheck:
    """For mail straight from the internet: the SPF verdict our own SMTP listener stamped on
    top (it removed every forged copy), when the envelope sender is aligned with From."""
    if mail.sender is None or not mail.auth_results:
        return UNVERIFIED
    try:
        header = authres.AuthenticationResultsHeader.parse_value(mail.auth_results[0])
    except Exception:
        return UNVERIFIED
    if str(header.authserv_id).lower() != edge_authserv_id.lower():
        return UNVERIFIED
    from_domain = _domain(mail.sender.email)
    for result in header.results:
        if str(result.method).lower() != "spf" or str(result.result).lower() != "pass":
            continue
        envelope_domain = _property(result, "smtp", "mailfrom")
        if envelope_domain and aligned(envelope_domain, from_domain):
            return SenderCheck(True, "spf-direct", f"spf=pass for {envelope_domain}")
    return UNVERIFIED


def check_dkim_directly(raw: bytes, mail: ParsedMail, dns_server: str | None) -> SenderCheck:
    """For mail straight from the internet: a DKIM signature Vraagbaak verified itself, by a
    domain aligned with the From domain."""
    if mail.sender is None or b"dkim-signature:" not in raw[:200_000].lower():
        return UNVERIFIED
    from_domain = _domain(mail.sender.email)
    for signer in dkim_verified_domains(raw, txt_lookup(dns_server)):
        if aligned(signer, from_domain):
            return SenderCheck(True, "dkim-direct", f"dkim d={signer} verified by Vraagbaak")
    return UNVERIFIED
