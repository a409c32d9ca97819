"""The baseline system: spaCy's NER alone, so every gain of trendgraph is visible."""

from __future__ import annotations

from collections.abc import Sequence

from kg.model import Document, Entity, Extraction, Mention


def baseline_extractions(documents: Sequence[Document]) -> list[Extraction]:
    """spaCy NER alone: PER/PERSON->Person, ORG->Brand, LOC/GPE->Place, MISC->Trend.

    Same models and tokenisation as trendgraph, no lexicon, patterns, filters or
    resolution beyond identical strings; relations by plain sentence co-occurrence.
    """
    from kg.extract.extraction import analysed_text
    from kg.extract.language import document_language
    from kg.extract.pipeline import run_base
    from kg.extract.relations import Sentence, relate
    from kg.extract.resources import load_json
    from kg.ontology import load_ontology

    mapping = load_json("ner_labels.json")["baseline"]
    ontology = load_ontology()
    out = []
    for document in documents:
        text = analysed_text(document)
        lang = document_language(document.lang, text)
        doc = run_base(lang, text)
        sentences = list(doc.sents)
        sent_index = {s.start: i for i, s in enumerate(sentences)}
        entities: dict[tuple[str, str], Entity] = {}
        for ent in doc.ents:
            type_ = mapping.get(ent.label_)
            if type_ is None:
                continue
            name = ent.text.strip()
            entity = entities.setdefault((type_, name), Entity(type=type_, name=name, source="ner"))
            entity.mentions.append(Mention(ent.text, ent.start_char, ent.end_char,
                                           sent_index.get(ent.sent.start, 0)))
        ents = list(entities.values())
        sents = [Sentence(s.text.strip(), s.start_char, s.end_char) for s in sentences]
        relations = relate(ents, sents, doc_id=document.id, ontology=ontology, structured=False)
        out.append(Extraction(document=document, entities=ents, relations=relations, lang=lang))
    return out

