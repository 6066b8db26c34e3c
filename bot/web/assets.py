"""The NL Design System CSS (``@utrecht/design-tokens`` and ``@utrecht/component-library-css``,
pinned in package.json, installed by ``make``'s venv target into node_modules/) and the
dashboard's own small stylesheet. Without node_modules the pages still work, unstyled."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from bot.core.config import Config

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parents[1]
ASSETS_ENV = "VRAAGBAAK_WEB_NODE_MODULES"

# URL name → file inside node_modules.
NPM_FILES = {
    "tokens.css": Path("@utrecht/design-tokens/dist/index.css"),
    "components.css": Path("@utrecht/component-library-css/dist/index.css"),
}
OWN_FILES = {"dashboard.css": PACKAGE_DIR / "static" / "dashboard.css"}
CACHE_SECONDS = 3600


def node_modules() -> Path:
    return Path(os.environ.get(ASSETS_ENV) or REPO_ROOT / "node_modules")


@dataclass(frozen=True)
class Stylesheets:
    names: list[str]
    missing: list[str]


def available_stylesheets() -> Stylesheets:
    """The sheets to link, in order; the NL Design System ones only when installed."""
    root = node_modules()
    npm = [name for name, path in NPM_FILES.items() if (root / path).is_file()]
    missing = [str(path) for name, path in NPM_FILES.items() if name not in npm]
    return Stylesheets([*npm, *OWN_FILES], missing)


def theme_css(config: Config, organisation_id: str | None) -> str:
    """Design-token overrides for an organisation (``[web.themes.<id>]``), validated at load."""
    tokens = config.web.themes.get(organisation_id or "", {}) or config.web.themes.get("*", {})
    lines = [f"  {name}: {value};" for name, value in sorted(tokens.items())]
    return ".utrecht-theme {\n" + "\n".join(lines) + "\n}\n"


async def serve_stylesheet(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    path = OWN_FILES.get(name)
    if path is None and name in NPM_FILES:
        path = node_modules() / NPM_FILES[name]
    if path is None or not path.is_file():
        raise web.HTTPNotFound()
    return web.FileResponse(
        path,
        headers={
            "Content-Type": "text/css; charset=utf-8",
            "Cache-Control": f"public, max-age={CACHE_SECONDS}",
        },
    )
