"""The product words of the Uniforme Productnamenlijst (scripts/upl_vocabulary.py, shipped
as knowledge/data/upl_products.toml): which product belongs to which task domain, which of
its words are kept, and how routing uses them."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path
from types import ModuleType

from knowledge.routing import GroupProfile, Router, load_domains

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "upl_vocabulary.py"
HEADER = (
    "UniformeProductnaam,URI,Rijk,Provincie,Waterschap,Gemeente,Burger,Bedrijf,Dienstenwet,"
    "SDG,Autonomie,Medebewind,Aanvraag,Subsidie,Melding,Verplichting,Grondslag,"
    "Grondslaglabel,Grondslaglink"
)


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("upl_vocabulary", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(name: str, law: str = "", gemeente: bool = True) -> str:
    flag = "X" if gemeente else ""
    return f'"{name}",http://example.invalid/{len(name)},,,,{flag},X,,,,,,,,,,,"{law}",'


def _derive(tmp_path: Path, rows: list[str]) -> dict[str, dict[str, list[str]]]:
    csv_file = tmp_path / "upl.csv"
    csv_file.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    words = tmp_path / "dutch"
    words.write_text(
        "\n".join(
            ["ligplaats", "vergunning", "splitsing", "standplaats", "aanvraag", "kampeer",
             "ontheffing", "afval", "container", "lokale", "boot"]
        ),
        encoding="utf-8",
    )  # fmt: skip
    output = tmp_path / "out.toml"
    assert _script().main([str(csv_file), "--words", str(words), "--output", str(output)]) == 0
    derived = tomllib.loads(output.read_text("utf-8"))
    data: dict[str, dict[str, list[str]]] = derived.get("domains", {})
    return data


def test_a_product_takes_the_domain_of_its_law_before_the_words_of_its_name(
    tmp_path: Path,
) -> None:
    domains = _derive(
        tmp_path,
        [
            # the law says housing, although "vergunning" is a word of the permits
            _row("splitsingsvergunning", "Artikel 21 Huisvestingswet 2014"),
            # no law that decides: the name's "vergunning" says permits
            _row("ligplaatsvergunning", "Artikel 3 gemeentelijke verordening"),
            _row("afvalcontainer", "Artikel 10 Model Afvalstoffenverordening"),
        ],
    )
    assert "splitsingsvergunning" in domains["wonen"]["words"]
    assert "ligplaatsvergunning" in domains["vergunningen"]["words"]
    assert "afvalcontainer" in domains["afval"]["words"]


def test_words_every_domain_uses_and_plain_words_are_left_out(tmp_path: Path) -> None:
    domains = _derive(
        tmp_path,
        [
            _row("kampeerontheffing", "Artikel 2:1 Model Algemene plaatselijke verordening"),
            _row("ligplaatsvergunning", "Artikel 3 gemeentelijke verordening"),
            # "aanvraag" in products of many layers and domains: nobody's word
            _row("aanvraag afvalcontainer", "Artikel 10 Model Afvalstoffenverordening"),
            _row("aanvraag", "", gemeente=False),
            _row("aanvraag boot", "", gemeente=False),
            # an inflected adjective names no product
            _row("lokale vergunning", "Artikel 3 gemeentelijke verordening"),
        ],
    )
    kept = {word for domain in domains.values() for word in domain["words"]}
    assert "aanvraag" not in kept
    assert "lokale" not in kept
    assert "kampeerontheffing" in kept


def test_a_product_whose_domain_nothing_decides_is_left_out(tmp_path: Path) -> None:
    domains = _derive(tmp_path, [_row("boot", "Artikel 125 Gemeentewet")])
    assert not any("boot" in domain["products"] for domain in domains.values())


def test_the_shipped_product_words_are_loaded_with_the_domains() -> None:
    domains = {domain.id: domain for domain in load_domains()}
    assert "ligplaatsvergunning" in domains["vergunningen"].products
    assert "wapenvergunning" in domains["veiligheid"].products
    # a product word is nobody's hand-chosen term
    assert not set(domains["vergunningen"].products) & set(domains["vergunningen"].terms)


def test_product_words_route_but_never_make_a_group_the_domains() -> None:
    permits = GroupProfile("vth", "Vergunningen", "Vergunningverlening en handhaving")
    other = GroupProfile("kcc", "Klantcontact", "Kansspelvergunning en wapenvergunning")
    router = Router([permits, other])
    veiligheid = next(d for d in router.domains if d.id == "veiligheid")
    assert veiligheid not in router.group_domains(other)
    route = router.route("Hoe vraag ik een ligplaatsvergunning aan voor mijn boot?")
    assert route.group_id == "vth"
