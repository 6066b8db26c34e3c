"""What every page shares: who is asking, rendering with autoescape, the period, messages
after a form, and the refusal a member gets on a manager's page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import jinja2
from aiohttp import web

from bot.adoption.figures.compute import StatsQuery
from bot.core.i18n import t
from bot.core.working_time import AMSTERDAM
from bot.dispatch.services import Services
from bot.web.access import Viewer
from bot.web.assets import available_stylesheets
from bot.web.figures import FiguresCache
from bot.web.tables import Table

SERVICES: web.AppKey[Services] = web.AppKey("vraagbaak_services", Services)
TEMPLATES: web.AppKey[jinja2.Environment] = web.AppKey("vraagbaak_templates", jinja2.Environment)
FIGURES: web.AppKey[FiguresCache] = web.AppKey("vraagbaak_figures", FiguresCache)
SESSION_COOKIE = "vraagbaak_sessie"
# What the middleware in bot/web/app.py found out about the request.
VIEWER: web.RequestKey[Viewer] = web.RequestKey("vraagbaak_viewer", Viewer)
CSRF: web.RequestKey[str] = web.RequestKey("vraagbaak_csrf", str)
LANG: web.RequestKey[str] = web.RequestKey("vraagbaak_lang", str)

# Messages a redirect may name (``?melding=…``): keys, never text from the request.
FLASH_KEYS = frozenset(
    {
        "saved",
        "goal_saved",
        "goal_removed",
        "report_off",
        "report_set",
        "mail_released",
        "mail_rejected",
        "mail_not_waiting",
        "answer_sent",
        "answer_edited",
        "answer_cancelled",
        "answer_not_waiting",
        "answer_edit_bad",
        "signed_out",
        "skill_added",
        "skill_removed",
        "topic_hidden",
        "topic_shown",
    }
)


def templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("bot.web", "templates"),
        # All user and mail text is untrusted: escape everything, always.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def services_of(request: web.Request) -> Services:
    return request.app[SERVICES]


def viewer_of(request: web.Request) -> Viewer | None:
    return request.get(VIEWER)


def page_language(request: web.Request) -> str:
    """The language a page is shown in: the signed-in viewer's (Identity.language_of),
    else the bot's."""
    return request.get(LANG) or services_of(request).config.bot.language


@dataclass
class PageData:
    template: str
    title_key: str
    context: dict[str, Any] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)
    status: int = 200


def render(request: web.Request, page: PageData) -> web.Response:
    lang = page_language(request)
    viewer = viewer_of(request)
    sheets = available_stylesheets()
    flash = request.query.get("melding", "")

    def translate(key: str, **values: object) -> str:
        return t(lang, key, **values)

    html = (
        request.app[TEMPLATES]
        .get_template(page.template)
        .render(
            t=translate,
            lang=lang,
            viewer=viewer,
            csrf=request.get(CSRF, ""),
            stylesheets=sheets.names,
            themed=viewer is not None and bool(services_of(request).config.web.themes),
            path=request.path,
            query_string=request.query_string,
            title=translate(page.title_key),
            flash=flash if flash in FLASH_KEYS else "",
            tables={table.id: table for table in page.tables},
            amsterdam=AMSTERDAM,
            **page.context,
        )
    )
    return web.Response(text=html, content_type="text/html", charset="utf-8", status=page.status)


def refusal(request: web.Request, status: int, message_key: str) -> web.Response:
    return render(
        request,
        PageData("refused.html", f"web.status_{status}", {"message_key": message_key}, [], status),
    )


def require_viewer(request: web.Request) -> Viewer:
    viewer = viewer_of(request)
    if viewer is None:
        raise RefusedError(401, "web.not_signed_in")
    return viewer


def require_manager(request: web.Request) -> Viewer:
    viewer = require_viewer(request)
    if not viewer.is_manager:
        raise RefusedError(403, "web.managers_only")
    return viewer


class RefusedError(Exception):
    def __init__(self, status: int, message_key: str) -> None:
        super().__init__(message_key)
        self.status = status
        self.message_key = message_key


@dataclass(frozen=True)
class Period:
    first: date | None
    last: date | None
    problem: str | None

    def query(self, group: str | None = None) -> StatsQuery:
        return StatsQuery(self.first, self.last, group)


def _day(text: str) -> date | None:
    if not text:
        return None
    if len(text) != 10:
        raise ValueError(text)
    return date.fromisoformat(text)


def period_of(request: web.Request) -> Period:
    """``?van=YYYY-MM-DD&tot=YYYY-MM-DD`` (both optional: the whole history, as
    ``stats --json`` without ``--from``/``--to``). A bad value is named and ignored."""
    try:
        first = _day(request.query.get("van", "").strip())
        last = _day(request.query.get("tot", "").strip())
    except ValueError:
        return Period(None, None, "web.period_bad")
    if first and last and last < first:
        return Period(None, None, "web.period_reversed")
    return Period(first, last, None)


def see_other(location: str, flash: str | None = None) -> web.Response:
    """303 to a page of ours (``location`` is always built here, never taken from input)."""
    if flash is not None:
        location += ("&" if "?" in location else "?") + f"melding={flash}"
    return web.Response(status=303, headers={"Location": location})
