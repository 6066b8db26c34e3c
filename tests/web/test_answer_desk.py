"""Issue 15 on the dashboard: the mail desk lists the viewer's own answer mails waiting for
their choice, exactly as the asker will get them, and sends, edits or cancels them through
the same code as ``!versturen``, ``!aanpassen`` and ``!annuleren``; someone else's preview is
refused (and audited), hostile text is escaped."""

from __future__ import annotations

from sqlmodel import select

from bot.core.events import ReactionEvent
from bot.mail.store import store_raw
from bot.storage.authority_models import AuditEntry
from bot.storage.mail_models import AnswerStatus, InboundEmail, MailAnswer
from bot.storage.models import OutboxItem
from tests.mail import mails
from tests.schedules.conftest import ROOM, account
from tests.web.conftest import ADMIN, MANAGER, Site


async def _preview_by(site: Site, email: str, answer: str) -> int:
    """A forwarded question in sociaal-domein, answered, and accepted with ✅ by ``email``."""
    raw = bytes(mails.plain(mails.GMAIL_FORWARD, subject="Fwd: Wheelchair at home"))
    await store_raw(
        site.services.db, raw, source="imap", recipients=["sociaal-domein@vraagbaak.example"]
    )
    async with site.services.db.session() as session:
        for row in (await session.exec(select(InboundEmail))).all():
            row.next_attempt_at = site.world.clock.now()
            session.add(row)
        await session.commit()
    await site.mail.desk.process_pending()
    root = next(
        s for s in site.world.adapter.sent if s.thread_id is None and "Wheelchair" in s.text
    )
    message = await site.world.say("h1@harderwijk.nl", answer, thread=root.message_id)
    await site.world.bot.dispatcher.dispatch(
        site.world.adapter,
        ReactionEvent(ROOM, message, account(email), "✅", thread_id=root.message_id),
    )
    async with site.services.db.session() as session:
        [preview] = (await session.exec(select(MailAnswer))).all()
    assert preview.status == AnswerStatus.PREVIEW and preview.id is not None
    return preview.id


async def _status(site: Site, answer_id: int) -> AnswerStatus:
    async with site.services.db.session() as session:
        found = await session.get(MailAnswer, answer_id)
        assert found is not None
        return found.status


async def test_the_desk_shows_sends_and_edits_the_viewers_own_answer_mail(site: Site) -> None:
    answer_id = await _preview_by(site, MANAGER, "Ja, via het Wmo-loket. <script>x</script>")
    await site.sign_in(MANAGER)
    html = await (await site.client.get("/mail")).text()
    assert "Jouw antwoordmails die wachten" in html
    assert "Tom Baker &lt;tom.baker@example.org&gt;" in html  # To, escaped
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    csrf = await site.csrf("/mail")
    edited = await site.client.post(
        f"/mail/antwoord/{answer_id}/aanpassen", data={"csrf": csrf, "tekst": "Via het loket."}
    )
    assert "Het antwoord in de mail is aangepast" in await edited.text()
    async with site.services.db.session() as session:
        row = await session.get(MailAnswer, answer_id)
        assert row is not None and "Via het loket." in row.mail["body"]
    sent = await site.client.post(f"/mail/antwoord/{answer_id}/versturen", data={"csrf": csrf})
    assert "De antwoordmail is verstuurd" in await sent.text()
    assert await _status(site, answer_id) == AnswerStatus.SENT
    async with site.services.db.session() as session:
        queued = [
            i for i in (await session.exec(select(OutboxItem))).all() if "answer" in i.payload
        ]
    assert len(queued) == 1 and "Via het loket." in queued[0].payload["mail"]["body"]
    again = await site.client.post(f"/mail/antwoord/{answer_id}/versturen", data={"csrf": csrf})
    assert "wacht niet (meer)" in await again.text()


async def test_someone_elses_answer_mail_is_refused_and_cancel_reopens(site: Site) -> None:
    answer_id = await _preview_by(site, MANAGER, "Ja.")
    await site.sign_in(ADMIN)
    assert "Jouw antwoordmails die wachten" not in await (await site.client.get("/mail")).text()
    csrf = await site.csrf("/mail")
    refused = await site.client.post(f"/mail/antwoord/{answer_id}/versturen", data={"csrf": csrf})
    assert refused.status == 403 and "iemand anders geaccepteerd" in await refused.text()
    assert await _status(site, answer_id) == AnswerStatus.PREVIEW
    async with site.services.db.session() as session:
        audit = (await session.exec(select(AuditEntry))).all()
    assert any("web versturen" in e.detail for e in audit)
    await site.sign_in(MANAGER)
    csrf = await site.csrf("/mail")
    done = await site.client.post(f"/mail/antwoord/{answer_id}/annuleren", data={"csrf": csrf})
    assert "niet verstuurd; de vraag staat weer open" in await done.text()
    assert await _status(site, answer_id) == AnswerStatus.CANCELLED


async def test_the_profile_switches_the_forwarders_copy(site: Site) -> None:
    from bot.storage.models import PersonSettings
    from tests.web.conftest import MEMBER

    await site.sign_in(MEMBER)
    html = await (await site.client.get("/profiel")).text()
    assert 'name="mailkopie"' in html and "Een kopie (cc) van de antwoordmail" in html
    person = await site.world.person(MEMBER)
    for form, wanted in (({}, False), ({"mailkopie": "aan"}, True)):
        csrf = await site.csrf()
        await site.client.post("/profiel/instellingen", data={"csrf": csrf, **form})
        async with site.services.db.session() as session:
            settings = await session.get(PersonSettings, person.id)
        assert settings is not None and settings.mail_copy is wanted
