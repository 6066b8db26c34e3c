"""What handlers and jobs work with: the core (bot/dispatch/core_services.py) and the features the
configuration turns on, each a typed field. Built once, in :meth:`Services.build`, and frozen:
nothing is swapped or provided afterwards (the running adapters are the one registry that
changes, as components start and stop)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from bot.adoption.activity import ActivityLog
from bot.core.clock import Clock
from bot.core.config import Config
from bot.core.ports import ExpertFinder
from bot.core.registry import Registry
from bot.delivery.inbox import Inbox
from bot.delivery.liveness import Replica
from bot.delivery.outbox import Outbox
from bot.dispatch.core_services import Adapters, CoreServices
from bot.dispatch.membership import MemberSync
from bot.expertise.finder import ExpertIndex
from bot.expertise.sentence_encoder import configured_encoder
from bot.mail.desk import EmailDesk, takes_mail
from bot.people.authority import HelpRights
from bot.people.channels import ChannelDirectory
from bot.people.identity import Identity
from bot.storage.database import Database
from knowledge.lexicon import configured_lexicon
from knowledge.thesaurus import load_thesaurus


@dataclass(frozen=True)
class Services(CoreServices):
    # The expertise index (``!wieweet``) and what the nudges ask for experts: the index
    # itself unless a test gives another finder.
    experts: ExpertIndex
    expert_finder: ExpertFinder
    # Caches kept for the life of the process.
    help_rights: HelpRights
    members: MemberSync
    activity: ActivityLog
    # The mail desk, when some mail address is configured (else None).
    mail_desk: EmailDesk | None

    @classmethod
    def build(
        cls,
        config: Config,
        db: Database,
        registry: Registry,
        clock: Clock,
        *,
        expert_finder: ExpertFinder | None = None,
    ) -> Services:
        replica = Replica(db)
        core = CoreServices(
            config=config,
            db=db,
            registry=registry,
            identity=Identity(config),
            channels=ChannelDirectory(config),
            replica=replica,
            inbox=Inbox(db, replica),
            outbox=Outbox(db, replica, now=clock.now),
            clock=clock,
            adapters=Adapters(),
        )
        settings = config.whoknows
        experts = ExpertIndex(
            load_thesaurus(settings.synonyms, settings.thesaurus_files),
            clock=clock,
            half_life_days=settings.half_life_days,
            language=config.bot.language,
            lexicon=configured_lexicon(settings.word_lists),
            encoder=configured_encoder(config),
        )
        return cls(
            **{f.name: getattr(core, f.name) for f in fields(CoreServices)},
            experts=experts,
            expert_finder=expert_finder or experts,
            help_rights=HelpRights(),
            members=MemberSync(),
            activity=ActivityLog(db),
            mail_desk=EmailDesk(core) if takes_mail(config) else None,
        )

    def forget_unsaved(self) -> None:
        """After a rollback: what the caches learned may not be in the database (a person,
        a membership, the pseudonyms' key made in it), so they learn it again."""
        self.identity.forget_all()
        self.channels.forget_all()
        self.members.forget_all()
        self.help_rights.forget_all()
        self.activity.forget_key()

    def desk(self) -> EmailDesk:
        """The mail desk; a clear error where this bot takes no mail."""
        if self.mail_desk is None:
            raise LookupError("this bot takes no mail: no mail address is configured")
        return self.mail_desk
