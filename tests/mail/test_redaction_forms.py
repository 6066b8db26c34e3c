"""The forms in which issue 12's tester got personal data past the old redactor, and the
words around them that must survive. Each case: the text, what must be gone, what must stay."""

from __future__ import annotations

import pytest

from bot.redaction import Redactor, old_date_hits, redact
from tests.mail.redacted import assert_gone_and_kept

NBSP = "\u00a0"
CASES = [
    # BSN with any separator, and the 8-digit form (leading zero dropped)
    (f"BSN 628{NBSP}194{NBSP}821 graag", ["628", "194", "821"], ["BSN", "graag"]),
    ("mijn bsn is 805/888/718.", ["805/888/718"], ["mijn bsn is"]),
    ("nummer 1678_68433 klopt", ["1678_68433"], ["nummer", "klopt"]),
    ("burgerservicenummer 64265651 (zonder nul)", ["64265651"], ["(zonder nul)"]),
    # phone numbers
    ("bel +31 (0)6 - 12 34 56 78 na vijven", ["12 34 56 78", "+31"], ["bel", "na vijven"]),
    ("of 0031/6/43218765 proberen", ["43218765"], ["proberen"]),
    ("mobiel 06–32547698 (en dash)", ["32547698"], ["(en dash)"]),
    ("mobiel 06‑18273645 (non-breaking hyphen)", ["18273645"], ["(non-breaking hyphen)"]),
    ("bel **06**-**11223344** svp", ["11223344"], ["bel", "svp"]),
    ("app me via wa.me/31618273645 graag", ["31618273645"], ["app me via", "graag"]),
    ("vast: 036 - 521 88 40.", ["521 88 40"], ["vast:"]),
    ("of bel (036) 521 88 40 vandaag", ["521 88 40", "(", ")"], ["of bel", "vandaag"]),
    # addresses
    ("Dorpsstraat 45 lekt", ["Dorpsstraat 45"], ["lekt"]),
    ("Postcode: 3842 KM, huisnummer 17. Bezorgen?", ["3842 KM", "17"], ["Bezorgen?"]),
    (
        "op stationsweg 112b, 3841ck harderwijk. ok?",
        ["stationsweg", "3841ck", "harderwijk"],
        ["ok?"],
    ),
    (
        "Mijn adres is Kerkstraat 12\nMail kan ook naar mij",
        ["Kerkstraat 12"],
        ["Mijn adres is", "Mail kan ook naar mij"],
    ),
    ("| Straat | Kerkstraat |\n| Huisnummer | 12 |", ["Kerkstraat"], ["| Straat |"]),
    # a street without a suffix after a preposition of place
    ("De put aan de Zwanenbloem 7 loopt over", ["Zwanenbloem 7"], ["De put aan de", "loopt over"]),
    ("wij wonen op Brink 14a sinds mei", ["Brink 14a"], ["wij wonen op", "sinds mei"]),
    ("de bank tegenover Oude Haven 3 is weg", ["Oude Haven 3"], ["de bank tegenover", "is weg"]),
    # dates of birth
    ("Geboortedatum: 1951-06-23, klopt dat?", ["1951-06-23"], ["klopt dat?"]),
    ("geb. datum 12-03-1938 ok", ["12-03-1938"], ["ok"]),
    ("ik ben geboren 4 apr. '41 in Putten", ["4 apr", "'41"], ["in Putten"]),
    ("date of birth June 11, 1988 and", ["June 11", "1988"], ["and"]),
    ("geboren op 02.05.1979 te", ["02.05.1979"], ["te"]),
    ("mijn geboortedatum is 14-03-1958, mijn", ["14-03-1958"], ["mijn geboortedatum is"]),
    # e-mail addresses, also obfuscated
    ("naar p.devries [at] ziggo [punt] nl sturen", ["devries", "ziggo"], ["sturen"]),
    ("naar r.vandam @ hotmail.com sturen", ["vandam"], ["sturen"]),
    ("link ?mail=sandra.mulder%40live.nl&x=1", ["sandra.mulder"], ["link"]),
    # names with titles, plates and documents
    (
        "Ik ben mevrouw Pietersen en woon aan de Kerkstraat 45 in Zeewolde",
        ["Pietersen", "Kerkstraat 45"],
        ["Ik ben mevrouw", "en woon aan de", "in Zeewolde"],
    ),
    ("dhr. De Vries belde", ["Vries"], ["dhr.", "belde"]),
    ("auto 12-XKR-7 staat", ["12-XKR-7"], ["auto", "staat"]),
    ("paspoort NW3F7K9L1 kwijt", ["NW3F7K9L1"], ["kwijt"]),
    ("Steuer-IdNr. 65 929 970 489 bitte", ["65 929 970 489"], ["bitte"]),
    ("IBAN NL91 ABNA 0417 1643 00 graag", ["0417", "ABNA"], ["graag"]),
    # glued to the label, two numbers with a slash, abbreviated street
    ("bsn111222333 dus", ["111222333"], ["dus"]),
    ("0612345678/0687654321 bellen", ["0612345678", "0687654321"], ["bellen"]),
    ("Kerkstr. 12 achterom", ["Kerkstr. 12"], ["achterom"]),
    ("°12-04-1967 te Gent", ["12-04-1967"], ["te Gent"]),
    ("Geachte heer van Dijk,", ["Dijk"], ["Geachte heer"]),
    ("onze dochter Lotte gaat", ["Lotte"], ["onze dochter", "gaat"]),
    # issue 14, fourth round: a two-digit year after an apostrophe, and a person's number
    # with a company or an office (it finds their account as a BSN would)
    ("geb. 17-09-'52, woont", ["17-09", "'52"], ["geb.", "woont"]),
    ("Mijn klantnummer is 30418876, kunt u", ["30418876"], ["Mijn klantnummer is", "kunt u"]),
    ("polisnr. ZK-2219-0041 bij de verzekeraar", ["2219"], ["polisnr.", "bij de verzekeraar"]),
    ("customer number: 88120457 please", ["88120457"], ["customer number", "please"]),
]


@pytest.mark.parametrize(("text", "gone", "kept"), CASES, ids=[c[0][:30] for c in CASES])
def test_form_is_redacted_and_context_kept(text: str, gone: list[str], kept: list[str]) -> None:
    assert_gone_and_kept(text, gone, kept)


def test_placeholders_speak_the_mails_language_and_say_what_went() -> None:
    assert redact("BSN 111222333").text == "BSN [BSN verwijderd]"
    assert redact("BSN 111222333", "en").text == "BSN [BSN removed]"
    assert redact("mevrouw Pietersen").text == "mevrouw [naam verwijderd]"
    assert redact("Mrs. Evans", "en").text == "Mrs. [name removed]"


def test_colleagues_keep_their_names_citizens_do_not() -> None:
    redactor = Redactor(colleagues=["Anouk Jansen"], citizen_names=["Henk Bosman"])
    out = redactor.redact("Vraag van Henk Bosman. Met vriendelijke groet,\nAnouk Jansen").text
    assert "Henk" not in out and "Bosman" not in out and "Anouk Jansen" in out
    # A surname alone is no colleague: many citizens share it.
    assert "Jansen" not in redactor.redact("Ik ben mevrouw Jansen.").text


def test_numbers_that_are_no_personal_data_stay() -> None:
    text = (
        "Op 12-03-2026 om 10.30 uur, artikel 4.2, € 1.250.000, 0800-1234567, 14 0341, "
        "ons kenmerk 2026-118, 300 mensen, Bouwvergadering 17 maart, ordernummer 111222334."
    )
    assert redact(text).text == text


def test_a_place_word_with_a_number_that_is_no_address_stays() -> None:
    text = (
        "Het staat op pagina 12, in bijlage 2 en bij artikel 4. Werkt het op Windows 11? "
        "We zitten op Zaal 3 en de trein vertrekt van Perron 5, op Dinsdag 12 maart."
    )
    assert redact(text).text == text


def test_a_date_long_ago_is_taken_for_a_birth_date_without_a_cue() -> None:
    # People give a birth date without saying so: in brackets after a name, on a form line.
    for text in (
        "Mijn moeder (12-03-1938) woont sinds kort alleen.",
        "Het gaat om mijn zoon, 4 april 2004, die nu op kamers woont.",
        "Aanvrager: P. de Vries, 1951-06-23",
        "My father, June 11, 1948, needs a stair lift.",
    ):
        out = redact(text).text
        assert "geboortedatum verwijderd" in out or "date of birth removed" in out, out
    assert old_date_hits("op 01-02-2012", this_year=2026) != []
    # What a question is about happens now: recent dates and meetings stay.
    for text in ("Het gesprek is op 12-03-2026 om 10 uur.", "Besluit van 3 mei 2024 over de Wmo."):
        assert redact(text).text == text
    assert old_date_hits("op 01-02-2012", this_year=2025) == []
