"""The domain words learned from questions of other deployments (knowledge/domain_words.py):
they order the groups a question's own words leave close, and never post on their own."""

from __future__ import annotations

import json
from importlib import resources

from knowledge.domain_words import DomainWords, features, load_domain_words
from knowledge.routing import GroupProfile, Router, tokens

# Two deployments' questions, as python -m bot.mail.learn_domains counts them.
MODEL = json.dumps(
    {
        "deployments": {
            "east": {
                "examples": {"wmo": 3, "openbare-ruimte": 3},
                "words": {
                    "wmo": {"moeder": 2, "oma": 2, "wassen": 2, "douch": 1},
                    "openbare-ruimte": {"stoep": 2, "tegel": 2, "scheef": 2, "boom": 1},
                },
            },
            "west": {
                "examples": {"wmo": 2, "openbare-ruimte": 2},
                "words": {
                    "wmo": {"moeder": 1, "oma": 1, "wassen": 1},
                    "openbare-ruimte": {"stoep": 1, "tegel": 1, "scheef": 1},
                },
            },
        }
    }
)
GROUPS = [
    GroupProfile("zorg", "Zorg & Welzijn", "Wmo en mantelzorg"),
    GroupProfile("buiten", "Beheer Openbare Ruimte", "Onderhoud straten en groen"),
    GroupProfile("burgerzaken", "Burgerzaken", "Paspoort, rijbewijs en verhuizen"),
]


def router(model: str = MODEL) -> Router:
    return Router(GROUPS, None, load_domain_words(text=model))


def test_a_question_in_words_no_group_names_is_asked_about_with_the_learned_domain_first() -> None:
    route = router().route("Oma kan zichzelf niet meer wassen, mijn moeder is op.")
    # the learned words alone suggest a group, with no confidence: the desk asks
    assert route.group_id == "zorg"
    assert route.confidence == 0.0
    assert route.ranked[0].group_id == "zorg"


def test_learned_words_unsure_of_the_domain_suggest_nobody() -> None:
    unsure = json.dumps(
        {
            "deployments": {
                "east": {
                    "examples": {"wmo": 2, "openbare-ruimte": 2},
                    "words": {"wmo": {"vraag": 1, "oma": 2}, "openbare-ruimte": {"vraag": 1}},
                }
            }
        }
    )
    route = router(unsure).route("Een vraag, wie kan ik bellen?")
    assert route.group_id is None
    assert route.confidence == 0.0


def test_the_learned_domain_decides_between_groups_the_words_leave_tied() -> None:
    tied = [
        GroupProfile("a-buiten", "Team Buiten", "Meldingen en openbare ruimte"),
        GroupProfile("b-zorg", "Team Zorg", "Meldingen en Wmo"),
    ]
    question = "Een melding over mijn oma en mijn moeder."
    without = Router(tied, None, DomainWords({}, {})).route(question)
    with_model = Router(tied, None, load_domain_words(text=MODEL)).route(question)
    assert without.ranked[0].score == without.ranked[1].score
    assert without.confidence == 0.0
    assert with_model.group_id == "b-zorg"
    assert with_model.confidence > 0.0


def test_the_learned_words_add_no_strength_only_order() -> None:
    """A question whose words point weakly at the wrong group: the learned domain can put
    the right group first, but the desk then asks (the margin is small), never posts on
    the model's word."""
    question = "Mijn oma moet verhuizen, ze kan zich niet meer wassen."
    route = router().route(question)
    words = router(json.dumps({"deployments": {}})).route(question)
    assert words.group_id == "burgerzaken"
    assert route.ranked[0].group_id in ("zorg", "burgerzaken")
    assert route.confidence <= words.confidence


def test_a_deployment_left_out_is_not_in_the_model() -> None:
    everything = load_domain_words(text=MODEL)
    without_east = load_domain_words(exclude={"east"}, text=MODEL)
    assert everything.examples["wmo"] == 5
    assert without_east.examples["wmo"] == 2
    assert "douch" in everything.vocabulary
    assert "douch" not in without_east.vocabulary
    assert load_domain_words(exclude={"east", "west"}, text=MODEL).probabilities({"oma"}) == {}


def test_words_the_model_never_saw_say_nothing() -> None:
    assert load_domain_words(text=MODEL).probabilities({"kwijtschelding"}) == {}
    assert router().learned_scores("Kwijtschelding aangevraagd.") == {}


def test_placeholders_stopwords_and_numbers_are_no_features() -> None:
    found = features(tokens("[naam verwijderd] woont op de [adres verwijderd] sinds 2019"))
    assert found == frozenset({"woont", "sinds"})


def test_a_hostile_question_is_read_to_the_limit_and_only_suggested() -> None:
    flood = "oma " * 50_000 + "x" * 100_000
    route = router().route(flood)
    assert route.confidence == 0.0  # never posted on the learned words
    assert route.ranked[0].group_id == "zorg"


def test_the_shipped_model_leaves_out_words_of_a_single_deployment() -> None:
    """A word must be used by questions of two deployments to be kept: one writer's name or
    phrase does not survive into the shipped counts."""
    text = resources.files("knowledge").joinpath("data/domain_words.json").read_text("utf-8")
    deployments = json.loads(text)["deployments"]
    assert len(deployments) >= 10
    seen_in: dict[str, set[str]] = {}
    for name, data in deployments.items():
        for words in data["words"].values():
            for stem in words:
                seen_in.setdefault(stem, set()).add(name)
    assert all(len(names) >= 2 for names in seen_in.values())
