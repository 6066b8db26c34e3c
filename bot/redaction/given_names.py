"""The given names redaction knows: the project's own list (``first_names.toml``), the
given names of Faker's person providers for the languages residents and partners of Dutch
municipalities write in, and those of Jörg Michael's name dictionary (``nam_dict.txt``, about
48,000 given names of 54 countries, Frisian, Surinamese-Hindustani and Arabic ones among them,
as shipped by the ``gender-guesser`` package under the GNU Free Documentation License), Latin
script only, less every name that is also an everyday word.

A library name is left out when its lower-case form is a word of the Dutch, English or German
word list (Debian's ``wdutch``, ``wbritish``, ``wngerman``: "Storm", "Dan", "Elke", "Kan" stay
words), a calendar word ("June", "Easter") or a Frisian function word ("Jim" is "you"). Without
any word list only the project's own list is used: an unfiltered list would hide words.

Reading the word lists costs about half a second, so the filtered list is kept in the user's
cache folder, keyed by Faker's version and the word lists' sizes and times; a cache that cannot
be written only costs that half second again in the next process.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import metadata, resources
from pathlib import Path

from knowledge.lexicon import DICT_FOLDER, MAX_BYTES, WORD_LISTS

# The languages of Faker's person providers whose given names people here carry. Faker's "en"
# (every given name of a census, "Holland", "Sommer", "Dallas" among them) is left out.
LIBRARY_LOCALES = (
    "nl_NL", "nl_BE", "fr_BE", "de_DE", "de_AT", "de_CH", "en_GB", "en_IE", "en_US",
    "fr_FR", "fr_DZ", "es_ES", "pt_PT", "pt_BR", "it_IT", "pl_PL", "ro_RO", "hr_HR", "cs_CZ",
    "sk_SK", "sl_SI", "hu_HU", "lt_LT", "lv_LV", "et_EE", "tr_TR", "az_AZ", "da_DK", "sv_SE",
    "no_NO", "fi_FI", "en_IN", "en_PK", "id_ID", "sw", "en_KE", "en_NG", "yo_NG", "ig_NG",
    "ha_NG", "tw_GH",
)  # fmt: skip
_ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
_LATIN_NAME = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿĀ-ž']{1,19}")
_CALENDAR = frozenset(
    """januari februari maart april mei juni juli augustus september oktober november december
    january february march may june july august october
    januar februar märz juni juli oktober dezember
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday
    thursday friday saturday sunday montag dienstag mittwoch donnerstag freitag samstag sonntag
    pasen pinksteren kerst kerstmis easter christmas pentecost ostern pfingsten weihnachten
    """.split()  # noqa: SIM905
)
_FRISIAN_WORDS = frozenset(
    """jim jo do hy sy se wy hja ús jimme dy dizze dit dat it in en mar of as om mei oan op
    yn út by fan nei oer foar troch sûnder tsjin wol net no ek noch al tige hiel hoe wat wêr
    wa wannear hjir dêr sa ja nee""".split()  # noqa: SIM905
)
CACHE_VERSION = "3"
# A cache file is data from outside too: a larger one is built again, not read.
_MAX_CACHE_BYTES = 2 * 1024 * 1024


def own_names() -> frozenset[str]:
    data = resources.files("bot.redaction").joinpath("first_names.toml").read_text("utf-8")
    lists = tomllib.loads(data)["names"].values()
    return frozenset(name for names in lists for name in names.split())


@cache
def given_names() -> frozenset[str]:
    return own_names() | word_free_names()


@cache
def word_free_names() -> frozenset[str]:
    """The library's names that are no word in any case, so safe to find in lower case too
    ("eline", not "rob"); none without word lists."""
    lists = _word_lists()
    return _library_names(lists) if lists else frozenset()


def _word_lists() -> list[Path]:
    """The first list found per language, if it is no larger than the lexicon reads."""
    found = []
    for names in WORD_LISTS.values():
        path = next((DICT_FOLDER / n for n in names if (DICT_FOLDER / n).is_file()), None)
        if path is not None and path.stat().st_size <= MAX_BYTES:
            found.append(path)
    return found


def _library_names(lists: list[Path]) -> frozenset[str]:
    cached = _cache_file(lists)
    if cached is not None and cached.is_file() and cached.stat().st_size <= _MAX_CACHE_BYTES:
        return frozenset(cached.read_text("utf-8", errors="replace").split())
    faker = _faker_names()
    dictionary = _dictionary_names() - faker
    words, nouns = _listed(lists, {name.lower() for name in faker | dictionary}, dictionary)
    unwanted = words | _CALENDAR | _FRISIAN_WORDS
    names = frozenset(name for name in faker | (dictionary - nouns) if name.lower() not in unwanted)
    if cached is not None:
        _write(cached, "\n".join(sorted(names)))
    return names


def _faker_names() -> set[str]:
    names: set[str] = set()
    for locale in LIBRARY_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ImportError:
            continue
        for attribute in _ATTRIBUTES:
            value = provider.__dict__.get(attribute)
            if isinstance(value, dict | tuple | list):
                names.update(n for n in value if isinstance(n, str) and _LATIN_NAME.fullmatch(n))
    return names


# The dictionary's columns of countries whose names are short syllables written in Latin
# script ("An", "Bo", "Long"): a name known only there is left out.
_EAST_ASIAN_COLUMNS = frozenset({79, 81, 82, 83})
_DICTIONARY_NAME = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿĀ-ž']{2,19}")


def _dictionary_names() -> set[str]:
    """The dictionary's given names of three letters or more, in Latin script (its own escapes
    for other letters, and names of two words, are left out)."""
    try:
        data = resources.files("gender_guesser").joinpath("data", "nam_dict.txt").read_bytes()
    except (ModuleNotFoundError, OSError):
        return set()
    names: set[str] = set()
    for line in data.decode("iso-8859-1").splitlines():
        if line[:1] not in {"M", "F", "?", "1"} or len(line) < 31:
            continue
        name = line[3:29].strip()
        if not _DICTIONARY_NAME.fullmatch(name):
            continue
        countries = {i for i in range(30, min(len(line), 86)) if line[i] not in " $\r"}
        if countries and countries <= _EAST_ASIAN_COLUMNS:
            continue
        names.add(name)
    return names


def _listed(
    lists: list[Path], lowered: set[str], capitalised: set[str]
) -> tuple[set[str], set[str]]:
    """One read of each word list: its lower-case entries among ``lowered`` (everyday words),
    and the German list's capitalised entries among ``capitalised`` (nouns: the dictionary has
    many names that are also one, "Sommer"; the Dutch and English lists write given names
    capitalised too, so theirs stay)."""
    words: set[str] = set()
    nouns: set[str] = set()
    for path in lists:
        german = path.name in WORD_LISTS["de"]
        with path.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                entry = line.rstrip("\n")
                if entry[:1].islower():
                    if entry in lowered:
                        words.add(entry)
                elif german and entry in capitalised:
                    nouns.add(entry)
    return words, nouns


def _cache_file(lists: Iterable[Path]) -> Path | None:
    try:
        version = metadata.version("faker")
    except metadata.PackageNotFoundError:
        return None
    try:
        dictionary = metadata.version("gender-guesser")
    except metadata.PackageNotFoundError:
        dictionary = "none"
    key = [CACHE_VERSION, version, dictionary, *LIBRARY_LOCALES]
    for path in lists:
        stat = path.stat()
        key.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    digest = hashlib.sha256("\n".join(key).encode()).hexdigest()[:16]
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vraagbaak" / f"given-names-{digest}.txt"


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError:
        return
