"""A small, hand-written trend graph whose numbers are known in advance.

Written through ``store.write`` with ``kg.model`` dataclasses, so analytics and
app tests do not depend on the extractor. The newest document is 2025-11-28; in
the 30-day window ending then, Mermaidcore rises (1 -> 6 documents), Girl Math
falls (3 -> 1) and Blokecore is new (first seen 2025-11-15). POPULAR_WITH weights
give lift(queer community, Mermaidcore) = 3 / (3 x 6 / 12) = 2.0.
"""

from __future__ import annotations

from kg.model import Document, Entity, Evidence, Extraction, Mention, Relation, entity_id

AS_OF = "2025-11-28"

Ref = tuple[str, str]
MERMAIDCORE: Ref = ("Trend", "Mermaidcore")
GIRL_MATH: Ref = ("Trend", "Girl Math")
BARBIECORE: Ref = ("Trend", "Barbiecore")
BLOKECORE: Ref = ("Trend", "Blokecore")
BLOCKOUT: Ref = ("Trend", "Blockout2024")
GEN_Z: Ref = ("Audience", "Gen Z")
QUEER: Ref = ("Audience", "queer community")
MILLENNIALS: Ref = ("Audience", "Millennials")
TIKTOK: Ref = ("Platform", "TikTok")
INSTAGRAM: Ref = ("Platform", "Instagram")
LEVIS: Ref = ("Brand", "Levi's")
DIOR: Ref = ("Brand", "Dior")
KFC: Ref = ("Brand", "KFC")
ADIDAS: Ref = ("Brand", "Adidas")
BOYCOTT: Ref = ("Topic", "Boycott")
GAZA: Ref = ("Topic", "Gaza")
OCEAN: Ref = ("Topic", "Ocean conservation")
SEXISM: Ref = ("Topic", "Sexism")
MISTER_V: Ref = ("Person", "Mister V")

ALIASES = {MERMAIDCORE: ["MermaidCore", "#mermaidcore"], GEN_Z: ["génération Z", "zoomers"]}

# (date, platform, lang, title, [(relation type, source, target)])
DOCS: list[tuple[str, str, str, str, list[tuple[str, Ref, Ref]]]] = [
    ("2024-05-10", "TikTok", "en", "The Digitine after the Met Gala",
     [("EMBODIES", BLOCKOUT, BOYCOTT), ("EMBODIES", BLOCKOUT, GAZA),
      ("ASSOCIATED_WITH", DIOR, BLOCKOUT), ("RELATED_TO", MISTER_V, BLOCKOUT)]),
    ("2024-06-10", "Instagram", "en", "Barbiecore summer",
     [("POPULAR_WITH", BARBIECORE, GEN_Z), ("SPREADS_ON", BARBIECORE, INSTAGRAM)]),
    ("2025-10-05", "TikTok", "fr", "Mermaidcore et la communauté queer",
     [("POPULAR_WITH", MERMAIDCORE, QUEER), ("SPREADS_ON", MERMAIDCORE, TIKTOK)]),
    ("2025-10-10", "TikTok", "en", "Girl Math explained",
     [("POPULAR_WITH", GIRL_MATH, GEN_Z), ("SPREADS_ON", GIRL_MATH, TIKTOK)]),
    ("2025-10-15", "Blog", "fr", "Girl Math et sexisme",
     [("POPULAR_WITH", GIRL_MATH, GEN_Z), ("EMBODIES", GIRL_MATH, SEXISM)]),
    ("2025-10-20", "Blog", "en", "Millennials do girl math too",
     [("POPULAR_WITH", GIRL_MATH, MILLENNIALS)]),
    ("2025-11-02", "TikTok", "en", "Levi's goes Mermaidcore",
     [("POPULAR_WITH", MERMAIDCORE, GEN_Z), ("SPREADS_ON", MERMAIDCORE, TIKTOK),
      ("ASSOCIATED_WITH", LEVIS, MERMAIDCORE)]),
    ("2025-11-08", "Instagram", "en", "Mermaids and the ocean",
     [("POPULAR_WITH", MERMAIDCORE, QUEER), ("EMBODIES", MERMAIDCORE, OCEAN)]),
    ("2025-11-12", "Instagram", "fr", "Queer mermaids on Instagram",
     [("POPULAR_WITH", MERMAIDCORE, QUEER), ("SPREADS_ON", MERMAIDCORE, INSTAGRAM)]),
    ("2025-11-15", "X", "en", "Blokecore is back",
     [("POPULAR_WITH", BLOKECORE, MILLENNIALS), ("ASSOCIATED_WITH", ADIDAS, BLOKECORE)]),
    ("2025-11-20", "TikTok", "en", "Gen Z still loves mermaids",
     [("POPULAR_WITH", MERMAIDCORE, GEN_Z)]),
    ("2025-11-22", "TikTok", "en", "Girl Math, one more time",
     [("POPULAR_WITH", GIRL_MATH, GEN_Z)]),
    ("2025-11-24", "Blog", "fr", "KFC et Mister V",
     [("PARTNERS_WITH", KFC, MISTER_V)]),
    ("2025-11-26", "X", "en", "Football shirts and tails",
     [("RELATED_TO", BLOKECORE, MERMAIDCORE)]),
    ("2025-11-28", "TikTok", "en", "Mermaidcore, the last word",
     [("POPULAR_WITH", MERMAIDCORE, GEN_Z), ("ASSOCIATED_WITH", LEVIS, MERMAIDCORE)]),
]


def _entity(ref: Ref, text: str) -> Entity:
    type_, name = ref
    return Entity(type=type_, name=name, aliases=list(ALIASES.get(ref, [])),
                  mentions=[Mention(name, 0, len(name), 0)] * (2 if name in text else 1))


def sentence(source: Ref, rel_type: str, target: Ref) -> str:
    """The evidence sentence the fixture stores for one relation."""
    verb = rel_type.lower().replace("_", " ")
    return f"{source[1]} {verb} {target[1]}, says this test corpus."


def extractions() -> list[Extraction]:
    result = []
    for n, (day, platform, lang, title, rels) in enumerate(DOCS):
        doc_id = f"doc:small{n:02d}"
        refs = list(dict.fromkeys(r for _, s, t in rels for r in (s, t)))
        text = " ".join(sentence(s, kind, t) for kind, s, t in rels)
        document = Document(
            id=doc_id, text=text, source=f"small/{n:02d}.txt",
            kind="Post" if platform in ("TikTok", "Instagram", "X") else "Article",
            title=title, url=f"https://example.org/{n:02d}", date=day, lang=lang,
            platform=platform, author="tester",
        )
        relations = [
            Relation(source=entity_id(*s), target=entity_id(*t), type=kind, confidence=0.8,
                     evidence=[Evidence(doc=doc_id, sentence=sentence(s, kind, t))])
            for kind, s, t in rels
        ]
        result.append(Extraction(document=document, entities=[_entity(r, title) for r in refs],
                                 relations=relations, lang=lang))
    return result


def write_small_graph(store) -> None:
    store.write(extractions())
