"""My profile, for everyone: what I said I know, the topics I hide, and my settings — the same
fields the chat commands change (``!ikweet``, ``!verberg``, ``!stil``, ``!pauze``,
``!samenvatting``, ``!kennismaken``, ``!afwezig``, ``!nietstoren``, ``!taal``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiohttp import web
from sqlmodel import col, delete, select

from bot.core.i18n import normalise_language, t
from bot.core.time_input import parse_day
from bot.core.working_time import AMSTERDAM
from bot.storage.models import Person, PersonSettings, Skill
from bot.web.access import Viewer
from bot.web.common import (
    PageData,
    RefusedError,
    page_language,
    render,
    require_viewer,
    see_other,
    services_of,
)
from bot.web.tables import Cell, Table

MAX_TOPIC = 80
MAX_SKILLS = 100


def _date_text(moment: datetime | None) -> str:
    return moment.astimezone(AMSTERDAM).date().isoformat() if moment else ""


async def build_profile(request: web.Request, viewer: Viewer) -> PageData:
    lang = page_language(request)
    services = services_of(request)
    async with services.db.session() as session:
        person = await session.get(Person, viewer.person_id)
        settings = await services.identity.settings_for(session, viewer.person_id)
        await session.commit()
        skills = list(
            await session.exec(
                select(Skill).where(Skill.person_id == viewer.person_id).order_by(col(Skill.topic))
            )
        )
    assert person is not None
    organisation = next(
        (o.name for o in services.config.organisations if o.id == person.organisation_id), None
    )
    table = Table(
        "vaardigheden",
        t(lang, "web.skills_caption"),
        [t(lang, "web.topic"), t(lang, "web.declared_at")],
        empty=t(lang, "web.skills_none"),
    )
    for skill in skills:
        table.add([skill.topic, Cell(skill.declared_at.strftime("%Y-%m-%d"))])
    hidden = Table(
        "verborgen-onderwerpen",
        t(lang, "web.hidden_topics_caption"),
        [t(lang, "web.topic")],
        empty=t(lang, "web.hidden_topics_none"),
    )
    for topic in settings.hidden_topics:
        hidden.add([topic])
    context: dict[str, Any] = {
        "person": person,
        "organisation": organisation,
        "skills": [s.topic for s in skills],
        "hidden_topics": list(settings.hidden_topics),
        "settings": settings,
        "paused_until": _date_text(settings.paused_until),
        "away_until": _date_text(settings.away_until),
        "settings_error": request.query.get("fout", "") in {"date"},
        "role_key": f"web.role.{viewer.role.value}",
    }
    return PageData("profile.html", "web.profile_title", context, [table, hidden])


async def profile_page(request: web.Request) -> web.StreamResponse:
    return render(request, await build_profile(request, require_viewer(request)))


def _checked(form: Any, name: str) -> bool:
    return str(form.get(name, "")) == "aan"


async def save_settings(request: web.Request) -> web.StreamResponse:
    viewer = require_viewer(request)
    services = services_of(request)
    form = await request.post()
    now = services.clock.now()
    pause_text = str(form.get("pauze_tot", "")).strip()
    away_text = str(form.get("afwezig_tot", "")).strip()
    pause = parse_day(pause_text, now) if pause_text else None
    away = parse_day(away_text, now) if away_text else None
    if (pause_text and pause is None) or (away_text and away is None):
        # Nothing is saved: the person sees why and the page still shows the old values.
        return see_other("/profiel?fout=date#instellingen")
    language = normalise_language(str(form.get("taal", "")))
    async with services.db.session() as session:
        settings = await services.identity.settings_for(session, viewer.person_id)
        settings.muted = _checked(form, "stil")
        settings.digest_opt_in = _checked(form, "samenvatting")
        settings.introductions_opt_in = _checked(form, "kennismaken")
        settings.do_not_disturb = _checked(form, "nietstoren")
        settings.mail_copy = _checked(form, "mailkopie")
        settings.paused_until = pause
        settings.away_until = away
        if language is not None:
            settings.language = language
        session.add(settings)
        await session.commit()
    return see_other("/profiel", "saved")


def _topic(form: Any) -> str:
    topic = " ".join(str(form.get("onderwerp", "")).split())
    if not topic or len(topic) > MAX_TOPIC:
        raise RefusedError(400, "web.topic_bad")
    return topic


async def add_skill(request: web.Request) -> web.StreamResponse:
    viewer = require_viewer(request)
    services = services_of(request)
    topic = _topic(await request.post())
    async with services.db.session() as session:
        existing = list(
            await session.exec(select(Skill).where(Skill.person_id == viewer.person_id))
        )
        if len(existing) >= MAX_SKILLS:
            raise RefusedError(400, "web.topic_bad")
        if topic.lower() not in {s.topic.lower() for s in existing}:
            session.add(
                Skill(person_id=viewer.person_id, topic=topic, declared_at=services.clock.now())
            )
            await session.commit()
    return see_other("/profiel", "skill_added")


async def remove_skill(request: web.Request) -> web.StreamResponse:
    viewer = require_viewer(request)
    topic = _topic(await request.post())
    async with services_of(request).db.session() as session:
        await session.exec(
            delete(Skill).where(  # type: ignore[call-overload]
                col(Skill.person_id) == viewer.person_id, col(Skill.topic) == topic
            )
        )
        await session.commit()
    return see_other("/profiel", "skill_removed")


async def hide_topic(request: web.Request) -> web.StreamResponse:
    viewer = require_viewer(request)
    services = services_of(request)
    topic = _topic(await request.post())
    async with services.db.session() as session:
        settings: PersonSettings = await services.identity.settings_for(session, viewer.person_id)
        if topic.lower() not in (x.lower() for x in settings.hidden_topics):
            if len(settings.hidden_topics) >= MAX_SKILLS:
                raise RefusedError(400, "web.topic_bad")
            settings.hidden_topics = [*settings.hidden_topics, topic]
            session.add(settings)
            await session.commit()
    return see_other("/profiel", "topic_hidden")


async def show_topic(request: web.Request) -> web.StreamResponse:
    viewer = require_viewer(request)
    services = services_of(request)
    topic = _topic(await request.post())
    async with services.db.session() as session:
        settings = await services.identity.settings_for(session, viewer.person_id)
        settings.hidden_topics = [x for x in settings.hidden_topics if x.lower() != topic.lower()]
        session.add(settings)
        await session.commit()
    return see_other("/profiel", "topic_shown")


def add_routes(routes: web.UrlDispatcher) -> None:
    routes.add_get("/profiel", profile_page)
    routes.add_post("/profiel/instellingen", save_settings)
    routes.add_post("/profiel/vaardigheid", add_skill)
    routes.add_post("/profiel/vaardigheid/weg", remove_skill)
    routes.add_post("/profiel/verbergen", hide_topic)
    routes.add_post("/profiel/tonen", show_topic)
