"""Generated data for scale tests and benches, written for this project.

Two generators, both deterministic for a seed:

- ``posts(n)``: short social posts in French and English (JSONL-ready dicts with
  ``id``, ``text``, ``date``, ``platform``, ``author``), built from templates and
  name pools written here, with Zipf-like popularity so a few trends, audiences
  and platforms become hubs, as in real exports. They go through the real
  readers and extractor.
- ``extractions(n)``: ``kg.model`` extractions shaped like what the extractor
  returns, for store tests and load benches that must not pay for spaCy.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from kg.model import Document, Entity, Evidence, Extraction, Mention, Relation
from kg.ontology import Ontology

STEMS = ["mermaid", "ballet", "gorp", "coquette", "bloke", "tomato", "goblin", "cottage",
         "dopamine", "barbie", "clean girl", "office siren", "y2k", "grandpa", "regency",
         "cyber", "fairy", "librarian", "eclectic grandpa", "moto", "boho", "dark academia",
         "sirène", "pastel", "retro gaming", "vanilla", "balletcore", "corpcore", "weekend"]
AUDIENCES_EN = ["Gen Z", "millennials", "Gen Alpha", "the queer community", "boomers",
                "young parents", "students", "gamers", "skaters", "teenagers"]
AUDIENCES_FR = ["la génération Z", "les millennials", "la communauté queer", "les boomers",
                "les jeunes parents", "les étudiants", "les gamers", "les ados"]
PLATFORMS = ["TikTok", "Instagram", "YouTube", "Pinterest", "Twitch", "Snapchat", "X",
             "Reddit", "BeReal", "LinkedIn"]
BRAND_A = ["Maison", "Studio", "Atelier", "Nord", "Lumen", "Velvet", "Oko", "Kalia", "Brume",
           "Sora", "Tessel", "Orva", "Pavo", "Lys", "Marée"]
BRAND_B = ["Verlaine", "Cosmetics", "Paris", "Labs", "Denim", "Sport", "Café", "Beauty",
           "Studio", "Home", "Kids", "Garden", "Optique", "Shoes"]
FIRST = ["Léa", "Camille", "Inès", "Jules", "Hugo", "Maya", "Noah", "Zoé", "Lina", "Sacha",
         "Chloé", "Adam", "Emma", "Liam", "Nina", "Tom", "Yasmine", "Oscar", "Jade", "Malo"]
LAST = ["Moreau", "Laurent", "Girard", "Fontaine", "Chevalier", "Marchand", "Perrin",
        "Benoît", "Carpentier", "Vasseur", "Leclerc", "Robin", "Barbier", "Renaud"]
TOPICS_EN = ["sustainability", "inclusion", "body positivity", "mental health", "nostalgia",
             "second-hand fashion", "climate"]
TOPICS_FR = ["l'écologie", "l'inclusion", "la santé mentale", "la nostalgie",
             "la seconde main", "le climat"]

EN = [
    "{trend} is everywhere on {platform} right now, and {audience} can't get enough of it.",
    "Why is {audience} obsessed with {trend}? Our take after a week of scrolling {platform}.",
    "{brand} just dropped a {trend} collection and {audience} on {platform} went wild.",
    "{person} posted a {trend} look on {platform} and it already has {n}k likes.",
    "Is {trend} over? {audience} says no, judging by {platform} this week.",
    "{brand} partners with {person} to push {trend} to {audience}.",
    "{trend} meets {topic}: {audience} turns the aesthetic into a statement on {platform}.",
    "Day {n} of trying {trend}. {platform} keeps recommending it to me.",
    "{audience} on {platform} is mixing {trend} with {trend2}, and brands like {brand} follow.",
    "Hot take: {trend} is just {trend2} with better lighting. {hashtag}",
]
FR = [
    "La tendance {trend} explose sur {platform} et {audience} adore.",
    "Pourquoi {audience} craque pour {trend} ? On a passé la semaine sur {platform}.",
    "{brand} lance une collection {trend} et {audience} s'enflamme sur {platform}.",
    "{person} a posté un look {trend} sur {platform} : déjà {n}000 likes.",
    "Le {trend}, c'est fini ? Pas pour {audience}, à voir {platform} cette semaine.",
    "{brand} s'associe à {person} pour parler de {trend} à {audience}.",
    "Quand {trend} rencontre {topic} : {audience} en fait un message sur {platform}.",
    "Jour {n} du défi {trend}. {platform} ne me propose plus que ça.",
    "Sur {platform}, {audience} mélange {trend} et {trend2}, et {brand} suit le mouvement.",
    "Avis tranché : le {trend}, c'est du {trend2} avec un meilleur éclairage. {hashtag}",
]


def _zipf(rng: random.Random, size: int) -> int:
    """An index in ``range(size)`` where small indices are far more frequent."""
    return min(int(rng.paretovariate(1.2)) - 1, size - 1)


def _popular(rng: random.Random, size: int) -> int:
    """Half the picks from a Zipf head (hubs), half spread over the whole pool (a long tail)."""
    return _zipf(rng, size) if rng.random() < 0.5 else rng.randrange(size)


def _trend(rng: random.Random) -> str:
    index = _popular(rng, 4000)
    stem = STEMS[index % len(STEMS)]
    if index < len(STEMS):
        return stem if stem.endswith("core") else f"{stem}core"
    return f"{stem} {['girl', 'summer', 'core', 'aesthetic'][index % 4]} {index // len(STEMS)}"


def _brand(rng: random.Random) -> str:
    index = _popular(rng, len(BRAND_A) * len(BRAND_B))
    return f"{BRAND_A[index % len(BRAND_A)]} {BRAND_B[index // len(BRAND_A)]}"


def _person(rng: random.Random) -> str:
    index = _popular(rng, len(FIRST) * len(LAST))
    return f"{FIRST[index % len(FIRST)]} {LAST[index // len(FIRST)]}"


def post(n: int, rng: random.Random, start: date = date(2024, 1, 1)) -> dict:
    """One post: one or two sentences, French or English, a date within two years."""
    lang = "fr" if rng.random() < 0.5 else "en"
    templates, audiences, topics = (FR, AUDIENCES_FR, TOPICS_FR) if lang == "fr" else (
        EN, AUDIENCES_EN, TOPICS_EN)
    trend = _trend(rng)
    values = {
        "trend": trend, "trend2": _trend(rng),
        "audience": audiences[_zipf(rng, len(audiences))],
        "platform": PLATFORMS[_zipf(rng, len(PLATFORMS))], "brand": _brand(rng),
        "person": _person(rng), "topic": rng.choice(topics), "n": rng.randint(2, 99),
        "hashtag": "#" + "".join(w.capitalize() for w in trend.split()),
    }
    sentences = [rng.choice(templates).format(**values)
                 for _ in range(1 if rng.random() < 0.6 else 2)]
    day = start + timedelta(days=rng.randrange(730))
    author = f"@user{rng.randrange(50_000)}"
    return {  # the signature keeps texts apart, as different authors' posts are
        "id": f"gen-{n:08d}", "text": " ".join(sentences) + f" — {author}",
        "date": day.isoformat(), "platform": values["platform"].lower(), "author": author,
        "lang": lang,
    }


def posts(n: int, *, seed: int = 11, offset: int = 0) -> Iterator[dict]:
    """``n`` posts numbered from ``offset``; post ``i`` is the same in any range holding it."""
    for i in range(offset, offset + n):
        yield post(i, random.Random(seed * 1_000_003 + i))


def write_posts(folder: Path, n: int, *, seed: int = 11, per_file: int = 5_000) -> list[Path]:
    """``n`` posts as JSONL files of ``per_file`` lines each (one export per file)."""
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    stream = posts(n, seed=seed)
    for index in range(0, n, per_file):
        path = folder / f"posts-{index // per_file:04d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for _, item in zip(range(per_file), stream, strict=False):
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
        files.append(path)
    return files


# -- extractions without spaCy ---------------------------------------------------------

POOL = {"Trend": 6000, "Audience": 400, "Brand": 3000, "Organization": 1500, "Person": 5000,
        "Platform": 40, "Topic": 800, "Event": 900, "CreativeWork": 900, "Place": 600}


def extractions(
    ontology: Ontology, n: int, *, seed: int = 7, offset: int = 0, entities_per_doc: int = 8,
    relations_per_doc: int = 5,
) -> Iterator[Extraction]:
    """``n`` extractions numbered from ``offset``, hubs included (Zipf-like popularity).

    Extraction ``i`` is the same in any range holding it, so overlapping ranges
    written by racing writers describe the same documents.
    """
    types = list(POOL)
    weights = [POOL[t] for t in types]
    for i in range(offset, offset + n):
        rng = random.Random(seed * 1_000_003 + i)
        yield _extraction(ontology, rng, i, types, weights, entities_per_doc, relations_per_doc)


def _extraction(ontology: Ontology, rng: random.Random, n: int, types: list[str],
                weights: list[int], per_doc: int, links: int) -> Extraction:
    lang = rng.choice(("fr", "en"))
    doc = Document(
        id=f"doc:gen{n:08d}", text="", source=f"generated/{n}.txt",
        kind=rng.choice(("Article", "Post", "Post")), title=f"Generated document {n}",
        url=f"https://example.org/{n}", date=f"2024-{rng.randint(1, 12):02d}-"
        f"{rng.randint(1, 28):02d}", lang=lang, platform=rng.choice(("", "tiktok", "x")),
    )
    chosen: dict[str, Entity] = {}
    while len(chosen) < per_doc:
        type_ = rng.choices(types, weights)[0]
        index = _popular(rng, POOL[type_])
        name = f"{STEMS[index % len(STEMS)]} {type_.lower()} {index}"
        mentions = [Mention(text=name, start=0, end=len(name), sentence=0)] * rng.randint(1, 3)
        entity = Entity(type=type_, name=name, aliases=[name.title(), f"#{name.replace(' ', '')}"],
                        mentions=mentions, confidence=round(rng.uniform(0.6, 1.0), 2))
        chosen.setdefault(entity.id, entity)
    entities = list(chosen.values())
    relations: dict[tuple[str, str, str], Relation] = {}
    for k in range(links):
        a, b = rng.sample(entities, 2)
        rel_type, swapped = ontology.relation_type(a.type, b.type)
        source, target = (b, a) if swapped else (a, b)
        if (rel_type, source.id, target.id) in relations:
            continue
        sentence = (f"Selon le document {n}, {source.name} va avec {target.name}." if lang == "fr"
                    else f"Document {n} says {source.name} goes with {target.name}.")
        evidence = [Evidence(doc=doc.id, sentence=sentence, start=k * 100)] * rng.randint(1, 2)
        relations[(rel_type, source.id, target.id)] = Relation(
            source=source.id, target=target.id, type=rel_type, evidence=evidence,
            confidence=rng.choice((0.3, 0.7, 0.9)))
    return Extraction(doc, entities, list(relations.values()), lang=lang)
