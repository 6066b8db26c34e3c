"""``!wieweet`` and friends, through the dispatcher, as a user sees them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlmodel import select

from bot.core.clock import ManualClock
from bot.core.events import AccountRef, ConversationRef, MessageEvent, ReactionEvent
from bot.expertise.build_io import build_index
from bot.expertise.sentence_encoder import configured_encoder
from bot.importers.slack_import import import_slack_export
from bot.startup.app import Bot
from bot.storage.models import Person, PersonSettings, Skill
from tests.support.recording_adapter import RecordingAdapter
from tests.support.whoknows_export import END, write_export

SOCIAAL = ConversationRef("slack", "C1", "#sociaal-domein")
ANOUK = AccountRef("slack", "U01", "Anouk Jansen", "anouk@ermelo.nl")
BRAM = AccountRef("slack", "U02", "Bram de Vries", "bram@harderwijk.nl")
JAN = AccountRef("slack", "U10", "Jan Peters", "jan@harderwijk.nl")
KARIN = AccountRef("slack", "U11", "Karin Kok", "karin@ermelo.nl")
_ids = iter(range(1, 10_000))


def say(
    text: str,
    sender: AccountRef = ANOUK,
    *,
    mention: bool = False,
    thread: str | None = None,
    message_id: str | None = None,
) -> MessageEvent:
    return MessageEvent(
        SOCIAAL,
        message_id or f"{1790000000 + next(_ids)}.000100",
        sender,
        text,
        thread_id=thread,
        mentions_bot=mention,
        timestamp=END,
    )


@pytest.fixture
def bot_clock() -> ManualClock:
    return ManualClock(END)


@pytest.fixture
async def slack(bot: Bot, tmp_path: Path) -> RecordingAdapter:
    import_slack_export(bot.services.db, bot.services.config, write_export(tmp_path))
    build_index(bot.services.db, bot.services.config.whoknows.half_life_days)
    adapter = RecordingAdapter(platform="slack")
    bot.services.adapters.add(adapter)
    return adapter


async def test_wieweet_names_people_with_why_organisation_and_availability(
    bot: Bot, slack: RecordingAdapter
) -> None:
    await bot.dispatcher.dispatch(slack, say("!wieweet leerlingenvervoer"))
    text = slack.sent[-1].text
    assert "Over _leerlingenvervoer_ weten deze collega's" in text
    first = text.splitlines()[1]
    assert "**Bram de Vries** (Gemeente Harderwijk)" in first
    assert "beantwoordde 4 vragen over leerlingenvervoer in #sociaal-domein" in first
    assert "beschikbaar" in first
    assert "Eva" not in text  # deactivated
    assert len(text.splitlines()) <= 4  # at most three people


async def test_natural_language_in_dutch_and_english(bot: Bot, slack: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(
        slack, say("@vraagbaak wie weet iets van leerlingenvervoer?", mention=True)
    )
    assert "Bram de Vries" in slack.sent[-1].text
    await bot.dispatcher.dispatch(
        slack, say("@vraagbaak who knows about school transport?", mention=True)
    )
    english = slack.sent[-1].text
    assert "These colleagues probably know more" in english
    assert "answered 4 questions" in english


async def test_empty_topic_gets_usage(bot: Bot, slack: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(slack, say("!wieweet"))
    assert "Waarover zoek je iemand?" in slack.sent[-1].text


async def test_nobody_fits_offers_the_best_group_and_posts_there(
    bot: Bot, slack: RecordingAdapter
) -> None:
    ilse = AccountRef("slack", "U09", "Ilse de Boer", "ilse@ermelo.nl")
    await bot.dispatcher.dispatch(slack, say("!voorstellen uit", ilse))
    await bot.dispatcher.dispatch(slack, say("!wieweet kwijtschelding van belastingen"))
    reply = slack.sent[-1].text
    assert "Ik vind niemand die aantoonbaar veel weet van _kwijtschelding van belastingen_" in reply
    assert "Zal ik je vraag in #financien-belastingen zetten" in reply
    await bot.dispatcher.dispatch(slack, say("!plaatsen"))
    posted = [s for s in slack.sent if s.kind == "post"]
    assert posted[-1].conversation is not None
    assert posted[-1].conversation.external_id == "C4"
    assert "kwijtschelding van belastingen" in posted[-1].text


async def test_nothing_known_at_all(bot: Bot, slack: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(slack, say("!wieweet raketbrandstof"))
    reply = slack.sent[-1].text
    assert "Ik vind niemand" in reply
    assert "Stel je vraag gerust in het kanaal" in reply


async def test_plaatsen_posts_the_question_in_the_group(bot: Bot, slack: RecordingAdapter) -> None:
    from bot.storage.models import StateEntry
    from handlers.whoknows import OFFER_KEY

    async with bot.services.db.session() as session:
        anouk = (await session.exec(select(Person).where(Person.email == "anouk@ermelo.nl"))).one()
        session.add(
            StateEntry(
                key=OFFER_KEY.format(person_id=anouk.id),
                value='{"group": "sociaal-domein", "question": "!wieweet wie regelt de lunch?"}',
            )
        )
        await session.commit()
    await bot.dispatcher.dispatch(slack, say("!plaatsen"))
    posted = [s for s in slack.sent if s.kind == "post"]
    assert posted and posted[0].conversation is not None
    assert posted[0].conversation.external_id == "C1"
    assert "**Vraag van Anouk Jansen:** wie regelt de lunch?" in posted[0].text
    assert "Je vraag staat nu in #sociaal-domein." in slack.sent[-1].text
    await bot.dispatcher.dispatch(slack, say("!plaatsen"))
    assert "Er staat geen vraag klaar" in slack.sent[-1].text


async def test_ikweet_declares_and_counts_less(bot: Bot, slack: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(slack, say("!ikweet aanbesteding", JAN))
    assert "Genoteerd" in slack.sent[-1].text
    await bot.dispatcher.dispatch(slack, say("!wieweet aanbesteding"))
    lines = slack.sent[-1].text.splitlines()
    assert "Hans Mulder" in lines[1]
    assert "Jan Peters" in lines[2] and "noemt zelf: aanbesteding" in lines[2]
    await bot.dispatcher.dispatch(slack, say("!ikweet", JAN))
    assert "Je noemt zelf: aanbesteding" in slack.sent[-1].text
    await bot.dispatcher.dispatch(slack, say("!ikweet niet aanbesteding", JAN))
    async with bot.services.db.session() as session:
        assert (await session.exec(select(Skill))).all() == []


async def test_ikweet_niet_with_like_wildcards_removes_nothing_else(
    bot: Bot, slack: RecordingAdapter
) -> None:
    for topic in ("aanbesteding", "inkoop", "wmo_100%"):
        await bot.dispatcher.dispatch(slack, say(f"!ikweet {topic}", JAN))
    for attack in ("%", "_%", "inkoo_", "%oop"):
        await bot.dispatcher.dispatch(slack, say(f"!ikweet niet {attack}", JAN))
    async with bot.services.db.session() as session:
        left = sorted((await session.exec(select(Skill.topic))).all())
    assert left == ["aanbesteding", "inkoop", "wmo_100%"]
    await bot.dispatcher.dispatch(slack, say("!ikweet niet WMO_100%", JAN))
    async with bot.services.db.session() as session:
        assert sorted((await session.exec(select(Skill.topic))).all()) == [
            "aanbesteding",
            "inkoop",
        ]


async def test_a_skill_written_with_an_article_is_removed_the_same_way(
    bot: Bot, slack: RecordingAdapter
) -> None:
    await bot.dispatcher.dispatch(slack, say("!ikweet de kerstmarkt", JAN))
    assert "_kerstmarkt_" in slack.sent[-1].text
    await bot.dispatcher.dispatch(slack, say("!ikweet niet de kerstmarkt", JAN))
    async with bot.services.db.session() as session:
        assert (await session.exec(select(Skill))).all() == []


async def test_profile_is_private_and_shows_evidence(bot: Bot, slack: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(slack, say("!profiel", BRAM))
    sent = slack.sent[-1]
    assert sent.kind == "private"
    assert "Je profiel" in sent.text
    assert "leerlingenvervoer: 4 antwoorden, 4 geaccepteerd, laatst in maart" in sent.text


async def test_opt_out_and_back(bot: Bot, slack: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(slack, say("!voorstellen uit", BRAM))
    assert slack.sent[-1].kind == "private"
    await bot.dispatcher.dispatch(slack, say("!wieweet leerlingenvervoer"))
    assert "Bram" not in slack.sent[-1].text
    await bot.dispatcher.dispatch(slack, say("!voorstellen misschien", BRAM))
    assert "Kies `!voorstellen uit`" in slack.sent[-1].text
    await bot.dispatcher.dispatch(slack, say("!voorstellen aan", BRAM))
    await bot.dispatcher.dispatch(slack, say("!wieweet leerlingenvervoer"))
    assert "Bram" in slack.sent[-1].text


async def test_hidden_topic(bot: Bot, slack: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(slack, say("!verberg leerlingenvervoer", BRAM))
    await bot.dispatcher.dispatch(slack, say("!wieweet leerlingenvervoer"))
    assert "Bram" not in slack.sent[-1].text
    await bot.dispatcher.dispatch(slack, say("!toon leerlingenvervoer", BRAM))
    await bot.dispatcher.dispatch(slack, say("!wieweet leerlingenvervoer"))
    assert "Bram" in slack.sent[-1].text


async def test_do_not_disturb_is_marked(bot: Bot, slack: RecordingAdapter) -> None:
    async with bot.services.db.session() as session:
        bram = (
            await session.exec(select(Person).where(Person.email == "bram@harderwijk.nl"))
        ).one()
        assert bram.id is not None
        session.add(PersonSettings(person_id=bram.id, do_not_disturb=True))
        await session.commit()
    await bot.dispatcher.dispatch(slack, say("!wieweet leerlingenvervoer"))
    line = next(x for x in slack.sent[-1].text.splitlines() if "Bram" in x)
    assert "niet storen" in line


async def test_live_answer_and_acceptance_make_an_expert(bot: Bot, slack: RecordingAdapter) -> None:
    await bot.dispatcher.dispatch(slack, say("!wieweet kinderopvangtoeslag"))
    assert "Karin" not in slack.sent[-1].text
    root = say("Hoe werkt de kinderopvangtoeslag bij een wisselend rooster?", message_id="9.1")
    await bot.dispatcher.dispatch(slack, root)
    answer = say(
        "De kinderopvangtoeslag vraag je aan bij de Belastingdienst; bij een wisselend "
        "rooster geef je de verwachte uren per maand op.",
        KARIN,
        thread="9.1",
        message_id="9.2",
    )
    await bot.dispatcher.dispatch(slack, answer)
    await bot.dispatcher.dispatch(
        slack,
        ReactionEvent(SOCIAAL, "9.2", ANOUK, "white_check_mark", thread_id="9.1", timestamp=END),
    )
    await bot.dispatcher.dispatch(slack, say("!wieweet kinderopvangtoeslag", BRAM))
    text = slack.sent[-1].text
    assert "Karin Kok" in text
    assert "1 geaccepteerd" in text


async def test_external_partner_is_not_offered_a_group_they_are_not_in(
    bot: Bot, slack: RecordingAdapter
) -> None:
    gerrit = AccountRef("slack", "U07", "Gerrit Aannemer", "gerrit@vandijkbouw.nl")
    bouw = ConversationRef("slack", "C5", "#bouw")
    event = say("!wieweet Wmo huishoudelijke hulp", gerrit)
    await bot.dispatcher.dispatch(slack, replace(event, conversation=bouw))
    reply = slack.sent[-1].text
    assert "Ik vind niemand" in reply
    assert "#sociaal-domein" not in reply
    assert "Fleur" not in reply


async def test_profile_shows_readable_words_singular_and_no_hidden_topic(
    bot: Bot, slack: RecordingAdapter
) -> None:
    from knowledge.text import STOPWORDS

    await bot.dispatcher.dispatch(slack, say("!verberg leerlingenvervoer", BRAM))
    await bot.dispatcher.dispatch(slack, say("!profiel", BRAM))
    text = slack.sent[-1].text
    evidence, _, rest = text.partition("Verborgen onderwerpen")
    assert "leerlingenvervoer" not in evidence  # hidden: not also offered
    assert "leerlingenvervoer" in rest
    await bot.dispatcher.dispatch(slack, say("!profiel", KARIN))
    text = slack.sent[-1].text
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    assert lines
    for line in lines:
        topic, _, counts = line[2:].partition(": ")
        assert topic not in STOPWORDS
        assert topic == topic.lower() and len(topic) >= 3
        assert not counts.startswith("1 antwoorden")
        if counts.startswith("1 "):
            assert counts.startswith("1 antwoord,")
    assert "- leerlingenvervoer: 1 antwoord, 0 geaccepteerd, laatst in juni" in lines


def _rebuild_index(bot: Bot) -> None:
    build_index(bot.services.db, bot.services.config.whoknows.half_life_days)
    bot.services.experts.invalidate()


async def _karin_asks_bram_answers(
    bot: Bot, slack: RecordingAdapter, prefix: str, question: str, answer: str
) -> None:
    """Three threads in which Karin asks ``question`` (``{n}`` numbers them) and Bram
    answers, then the index rebuilt."""
    for n in range(3):
        root = f"{prefix}{n}.1"
        asked = say(question.format(n=n), KARIN, message_id=root)
        await bot.dispatcher.dispatch(slack, asked)
        answered = say(answer, BRAM, thread=root, message_id=f"{prefix}{n}.2")
        await bot.dispatcher.dispatch(slack, answered)
    _rebuild_index(bot)


async def test_a_hidden_compound_is_not_offered_through_its_parts(
    bot: Bot, slack: RecordingAdapter
) -> None:
    await _karin_asks_bram_answers(
        bot,
        slack,
        "6",
        "Geldt de kostendelersnorm ook voor kostendelers die student zijn? ({n})",
        "Ja, de kostendelersnorm telt elke kostendeler van 27 jaar of ouder mee.",
    )
    await bot.dispatcher.dispatch(slack, say("!wieweet kostendelers", ANOUK))
    assert "Bram" in slack.sent[-1].text
    await bot.dispatcher.dispatch(slack, say("!verberg kostendelersnorm", BRAM))
    for topic in ("kostendelersnorm", "kostendelers"):
        await bot.dispatcher.dispatch(slack, say(f"!wieweet {topic}", ANOUK))
        assert "Bram" not in slack.sent[-1].text, topic
    await bot.dispatcher.dispatch(slack, say("!profiel", BRAM))
    evidence = slack.sent[-1].text.partition("Verborgen onderwerpen")[0]
    assert "kostendeler" not in evidence


async def test_profile_names_no_filler_words(bot: Bot, slack: RecordingAdapter) -> None:
    await _karin_asks_bram_answers(
        bot,
        slack,
        "8",
        "Bijvoorbeeld mevrouw {n} heeft drie terrassen: zit de precariobelasting erin? "
        "Bijna altijd later pas duidelijk.",
        "De precariobelasting voor terrassen gaat per vierkante meter.",
    )
    await bot.dispatcher.dispatch(slack, say("!profiel", BRAM))
    offered = [
        line[2:].partition(":")[0] for line in slack.sent[-1].text.splitlines() if line[:2] == "- "
    ]
    assert "precariobelasting" in offered, slack.sent[-1].text
    assert not {"bijvoorbeeld", "drie", "erin", "bijna", "mevrouw", "later"} & set(offered), (
        slack.sent[-1].text
    )


async def test_a_typo_that_finds_nobody_gets_did_you_mean(
    bot: Bot, slack: RecordingAdapter
) -> None:
    await bot.dispatcher.dispatch(slack, say("!wieweet mantelzrog"))
    text = slack.sent[-1].text
    assert "Ik vind niemand" in text
    assert "Bedoelde je _mantelzorg_?" in text
    await bot.dispatcher.dispatch(slack, say("!wieweet xyzzyqwv"))
    assert "Bedoelde je" not in slack.sent[-1].text


@pytest.mark.parametrize(
    "text",
    [
        "@vraagbaak iemand verstand van leerlingenvervoer?",
        "@vraagbaak ik zoek iemand die iets weet van leerlingenvervoer",
        "@vraagbaak weet iemand iets van leerlingenvervoer?",
        "@vraagbaak is er iemand die ervaring heeft met leerlingenvervoer?",
        "@vraagbaak anyone know about school transport?",
        "@vraagbaak wer weiß etwas über Schülerbeförderung leerlingenvervoer?",
        "@vraagbaak weet iemand hoe het zit met leerlingenvervoer?",
        "@vraagbaak wie kan mij helpen met leerlingenvervoer?",
        "@vraagbaak kan iemand me helpen met leerlingenvervoer?",
        "@vraagbaak wie moet ik hebben voor leerlingenvervoer?",
        "@vraagbaak does anyone know about school transport?",
        "@vraagbaak who can I ask about school transport?",
        "@vraagbaak is there anyone who knows about school transport?",
    ],
)
async def test_everyday_forms_after_a_mention(bot: Bot, slack: RecordingAdapter, text: str) -> None:
    await bot.dispatcher.dispatch(slack, say(text, mention=True))
    assert "Bram de Vries" in slack.sent[-1].text


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("@vraagbaak wie is hier thuis in leerlingenvervoer?", False),
        ("@vraagbaak hebben jullie iemand die goed is in leerlingenvervoer?", False),
        ("@vraagbaak kent iemand een expert in leerlingenvervoer?", False),
        ("@vraagbaak weet iemand wie er over het leerlingenvervoer gaat?", False),
        ("@vraagbaak vraagje: wie doet bij jullie het leerlingenvervoer?", False),
        ("@vraagbaak bij wie moet ik zijn voor leerlingenvervoer", False),
        ("@vraagbaak ik ben op zoek naar iemand met kennis van leerlingenvervoer", False),
        ("@vraagbaak wie hier snapt iets van leerlingenvervoer?", False),
        ("@vraagbaak any colleague familiar with school transport?", True),
        ("@vraagbaak is anybody here an expert on school transport?", True),
    ],
)
async def test_other_everyday_forms_are_understood_by_their_structure(
    bot: Bot, slack: RecordingAdapter, text: str, english: bool
) -> None:
    """Forms nobody listed: a person sought near a word of knowing, then the topic."""
    await bot.dispatcher.dispatch(slack, say(text, mention=True))
    reply = slack.sent[-1].text
    assert "Bram de Vries" in reply
    intro = "probably know more about _school transport_" if english else "Over _leerlingenvervoer_"
    assert intro in reply


async def test_a_mention_that_asks_for_nobody_is_not_taken_for_a_question(
    bot: Bot, slack: RecordingAdapter
) -> None:
    for text in ("@vraagbaak wie ben jij eigenlijk?", "@vraagbaak weet jij hoe laat het is?"):
        await bot.dispatcher.dispatch(slack, say(text, mention=True))
        assert "Dat begreep ik niet" in slack.sent[-1].text


async def test_a_word_mentioned_once_in_passing_makes_no_expert(
    bot: Bot, slack: RecordingAdapter
) -> None:
    root = say("Wie regelt de vergunning voor het stadsfestival in september?", message_id="8.1")
    await bot.dispatcher.dispatch(slack, root)
    passing = say(
        "Geen idee, misschien iets met de zonnewijzer op het plein?",
        KARIN,
        thread="8.1",
        message_id="8.2",
    )
    await bot.dispatcher.dispatch(slack, passing)
    answer = say(
        "Die loopt via de evenementenvergunning: aanvragen bij de gemeente, minstens acht "
        "weken vooraf, met een situatietekening van het plein en de zonnewijzer.",
        BRAM,
        thread="8.1",
        message_id="8.3",
    )
    await bot.dispatcher.dispatch(slack, answer)
    await bot.dispatcher.dispatch(slack, say("!wieweet zonnewijzer", JAN))
    text = slack.sent[-1].text
    assert "Karin" not in text  # a hedged mention in passing is no evidence
    assert "Bram de Vries" in text  # the one who answered is


async def test_a_hedged_reply_beside_a_real_answer_is_no_answer_to_a_similar_question(
    bot: Bot, slack: RecordingAdapter
) -> None:
    root = say(
        "Mag een inwonende au pair meetellen voor de kostendelersnorm bij de bijstand?",
        message_id="5.1",
    )
    await bot.dispatcher.dispatch(slack, root)
    hedged = "Geen idee, wij hadden ooit een au pair."
    await bot.dispatcher.dispatch(slack, say(hedged, KARIN, thread="5.1", message_id="5.2"))
    answer = (
        "Een au pair van 27 of ouder die inwoont telt mee als kostendeler voor de bijstand, "
        "tenzij er een commerciële huurrelatie is; vraag het au-pair-contract op."
    )
    await bot.dispatcher.dispatch(slack, say(answer, BRAM, thread="5.1", message_id="5.3"))
    await bot.dispatcher.dispatch(slack, say("!wieweet bijstand voor een au pair", JAN))
    text = slack.sent[-1].text
    assert "Bram de Vries" in text
    assert "Karin" not in text, text


async def test_a_declared_topic_the_history_never_mentions_counts_at_once(
    bot: Bot, slack: RecordingAdapter
) -> None:
    await bot.dispatcher.dispatch(slack, say("!wieweet zonnepanelen op monumenten", BRAM))
    assert "Jan Peters" not in slack.sent[-1].text
    await bot.dispatcher.dispatch(slack, say("!ikweet zonnepanelen", JAN))
    await bot.dispatcher.dispatch(slack, say("!wieweet zonnepanelen op monumenten", BRAM))
    text = slack.sent[-1].text
    assert "Jan Peters" in text and "noemt zelf: zonnepanelen" in text
    await bot.dispatcher.dispatch(slack, say("!verberg zonnepanelen", JAN))
    await bot.dispatcher.dispatch(slack, say("!wieweet zonnepanelen", BRAM))
    assert "Jan Peters" not in slack.sent[-1].text


async def test_a_first_answer_in_live_chat_counts_at_once(
    bot: Bot, slack: RecordingAdapter
) -> None:
    # Jan has no evidence at all in the history; one good answer makes him findable at once
    await bot.dispatcher.dispatch(
        slack, say("Wie regelt de zonnepanelen op het dak van het gemeentehuis?", message_id="9.1")
    )
    await bot.dispatcher.dispatch(
        slack,
        say(
            "De zonnepanelen op het gemeentehuis regelt facilitair beheer: de installateur "
            "komt in maart, de subsidie voor de zonnepanelen is al toegekend.",
            JAN,
            thread="9.1",
            message_id="9.2",
        ),
    )
    await bot.dispatcher.dispatch(slack, say("!wieweet zonnepanelen", KARIN))
    assert "Jan Peters" in slack.sent[-1].text


async def test_profile_leaves_out_words_written_everywhere(
    bot: Bot, slack: RecordingAdapter
) -> None:
    from dataclasses import replace as with_

    channels = [("C1", "#sociaal-domein"), ("C2", "#omgevingswet"), ("C3", "#inkoop")]
    channels.append(("C4", "#financien-belastingen"))
    for n, (channel, name) in enumerate(channels):
        where = ConversationRef("slack", channel, name)
        root = f"7{n}.1"
        question = say(f"Hoe werkt de regeling voor geval {n}?", message_id=root)
        await bot.dispatcher.dispatch(slack, with_(question, conversation=where))
        for k in range(2):
            answer = say(
                f"Prima vraag: dat loopt via het formulier, uitgebreid beschreven in de "
                f"handleiding van team {name[1:]} deel {k}.",
                BRAM,
                thread=root,
                message_id=f"7{n}.{k + 2}",
            )
            await bot.dispatcher.dispatch(slack, with_(answer, conversation=where))
    _rebuild_index(bot)
    await bot.dispatcher.dispatch(slack, say("!profiel", BRAM))
    lines = [line for line in slack.sent[-1].text.splitlines() if line.startswith("- ")]
    assert any(line.startswith("- leerlingenvervoer:") for line in lines)
    # "prima", "uitgebreid" and "handleiding" came with answers in every group: no topic
    assert not any(line.startswith(("- prima", "- uitgebreid", "- handleiding")) for line in lines)


async def test_a_why_names_the_corrected_word_not_the_misspelling(
    bot: Bot, slack: RecordingAdapter
) -> None:
    await bot.dispatcher.dispatch(slack, say("!wieweet leerlingenvervoor"))
    first = slack.sent[-1].text.splitlines()[1]
    assert "Bram de Vries" in first
    assert "over leerlingenvervoer" in first and "leerlingenvervoor" not in first


async def test_a_need_in_everyday_words_finds_who_answered_it_by_meaning(
    bot: Bot, slack: RecordingAdapter
) -> None:
    # the index as the bot builds it: with the answered questions' vectors
    build_index(
        bot.services.db,
        bot.services.config.whoknows.half_life_days,
        encoder=configured_encoder(bot.services.config),
    )
    bot.services.experts.invalidate()
    await bot.dispatcher.dispatch(
        slack,
        say("!wieweet hoe lang duurt het voordat er iemand komt poetsen bij een oude mevrouw?"),
    )
    first = slack.sent[-1].text.splitlines()[1]
    assert "**Fleur Visser**" in first
    assert "#sociaal-domein" in first
    await bot.dispatcher.dispatch(
        slack,
        say(
            "@vraagbaak who knows about cleaning help at home for elderly residents?", mention=True
        ),
    )
    assert "**Fleur Visser**" in slack.sent[-1].text.splitlines()[1]
