"""The schema comes from ontology/*.ttl: labels, types, typing rules and the lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import OntologyError
from kg.ontology import Ontology, load_ontology


def test_ontology_declares_the_main_classes(ontology: Ontology) -> None:
    for name in ("Trend", "Audience", "Brand", "Organization", "Person", "Platform", "Topic",
                 "Event", "CreativeWork", "Place", "Document", "Article", "Post"):
        assert name in ontology.classes
    assert ontology.is_a("Brand", "Organization")
    assert ontology.document_types == ("Article", "Post")


def test_ontology_labels_every_class_in_english_and_french(ontology: Ontology) -> None:
    assert ontology.classes["Trend"].label_fr == "Tendance"
    assert all(c.label_en and c.label_fr for c in ontology.classes.values())


def test_ontology_types_cooccurrence_by_domain_and_range(ontology: Ontology) -> None:
    assert ontology.relation_type("Trend", "Audience") == ("POPULAR_WITH", False)
    assert ontology.relation_type("Audience", "Trend") == ("POPULAR_WITH", True)
    assert ontology.relation_type("Trend", "Platform") == ("SPREADS_ON", False)
    assert ontology.relation_type("Brand", "Trend") == ("ASSOCIATED_WITH", False)
    assert ontology.relation_type("Person", "Brand") == ("PARTNERS_WITH", True)
    assert ontology.relation_type("Trend", "Topic") == ("EMBODIES", False)
    assert ontology.relation_type("Brand", "Audience") == ("TARGETS", False)
    assert ontology.relation_type("Person", "Place") == ("RELATED_TO", False)


def test_ontology_refuses_labels_it_does_not_declare(ontology: Ontology) -> None:
    assert ontology.check_label("Trend") == "Trend"
    with pytest.raises(OntologyError, match="Unknown node label"):
        ontology.check_label("Trend) DETACH DELETE (n")
    with pytest.raises(OntologyError, match="Unknown relationship type"):
        ontology.check_rel_type("LIKES")


def test_ontology_lexicon_has_known_entities_of_every_main_type(ontology: Ontology) -> None:
    assert len(ontology.concepts) >= 60
    types = {c.type for c in ontology.concepts}
    assert {"Trend", "Audience", "Brand", "Person", "Platform", "Topic"} <= types
    gen_z = next(c for c in ontology.concepts if c.name == "Gen Z")
    assert "génération Z" in gen_z.labels


def test_ontology_lexicon_spells_no_name_for_two_concepts_of_one_type(
        ontology: Ontology) -> None:
    """A spelling shared by two concepts ('#disney' for Disney and Disney+) sends the
    mentions of one to the other, or makes their nodes one: every spelling names one thing
    per type (the same word may still be a trend and an audience)."""
    from kg.model import slug

    owners: dict[tuple[str, str], set[str]] = {}
    for concept in ontology.concepts:
        for label in concept.labels:
            owners.setdefault((concept.type, slug(label)), set()).add(concept.name)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_ontology_missing_files_raise_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OntologyError, match="Missing ontology files"):
        load_ontology(tmp_path)


def test_ontology_names_the_link_read_off_stories(ontology: Ontology) -> None:
    assert ontology.derived_type == "SAME_STORY"
    assert ontology.property_for_type(ontology.derived_type).derived
