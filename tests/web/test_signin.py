"""Sign-in by one-time link, sessions and CSRF — written the way an attacker would try."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

from sqlmodel import select

from bot.cli import main
from bot.storage.adoption_models import Goal
from bot.web.models import WebLoginLink, WebSession
from tests.web.conftest import ADMIN, MANAGER, MEMBER, Site


async def test_dashboard_command_sends_a_private_link_that_works_once(site: Site) -> None:
    await site.world.say(MANAGER, "!dashboard", room=site.world_room())
    sent = site.world.adapter.sent[-1]
    assert sent.kind == "private" and sent.to is not None and sent.to.email == MANAGER
    found = re.search(r"http://127\.0\.0\.1:8080/login/([A-Za-z0-9_-]+)", sent.text)
    assert found, sent.text
    token = found[1]
    # Only the hash is stored.
    async with site.services.db.session() as session:
        rows = list(await session.exec(select(WebLoginLink)))
    assert [r.token_hash for r in rows] != [token] and token not in str(rows)
    # Opening the link (a chat app's preview does this) shows a button and uses nothing.
    for _ in range(2):
        page = await site.client.get(f"/login/{token}")
        assert page.status == 200 and "Je logt in als" in await page.text()
    response = await site.client.post("/login", data={"token": token}, allow_redirects=False)
    assert response.status == 303
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    home = await site.client.get("/", allow_redirects=False)
    assert home.headers["Location"] == "/overzicht"
    # The same link a second time: refused, and no second session.
    site.client.session.cookie_jar.clear()
    again = await site.client.post("/login", data={"token": token}, allow_redirects=False)
    assert again.status == 410 and "al gebruikt" in await again.text()
    assert (await site.client.get(f"/login/{token}")).status == 410
    async with site.services.db.session() as session:
        assert len(list(await session.exec(select(WebSession)))) == 1


async def test_expired_link_is_refused(site: Site) -> None:
    token = await site.link_for(MANAGER)
    site.world.clock.advance(timedelta(minutes=15, seconds=1))
    response = await site.client.post("/login", data={"token": token}, allow_redirects=False)
    assert response.status == 410 and "verlopen" in await response.text()
    assert "Set-Cookie" not in response.headers


async def test_forged_and_malformed_tokens_are_refused(site: Site) -> None:
    for token in ["A" * 43, "", "x", "é" * 40, "A" * 5000]:
        response = await site.client.post("/login", data={"token": token}, allow_redirects=False)
        assert response.status == 410, token
        assert "Set-Cookie" not in response.headers


async def test_a_link_signs_in_only_the_person_it_was_made_for(site: Site) -> None:
    """`vraagbaak web link` for a member: whoever opens it is that member, with a member's
    rights — not a manager's, even when a manager's browser opens it."""
    await site.sign_in(MANAGER)
    assert (await site.client.get("/overzicht")).status == 200
    token = await site.link_for(MEMBER)
    await site.client.post("/login", data={"token": token}, allow_redirects=False)
    async with site.services.db.session() as session:
        assert len(list(await session.exec(select(WebSession)))) == 1  # the manager's ended
    profile = await (await site.client.get("/profiel")).text()
    assert "Lid" in profile  # the member's name (account display name)
    assert (await site.client.get("/overzicht")).status == 403


async def test_cli_prints_a_link_for_a_configured_administrator(site: Site, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    config = str(site.config_file)
    assert (
        await asyncio.to_thread(main, ["web", "link", ADMIN, "--minutes", "5", "--config", config])
        == 0
    )
    url = capsys.readouterr().out.strip()
    assert re.fullmatch(r"http://127\.0\.0\.1:8080/login/[A-Za-z0-9_-]{43}", url)
    token = url.rsplit("/", 1)[1]
    response = await site.client.post("/login", data={"token": token}, allow_redirects=False)
    assert response.status == 303
    assert (
        await asyncio.to_thread(main, ["web", "link", "niemand@elders.example", "--config", config])
        == 1
    )
    assert "no person with e-mail" in capsys.readouterr().err
    assert (
        await asyncio.to_thread(main, ["web", "link", ADMIN, "--minutes", "0", "--config", config])
        == 1
    )


async def test_sessions_expire_and_sign_out_ends_them(site: Site) -> None:
    await site.sign_in(MANAGER)
    assert (await site.client.get("/overzicht")).status == 200
    site.world.clock.advance(timedelta(hours=8, seconds=1))
    refused = await site.client.get("/overzicht")
    assert refused.status == 401 and "niet (meer) ingelogd" in await refused.text()
    await site.sign_in(MANAGER)
    csrf = await site.csrf()
    out = await site.client.post("/uitloggen", data={"csrf": csrf}, allow_redirects=False)
    assert out.status == 303
    assert (await site.client.get("/overzicht")).status == 401


async def test_forms_need_the_sessions_csrf_token(site: Site) -> None:
    await site.sign_in(MANAGER)
    own = await site.csrf()
    target = "/doelen/sociaal-domein/doel"
    for data in (
        {"doel": "80 % beantwoord"},
        {"doel": "80 % beantwoord", "csrf": ""},
        {"doel": "80 % beantwoord", "csrf": own[:-1] + ("A" if own[-1] != "A" else "B")},
    ):
        response = await site.client.post(target, data=data, allow_redirects=False)
        assert response.status == 403
        assert "kwam niet van deze site" in await response.text()
    # Another session's token does not work either.
    other = site.client
    await site.sign_in(ADMIN)
    admin_csrf = await site.csrf()
    assert admin_csrf != own
    await site.sign_in(MANAGER)
    response = await other.post(
        target, data={"doel": "80 % beantwoord", "csrf": admin_csrf}, allow_redirects=False
    )
    assert response.status == 403
    async with site.services.db.session() as session:
        assert list(await session.exec(select(Goal))) == []
    csrf = await site.csrf()
    ok = await site.client.post(
        target, data={"doel": "80 % beantwoord", "csrf": csrf}, allow_redirects=False
    )
    assert ok.status == 303
    async with site.services.db.session() as session:
        goals = list(await session.exec(select(Goal)))
    assert [(g.metric, g.target) for g in goals] == [("answered_share", 0.8)]


async def test_pages_send_security_headers(site: Site) -> None:
    response = await site.client.get("/")
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"


async def test_a_form_posted_from_another_site_is_refused(site: Site) -> None:
    token = await site.link_for(MANAGER)
    forged = await site.client.post(
        "/login",
        data={"token": token},
        headers={"Origin": "https://evil.example"},
        allow_redirects=False,
    )
    assert forged.status == 403 and "Set-Cookie" not in forged.headers
    own = str(site.client.make_url("/")).rstrip("/")
    ok = await site.client.post(
        "/login", data={"token": token}, headers={"Origin": own}, allow_redirects=False
    )
    assert ok.status == 303
    csrf = await site.csrf()
    response = await site.client.post(
        "/doelen/sociaal-domein/doel",
        data={"csrf": csrf, "doel": "80 % beantwoord"},
        headers={"Origin": "null"},
    )
    assert response.status == 403


async def test_behind_tls_the_cookie_is_secure_and_links_use_base_url(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.web.conftest import build_site

    async for site in build_site(tmp_path, base_url="https://vraagbaak.gemeente.example/"):
        await site.world.say(MANAGER, "!dashboard", direct=True)
        assert "https://vraagbaak.gemeente.example/login/" in site.world.adapter.sent[-1].text
        token = await site.link_for(MANAGER)
        response = await site.client.post(
            "/login",
            data={"token": token},
            headers={"Origin": "https://vraagbaak.gemeente.example"},
            allow_redirects=False,
        )
        assert response.status == 303
        cookie = response.headers["Set-Cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
