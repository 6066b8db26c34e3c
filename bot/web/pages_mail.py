"""The mail desk: mail waiting for a moderator (unknown sender) or for a group (routing was
unsure), with the redacted text and what was redacted. Release and choose-a-group go through
:meth:`bot.mail.desk.EmailDesk.release`, the code behind ``!mailvrijgeven`` and
``!kiesgroep``. Above it, the viewer's own answer mails waiting for their choice (issue 15):
send, edit, cancel through :mod:`bot.mail.previews`, the code behind ``!versturen``,
``!aanpassen`` and ``!annuleren``."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.core.i18n import t
from bot.core.working_time import AMSTERDAM
from bot.mail import previews
from bot.mail.acceptance import AcceptRefusedError
from bot.mail.desk import EmailDesk
from bot.mail.moderation import group_of
from bot.redaction.audit import counts_of, summary
from bot.storage.mail_models import InboundEmail, InboundStatus
from bot.storage.models import Person
from bot.web.access import Viewer
from bot.web.common import (
    PageData,
    RefusedError,
    page_language,
    render,
    require_manager,
    see_other,
    services_of,
)
from bot.web.tables import Cell, Table

WAITING_LIMIT = 200


def _desk(request: web.Request) -> EmailDesk | None:
    return services_of(request).mail_desk


def may_handle(viewer: Viewer, row: InboundEmail) -> bool:
    """Unscoped managers and administrators handle all waiting mail; a group's manager the
    mail for (or guessed for) their groups."""
    return viewer.sees_everything or viewer.sees_group(group_of(row))


def _mail_view(row: InboundEmail, request: web.Request) -> dict[str, Any]:
    config = services_of(request).config
    lang = page_language(request)
    parsed: dict[str, Any] = row.parsed if isinstance(row.parsed, dict) else {}
    sender = row.forwarded_by or row.original_email or ""
    organisation = config.organisation_for_email(sender) if sender else None
    held = row.status == InboundStatus.HELD
    reason = str(parsed.get("reason") or "")
    return {
        "id": row.id,
        "received": row.received_at.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M"),
        "sender": sender or "?",
        "organisation": organisation.name if organisation else None,
        # What intake found (issue 11): the sender proved by a trusted MTA or DKIM, or not.
        "verified": bool(parsed.get("sender_verified")),
        "reason": t(lang, f"email_questions.reason.{reason}") if held and reason else "",
        "subject": str(parsed.get("subject") or ""),
        "question": str(parsed.get("question") or ""),
        "redactions": summary(counts_of(parsed.get("redactions")), lang),
        "held": held,
        "group": group_of(row),
        "candidates": [str(c) for c in parsed.get("candidates", []) or []][:5],
    }


async def build_desk(request: web.Request, viewer: Viewer) -> PageData:
    if not viewer.is_manager:
        raise RefusedError(403, "web.managers_only")
    lang = page_language(request)
    services = services_of(request)
    desk = _desk(request)
    mails: list[dict[str, Any]] = []
    table = Table(
        "wachtend",
        t(lang, "web.mail_caption"),
        [
            t(lang, "web.mail_number"),
            t(lang, "web.mail_received"),
            t(lang, "web.mail_subject"),
            t(lang, "web.mail_waits_for"),
        ],
        empty=t(lang, "web.mail_none"),
    )
    if desk is not None:
        async with services.db.session() as session:
            rows = await desk.waiting(session, limit=WAITING_LIMIT)
        for row in rows:
            if not may_handle(viewer, row):
                continue
            view = _mail_view(row, request)
            mails.append(view)
            reason = "web.mail_held" if view["held"] else "web.mail_needs_group"
            table.add(
                [
                    Cell(str(view["id"]), value=view["id"]),
                    view["received"],
                    view["subject"],
                    Cell(t(lang, reason), value="held" if view["held"] else "needs_group"),
                ]
            )
    groups = [(g.id, g.name) for g in services.config.groups if viewer.sees_group(g.id)]
    answers: list[dict[str, Any]] = []
    if desk is not None:
        async with services.db.session() as session:
            answers = [
                _answer_view(p) for p in await previews.waiting_for(session, viewer.person_id)
            ]
    context = {
        "mails": mails,
        "answers": answers,
        "desk_missing": desk is None,
        "group_choices": groups,
    }
    return PageData("maildesk.html", "web.mail_title", context, [table])


def _answer_view(pending: previews.Pending) -> dict[str, Any]:
    """An answer mail as the asker will get it (Jinja escapes every field)."""
    from email.utils import formataddr

    mail = pending.mail
    return {
        "id": pending.answer.id,
        "reference": pending.reference,
        "to": formataddr((mail.to_name, mail.to)),
        "cc": ", ".join(formataddr(pair) for pair in mail.cc),
        "from": formataddr((mail.from_name, mail.from_address)),
        "reply_to": mail.reply_to or "",
        "subject": mail.subject,
        "body": mail.body,
        "answer": pending.answer.text,
    }


async def desk_page(request: web.Request) -> web.StreamResponse:
    return render(request, await build_desk(request, require_manager(request)))


async def _waiting_row(request: web.Request, viewer: Viewer) -> tuple[EmailDesk, int]:
    desk = _desk(request)
    raw = request.match_info["id"]
    if desk is None or not raw.isdigit() or len(raw) > 12:
        raise RefusedError(404, "web.status_404")
    number = int(raw)
    async with services_of(request).db.session() as session:
        row = await session.get(InboundEmail, number)
    if row is None or row.status not in (InboundStatus.HELD, InboundStatus.NEEDS_GROUP):
        raise _NotWaitingError()
    if not may_handle(viewer, row):
        raise RefusedError(403, "web.not_your_group")
    return desk, number


class _NotWaitingError(Exception):
    pass


async def release(request: web.Request) -> web.StreamResponse:
    viewer = require_manager(request)
    form = await request.post()
    choice = str(form.get("groep", "")).strip()
    try:
        desk, number = await _waiting_row(request, viewer)
    except _NotWaitingError:
        return see_other("/mail", "mail_not_waiting")
    group_id: str | None = None
    if choice:
        if services_of(request).config.group(choice) is None or not viewer.sees_group(choice):
            raise RefusedError(400, "web.mail_bad_group")
        group_id = choice
    async with services_of(request).db.session() as session:
        ok = await desk.release(session, number, group_id=group_id)
        await session.commit()
    return see_other("/mail", "mail_released" if ok else "mail_not_waiting")


async def reject(request: web.Request) -> web.StreamResponse:
    """Set the mail aside (``Moderation.reject``, as ``!mailafwijzen``)."""
    viewer = require_manager(request)
    try:
        desk, number = await _waiting_row(request, viewer)
    except _NotWaitingError:
        return see_other("/mail", "mail_not_waiting")
    async with services_of(request).db.session() as session:
        rejected = await desk.moderation.reject(
            session, number, f"person {viewer.person_id} on the dashboard"
        )
        await session.commit()
    return see_other("/mail", "mail_rejected" if rejected else "mail_not_waiting")


async def _answer_choice(request: web.Request, verb: str) -> web.StreamResponse:
    """Send, edit or cancel one of the viewer's own answer mails."""
    viewer = require_manager(request)
    raw = request.match_info["id"]
    if _desk(request) is None or not raw.isdigit() or len(raw) > 12:
        raise RefusedError(404, "web.status_404")
    services = services_of(request)
    form = await request.post()
    async with services.db.session() as session:
        person = await session.get(Person, viewer.person_id)
        assert person is not None
        try:
            pending = await previews.preview_by_id(session, person, int(raw), f"web {verb}")
            if verb == "versturen":
                await previews.send(services, session, person, pending)
            elif verb == "aanpassen":
                await previews.edit(services, session, pending, str(form.get("tekst", "")))
            else:
                await previews.cancel(services, session, pending)
        except AcceptRefusedError as refused:
            await session.commit()  # the audit entry of a refusal
            if refused.key == "mail_answers.not_your_preview":
                raise RefusedError(403, "web.answer_not_yours") from None
            if refused.key == "email_questions.not_allowed":
                raise RefusedError(403, "web.answer_not_allowed") from None
            if refused.key in ("mail_answers.usage_edit", "mail_answers.too_long"):
                return see_other("/mail", "answer_edit_bad")
            return see_other("/mail", "answer_not_waiting")
        await session.commit()
    return see_other(
        "/mail",
        {"versturen": "answer_sent", "aanpassen": "answer_edited"}.get(verb, "answer_cancelled"),
    )


async def send_answer(request: web.Request) -> web.StreamResponse:
    return await _answer_choice(request, "versturen")


async def edit_answer(request: web.Request) -> web.StreamResponse:
    return await _answer_choice(request, "aanpassen")


async def cancel_answer(request: web.Request) -> web.StreamResponse:
    return await _answer_choice(request, "annuleren")


def add_routes(routes: web.UrlDispatcher) -> None:
    routes.add_get("/mail", desk_page)
    routes.add_post("/mail/{id}/vrijgeven", release)
    routes.add_post("/mail/{id}/afwijzen", reject)
    routes.add_post("/mail/antwoord/{id}/versturen", send_answer)
    routes.add_post("/mail/antwoord/{id}/aanpassen", edit_answer)
    routes.add_post("/mail/antwoord/{id}/annuleren", cancel_answer)
