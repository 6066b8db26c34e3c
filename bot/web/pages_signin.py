"""Sign-in by one-time link and sign-out. Opening the link only shows a button: chat apps
fetch links to preview them (Slack unfurls, Element URL previews), and such a fetch must not
use the link up. The POST that the button sends uses it, once."""

from __future__ import annotations

from aiohttp import web

from bot.web.common import (
    SESSION_COOKIE,
    PageData,
    render,
    see_other,
    services_of,
    viewer_of,
)
from bot.web.signin import LinkProblem, check_link, end_session, prune, redeem_link

_PROBLEM_KEYS = {
    LinkProblem.UNKNOWN: "web.link_unknown",
    LinkProblem.USED: "web.link_used",
    LinkProblem.EXPIRED: "web.link_expired",
}


async def home(request: web.Request) -> web.StreamResponse:
    viewer = viewer_of(request)
    if viewer is None:
        return render(request, PageData("signin_help.html", "web.signin_title", status=200))
    return see_other("/overzicht" if viewer.is_manager else "/profiel")


async def confirm_link(request: web.Request) -> web.StreamResponse:
    services = services_of(request)
    token = request.match_info["token"]
    async with services.db.session() as session:
        check = await check_link(session, token, services.clock.now())
    if check.problem is not None or check.person is None:
        key = _PROBLEM_KEYS[check.problem or LinkProblem.UNKNOWN]
        return render(request, PageData("link_refused.html", key, {"problem_key": key}, [], 410))
    return render(
        request,
        PageData(
            "signin_confirm.html", "web.signin_title", {"token": token, "name": check.person.name}
        ),
    )


async def use_link(request: web.Request) -> web.StreamResponse:
    services = services_of(request)
    form = await request.post()
    token = str(form.get("token", ""))
    now = services.clock.now()
    async with services.db.session() as session:
        await prune(session, now)
        result = await redeem_link(session, token, now, services.config.web.session_hours)
        if not isinstance(result, LinkProblem):
            # A session this browser had before (perhaps someone else's) ends here.
            await end_session(session, request.cookies.get(SESSION_COOKIE, ""))
    if isinstance(result, LinkProblem):
        key = _PROBLEM_KEYS[result]
        return render(request, PageData("link_refused.html", key, {"problem_key": key}, [], 410))
    response = see_other("/")
    secure = services.config.web.public_url().startswith("https://")
    response.set_cookie(
        SESSION_COOKIE,
        result.token,
        max_age=int(services.config.web.session_hours * 3600),
        path="/",
        httponly=True,
        secure=secure,
        # Lax: a link clicked in Slack or Element arrives with the cookie; a form posted from
        # another site does not.
        samesite="Lax",
    )
    return response


async def sign_out(request: web.Request) -> web.StreamResponse:
    services = services_of(request)
    async with services.db.session() as session:
        await end_session(session, request.cookies.get(SESSION_COOKIE, ""))
    response = see_other("/", "signed_out")
    response.del_cookie(SESSION_COOKIE, path="/")
    return response
