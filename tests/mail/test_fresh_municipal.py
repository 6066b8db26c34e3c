"""The fresh municipal sets (tests/mail/fresh_municipal, fresh_municipal2 to 5, issue 14):
mails written before the rules were tuned on them, with terse cold-start groups. What a user
notices: automatic mail is never posted, no personal data reaches the thread, signatures and
disclaimers are gone, and most questions reach the right group (the rest are asked about,
not misposted with confidence)."""

from __future__ import annotations

from pathlib import Path

from bot.mail.evaluate import evaluate_corpus

FRESH = Path(__file__).parent / "fresh_municipal"
# The held-out judge of the routing work (written before it, never tuned on)
FRESH2 = Path(__file__).parent / "fresh_municipal2"
# Gemeente Bergvliet: nine groups, one shared with a contractor (issue 14, fourth round)
FRESH3 = Path(__file__).parent / "fresh_municipal3"
# Written blind after the fourth round's rules (Werkorganisatie Drechtmonde, Gemeente
# Esschenveld): first runs 71 % and 68 % of groups right; the floors hold what the rules
# written from their misses reached.
FRESH4 = Path(__file__).parent / "fresh_municipal4"
FRESH5 = Path(__file__).parent / "fresh_municipal5"
FRESH6 = Path(__file__).parent / "fresh_municipal6"
FRESH7 = Path(__file__).parent / "fresh_municipal7"
FRESH8 = Path(__file__).parent / "fresh_municipal8"


def test_fresh_municipal_mails_are_understood() -> None:
    figures = evaluate_corpus(FRESH).figures
    assert figures["kind"] == 1.0
    assert figures["pii_leaked"] == 0
    assert figures["original_sender"] == 1.0
    assert figures["must_contain"] == 1.0
    assert figures["must_not_contain"] == 1.0
    assert figures["group"] >= 0.9
    assert figures["posted_wrong"] == 0


def test_the_second_fresh_set_routes_and_never_posts_into_the_contractors_channel() -> None:
    """Another municipality, eight terse groups, `afval` shared with the waste collector:
    routing never posts there alone, and a mail it is unsure of is asked about rather than
    posted in the wrong group."""
    figures = evaluate_corpus(FRESH2).figures
    assert figures["posted_external"] == 0
    assert figures["pii_leaked"] == 0
    assert figures["group"] >= 0.89
    assert figures["posted_wrong"] <= 1


def test_the_third_fresh_set_is_cleaned_and_routed() -> None:
    """Signatures in new shapes, notices in own wording, German and English mail, personal
    data in many forms: nothing personal reaches a thread, nothing is posted into the
    contractor's channel, and at most one mail lands in a wrong group."""
    figures = evaluate_corpus(FRESH3).figures
    assert figures["kind"] == 1.0
    assert figures["pii_leaked"] == 0
    # 35/36: one key sentence names a child by first name ("whether Samuel is eligible for
    # school transport"); the writer did not count it as personal data, redaction now does
    assert figures["must_contain"] >= 0.97
    assert figures["must_not_contain"] == 1.0
    assert figures["posted_external"] == 0
    assert figures["group"] >= 0.88
    assert figures["posted_wrong"] <= 1


def test_the_blind_sets_keep_what_their_misses_taught() -> None:
    """Web forms are questions, addresses without a street suffix are redacted (and the
    sixth set's names, German phones and addresses), nothing is posted into the contractor's
    or the housing corporation's channel, and few mails land in a wrong group."""
    # (set, group right, question kept, posted wrong at most): set 8's florist signs as
    # "Bloemen Ilse", and her "bloemen" goes with her name; a given name inside a sentence is
    # redacted since the tenth set, and one key sentence of set 5 and two of set 7 name a
    # child or a neighbour by first name ("Heeft Daan recht op leerlingenvervoer"), which
    # their writers did not count as personal data. Set 7's policy and field teams share
    # the public space: the learned domain words (issue 14's eighth round, measured without
    # set 7's own counts) split that domain between them, 37 -> 33 of 42
    floors: list[tuple[Path, float, float, int]] = [
        (FRESH4, 0.88, 1.0, 3),
        (FRESH5, 0.88, 0.97, 3),
        (FRESH6, 0.8, 1.0, 3),
        (FRESH7, 0.78, 0.95, 3),
        (FRESH8, 0.6, 0.97, 5),
    ]
    for corpus, floor, kept, wrong in floors:
        figures = evaluate_corpus(corpus).figures
        assert figures["kind"] == 1.0, corpus.name
        assert figures["pii_leaked"] == 0, corpus.name
        assert figures["must_contain"] >= kept, corpus.name
        assert figures["must_not_contain"] == 1.0, corpus.name
        assert figures["posted_external"] == 0, corpus.name
        assert figures["group"] >= floor, corpus.name
        assert figures["posted_wrong"] <= wrong, corpus.name


def test_the_newest_blind_sets_keep_their_safety_and_their_level() -> None:
    """The sets written blind in issue 14's eighth to eleventh rounds: automatic mail is always
    known, nothing is posted into a partner's channel by routing alone, signatures go, and
    neither leaks nor right groups fall back below what the rounds reached (leaks left are
    held-out halves' kinds no rule was written for)."""
    here = Path(__file__).parent
    # Group floors follow the learned domain words: retrained in the seventeenth round with
    # every set (each measured without its own counts), they gained 11 (tune) and 6
    # (held-out) questions over the 69 earlier sets and moved a few sets down by one or two
    # (m13, m16, m39, m40, m43).
    # (set, group right at least, leaks at most[, signatures and quotes removed at least])
    levels: list[tuple[str, float, int] | tuple[str, float, int, float]] = [
        ("fresh_municipal11", 0.84, 0),
        ("fresh_municipal12", 0.73, 0),
        ("fresh_municipal13", 0.89, 0),
        ("fresh_municipal14", 0.86, 0),
        ("fresh_municipal15", 0.81, 1),
        # m16, m19, m21 and m27 lost one group each in issue 14's thirteenth round, when the
        # sentence that asks began to count a second time (tune halves of all sets +17)
        ("fresh_municipal16", 0.81, 2),
        ("fresh_municipal17", 0.81, 0),
        ("fresh_municipal18", 0.84, 0),
        # 31 of 38 since issue 14's twelfth round: a keyword the stemmer shortens is found
        # inside compounds, and "recreatiepark" now reaches the recreation group's "recreatie"
        ("fresh_municipal19", 0.78, 0),
        ("fresh_municipal20", 0.81, 0),
        ("fresh_municipal21", 0.76, 1),
        ("fresh_hi5c", 0.94, 1),
        ("fresh_hi5d", 0.84, 3),
        ("fresh_hi5e", 0.81, 0),
        ("fresh_hi5f", 0.78, 0),
        ("fresh_hi5g", 0.89, 0),
        ("fresh_hi5h", 0.94, 0),
        ("fresh_hi5i", 0.92, 1),
        # the tenth round's (first runs: 26, 24 and 34 of 38 right; 16, 2 and 1 leaks)
        ("fresh_municipal22", 0.68, 0),
        ("fresh_municipal23", 0.68, 0),
        ("fresh_hi5j", 0.89, 0),
        # (first runs: m24 33, m25 31, m26 33, m27 35, hi5k 30 and hi5l 35 of 38; 2, 3, 12, 1, 3 and
        # 1 leaks)
        ("fresh_municipal24", 0.86, 0, 0.95),
        ("fresh_municipal25", 0.81, 0, 0.95),
        ("fresh_municipal26", 0.84, 0, 0.95),
        ("fresh_municipal27", 0.89, 0, 0.95),
        ("fresh_hi5k", 0.78, 0, 0.95),
        ("fresh_hi5l", 0.86, 0, 0.95),
        # the eleventh round's (first runs: hi5m 33, m30 34, m29 28 and m28 32 of 38; 0, 17, 7 and
        # 8 leaks; each set's bounce is labelled an automatic reply). Leaks left: held-out halves'
        # kinds and the tune halves' names no cue marks.
        ("fresh_hi5m", 0.86, 0),
        ("fresh_municipal30", 0.86, 10, 0.95),
        ("fresh_municipal29", 0.73, 7),
        ("fresh_municipal28", 0.84, 6, 0.95),
        # its second batch and last sets (first runs: m31 29, m32 33, m33 24, hi5n 31, m35 35 and
        # m34 28 of 38; 3, 41, 3, 3, 2 and 9 leaks)
        ("fresh_municipal31", 0.76, 0),
        ("fresh_municipal32", 0.86, 32),
        ("fresh_municipal33", 0.68, 2, 0.95),
        ("fresh_hi5n", 0.81, 3),
        ("fresh_municipal35", 0.92, 2, 0.95),
        ("fresh_municipal34", 0.73, 9, 0.95),
        # the twelfth round's (first runs: hi5o 33 and m36 29 of 38; 2 and 7 leaks)
        ("fresh_hi5o", 0.86, 2, 0.95),
        ("fresh_municipal36", 0.76, 4, 0.95),
        # and its judges (first runs on the round's end code: hi5p 34 and m37 32 of 38; 2 and
        # 13 leaks)
        ("fresh_hi5p", 0.89, 2, 0.95),
        ("fresh_municipal37", 0.84, 13, 0.95),
        # the last pair (first runs on the round's end code: m38 32 and hi5q 28 of 38; 5 and 4
        # leaks)
        ("fresh_municipal38", 0.84, 5, 0.95),
        ("fresh_hi5q", 0.73, 4, 0.95),
        # the thirteenth round's judges (first runs on the round's end code: m39 33, hi5r 26
        # and hi5s 31 of 38; 11, 5 and 1 leaks); the case system's notification each set
        # holds is the resident's question since (m39 34, hi5r 27, hi5s 32), and the rules
        # from their tune halves took m39 to 9 leaks and hi5r to 4
        ("fresh_municipal39", 0.86, 9, 0.95),
        ("fresh_hi5r", 0.71, 4, 0.95),
        ("fresh_hi5s", 0.84, 1, 0.95),
        # fresh_municipal40 (first run 24 of 38, 28 leaks; a resident's reply that told of a
        # colleague's out-of-office was taken for one until the fourteenth round)
        ("fresh_municipal40", 0.71, 19, 0.95),
        # the fourteenth round's judges (first runs on the round's end code: m41 27, m42 33,
        # hi5t 31 and hi5u 33 of 38; 9, 16, 11 and 10 leaks); their tune halves' case-system
        # notification and someone else's holiday are the residents' questions since
        ("fresh_municipal41", 0.71, 10, 0.95),
        ("fresh_municipal42", 0.86, 15, 0.95),
        ("fresh_hi5t", 0.81, 11, 0.95),
        ("fresh_hi5u", 0.89, 10, 0.95),
        # the fifteenth round's judges (first runs: m43 35, m44 28, hi5v 34 of 38; 19, 37 and
        # 30 leaks); health data, boats and berths, numbers after their labels are redacted
        # since, and their tune halves' data breaches, deaths and worries are stated needs
        ("fresh_municipal43", 0.92, 7, 0.95),
        ("fresh_municipal44", 0.73, 22, 0.95),
        ("fresh_hi5v", 0.97, 17, 0.95),
        # the sixteenth round's judges (first runs: m45 28, m46 30, hi5w 34 of 38; 12, 8 and
        # 13 leaks); given names of the name dictionary, health said in a subordinate clause,
        # client records' addresses and corporate signatures with logos are handled since
        ("fresh_municipal45", 0.73, 9, 0.92),
        ("fresh_municipal46", 0.84, 6, 0.95),
        ("fresh_hi5w", 0.92, 10, 0.97),
        # the seventeenth round's judges (first runs: m47 32, m48 31, hi5x 34 of 38; 5, 7 and
        # 6 leaks); a letter a resident attaches or pastes below their signature is theirs to
        # ask about, not the question, and health said in everyday words is redacted since
        ("fresh_municipal47", 0.86, 4, 0.97),
        ("fresh_municipal48", 0.89, 0, 0.97),
        ("fresh_hi5x", 0.89, 4, 0.97),
        # the eighteenth round's judges (first runs: m49 36, m50 31, hi5y 32 of 38; 9, 14 and
        # 14 leaks); a read receipt (RFC 8098) is automatic mail, health said only of a person
        # and an office's mailbox are known, and a party needed no more is no evidence since
        ("fresh_municipal49", 0.94, 7, 0.95),
        ("fresh_municipal50", 0.84, 7, 0.97),
        ("fresh_hi5y", 0.86, 7, 0.97),
    ]
    for name, floor, leaks, *removed in levels:
        figures = evaluate_corpus(here / name).figures
        assert figures["kind"] == 1.0, name
        assert figures["posted_external"] == 0, name
        assert figures["must_not_contain"] >= (removed[0] if removed else 0.97), name
        assert figures["pii_leaked"] <= leaks, name
        assert figures["group"] >= floor, name
