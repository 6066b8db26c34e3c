"""From raw bytes to what Vraagbaak needs: kind, who forwarded it, the original sender, the
cleaned and redacted subject and question, the attachments, and the group it belongs to."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.core.config import Config
from bot.mail.attachments import AttachmentResult, select_attachments
from bot.mail.classify import MailKind, classify, is_machine_sender, is_web_form
from bot.mail.forwards import (
    REPLIED_NOW,
    attached_to_writer,
    clean_subject,
    find_forward,
    own_unanswered_question,
)
from bot.mail.language import detect_language
from bot.mail.parse import Address, ParsedMail, parse_bytes
from bot.mail.senders import (
    UNVERIFIED,
    SenderCheck,
    Source,
    check_dkim_directly,
    check_sender,
    check_spf_directly,
)
from bot.mail.signature import cut_signature
from bot.mail.trim import trim_reply
from bot.mail.web_forms import form_reply_to, form_subject, without_form_lines
from bot.redaction import Redactor
from bot.redaction.names import address_spells_name
from knowledge.domain_words import DomainWords
from knowledge.routing import Domain, Router, organisation_words, profiles_from


@dataclass
class Understanding:
    kind: MailKind
    message_id: str | None
    sender: Address | None
    forwarded_by: Address | None
    original_sender: Address | None
    subject: str
    question: str
    note: str
    language: Literal["nl", "en"]
    redactions: dict[str, int]
    group: str | None
    confidence: float
    candidates: list[str]
    attachments: AttachmentResult
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)
    routed_by: str = "address"  # "address", "routing" or "none"
    # What the thread may show: the forwarder's name when a colleague, else a placeholder;
    # the attachments' names with personal data removed (same order as attachments.kept).
    forwarder_label: str = ""
    attachment_names: list[str] = field(default_factory=list)
    dropped_names: list[str] = field(default_factory=list)
    # The mail's redactor (its colleagues and citizen names), for attachments released later.
    redactor: Redactor = field(default_factory=Redactor, repr=False, compare=False)
    sender_check: SenderCheck = UNVERIFIED
    limits: list[str] = field(default_factory=list)  # caps the parser ran into
    # Relayed by a website's form: the asker is the unverified Reply-To, whoever sent it.
    web_form: bool = False

    @property
    def asker(self) -> Address | None:
        """Who mailed the question in: a forward's forwarder, else the original sender (a
        web form's Reply-To, else the sender)."""
        return self.forwarded_by or self.original_sender

    @property
    def sender_verified(self) -> bool:
        """The asker is who the mail says: never for a web form, whose relay (however well
        verified) only passes on what someone typed."""
        return self.sender_check.verified and not self.web_form

    # routed to a group with external members: a person must choose it (never automatic)
    needs_choice: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "message_id": self.message_id,
            "sender": self.sender.email if self.sender else None,
            "sender_verified": self.sender_verified,
            "web_form": self.web_form,
            "verification": self.sender_check.as_json(),
            "limits": list(self.limits),
            "forwarded_by": self.forwarded_by.email if self.forwarded_by else None,
            "original_sender": self.original_sender.as_dict() if self.original_sender else None,
            "subject": self.subject,
            "question": self.question,
            "note": self.note,
            "language": self.language,
            "redactions": dict(sorted(self.redactions.items())),
            "group": self.group,
            "confidence": self.confidence,
            "routed_by": self.routed_by,
            "needs_choice": self.needs_choice,
            "candidates": self.candidates,
            "attachments": [
                {"filename": name, "content_type": f.content_type, "size": len(f.data)}
                for f, name in zip(self.attachments.kept, self._kept_names(), strict=True)
            ],
            "dropped_attachments": [
                {"filename": name, "reason": reason}
                for (_, reason), name in zip(
                    self.attachments.dropped, self._dropped_names(), strict=True
                )
            ],
        }

    def _kept_names(self) -> list[str]:
        if len(self.attachment_names) == len(self.attachments.kept):
            return self.attachment_names
        return ["(bijlage)"] * len(self.attachments.kept)

    def _dropped_names(self) -> list[str]:
        if len(self.dropped_names) == len(self.attachments.dropped):
            return self.dropped_names
        return ["(bijlage)"] * len(self.attachments.dropped)


def clean_text(text: str, names: list[str]) -> tuple[str, list[str]]:
    """Quotes, history, mobile signatures, closing, signature block and disclaimer off."""
    trimmed = trim_reply(text)
    body, cut = cut_signature(trimmed.text, names)
    return body.strip(), trimmed.cut + cut


def config_router(
    config: Config,
    past: Mapping[str, Sequence[str]] | None = None,
    external: Collection[str] = (),
    domains: Sequence[Domain] | None = None,
    domain_words: DomainWords | None = None,
) -> Router:
    """The router for a configuration's groups and organisations (``past``: the groups'
    channel history; ``external``: the groups whose channel has external members; the rest as
    :class:`knowledge.routing.Router` takes them)."""
    profiles = profiles_from(config.groups, past, external, config.organisations)
    return Router(profiles, domains, domain_words)


class MailReader:
    """Understands mail for one configuration; build once, reuse for every message."""

    def __init__(
        self, config: Config, router: Router | None = None, colleagues: Iterable[str] = ()
    ) -> None:
        self.config = config
        self.router = router or config_router(config)
        # Names of people the chat knows (refreshed by the desk): they keep their names.
        self.colleagues: set[str] = set(colleagues)
        self._group_addresses = {
            g.email.lower(): g.id for g in config.groups if g.email is not None
        }
        own = set(self._group_addresses)
        if config.mail.general_address:
            own.add(config.mail.general_address.lower())
        self.own_addresses = frozenset(own)
        # the words of the deployment's own organisations' names and mail domains: places,
        # never the surname a citizen's address spells ("jvanee.ermelo@gmail.com")
        self._places = frozenset(
            word for words in organisation_words(config.organisations).values() for word in words
        )

    def group_for_recipients(self, recipients: list[str]) -> str | None:
        for address in recipients:
            group = self._group_addresses.get(address.lower())
            if group is not None:
                return group
        return None

    def read(
        self, raw: bytes, recipients: list[str] | None = None, source: str = Source.IMAP
    ) -> Understanding:
        """``source`` is how the mail came in (``InboundEmail.source``); a file on disk is
        judged as if fetched over IMAP."""
        mail = parse_bytes(raw)
        understood = self.read_parsed(mail, recipients, source)
        settings = self.config.mail
        direct = Source.of(source) is Source.SMTP
        if not understood.sender_verified and direct and settings.spf_verify:
            understood.sender_check = check_spf_directly(mail, settings.edge_authserv_id)
        if not understood.sender_verified and direct and settings.dkim_verify:
            understood.sender_check = check_dkim_directly(raw, mail, settings.dns_resolver)
        return understood

    def read_parsed(
        self, mail: ParsedMail, recipients: list[str] | None = None, source: str = Source.IMAP
    ) -> Understanding:
        check = check_sender(mail, Source.of(source), self.config.mail.trusted_authserv_ids)
        understood = self._understand(mail, recipients)
        understood.sender_check = check
        understood.limits = list(mail.limits)
        return understood

    def _understand(self, mail: ParsedMail, recipients: list[str] | None) -> Understanding:
        kind = classify(mail, self.own_addresses)
        default_language = self.config.bot.language
        if kind is not MailKind.QUESTION:
            return Understanding(
                kind=kind,
                message_id=mail.message_id,
                sender=mail.sender,
                forwarded_by=None,
                original_sender=mail.sender,
                subject=mail.subject,
                question="",
                note="",
                language=default_language,
                redactions={},
                group=None,
                confidence=0.0,
                candidates=[],
                attachments=AttachmentResult(),
                in_reply_to=mail.in_reply_to,
                references=mail.references + _returned_ids(mail),
                routed_by="none",
            )
        web_form = is_web_form(mail)
        forward = None if web_form else find_forward(mail)
        if (
            forward is not None
            and mail.sender is not None
            and not self._colleague(mail.sender)
            and attached_to_writer(mail)
        ):
            # a resident asks about a letter sent to them: the question is theirs
            forward = None
        via: Sequence[Address] = ()
        cut: list[str] = []
        parts = list(mail.parts)
        original: Address | None
        if web_form:
            original = form_reply_to(mail)
            forwarded_by = None
            trimmed = trim_reply(mail.text)
            subject = clean_subject(form_subject(trimmed.text, mail.subject))
            names = [original.name] if original else []
            question, cut = clean_text(without_form_lines(trimmed.text), names)
            asker_cut = cut
            cut = trimmed.cut + cut
            note = ""
        elif forward is not None and forward.original_sender is not None:
            original = forward.original_sender
            forwarded_by = mail.sender
            if is_machine_sender(original.email) and mail.sender is not None:
                # "Is deze mail echt van jullie?" above a noreply message: the forwarder asks
                original = mail.sender
            subject = clean_subject(forward.subject or mail.subject)
            question, cut_q = clean_text(forward.text, [original.name])
            note, cut_n = clean_text(forward.note, [mail.sender.name] if mail.sender else [])
            for passer, passed_note in zip(forward.via, forward.via_notes, strict=True):
                # "Hoi Joost, kun jij dit doorzetten?" of whoever passed it on in between
                text, cut_v = clean_text(passed_note, [passer.name])
                note = "\n\n".join(part for part in (note, text) if part)
                cut_n += cut_v
            asker_cut = cut_q
            via = forward.via
            cut = forward.cut + cut_n + cut_q
            for inner in mail.embedded[:1]:
                parts.extend(inner.parts)
        else:
            original = mail.sender
            forwarded_by = None
            subject = clean_subject(mail.subject)
            question, cut = clean_text(mail.text, [mail.sender.name] if mail.sender else [])
            asker_cut = cut
            note = ""
            earlier = own_unanswered_question(mail, self.own_addresses)
            if earlier is not None:
                # a reminder above the writer's own unanswered mail: that mail is the question
                asked, cut_e = clean_text(earlier, [mail.sender.name] if mail.sender else [])
                question = "\n\n".join(part for part in (question, asked) if part)
                cut += cut_e
        language = detect_language(f"{subject}\n{question}", default_language)
        signed = [] if original is None or self._colleague(original) else _signed_names(asker_cut)
        redactor = self._redactor_for(
            mail, original, forwarded_by, web_form=web_form, via=via, signed=signed
        )
        redacted_subject = redactor.redact(subject, language)
        redacted_question = redactor.redact(question, language)
        redacted_note = redactor.redact(note, language)
        counts = redacted_subject.counts + redacted_question.counts + redacted_note.counts
        attachments = select_attachments(parts)
        kept_names = [
            redactor.redact(f.filename, language, filename=True) for f in attachments.kept
        ]
        dropped_names = [
            redactor.redact(name, language, filename=True) for name, _ in attachments.dropped
        ]
        for named in kept_names + dropped_names:
            counts += named.counts
        forwarder_label = ""
        if forwarded_by is not None:
            if self._colleague(forwarded_by):
                forwarder_label = forwarded_by.name or forwarded_by.email
            else:
                forwarder_label = PLACEHOLDER_NAME[language]
                counts["name"] += 1
        addressed = list(recipients or []) + [a.email for a in mail.to + mail.cc]
        group = self.group_for_recipients(addressed)
        confidence = 1.0
        candidates: list[str] = []
        routed_by = "address"
        needs_choice = False
        if group is None:
            # Routed on the redacted text: phone numbers and street names are not topics; a
            # condition is ("heeft parkinson"), so routing reads it, though no thread shows
            # it. A reply that opens with a new question keeps the old thread's subject: the
            # subject is then no evidence of what is asked.
            new_question = _new_question_under_old_subject(mail, question)
            topic = "" if new_question else redacted_subject.topics
            route = self.router.route(
                f"{topic}\n{redacted_note.topics}\n{redacted_question.topics}"
            )
            group, confidence, candidates = route.group_id, route.confidence, route.top(3)
            needs_choice = route.needs_choice
            routed_by = "routing"
        return Understanding(
            kind=kind,
            message_id=mail.message_id,
            sender=mail.sender,
            forwarded_by=forwarded_by,
            original_sender=original,
            subject=redacted_subject.text,
            question=redacted_question.text,
            note=redacted_note.text,
            language=language,
            redactions=dict(counts),
            group=group,
            confidence=confidence,
            candidates=candidates,
            attachments=attachments,
            in_reply_to=mail.in_reply_to,
            references=mail.references,
            cut=[c for c in cut if c.strip()],
            routed_by=routed_by,
            forwarder_label=forwarder_label,
            attachment_names=[n.text for n in kept_names],
            dropped_names=[n.text for n in dropped_names],
            redactor=redactor,
            needs_choice=needs_choice,
            web_form=web_form,
        )

    def _colleague(self, address: Address) -> bool:
        if self.config.organisation_for_email(address.email) is not None:
            return True
        known = {" ".join(c.lower().split()) for c in self.colleagues}
        return " ".join(address.name.lower().split()) in known

    def _redactor_for(
        self,
        mail: ParsedMail,
        original: Address | None,
        forwarded_by: Address | None,
        *,
        web_form: bool = False,
        via: Sequence[Address] = (),
        signed: Sequence[str] = (),
    ) -> Redactor:
        """Colleagues are the chat's people and everyone in this mail who writes from an
        organisation's address; every other name the mail gives is a citizen's. A web form's
        asker is a citizen whatever address they typed."""
        colleagues = set(self.colleagues)
        # the names the asker signed with, in the closing that was cut: theirs wherever they
        # stand in the question ("…, met vriendelijke groet Henk en Annie" — "van Annie")
        citizens: list[str] = list(signed)
        addresses: list[str] = []
        people = [original, forwarded_by, *via, mail.sender, *mail.to, *mail.cc, *mail.reply_to]
        if web_form:
            # the asker the form names (form_reply_to: its Reply-To, or its e-mail and name
            # fields)
            if original is not None:
                if original.name:
                    citizens.append(original.name)
                addresses.append(original.email)
            people = [forwarded_by, mail.sender, *mail.to, *mail.cc]
        # Only the writers' addresses spell a surname: recipients are the desk's own
        # mailboxes ("vraag@") as often as people.
        writers = [original, mail.sender, *mail.reply_to]
        for inner in mail.embedded[:1]:
            people += [inner.sender, *inner.to, *inner.cc]
            writers.append(inner.sender)
        writer_addresses = {a.email for a in writers if a is not None and a.email}
        for person in people:
            if person is None or self._colleague(person):
                if person is not None and person.name:
                    colleagues.add(person.name)
                continue
            if person.name:
                citizens.append(person.name)
            if person.email in writer_addresses and address_spells_name(person.name, person.email):
                addresses.append(person.email)
        return Redactor(colleagues, citizens, addresses, places=self._places)


PLACEHOLDER_NAME = {"nl": "[naam verwijderd]", "en": "[name removed]"}
# A cut part longer than this is history or a disclaimer, not the asker's closing.
_SIGNATURE_PART = 400


def _signed_names(cut: Sequence[str]) -> list[str]:
    """The names personal-data detection finds in the short parts cut from under a question
    (the closing and signature of its writer)."""
    probe = Redactor()
    names: list[str] = []
    for part in cut:
        if len(part) > _SIGNATURE_PART:
            continue
        names += [part[a:b] for a, b, kind in probe.findings(part) if kind == "name"]
    return names[:10]


def _returned_ids(mail: ParsedMail) -> list[str]:
    """Message-IDs of the mail a bounce or auto-reply is about (RFC 3464 returned content)."""
    found = [inner.message_id for inner in mail.embedded if inner.message_id]
    original = mail.header("x-original-message-id")
    if original:
        found.append(original.strip())
    return found


# "Ik heb een andere vraag dan hieronder", "Los daarvan:", "A different question:", "Andere
# Frage:": the writer says the reply is about something new.
_NEW_QUESTION = re.compile(
    r"(?i)\b(?:(?:een|nog een|mijn) )?(?:andere|nieuwe|aparte|ander soort) vraag\b|"
    r"\bander onderwerp\b|\biets heel anders\b|\blos (?:daarvan|hiervan|van (?:de|het|dit|deze|"
    r"hieronder|onderstaande|bovenstaande))\b|\b(?:another|a different|a new|a separate|an "
    r"unrelated) (?:question|matter|topic)\b|\bunrelated\b|\b(?:andere|neue) frage\b|"
    r"\banderes thema\b"
)


def _new_question_under_old_subject(mail: ParsedMail, question: str) -> bool:
    """Whether a reply's own opening says it asks something other than its thread did."""
    replying = bool(mail.in_reply_to) or bool(REPLIED_NOW.match(mail.subject or ""))
    return replying and _NEW_QUESTION.search(question[:400]) is not None
