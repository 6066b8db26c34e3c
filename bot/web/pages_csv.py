"""``/csv/<page>/<table>``: any table of any dashboard page as CSV, built by that page's own
builder with the page's own query (the period)."""

from __future__ import annotations

from aiohttp import web

from bot.web import pages_figures, pages_mail, pages_profile, pages_targets
from bot.web.common import RefusedError, require_viewer
from bot.web.tables import to_csv


async def csv_download(request: web.Request) -> web.StreamResponse:
    """``/csv/<page>/<table>`` with the page's own query (the period): any table as CSV."""
    page = request.match_info["page"]
    builders = {
        "overzicht": pages_figures.build_overview,
        "mail": pages_mail.build_desk,
        "doelen": pages_targets.build_targets,
        "profiel": pages_profile.build_profile,
    }
    if page.startswith("groep/"):
        request.match_info["group"] = page.removeprefix("groep/")
        builder = pages_figures.build_group
    elif page in builders:
        builder = builders[page]
    else:
        raise RefusedError(404, "web.status_404")
    data = await builder(request, require_viewer(request))
    table = next((tb for tb in data.tables if tb.id == request.match_info["table"]), None)
    if table is None:
        raise RefusedError(404, "web.status_404")
    name = f"vraagbaak-{page.replace('/', '-')}-{table.id}.csv"
    return web.Response(
        body=to_csv(table),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def add_routes(routes: web.UrlDispatcher) -> None:
    routes.add_get("/csv/{page:(?:groep/)?[a-z0-9_-]+}/{table:[a-z-]+}", csv_download)
