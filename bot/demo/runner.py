"""``vraagbaak demo``: the whole bot in a terminal, on the embedded defaults."""

from __future__ import annotations

import contextlib
import tomllib
from importlib import resources
from typing import Any, TextIO

from bot.adapters.console import ConsoleAdapter, ConsolePerson, Guard
from bot.core.config import Config, config_with_overrides
from bot.core.events import AccountRef, ConversationRef
from bot.core.i18n import normalise_language, t
from bot.demo.history import replay_history
from bot.mail.component import MailComponent
from bot.people import authority, visibility
from bot.startup.app import Bot, build_bot
from bot.web.server import DashboardServer, start_dashboard


def demo_settings(environ: dict[str, str] | None = None) -> tuple[Config, list[ConsolePerson]]:
    """The embedded demo configuration (with ``VRAAGBAAK_...`` overrides) and its people."""
    raw: dict[str, Any] = tomllib.loads(
        resources.files("bot.demo").joinpath("demo.toml").read_text(encoding="utf-8")
    )
    demo = raw.pop("demo", {})
    config = config_with_overrides(raw, "(embedded demo configuration)", environ)
    people = [ConsolePerson(p["name"], p["email"]) for p in demo.get("people", [])]
    return config, people


async def run_demo(config: Config, people: list[ConsolePerson], output: TextIO) -> int:
    bot: Bot = build_bot(config)
    await bot.prepare()
    rooms = [group.id for group in config.groups]
    adapter = ConsoleAdapter(people=people, rooms=rooms, output=output, guard=room_guard(bot))
    bot.services.adapters.add(adapter)
    mail = _demo_mail(bot, output)
    dispatch = bot.dispatcher.for_adapter(adapter)
    dashboard: DashboardServer | None = None
    try:
        names = {person.email: person.name for person in people}
        await replay_history(bot.services, dispatch, names, bot.services.clock)
        if mail is not None:
            await mail.start()
            _mail_note(mail, config, output)
        dashboard = await start_dashboard(bot.services, config.web.host, config.web.port)
        _dashboard_note(dashboard, config, output)
        await adapter.start(dispatch)
    finally:
        if dashboard is not None:
            await dashboard.stop()
        if mail is not None:
            await mail.stop()
        await bot.close()
    return 0


def room_guard(bot: Bot) -> Guard:
    """The visibility policy, asked by the console before someone enters or posts in a room:
    a partner only takes part where the room is shared with them (issue 13)."""

    async def guard(account: AccountRef, conversation: ConversationRef) -> str | None:
        services = bot.services
        async with services.db.session() as session:
            person = await services.identity.person_for(session, account)
            channel = await services.channels.channel_for(session, conversation)
            refusal: str | None = None
            if not await visibility.may_take_part(session, person, channel):
                assert person.id is not None
                settings = await services.identity.settings_for(session, person.id)
                language = normalise_language(settings.language) or normalise_language(
                    services.config.bot.language
                )
                organisation = await authority.organisation_name(session, person)
                refusal = t(
                    language or "nl",
                    "core.room_refused",
                    room=conversation.name.lstrip("#") or conversation.external_id,
                    organisation=organisation or t(language or "nl", "people.unknown_organisation"),
                )
            await session.commit()
        return refusal

    return guard


def _demo_mail(bot: Bot, output: TextIO) -> MailComponent | None:
    """The SMTP listener on 127.0.0.1:2525 and an outbox folder for the reply mails."""
    config = bot.services.config
    if not (config.mail.general_address or any(g.email for g in config.groups)):
        return None
    folder = config.bot.data_dir / "demo-outbox"
    return MailComponent(bot, outbox_folder=folder, interval=2.0)


def _mail_note(mail: MailComponent, config: Config, output: TextIO) -> None:
    mail_settings = config.mail
    if mail.listener is None:
        note = (
            f"(e-mail: poort {mail_settings.smtp_port} is bezet ({mail.smtp_error}); "
            "de demo gaat verder zonder mail-ontvangst)"
        )
    else:
        note = (
            f"(e-mail: stuur een vraag naar {mail_settings.general_address} via SMTP op "
            f"{mail_settings.smtp_host}:{mail.listener.port}; antwoordmails komen in "
            f"{config.bot.data_dir / 'demo-outbox'})"
        )
    with contextlib.suppress(BrokenPipeError):  # ``vraagbaak demo | head``
        print(note, file=output, flush=True)


def _dashboard_note(dashboard: DashboardServer, config: Config, output: TextIO) -> None:
    if dashboard.runner is None:
        note = (
            f"(dashboard: poort {config.web.port} is bezet ({dashboard.error}); de demo gaat "
            "verder zonder dashboard)"
        )
    else:
        note = f"(dashboard: {dashboard.url} — typ !dashboard voor een inloglink)"
    with contextlib.suppress(BrokenPipeError):
        print(note, file=output, flush=True)
