"""Derive ``knowledge/data/upl_products.toml`` from the Uniforme Productnamenlijst (UPL).

The UPL is the Dutch government's list of product names (open data, CC0, published by
Logius at https://standaarden.overheid.nl/owms/oquery/UPL-actueel.csv). This script reads
the products a gemeente provides, gives each a task domain of
``knowledge/data/municipal_domains.toml`` and writes, per domain, the product names and the
words that only that domain's products use. Routing uses those words as extra, weaker
vocabulary for the groups that stand for the domain.

A product's domain is, in this order:

1. the domain of its legal basis (``LAW_DOMAINS``: "Participatiewet" is work and income);
   laws that many domains share (the Gemeentewet, the APV, the Awb) decide nothing;
2. else the one domain whose words (anchors or terms) its name uses, as a whole word or as
   a part of a compound ("snuffelmarktvergunning" holds "markt"; of a narrower domain and
   the one it lies in, the broader);
3. else none: the product is left out and listed on standard error.

A word of a domain's product names is kept for the domain when it has at least six letters,
municipal_domains.toml does not have it yet, at least two thirds of all the UPL's product
names that use it (of every layer of government) are that domain's ("vergunning", "aanvraag"
and "subsidie" are everyone's and say nothing), and it is a compound of Dutch words
("ligplaatsvergunning"), the Dutch word before the head of one ("ligplaats"; the head,
"vergunning", names the kind), or a Dutch word two of the domain's product names use (a
lone "aanvragen" says nothing); inflected adjectives ("lokale") never.

    python scripts/upl_vocabulary.py UPL-actueel.csv [--words /usr/share/dict/dutch]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from knowledge.compounds import CompoundSplitter
from knowledge.routing import fold, load_domains, tokens

OUTPUT = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "upl_products.toml"

# A law whose products all belong to one task domain. Laws that many domains use (the
# Gemeentewet, the APV, the Awb, the Civil Code's book on contracts) are not listed.
LAW_DOMAINS = {
    "Wet maatschappelijke ondersteuning 2015": "wmo",
    "Wet langdurige zorg": "wmo",
    "Wet zorg en dwang psychogeriatrische en verstandelijk gehandicapte cliënten": "wmo",
    "Wet verplichte geestelijke gezondheidszorg": "wmo",
    "Jeugdwet": "jeugd",
    "Wet publieke gezondheid": "jeugd",
    "Participatiewet": "werk-inkomen",
    "Besluit bijstandverlening zelfstandigen 2004": "werk-inkomen",
    "Wet sociale werkvoorziening": "werk-inkomen",
    "Wet inburgering 2021": "werk-inkomen",
    "Wet tegemoetkomingen loondomein": "werk-inkomen",
    "Wet inkomensvoorziening oudere en gedeeltelijk arbeidsongeschikte werkloze "
    "werknemers": "werk-inkomen",
    "Wet inkomensvoorziening oudere en gedeeltelijk arbeidsongeschikte gewezen "
    "zelfstandigen": "werk-inkomen",
    "Wet gemeentelijke schuldhulpverlening": "schulden",
    "Faillissementswet": "schulden",
    "Omgevingswet": "vergunningen",
    "Wet algemene bepalingen omgevingsrecht": "vergunningen",
    "Besluit bouwwerken leefomgeving": "vergunningen",
    "Besluit activiteiten leefomgeving": "vergunningen",
    "Wet milieubeheer": "vergunningen",
    "Alcoholwet": "vergunningen",
    "Erfgoedwet": "vergunningen",
    "Model Erfgoedverordening": "vergunningen",
    "Wet ruimtelijke ordening": "ruimtelijke-ordening",
    "Wet basisregistratie personen": "burgerzaken",
    "Burgerlijk Wetboek Boek 1": "burgerzaken",
    "Paspoortwet": "burgerzaken",
    "Paspoortbesluit": "burgerzaken",
    "Paspoortuitvoeringsregeling Buitenland 2001": "burgerzaken",
    "Reglement rijbewijzen": "burgerzaken",
    "Rijkswet op het Nederlanderschap": "burgerzaken",
    "Besluit verkrijging en verlies Nederlanderschap": "burgerzaken",
    "Wet algemene bepalingen burgerservicenummer": "burgerzaken",
    "Wet justitiële en strafvorderlijke gegevens": "burgerzaken",
    "Vreemdelingenbesluit 2000": "burgerzaken",
    "Wet basisregistratie adressen en gebouwen": "burgerzaken",
    "Kieswet": "bestuur",
    "gemeentelijke referendumverordening": "bestuur",
    "gemeentelijke verordening burgerinitiatief": "bestuur",
    "Reglement op de Orde van de Nederlandse Leeuw en de Orde van Oranje-Nassau": "bestuur",
    "Richtlijnen voor de toekenning van het recht tot het voeren van het predikaat "
    "Koninklijk": "bestuur",
    "Wet waardering onroerende zaken": "belastingen",
    "Invorderingswet 1990": "belastingen",
    "Model Afvalstoffenverordening": "afval",
    "Wet op de lijkbezorging": "begraven",
    "Besluit op de lijkbezorging": "begraven",
    "Model Beheersverordening begraafplaatsen": "begraven",
    "Huisvestingswet 2014": "wonen",
    "Wet goed verhuurderschap": "wonen",
    "Wet kinderopvang": "onderwijs",
    "Leerplichtwet 1969": "onderwijs",
    "Wet op het primair onderwijs": "onderwijs",
    "Wet voortgezet onderwijs 2020": "onderwijs",
    "Wet op de expertisecentra": "onderwijs",
    "Wet veiligheidsregio’s": "veiligheid",
    "Wet veiligheidsregio's": "veiligheid",
    "Wet wapens en munitie": "veiligheid",
    "Wet tijdelijk huisverbod": "veiligheid",
    "Aanwijzing Opiumwet": "veiligheid",
    "Wet bevordering integriteitsbeoordelingen door het openbaar bestuur": "veiligheid",
    "Vuurwerkbesluit": "veiligheid",
    "Wet op de kansspelen": "veiligheid",
    "Winkeltijdenwet": "economie",
    "Wet op de bedrijveninvesteringszones": "economie",
    "Model Marktverordening": "markten",
    "Besluit administratieve bepalingen inzake het wegverkeer (BABW)": "verkeer",
    "Wegenverkeerswet 1994": "verkeer",
    "Reglement verkeersregels en verkeerstekens 1990 (RVV 1990)": "verkeer",
    "Wet open overheid": "privacy",
    "Archiefwet 1995": "privacy",
    "Wet hergebruik van overheidsinformatie": "privacy",
}
_ARTICLE = re.compile(r"^\s*(?:Artikel(?:en)?|Paragraaf|Afdeling|§)\s+[\w:.,\s]+?\s+(?=[A-Z])")
_MIN_WORD = 6
# Inflected adjectives and adverbs ("lokale", "maatschappelijke", "persoonlijk") name no
# topic; nouns in -ie ("ceremonie", "participatie") do.
_ADJECTIVE = re.compile(r"(?:[^i]e|lijk|isch|ig)$")


def law_of(label: str) -> str:
    """The law's title in a ``Grondslaglabel`` ("Artikel 2.43 Wet basisregistratie
    personen" → "Wet basisregistratie personen")."""
    return _ARTICLE.sub("", label.strip()).strip()


def read_products(path: Path) -> tuple[dict[str, set[str]], set[str]]:
    """Product name → the laws it rests on, for the products a gemeente provides; and the
    names of all products, of every layer of government."""
    products: dict[str, set[str]] = defaultdict(set)
    every: set[str] = set()
    with path.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            name = " ".join(row["UniformeProductnaam"].split())
            if not name or name.startswith("UPL-naam"):
                continue
            every.add(name)
            if row.get("Gemeente") != "X":
                continue
            law = law_of(row.get("Grondslaglabel", ""))
            products[name].update({law} if law else set())
    return products, every


def word_list(path: Path) -> set[str]:
    words: set[str] = set()
    if path.is_file():
        for line in path.read_text("utf-8", errors="replace").splitlines():
            word = fold(line.strip())
            if word.isalpha():
                words.add(word)
    return words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("csv", type=Path, help="UPL-actueel.csv")
    parser.add_argument("--words", type=Path, default=Path("/usr/share/dict/dutch"))
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    products, every = read_products(args.csv)
    dutch = word_list(args.words)
    if not dutch:
        parser.error(f"{args.words}: no Dutch word list (Debian: apt-get install wdutch)")
    splitter = CompoundSplitter(lambda w: len(w) >= 4 and w in dutch)

    def words_of(name: str) -> set[str]:
        """The words of a product name and the parts of its compounds."""
        found: set[str] = set()
        for word in tokens(name):
            found.add(word)
            found.update(p for p in splitter.parts(word) if len(p) >= 4)
        return found

    vocabulary: dict[str, set[str]] = defaultdict(set)
    domains = load_domains()
    within = {domain.id: domain.within for domain in domains}
    for domain in domains:
        for phrase in (*domain.anchors, *domain.terms):
            words = tokens(phrase)
            if len(words) == 1 and len(words[0]) >= _MIN_WORD:
                vocabulary[domain.id].add(words[0])
    domain_of: dict[str, str] = {}
    left_out: list[str] = []
    for name, laws in sorted(products.items()):
        named = {d for d, known in vocabulary.items() if not known.isdisjoint(words_of(name))}
        by_law = {LAW_DOMAINS[law] for law in laws if law in LAW_DOMAINS}
        # a word of a narrower domain and of the one it lies in: the broader one
        broadest = {d for d in named if within.get(d) not in named}
        if len(by_law) == 1:
            domain_of[name] = by_law.pop()
        elif len(broadest) == 1:
            domain_of[name] = broadest.pop()
        else:
            left_out.append(name)
    uses: Counter[str] = Counter(w for name in every for w in tokens(name))
    per_domain: dict[str, tuple[list[str], Counter[str], set[str]]] = {}
    for name, domain_id in sorted(domain_of.items()):
        names, seen, whole = per_domain.setdefault(domain_id, ([], Counter(), set()))
        names.append(name)
        seen.update(tokens(name))
        whole.update(tokens(name))
    curated = set().union(*vocabulary.values())
    chosen: dict[str, list[str]] = {}
    for domain_id, (_names, seen, whole) in per_domain.items():
        chosen[domain_id] = sorted(
            w
            for w, count in seen.items()
            if len(w) >= _MIN_WORD
            and w not in curated
            and not _ADJECTIVE.search(w)
            and count >= 2 / 3 * uses[w]
            and w in whole
            and bool(splitter.parts(w))
        )
    lines = [
        "# Generated by scripts/upl_vocabulary.py: do not edit by hand.",
        "# Source: the Uniforme Productnamenlijst (UPL), the Dutch government's list of product",
        "# names, https://standaarden.overheid.nl/upl (open data, CC0; UPL-actueel.csv). Per",
        "# task domain of municipal_domains.toml: the gemeente products given that domain",
        "# and the words only that domain's products use.",
        f"# {len(domain_of)} of {len(products)} gemeente products have a domain.",
    ]
    for domain_id in sorted(per_domain):
        names = per_domain[domain_id][0]
        lines += [
            "",
            f"[domains.{domain_id}]",
            "products = [" + ", ".join(_quoted(n) for n in names) + "]",
            "words = [" + ", ".join(_quoted(w) for w in chosen[domain_id]) + "]",
        ]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(domain_of)} products in {len(per_domain)} domains", file=sys.stderr)
    for name in left_out:
        print(
            f"  no domain: {name} ({'; '.join(sorted(products[name])) or 'no law'})",
            file=sys.stderr,
        )
    return 0


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


if __name__ == "__main__":
    raise SystemExit(main())
