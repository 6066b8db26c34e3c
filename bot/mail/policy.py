"""What intake does with an understood mail: post, hold for a moderator, ask for a group,
ignore, or quarantine. The part that needs no database lives here (``vraagbaak email parse``
shows it); the follow-up and rate-limit gates that need the stored mail are in
``bot.mail.gates``."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.core.config import Config
from bot.mail.classify import MailKind
from bot.mail.understand import Understanding

# Caps that mean the structure was not read at all: nothing trustworthy to post.
STRUCTURE_LIMITS = frozenset({"mime_depth", "mime_parts", "mime_structure"})


class Action(StrEnum):
    POST = "post"
    HOLD = "hold"
    CHOOSE_GROUP = "choose_group"
    IGNORE = "ignore"
    QUARANTINE = "quarantine"


class HoldReason(StrEnum):
    """Why a moderator must decide; each has a text ``email_questions.reason.<value>``."""

    UNKNOWN_SENDER = "unknown_sender"  # from no known organisation
    PARTNER_SENDER = "partner_sender"  # from an external partner: group channels are internal
    UNVERIFIED = "unverified"  # claims an organisation's domain, not verified
    STRANGER_IN_THREAD = "stranger_in_thread"  # a reply into a thread it has no part in
    RATE_LIMITED = "rate_limited"  # too much mail from this sender or domain
    WEB_FORM = "web_form"  # a website's form, on behalf of an unverified Reply-To address


@dataclass(frozen=True)
class Decision:
    action: Action
    reason: str = ""  # a HoldReason value, or the quarantine reason


def decide(
    u: Understanding, config: Config, *, approved: bool = False, group_id: str | None = None
) -> Decision:
    """The decision for a first mail (not a follow-up in an existing thread)."""
    if u.kind is not MailKind.QUESTION:
        return Decision(Action.IGNORE, u.kind.value)
    hit = sorted(STRUCTURE_LIMITS.intersection(u.limits))
    if hit:
        return Decision(Action.QUARANTINE, "limits: " + ", ".join(hit))
    hold = hold_reason(u, config, approved=approved)
    if hold is not None:
        return Decision(Action.HOLD, hold)
    if group_id is None and asks_for_group(u, config.mail.routing_threshold):
        return Decision(Action.CHOOSE_GROUP)
    return Decision(Action.POST)


def asks_for_group(u: Understanding, threshold: float) -> bool:
    """Whether a person must choose the group: none found, or routing below ``threshold``, or
    a group whose channel has external members."""
    return u.group is None or (
        u.routed_by == "routing" and (u.confidence < threshold or u.needs_choice)
    )


def hold_reason(u: Understanding, config: Config, *, approved: bool) -> HoldReason | None:
    """A mail claiming an organisation's domain must prove it; anyone else needs a moderator
    the first time (``approved`` is that moderator's release). A web form always needs one:
    its relay may be the organisation's own, its asker is whoever filled it in."""
    if approved:
        return None
    if u.web_form:
        return HoldReason.WEB_FORM
    sender = u.sender.email if u.sender else ""
    organisation = config.organisation_for_email(sender)
    if organisation is None:
        return HoldReason.UNKNOWN_SENDER
    if organisation.external:  # issue 13: a partner's mail never goes straight to a group
        return HoldReason.PARTNER_SENDER
    if not u.sender_verified:
        return HoldReason.UNVERIFIED
    return None


def may_mail_sender(verified: bool, approved: bool) -> bool:
    """Confirmation and answer mail go only to a verified or moderator-released sender:
    anything else would be backscatter to whoever a forger named."""
    return verified or approved
