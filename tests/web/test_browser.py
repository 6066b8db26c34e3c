"""The dashboard in a real browser: Debian's chromium driven by Playwright (its own browser
downloads are not used), axe-core on every page, keyboard only, each role, the figures
against ``vraagbaak stats --json``, and the mail desk's buttons.

Set ``VRAAGBAAK_SCREENSHOTS=docs`` to write the screenshots of docs/dashboard.md."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import (
    ADMIN,
    GROUP_MANAGER,
    MANAGER,
    MEMBER,
    PARTNER,
    Site,
    held_mail,
)

CHROMIUM = os.environ.get("VRAAGBAAK_CHROMIUM", "/usr/bin/chromium")
EXECUTABLE = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
SCREENSHOTS = os.environ.get("VRAAGBAAK_SCREENSHOTS")

READ_CELLS = (
    "cells => cells.map(c => [c.dataset.scope, c.dataset.key, JSON.parse(c.dataset.value)])"
)

pytestmark = [
    pytest.mark.skipif(
        EXECUTABLE is None,
        reason=f"no chromium at {CHROMIUM} (Debian: apt-get install chromium; .ci/run does)",
    ),
    pytest.mark.timeout(120),
]
playwright_api = pytest.importorskip("playwright.async_api", reason="playwright not installed")
axe_api = pytest.importorskip("axe_playwright_python.async_playwright")


@asynccontextmanager
async def browser_page(site: Site, locale: str = "nl-NL") -> AsyncIterator[Any]:
    async with playwright_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=EXECUTABLE,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        context = await browser.new_context(locale=locale, viewport={"width": 1100, "height": 900})
        page = await context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            await browser.close()


def url(site: Site, path: str) -> str:
    return str(site.client.make_url(path))


async def sign_in(page: Any, site: Site, email: str) -> None:
    token = await site.link_for(email)
    await page.goto(url(site, f"/login/{token}"))
    await page.get_by_role("button", name="Inloggen").click()
    await page.wait_for_load_state()


async def assert_accessible(page: Any, name: str) -> None:
    results = await axe_api.Axe().run(page)
    violations = results.response["violations"]
    assert violations == [], f"{name}: {json.dumps(violations, indent=1)[:3000]}"
    if SCREENSHOTS:
        await page.screenshot(path=f"{SCREENSHOTS}/dashboard-{name}.png", full_page=True)


async def test_every_page_passes_axe_for_a_manager(site: Site) -> None:
    await held_mail(site)
    async with browser_page(site) as page:
        await page.goto(url(site, "/"))
        await assert_accessible(page, "inloggen")
        token = await site.link_for(MANAGER)
        await page.goto(url(site, f"/login/{token}"))
        await assert_accessible(page, "inloggen-bevestigen")
        await page.get_by_role("button", name="Inloggen").click()
        await page.wait_for_url("**/overzicht")
        assert await page.get_attribute("html", "lang") == "nl"
        await assert_accessible(page, "overzicht")
        for path, name in [
            ("/groep/sociaal-domein", "groep"),
            ("/mail", "maildesk"),
            ("/doelen", "doelen"),
            ("/profiel", "profiel"),
        ]:
            await page.goto(url(site, path))
            assert await page.locator("main h1").count() == 1
            await assert_accessible(page, name)
        # A bad goal: the message stands next to the field and is still accessible.
        await page.goto(url(site, "/doelen"))
        await page.get_by_label("Nieuw doel").first.fill("180 % beantwoord")
        await page.get_by_role("button", name="Doel opslaan").first.click()
        await page.wait_for_load_state()
        assert "tussen 0 en 100 %" in await page.content()
        await assert_accessible(page, "doelen-fout")
        # A report channel that partners read is refused next to the choice.
        await page.get_by_label("Kanaal voor het maandrapport").select_option(
            label="console: sociaal-domein"
        )
        await page.get_by_role("button", name="Opslaan", exact=True).last.click()
        await page.wait_for_load_state()
        assert "gedeeld met externe partners" in await page.content()
        await assert_accessible(page, "doelen-rapportkanaal-geweigerd")


async def test_english_pages_and_refusals_for_member_and_partner(site: Site) -> None:
    async with browser_page(site, locale="en-GB") as page:
        await sign_in(page, site, MEMBER)
        await page.wait_for_url("**/profiel")
        await page.get_by_label("Taal").select_option("en")
        await page.get_by_role("button", name="Opslaan").last.click()
        await page.wait_for_load_state()
        assert await page.get_attribute("html", "lang") == "en"
        assert await page.get_by_role("heading", name="My profile").count() == 1
        await assert_accessible(page, "profile-en")
        response = await page.goto(url(site, "/overzicht"))
        assert response is not None and response.status == 403
        assert "for community managers and administrators only" in await page.content()
        await assert_accessible(page, "geweigerd")
        assert await page.get_by_role("link", name="Overview").count() == 0
    async with browser_page(site) as page:
        await sign_in(page, site, PARTNER)
        for path in ["/overzicht", "/groep/sociaal-domein", "/mail"]:
            response = await page.goto(url(site, path))
            assert response is not None and response.status == 403
        await page.goto(url(site, "/profiel"))
        assert "Eva" in await page.content()


async def test_used_and_expired_links_are_refused(site: Site) -> None:
    async with browser_page(site) as page:
        token = await site.link_for(MANAGER)
        await page.goto(url(site, f"/login/{token}"))
        await page.get_by_role("button", name="Inloggen").click()
        await page.wait_for_url("**/overzicht")
        await page.context.clear_cookies()
        response = await page.goto(url(site, f"/login/{token}"))
        assert response is not None and response.status == 410
        assert "al gebruikt" in await page.content()
        await assert_accessible(page, "link-gebruikt")
        expired = await site.link_for(MANAGER)
        site.world.clock.advance(timedelta(minutes=16))
        response = await page.goto(url(site, f"/login/{expired}"))
        assert response is not None and response.status == 410
        assert "verlopen" in await page.content()


async def test_keyboard_only_sets_a_goal(site: Site) -> None:
    async with browser_page(site) as page:
        await sign_in(page, site, GROUP_MANAGER)
        await page.goto(url(site, "/doelen"))
        await page.keyboard.press("Tab")
        skip = page.locator(":focus")
        assert await skip.inner_text() == "Direct naar de inhoud"
        outline = await skip.evaluate("e => getComputedStyle(e).outlineStyle")
        assert outline != "none"  # focus is visible
        await page.keyboard.press("Enter")
        # From the main content, Tab reaches the goal field; typing and Enter submit it.
        for _ in range(10):
            await page.keyboard.press("Tab")
            if await page.evaluate("document.activeElement.name") == "doel":
                break
        assert await page.evaluate("document.activeElement.id") == "doel-sociaal-domein"
        await page.keyboard.type("reactie binnen 4 uur")
        async with page.expect_navigation():
            await page.keyboard.press("Enter")
        assert "Het doel is opgeslagen." in await page.content()
        assert "reactie binnen 4 uur" in await page.content()


async def test_overview_figures_equal_the_cli_for_the_same_period(site: Site) -> None:
    async def cli(*args: str) -> dict[str, Any]:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "stats",
            "--json",
            "--config",
            str(site.config_file),
            *args,
            stdout=asyncio.subprocess.PIPE,
        )
        out, _ = await process.communicate()
        assert process.returncode == 0
        result: dict[str, Any] = json.loads(out)
        return result

    async with browser_page(site) as page:
        await sign_in(page, site, ADMIN)
        for query, args in (
            ("", ()),
            ("?van=2026-03-02&tot=2026-03-04", ("--from", "2026-03-02", "--to", "2026-03-04")),
        ):
            expected = await cli(*args)
            await page.goto(url(site, f"/overzicht{query}"))
            shown = await page.locator("[data-scope]").evaluate_all(READ_CELLS)
            cells = {(scope, key): value for scope, key, value in shown}
            for scope in ["overall", *expected["by_channel"]]:
                figures = (
                    expected["overall"] if scope == "overall" else expected["by_channel"][scope]
                )
                for key, value in figures.items():
                    if key != "weekly_active_posters":
                        assert cells[(scope, key)] == value, (query, scope, key)
            weekly = {w["week"]: w["count"] for w in expected["overall"]["weekly_active_posters"]}
            assert {k: v for (s, k), v in cells.items() if s == "week"} == weekly


async def test_mail_desk_buttons(site: Site) -> None:
    first = await held_mail(site, "Eerste vraag")
    second = await held_mail(site, "Tweede vraag")
    async with browser_page(site) as page:
        await sign_in(page, site, MANAGER)
        await page.goto(url(site, "/mail"))
        await page.locator(f"#mail-{first} ~ form").get_by_role("button", name="Vrijgeven").click()
        await page.wait_for_load_state()
        assert "De mail is vrijgegeven" in await page.content()
        await page.locator(f"#mail-{second} ~ form").get_by_role("button", name="Afwijzen").click()
        await page.wait_for_load_state()
        assert "De mail is afgewezen" in await page.content()
        assert "Er wacht geen mail." in await page.content()
    await site.mail.desk.process_pending()
    posts = [s.text for s in site.world.adapter.sent if s.kind == "post"]
    assert any("Eerste vraag" in text for text in posts)
    assert not any("Tweede vraag" in text for text in posts)
