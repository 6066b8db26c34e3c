"""The NL Design System CSS when installed, plain pages when not, and per-organisation
design-token overrides that cannot break out of their rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.config import ConfigError
from bot.web.assets import NPM_FILES, node_modules
from tests.conftest import make_config
from tests.web.conftest import MANAGER, MEMBER, Site, build_site


async def test_pages_work_unstyled_without_node_modules(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VRAAGBAAK_WEB_NODE_MODULES", str(tmp_path / "nothing"))
    await site.sign_in(MANAGER)
    html = await (await site.client.get("/overzicht")).text()
    assert "/static/tokens.css" not in html and "/static/components.css" not in html
    assert "/static/dashboard.css" in html and "data-scope" in html
    assert (await site.client.get("/static/tokens.css")).status == 404


async def test_installed_css_is_served(site: Site) -> None:
    if not all((node_modules() / path).is_file() for path in NPM_FILES.values()):
        pytest.skip("node_modules/@utrecht not installed (make installs it with npm ci)")
    html = await (await site.client.get("/")).text()
    assert '<link rel="stylesheet" href="/static/tokens.css">' in html
    response = await site.client.get("/static/components.css")
    assert response.status == 200 and ".utrecht-table" in await response.text()
    assert (await site.client.get("/static/..%2Fpackage.json")).status == 404


async def test_each_organisation_gets_its_own_tokens(tmp_path: Path) -> None:
    themes = {"ermelo": {"--utrecht-color-primary": "#006e3c"}}
    async for site in build_site(tmp_path, themes=themes):
        await site.sign_in(MEMBER)  # lid@ermelo.nl
        css = await (await site.client.get("/static/theme.css")).text()
        assert "--utrecht-color-primary: #006e3c;" in css
        assert (
            '<link rel="stylesheet" href="/static/theme.css">'
            in await (await site.client.get("/profiel")).text()
        )


@pytest.mark.parametrize(
    "tokens",
    [
        {"--x": "red; } body { display: none"},
        {"color": "red"},
        {"--x": "</style><script>"},
    ],
)
def test_token_overrides_cannot_break_out(tokens: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        make_config("sqlite://", web={"themes": {"ermelo": tokens}})
