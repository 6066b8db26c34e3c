"""The dashboard's routes and the checks in front of them: the session cookie, CSRF on every
form, security headers, and the refusals (401 not signed in, 403 not allowed)."""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web

from bot.adoption.figures.compute import StatsQuery
from bot.core.i18n import register
from bot.core.logs import get_logger
from bot.dispatch.services import Services
from bot.storage.models import Person
from bot.web import (
    pages_csv,
    pages_figures,
    pages_mail,
    pages_profile,
    pages_signin,
    pages_targets,
)
from bot.web.access import viewer_for
from bot.web.assets import serve_stylesheet, theme_css
from bot.web.common import (
    CSRF,
    FIGURES,
    LANG,
    SERVICES,
    SESSION_COOKIE,
    TEMPLATES,
    VIEWER,
    RefusedError,
    refusal,
    services_of,
    templates,
    viewer_of,
)
from bot.web.figures import FiguresCache
from bot.web.signin import session_for
from bot.web.texts import TEXTS

log = get_logger(__name__)
WARMING: web.AppKey[asyncio.Task[None]] = web.AppKey("vraagbaak_figures_warming", asyncio.Task)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
MAX_FORM_BYTES = 64 * 1024
# The form that uses a sign-in link has no session yet: the link's token is its secret.
_NO_CSRF = frozenset({"/login"})

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    # The sign-in link carries its token in the path: never send it to another site. Not
    # "no-referrer": with it browsers send "Origin: null" on our own forms.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


@web.middleware
async def _who(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The viewer of a live session, its CSRF token and language, on ``request``."""
    services = services_of(request)
    request[LANG] = services.config.bot.language
    token = request.cookies.get(SESSION_COOKIE, "")
    if token:
        async with services.db.session() as session:
            row = await session_for(session, token, services.clock.now())
            person = await session.get(Person, row.person_id) if row is not None else None
            if row is not None and person is not None and person.active:
                request[VIEWER] = await viewer_for(session, person, services.config)
                request[CSRF] = row.csrf_token
                request[LANG] = await services.identity.language_of(session, row.person_id)
    return await handler(request)


@web.middleware
async def _guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """CSRF (synchronizer token, compared in constant time) on every state-changing request,
    refusals rendered as pages, and the security headers on every answer."""
    try:
        if request.method not in ("GET", "HEAD"):
            if (request.content_length or 0) > MAX_FORM_BYTES:
                raise RefusedError(413, "web.too_large")
            if not _same_origin(request):
                raise RefusedError(403, "web.csrf_failed")
            if request.path not in _NO_CSRF:
                expected = request.get(CSRF, "")
                form = await request.post()
                sent = str(form.get("csrf", ""))
                if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
                    raise RefusedError(403, "web.csrf_failed")
        response = await handler(request)
    except RefusedError as refused:
        response = refusal(request, refused.status, refused.message_key)
    except web.HTTPException as http:
        if http.status >= 400 and http.status != 405:
            response = refusal(request, http.status, f"web.status_{http.status}")
        else:
            _with_headers(http)
            raise
    except Exception:
        # Logged with the request's path; the person sees a short generic page.
        log.exception("dashboard request failed", path=request.path, method=request.method)
        response = refusal(request, 500, "web.status_500_explain")
    return _with_headers(response)


def _same_origin(request: web.Request) -> bool:
    """A browser names the page a form came from in ``Origin``; it must be this site (the
    address asked for, or ``[web] base_url`` behind a proxy). Also guards the sign-in form,
    which has no session yet to carry a CSRF token."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    if origin == "null":
        return False
    allowed = {f"{request.scheme}://{request.host}"}
    base = services_of(request).config.web.base_url
    if base:
        parts = urlsplit(base)
        allowed.add(f"{parts.scheme}://{parts.netloc}")
    return origin in allowed


def _with_headers(response: web.StreamResponse) -> web.StreamResponse:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if response.content_type == "text/html":
        response.headers["Cache-Control"] = "no-store"
    return response


async def _theme(request: web.Request) -> web.StreamResponse:
    viewer = viewer_of(request)
    css = theme_css(services_of(request).config, viewer.organisation_id if viewer else None)
    return web.Response(text=css, content_type="text/css", headers={"Cache-Control": "no-store"})


def add_dashboard(app: web.Application, services: Services, *, warm: bool = False) -> None:
    """Put the dashboard on ``app`` (the application that also answers ``/health``).
    ``warm``: compute the overview's figures (the whole history) as soon as it starts."""
    register(TEXTS)
    app[SERVICES] = services
    app[TEMPLATES] = templates()
    app[FIGURES] = FiguresCache(services)
    if warm:
        app.on_startup.append(_warm_figures)
        app.on_cleanup.append(_stop_warming)
    app.middlewares.extend([_who, _guard])
    routes = app.router
    routes.add_get("/", pages_signin.home)
    routes.add_get("/login/{token}", pages_signin.confirm_link)
    routes.add_post("/login", pages_signin.use_link)
    routes.add_post("/uitloggen", pages_signin.sign_out)
    routes.add_get("/static/theme.css", _theme)
    routes.add_get("/static/{name}", serve_stylesheet)
    pages_figures.add_routes(routes)
    pages_mail.add_routes(routes)
    pages_targets.add_routes(routes)
    pages_profile.add_routes(routes)
    pages_csv.add_routes(routes)


async def _warm_figures(app: web.Application) -> None:
    app[WARMING] = app[FIGURES].warm(StatsQuery())


async def _stop_warming(app: web.Application) -> None:
    task = app.get(WARMING)
    if task is not None and not task.done():
        task.cancel()


def dashboard_app(services: Services) -> web.Application:
    """A stand-alone application (tests, the benchmark, the demo)."""
    app = web.Application(client_max_size=MAX_FORM_BYTES)
    add_dashboard(app, services)
    return app
