"""``!dashboard``: a one-time sign-in link for the web dashboard, sent privately."""

from __future__ import annotations

from bot.dispatch.context import CommandContext
from bot.dispatch.handler_types import command
from bot.web.signin import issue_link, link_url
from bot.web.texts import TEXTS as TEXTS


@command("dashboard", help_key="web.dashboard_help")
async def dashboard(ctx: CommandContext, args: str) -> None:
    web = ctx.services.config.web
    token = await issue_link(ctx.session, ctx.person_id, ctx.services.clock.now(), web.link_minutes)
    # Committed before it is sent: a link must never reach anyone before it works. Should the
    # process die after this commit, the event is handled again and the link it sends is a new one.
    await ctx.session.commit()
    url = link_url(web.public_url(), token)
    # Privately only: whoever holds the link signs in as this person.
    await ctx.respond_private(ctx.t("web.dashboard_link", minutes=web.link_minutes, url=url))
