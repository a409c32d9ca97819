"""Stories: a document whose title names a trend, topic or event ties it to the brands,
people and organisations it names, even when no one sentence names both.

Dior is named in two articles about #Blockout2024 but never in a sentence with it,
so no stored link joins them; the story does. These links are derived when read
(``SAME_STORY`` in the ontology, never stored), weigh the number of such
documents, and carry the sentences of those documents that name the brand (the
title only when there is none).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, replace

from kg.model import fold
from kg.ontology import load_ontology
from kg.queries import BIG, ENTITY, MENTIONS, document_node, entity_node, entity_type
from kg.store import GraphStore
from kg.subgraph.model import Edge, Evidence, Selection
from kg.subgraph.sources import document_filter, documents
from kg.support import DocumentFilter

CLASS = load_ontology().names
SUBJECT_TYPES = (CLASS.Trend, CLASS.Topic, CLASS.Event)
ACTOR_TYPES = (CLASS.Brand, CLASS.Person, CLASS.Organization)
STORY_TYPE = load_ontology().derived_type
STORY_DOCS = 200


def _pairs_query(store: GraphStore) -> str:
    """Seed-document-entity rows; the seeds are found first (FalkorDB started from
    every titled document otherwise: a top brand's stories 1.0-1.4 s, 26-178 ms)."""
    check = store.ontology.check_label
    subject = " OR ".join(f"{{0}}:{check(t)}" for t in SUBJECT_TYPES)
    actor = " OR ".join(f"{{0}}:{check(t)}" for t in ACTOR_TYPES)
    return f"""
MATCH {entity_node('s')} WHERE s.id IN $ids
WITH s
MATCH (s)<-[:{MENTIONS}]-{document_node('d')}
WHERE d.title IS NOT NULL AND d.title <> ''
WITH s, d ORDER BY coalesce(d.date, '') DESC, d.id
WITH s, collect(d)[..$per_seed] AS titled
UNWIND titled AS d
MATCH (d)-[:{MENTIONS}]->{entity_node('e')}
WHERE e.id <> s.id
  AND ((({subject.format('s')}) AND ({actor.format('e')}))
       OR (({actor.format('s')}) AND ({subject.format('e')})))
RETURN s.id AS seed, {entity_type('s')} AS seed_type,
       s.name AS seed_name, s.aliases AS seed_aliases, d.id AS doc, d.title AS title,
       e.id AS id, {entity_type('e')} AS type, e.name AS name,
       e.aliases AS aliases, e.mentions AS mentions"""


SENTENCES = f"""
MATCH {entity_node('e')}-[r]-{entity_node('')}
WHERE e.id IN $ids
UNWIND range(0, size(coalesce(r.evidence_docs, [])) - 1) AS i
WITH e, r.evidence_docs[i] AS doc, r.evidence[i] AS sentence
WHERE doc IN $docs
RETURN DISTINCT e.id AS id, doc, sentence"""


@dataclass(frozen=True, slots=True)
class StoryLink:
    """One actor named in stories about one subject; ``other`` is the end that is not a seed."""

    edge: Edge
    seed: str
    other: str
    other_type: str
    other_mentions: int
    other_name: str = ""
    other_aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()


def names_in_title(title: str, names: Collection[str]) -> bool:
    """Whether a title names an entity by its name or an alias (folded, as whole words)."""
    folded = fold(title)
    return any(len(key) >= 3 and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded)
               for key in (fold(n) for n in names if n))


def story_links(store: GraphStore, seeds: Collection[str],
                per_seed: int = STORY_DOCS) -> list[StoryLink]:
    """Subject-actor links through documents whose title names the subject.

    Only a seed's ``per_seed`` latest titled documents are read: a hub named in
    thousands of articles would otherwise pair every one of them with every name
    it holds, for a view that shows a handful of story links.
    """
    if not seeds:
        return []
    rows = store.query(_pairs_query(store), {"ids": sorted(seeds), "per_seed": per_seed},
                       limit=BIG, timeout=60.0).dicts()
    found: dict[tuple[str, str], dict] = {}
    for row in rows:
        seed_is_subject = row["seed_type"] in SUBJECT_TYPES
        subject_names = ([row["seed_name"], *(row["seed_aliases"] or [])] if seed_is_subject
                         else [row["name"], *(row["aliases"] or [])])
        if not names_in_title(row["title"], subject_names):
            continue
        item = found.setdefault((row["seed"], row["id"]), {"row": row, "docs": {}})
        item["docs"][row["doc"]] = row["title"]
    sentences = _sentences(store, found)
    links = []
    for (seed, other), item in sorted(found.items()):
        row = item["row"]
        actor, subject = (other, seed) if row["seed_type"] in SUBJECT_TYPES else (seed, other)
        docs = tuple(sorted(item["docs"]))
        evidence = [Evidence(d, s) for d in docs for s in sentences.get((actor, d), [])[:2]]
        evidence = evidence or [Evidence(d, item["docs"][d], headline=True) for d in docs]
        edge = Edge(source=actor, target=subject, type=STORY_TYPE, weight=len(docs),
                    confidence=0.5, evidence=tuple(evidence[:5]), docs=docs)
        links.append(StoryLink(edge, seed, other, row["type"] or ENTITY,
                               int(row["mentions"] or 0), row["name"] or other,
                               tuple(row["aliases"] or ()),
                               tuple(item["docs"][d] for d in docs)))
    return links


def filter_stories(store: GraphStore, edges: list[Edge], selection: Selection) -> list[Edge]:
    """Story links whose documents pass the selection's date, language and platform filters
    (their documents are known: the stories themselves), weighed by those that pass."""
    where = document_filter(selection)
    if not where.active or not edges:
        return edges
    meta = documents(store, sorted({d for e in edges for d in e.docs}))
    kept = []
    for edge in edges:
        docs = tuple(d for d in edge.docs if _passes(meta.get(d), where))
        if docs:
            evidence = tuple(ev for ev in edge.evidence if ev.doc in docs)
            kept.append(replace(edge, docs=docs, weight=len(docs), evidence=evidence))
    return kept


def _passes(doc: dict | None, where: DocumentFilter) -> bool:
    if doc is None:
        return False
    date = doc.get("date") or ""
    if (where.since or where.until) and not date and not where.include_undated:
        return False
    if date and ((where.since and date < where.since) or (where.until and date > where.until)):
        return False
    if where.langs and (doc.get("lang") or "") not in where.langs:
        return False
    platforms = {p.lower() for p in where.platforms}
    return not platforms or (doc.get("platform") or "").lower() in platforms


def _sentences(store: GraphStore, found: dict) -> dict[tuple[str, str], list[str]]:
    """Sentences of each story that name its actor (from the actor's stored links)."""
    actors = {seed if item["row"]["seed_type"] not in SUBJECT_TYPES else other
              for (seed, other), item in found.items()}
    docs = {d for item in found.values() for d in item["docs"]}
    if not actors:
        return {}
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    rows = store.query(SENTENCES, {"ids": sorted(actors), "docs": sorted(docs)}, limit=BIG,
                       timeout=60.0)
    for row in rows.dicts():
        if row["sentence"] and row["sentence"] not in out[(row["id"], row["doc"])]:
            out[(row["id"], row["doc"])].append(row["sentence"])
    for key in out:
        out[key].sort()
    return out
