"""A hand-written graph with hubs, background links, a path through a person, headline
evidence and an undated document; numbers known in advance.

Gen Z and TikTok are linked to twelve filler trends, so the data makes them hubs
(TikTok and Instagram are platforms anyway). From Cottagecore:
- Gen Z (POPULAR_WITH, stated, 1 sentence) and Taylor Swift (RELATED_TO, 3 sentences);
- Laura Ashley is a Brand two links away through Taylor Swift (a Person);
- Acme is a Brand two links away only through Gen Z (a hub);
- Instagram-TikTok and Gen Z-TikTok are background co-occurrences;
- "Slow living" comes from an undated document; "Cottagecore for millennials" is
  proved only by a headline.
"""

from __future__ import annotations

from kg.model import Document, Entity, Evidence, Extraction, Mention, Relation

COTTAGECORE, GENZ, TIKTOK, INSTAGRAM = ("trend:cottagecore", "audience:genz", "platform:tiktok",
                                        "platform:instagram")
SWIFT, ASHLEY, ACME = "person:taylorswift", "brand:lauraashley", "brand:acme"
SLOW, MILLENNIALS = "topic:slowliving", "audience:millennials"
FILLERS = 12

Link = tuple[str, str, str, str, float, int]  # type, source ref, target ref, sentence, conf, times


def _doc(n: int, date: str, title: str, links: list[Link]) -> Extraction:
    doc = Document(id=f"doc:hub{n:02d}", text="…", source=f"hub/{n:02d}.txt", title=title,
                   date=date, lang="en")
    entities: dict[str, Entity] = {}
    relations = []
    for kind, source, target, sentence, confidence, times in links:
        ends = []
        for ref in (source, target):
            type_, name = ref.split("/")
            entity = entities.setdefault(ref, Entity(type=type_, name=name))
            entity.mentions.append(Mention(name, 0, len(name), 0))
            ends.append(entity.id)
        evidence = [Evidence(doc.id, sentence if i == 0 else f"{sentence} ({i})")
                    for i in range(times)]
        relations.append(Relation(ends[0], ends[1], kind, evidence, confidence))
    return Extraction(doc, list(entities.values()), relations, lang="en")


def extractions() -> list[Extraction]:
    cottage, genz, tiktok = "Trend/Cottagecore", "Audience/Gen Z", "Platform/TikTok"
    docs = [
        _doc(0, "2024-03-01", "Cottagecore, again", [
            ("POPULAR_WITH", cottage, genz, "Cottagecore is popular with Gen Z.", 0.9, 1),
            ("SPREADS_ON", cottage, tiktok, "Cottagecore went viral on TikTok.", 0.9, 1),
            ("RELATED_TO", "Platform/Instagram", tiktok, "Instagram and TikTok both.", 0.35, 4),
            ("RELATED_TO", genz, tiktok, "Gen Z is on TikTok.", 0.3, 2)]),
        _doc(1, "2024-04-01", "Swift in a meadow", [
            ("RELATED_TO", cottage, "Person/Taylor Swift", "Taylor Swift, cottagecore.", 0.3, 3),
            ("PARTNERS_WITH", "Brand/Laura Ashley", "Person/Taylor Swift",
             "Laura Ashley partners with Taylor Swift.", 0.9, 1)]),
        _doc(2, "", "A digest", [
            ("EMBODIES", cottage, "Topic/Slow living", "Cottagecore embodies slow living.",
             0.9, 1)]),
        _doc(3, "2024-05-01", "Cottagecore for millennials", [
            ("POPULAR_WITH", cottage, "Audience/Millennials", "Cottagecore for millennials",
             0.9, 1)]),
        _doc(4, "2024-05-02", "Acme and Gen Z", [
            ("TARGETS", "Brand/Acme", genz, "Acme targets Gen Z.", 0.9, 1)]),
    ]
    for n in range(FILLERS):
        trend = f"Trend/Filler{n:02d}"
        docs.append(_doc(10 + n, f"2024-06-{n + 1:02d}", f"Filler {n}", [
            ("POPULAR_WITH", trend, genz, f"Filler{n:02d} is popular with Gen Z.", 0.9, 1),
            ("SPREADS_ON", trend, tiktok, f"Filler{n:02d} is on TikTok.", 0.9, 1)]))
    return docs


def write_hub_graph(store) -> None:
    store.write(extractions())


PERSONS, BRANDS_PER_PERSON = 3, 3
WOVEN = "trend:wovenbags"


def woven_extractions() -> list[Extraction]:
    """A trend with three people, each with three brands: every pair of people and every
    pair of brands is also linked, more strongly (3 sentences) than the walk's links
    (1 sentence). A view that draws a few links per node must still reach every brand."""
    people = [f"Person/Weaver{p}" for p in range(PERSONS)]
    brands = [f"Brand/Loom{p}{b}" for p in range(PERSONS) for b in range(BRANDS_PER_PERSON)]
    links: list[Link] = [("RELATED_TO", "Trend/Woven bags", person, f"{person} weaves.", 0.3, 1)
                         for person in people]
    links += [("RELATED_TO", person, brand, f"{brand} hires {person}.", 0.3, 1)
              for p, person in enumerate(people) for brand in brands if brand[-2] == str(p)]
    for group in (people, brands):
        links += [("RELATED_TO", a, b, f"{a} and {b} again.", 0.3, 3)
                  for i, a in enumerate(group) for b in group[i + 1:]]
    return [_doc(40 + n, "2024-07-01", f"Woven note {n}", [link]) for n, link in enumerate(links)]


CLOUD = "trend:clouddancer"


def background_extractions() -> list[Extraction]:
    """A trend seen with an audience, a person and two platforms; among those four, the
    audience and both platforms co-occur pairwise (three background links) and the
    audience is linked more strongly to the person."""
    trend, alpha, nova = "Trend/Cloud dancer", "Audience/Gen Alpha", "Person/Nova"
    twitch, discord = "Platform/Twitch", "Platform/Discord"
    links: list[Link] = [("RELATED_TO", trend, end, f"{end} and the trend.", 0.3, 1)
                         for end in (alpha, nova, twitch, discord)]
    links += [("RELATED_TO", alpha, nova, "Nova speaks to Gen Alpha.", 0.3, 3)]
    links += [("RELATED_TO", a, b, f"{a} with {b}.", 0.3, 1)
              for a, b in ((alpha, twitch), (alpha, discord), (twitch, discord))]
    return [_doc(80 + n, "2024-08-01", f"Cloud note {n}", [link]) for n, link in enumerate(links)]
