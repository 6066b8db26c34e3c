"""Each role's view, the figures against ``compute_stats`` (the code of ``stats --json``),
targets in words, the mail desk's actions, the profile, CSV, and hostile text kept inert."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from typing import Any

import pytest
from sqlmodel import select

from bot.adoption.settings import report_room
from bot.cli import main
from bot.storage.adoption_models import Goal
from bot.storage.mail_models import InboundEmail, InboundStatus
from bot.storage.models import Person, PersonSettings, Skill
from tests.web.conftest import (
    ADMIN,
    GROUP_MANAGER,
    MANAGER,
    MEMBER,
    PARTNER,
    Site,
    held_mail,
)

MANAGER_PAGES = [
    "/overzicht",
    "/groep/sociaal-domein",
    "/mail",
    "/doelen",
    "/csv/overzicht/cijfers",
]


def figure_cells(html: str) -> dict[tuple[str, str], Any]:
    cells = re.findall(r'data-scope="([^"]+)" data-key="([^"]+)" data-value="([^"]*)"', html)
    return {(scope, key): json.loads(value.replace("&#34;", '"')) for scope, key, value in cells}


async def stats_json(site: Site, *args: str) -> dict[str, Any]:
    """What ``vraagbaak stats --json`` prints for the same database and period."""
    import contextlib

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = await asyncio.to_thread(
            main, ["stats", "--json", "--config", str(site.config_file), *args]
        )
    assert code == 0
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


@pytest.mark.parametrize("email", [MEMBER, PARTNER])
async def test_members_and_partners_get_a_clear_403_on_manager_pages(
    site: Site, email: str
) -> None:
    await site.sign_in(email)
    for path in MANAGER_PAGES:
        response = await site.client.get(path)
        assert response.status == 403, path
        text = await response.text()
        assert "alleen voor communitymanagers en beheerders" in text
        assert 'lang="nl"' in text
    csrf = await site.csrf()
    for path in ["/doelen/sociaal-domein/doel", "/mail/1/vrijgeven", "/doelen/rapportkanaal"]:
        response = await site.client.post(path, data={"csrf": csrf, "doel": "80 % beantwoord"})
        assert response.status == 403, path
    profile = await site.client.get("/profiel")
    assert profile.status == 200
    home = await site.client.get("/", allow_redirects=False)
    assert home.headers["Location"] == "/profiel"


async def test_the_refusal_speaks_the_persons_language(site: Site) -> None:
    member = await site.world.person(MEMBER)
    async with site.services.db.session() as session:
        assert member.id is not None
        settings = await site.services.identity.settings_for(session, member.id)
        settings.language = "en"
        session.add(settings)
        await session.commit()
    await site.sign_in(MEMBER)
    response = await site.client.get("/overzicht")
    text = await response.text()
    assert response.status == 403 and 'lang="en"' in text
    assert "for community managers and administrators only" in text


async def test_a_group_manager_sees_only_their_group(site: Site) -> None:
    await site.sign_in(GROUP_MANAGER)
    html = await (await site.client.get("/overzicht")).text()
    scopes = {scope for scope, _ in figure_cells(html)}
    assert scopes == {"sociaal-domein"}  # no overall row, no omgevingswet
    assert (await site.client.get("/groep/sociaal-domein")).status == 200
    assert (await site.client.get("/groep/omgevingswet")).status == 403
    assert (await site.client.get("/csv/groep/omgevingswet/cijfers")).status == 403
    csrf = await site.csrf()
    response = await site.client.post(
        "/doelen/omgevingswet/doel", data={"csrf": csrf, "doel": "80 % beantwoord"}
    )
    assert response.status == 403


async def test_overview_figures_equal_stats_json(site: Site) -> None:
    await site.sign_in(ADMIN)
    whole = await stats_json(site)
    # Omgevingswet is about one person: shown as hidden, with the reason.
    assert whole["hidden"] == ["omgevingswet"]
    for query, args in (
        ("", []),
        ("?van=2026-03-03&tot=2026-03-05", ["--from", "2026-03-03", "--to", "2026-03-05"]),
    ):
        expected = await stats_json(site, *args)
        html = await (await site.client.get(f"/overzicht{query}")).text()
        cells = figure_cells(html)
        scopes = ["overall", "sociaal-domein", "omgevingswet"]
        for scope in scopes:
            figures = expected["overall"] if scope == "overall" else expected["by_channel"][scope]
            for key, value in figures.items():
                if key == "weekly_active_posters":
                    continue
                assert cells[(scope, key)] == value, (query, scope, key)
        weeks = {week: value for (scope, week), value in cells.items() if scope == "week"}
        assert weeks == {
            w["week"]: w["count"] for w in expected["overall"]["weekly_active_posters"]
        }
    html = await (await site.client.get("/overzicht")).text()
    hidden = html.split('id="tabel-verborgen"')[1].split("</table>")[0]
    assert "Omgevingswet" in hidden and "minder dan 5 personen" in hidden


async def test_one_click_to_the_monthly_reports_period(site: Site) -> None:
    """It is 9 March 2026: "Vorige maand" is February (the monthly report's period), "Deze
    maand tot nu" 1-9 March, and the figures behind the links equal the CLI's."""
    await site.sign_in(ADMIN)
    html = await (await site.client.get("/overzicht")).text()
    quick = html.split('aria-label="Snel kiezen"')[1].split("</nav>")[0]
    assert 'href="/overzicht?van=2026-02-01&amp;tot=2026-02-28">Vorige maand' in quick
    assert 'href="/overzicht?van=2026-03-01&amp;tot=2026-03-09">Deze maand tot nu' in quick
    assert 'href="/overzicht" aria-current="page">Hele geschiedenis' in quick
    this_month = await (await site.client.get("/overzicht?van=2026-03-01&tot=2026-03-09")).text()
    expected = await stats_json(site, "--from", "2026-03-01", "--to", "2026-03-09")
    assert figure_cells(this_month)[("overall", "threads")] == expected["overall"]["threads"]
    group = await (await site.client.get("/groep/sociaal-domein")).text()
    assert 'href="/groep/sociaal-domein?van=2026-02-01&amp;tot=2026-02-28"' in group


async def test_bad_period_is_named_and_the_whole_history_shown(site: Site) -> None:
    await site.sign_in(MANAGER)
    html = await (await site.client.get("/overzicht?van=gisteren&tot=2026-13-45")).text()
    assert "Die datum begrijp ik niet" in html
    expected = await stats_json(site)
    assert figure_cells(html)[("overall", "threads")] == expected["overall"]["threads"]
    reversed_html = await (await site.client.get("/overzicht?van=2026-03-05&tot=2026-03-01")).text()
    assert "vóór de eerste" in reversed_html


async def test_group_page_lists_unanswered_threads_oldest_first(site: Site) -> None:
    await site.sign_in(MANAGER)
    html = await (await site.client.get("/groep/sociaal-domein")).text()
    section = html.split('id="tabel-onbeantwoord"')[1].split("</table>")[0]
    assert "2026-03-09" in section
    assert "Open de draad" not in section  # console threads have no link; it says so
    assert "geen link op dit platform" in section


async def test_targets_in_words_with_validation(site: Site) -> None:
    await site.sign_in(MANAGER)
    csrf = await site.csrf("/doelen")
    bad = await site.client.post(
        "/doelen/sociaal-domein/doel", data={"csrf": csrf, "doel": "180 % beantwoord"}
    )
    assert "tussen 0 en 100 %" in await bad.text()
    for words in ("80 % beantwoord", "reactie binnen 4 uur"):
        await site.client.post("/doelen/sociaal-domein/doel", data={"csrf": csrf, "doel": words})
    html = await (await site.client.get("/doelen")).text()
    assert "80 % beantwoord" in html and "reactie binnen 4 uur" in html
    # The chat sees the same targets, in the same words.
    await site.world.say(MANAGER, "!doel sociaal-domein", direct=True)
    assert "80 % beantwoord, reactie binnen 4 uur" in site.world.adapter.sent[-1].text
    await site.client.post(
        "/doelen/sociaal-domein/weg",
        data={"csrf": csrf, "cijfer": "median_hours_to_first_response"},
    )
    async with site.services.db.session() as session:
        assert [g.metric for g in await session.exec(select(Goal))] == ["answered_share"]
    overview = await (await site.client.get("/overzicht")).text()
    goals = overview.split('id="tabel-doelen"')[1].split("</table>")[0]
    assert "80 % beantwoord" in goals


async def test_report_channel_off_and_on(site: Site) -> None:
    await site.sign_in(ADMIN)
    csrf = await site.csrf("/doelen")
    html = await (await site.client.get("/doelen")).text()
    channel_id = re.search(r'<option value="(\d+)">console: omgevingswet', html)
    assert channel_id
    await site.client.post("/doelen/rapportkanaal", data={"csrf": csrf, "kanaal": channel_id[1]})
    assert "gaat naar omgevingswet" in await (await site.client.get("/doelen")).text()
    await site.client.post("/doelen/rapportkanaal", data={"csrf": csrf, "kanaal": "uit"})
    assert "het staat uit" in await (await site.client.get("/doelen")).text()
    # A group's manager may not move the report of every group.
    await site.sign_in(GROUP_MANAGER)
    csrf = await site.csrf("/doelen")
    refused = await site.client.post("/doelen/rapportkanaal", data={"csrf": csrf, "kanaal": "uit"})
    assert refused.status == 403


async def test_a_channel_shared_with_partners_is_refused_as_report_channel(site: Site) -> None:
    """The report has every group's figures; a partner (h3@vandijkbouw.nl) answered in
    sociaal-domein, so that channel cannot have it — said next to the choice, in the
    viewer's language, and nothing is stored."""
    await site.sign_in(ADMIN)
    csrf = await site.csrf("/doelen")
    html = await (await site.client.get("/doelen")).text()
    shared = re.search(r'<option value="(\d+)">console: sociaal-domein', html)
    assert shared
    answer = await site.client.post(
        "/doelen/rapportkanaal", data={"csrf": csrf, "kanaal": shared[1]}
    )
    page = await answer.text()
    assert answer.status == 200 and "/doelen?fout=adoption.report_room_shared" in str(answer.url)
    assert "gedeeld met externe partners" in page
    assert 'aria-invalid="true"' in page.split('id="kanaal"')[1].split(">")[0]
    assert f'<option value="{shared[1]}" selected>' in page
    assert "het staat uit" in page  # nothing was stored
    async with site.services.db.session() as session:
        assert await report_room(session) is None
    await site.client.post("/profiel/instellingen", data={"csrf": csrf, "taal": "en"})
    refused = await site.client.post(
        "/doelen/rapportkanaal", data={"csrf": csrf, "kanaal": shared[1]}
    )
    assert "shared with external partners" in await refused.text()


async def test_mail_desk_release_uses_the_desk_and_posts(site: Site) -> None:
    number = await held_mail(site)
    await site.sign_in(MANAGER)
    html = await (await site.client.get("/mail")).text()
    assert f"Mail {number}: Vraag over de bijstand" in html
    assert "123456782" not in html and "06-12345678" not in html  # redacted
    assert "onbekende afzender" in html and "afzender niet geverifieerd" in html
    assert "hoort bij geen bekende organisatie" in html  # why it is held (issue 11)
    assert "1× BSN" in html and "1× telefoonnummer" in html  # the counts, never the values
    csrf = await site.csrf("/mail")
    done = await site.client.post(f"/mail/{number}/vrijgeven", data={"csrf": csrf, "groep": ""})
    assert "De mail is vrijgegeven" in await done.text()
    await site.mail.desk.process_pending()
    async with site.services.db.session() as session:
        row = await session.get(InboundEmail, number)
    assert row is not None and row.status == InboundStatus.POSTED
    assert any("Vraag per e-mail" in s.text for s in site.world.adapter.sent)
    again = await site.client.post(f"/mail/{number}/vrijgeven", data={"csrf": csrf})
    assert "wacht niet (meer)" in await again.text()


async def test_mail_desk_reject_and_choose_group(site: Site) -> None:
    first = await held_mail(site, "Eerste")
    second = await held_mail(site, "Tweede")
    await site.sign_in(ADMIN)
    csrf = await site.csrf("/mail")
    await site.client.post(f"/mail/{first}/afwijzen", data={"csrf": csrf})
    await site.client.post(
        f"/mail/{second}/vrijgeven", data={"csrf": csrf, "groep": "omgevingswet"}
    )
    bad = await site.client.post(f"/mail/{second}/vrijgeven", data={"csrf": csrf, "groep": "x"})
    assert "wacht niet" in await bad.text()
    async with site.services.db.session() as session:
        rows = {r.id: r for r in await session.exec(select(InboundEmail))}
    assert rows[first].status == InboundStatus.IGNORED
    assert rows[second].status == InboundStatus.RECEIVED and rows[second].group_id == "omgevingswet"
    assert "Er wacht geen mail" in await (await site.client.get("/mail")).text()


async def test_a_group_manager_cannot_release_mail_of_another_group(site: Site) -> None:
    number = await held_mail(site)
    async with site.services.db.session() as session:
        row = await session.get(InboundEmail, number)
        assert row is not None
        row.group_id = "omgevingswet"
        session.add(row)
        await session.commit()
    await site.sign_in(GROUP_MANAGER)
    assert "Er wacht geen mail" in await (await site.client.get("/mail")).text()
    csrf = await site.csrf("/mail")
    refused = await site.client.post(f"/mail/{number}/vrijgeven", data={"csrf": csrf})
    assert refused.status == 403


async def test_profile_settings_skills_and_hidden_topics(site: Site) -> None:
    await site.sign_in(MEMBER)
    csrf = await site.csrf()
    await site.client.post("/profiel/vaardigheid", data={"csrf": csrf, "onderwerp": "Wmo"})
    await site.client.post("/profiel/verbergen", data={"csrf": csrf, "onderwerp": "bijstand"})
    saved = await site.client.post(
        "/profiel/instellingen",
        data={
            "csrf": csrf,
            "stil": "aan",
            "kennismaken": "aan",
            "afwezig_tot": "2026-03-20",
            "taal": "en",
        },
    )
    assert "Saved." in await saved.text()  # the page now speaks English
    bad = await site.client.post(
        "/profiel/instellingen", data={"csrf": csrf, "pauze_tot": "2020-01-01"}
    )
    assert "nothing was changed" in await bad.text()
    member = await site.world.person(MEMBER)
    async with site.services.db.session() as session:
        settings = await session.get(PersonSettings, member.id)
        skills = [s.topic for s in await session.exec(select(Skill))]
    assert settings is not None and settings.muted and settings.introductions_opt_in
    assert not settings.digest_opt_in and settings.language == "en"
    assert (
        settings.away_until is not None and settings.away_until.date().isoformat() == "2026-03-19"
    )
    assert settings.hidden_topics == ["bijstand"] and skills == ["Wmo"]
    # `!profiel` in the chat shows the same.
    await site.world.say(MEMBER, "!profiel", direct=True)
    assert "Wmo" in site.world.adapter.sent[-1].text


async def test_hostile_text_stays_inert_in_pages_and_csv(site: Site) -> None:
    member = await site.world.person(MEMBER)
    async with site.services.db.session() as session:
        person = await session.get(Person, member.id)
        assert person is not None
        person.name = '<script>alert("x")</script>'
        session.add(person)
        await session.commit()
    await held_mail(site, subject='<img src=x onerror="alert(1)">')
    await site.sign_in(MEMBER)
    csrf = await site.csrf()
    await site.client.post(
        "/profiel/vaardigheid", data={"csrf": csrf, "onderwerp": '=HYPERLINK("http://evil")'}
    )
    html = await (await site.client.get("/profiel")).text()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    body = await (await site.client.get("/csv/profiel/vaardigheden")).read()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    await site.sign_in(MANAGER)
    desk = await (await site.client.get("/mail")).text()
    assert "<img src=x" not in desk and "&lt;img src=x" in desk


async def test_every_table_downloads_as_csv(site: Site) -> None:
    await held_mail(site)
    await site.sign_in(ADMIN)
    for page in ["/overzicht", "/groep/sociaal-domein", "/mail", "/doelen", "/profiel"]:
        html = await (await site.client.get(page)).text()
        tables = re.findall(r'<table class="utrecht-table" id="tabel-([a-z-]+)"', html)
        links = re.findall(r'href="(/csv/[^"]+)"', html)
        assert tables and len(links) == len(tables), page
        for link in links:
            response = await site.client.get(link.replace("&amp;", "&"))
            assert response.status == 200, link
            assert response.headers["Content-Type"].startswith("text/csv")
            assert "attachment" in response.headers["Content-Disposition"]


async def test_nudge_switches_reach_the_scheduler_rules(site: Site) -> None:
    from bot.adoption.rules import NudgeKind, NudgeRules, Refusal

    rules = NudgeRules(site.services.config)
    now = site.world.clock.now()  # Monday 9 March 11:00, working time
    async with site.services.db.session() as session:
        assert (
            await rules._common_refusal(session, NudgeKind.UNANSWERED, "sociaal-domein", now)
            is None
        )
        # omgevingswet has only escalation in the configuration
        assert await rules.type_switched_on(session, "omgevingswet", NudgeKind.UNANSWERED) is False
    await site.sign_in(MANAGER)
    csrf = await site.csrf("/doelen")
    await site.client.post(
        "/doelen/sociaal-domein/herinneringen", data={"csrf": csrf, "escalation": "aan"}
    )
    await site.client.post(
        "/doelen/omgevingswet/herinneringen",
        data={"csrf": csrf, "unanswered": "aan", "escalation": "aan", "newcomer": "aan"},
    )
    async with site.services.db.session() as session:
        refusal = await rules._common_refusal(session, NudgeKind.UNANSWERED, "sociaal-domein", now)
        assert refusal == Refusal.TYPE_OFF
        assert await rules.type_switched_on(session, "sociaal-domein", NudgeKind.ESCALATION)
        assert await rules.type_switched_on(session, "omgevingswet", NudgeKind.UNANSWERED)
    html = await (await site.client.get("/doelen")).text()
    assert 'id="unanswered-sociaal-domein" name="unanswered" value="aan">' in html


async def test_the_organisation_matrix_holds_the_pairs_of_stats_json(site: Site) -> None:
    await site.sign_in(ADMIN)
    expected = await stats_json(site)
    pairs = expected["extra"]["overall"]["organisation_pairs"]
    assert pairs, "the fixture has a pair of organisations about five people or more"
    body = await (await site.client.get("/csv/overzicht/organisaties")).read()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    names = {o.name: o.id for o in site.services.config.organisations}
    askers = [names[name] for name in rows[0][1:]]
    shown = {
        (row[0], asker): int(count)
        for row in rows[1:]
        for asker, count in zip(askers, row[1:], strict=True)
        if int(count)
    }
    assert shown == {(p["helper"], p["asker"]): p["replies"] for p in pairs}
