"""The gold splits are well-formed: format only, never scores (see tests/gold/README.md).

Every problem names the file and what is wrong. For the blind split the offending
value is left out of the message, so that a failure here never shows blind content
to anyone but the split's author, who can run the checks by hand.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from kg.evaluate import name_key

GOLD_ROOT = Path(__file__).parent / "gold"
SPLITS = ("dev", "blind")
TYPES = {"Trend", "Audience", "Brand", "Person", "Platform",
         "Topic", "Event", "Work", "Place", "Organization"}
ENTITY_KEYS = {"name", "type", "aliases", "also_ok", "same_as"}
RELATION_KEYS = {"source", "target", "kind", "evidence"}
# kind -> (source types, target types); None = any type. Symmetric kinds accept both ways.
KINDS: dict[str, tuple[set[str] | None, set[str] | None]] = {
    "popular with": ({"Trend"}, {"Audience"}),
    "spreads on": ({"Trend"}, {"Platform"}),
    "associated with": ({"Brand"}, {"Trend"}),
    "partners with": ({"Brand"}, {"Person"}),
    "embodies": ({"Trend"}, {"Topic"}),
    "targets": ({"Brand"}, {"Audience"}),
    "broader": ({"Trend"}, {"Trend"}),
    "related to": (None, None),
}
SYMMETRIC = {"partners with", "related to"}
HEADER = re.compile(r"^(TITLE|URL|LANG|DATE|PLATFORM|AUTHOR|KIND)\s*:\s*(.*)$")


@dataclass(frozen=True)
class GoldFile:
    """One document of a split: its header fields, body and parsed annotation."""

    name: str
    header: dict[str, str]
    body: str
    gold: object


def read_split(folder: Path) -> tuple[list[GoldFile], list[str]]:
    """The documents of a split, and the problems that stop a file from being read."""
    files, problems = [], []
    texts = {p.stem for p in folder.glob("*.txt")}
    golds = {p.name.removesuffix(".gold.json") for p in folder.glob("*.gold.json")}
    problems += [f"{n}.txt: no {n}.gold.json beside it" for n in sorted(texts - golds)]
    problems += [f"{n}.gold.json: no {n}.txt beside it" for n in sorted(golds - texts)]
    for stem in sorted(texts & golds):
        header, body = split_header((folder / f"{stem}.txt").read_text(encoding="utf-8"))
        try:
            gold = json.loads((folder / f"{stem}.gold.json").read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            problems.append(f"{stem}.gold.json: invalid JSON ({exc.msg}, line {exc.lineno})")
            continue
        files.append(GoldFile(stem, header, body, gold))
    return files, problems


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Header lines up to the first line that is not one; the body is the rest."""
    lines = text.splitlines()
    header: dict[str, str] = {}
    index = 0
    while index < len(lines) and (match := HEADER.match(lines[index].strip())):
        header[match.group(1)] = match.group(2).strip()
        index += 1
    return header, "\n".join(lines[index:])


def _occurs(surface: str, body: str) -> bool:
    """As a whole word: a one-letter name is not "in" every sentence that has the letter."""
    pattern = rf"(?<!\w){re.escape(surface.casefold())}(?!\w)"
    return re.search(pattern, body.casefold()) is not None


def header_problems(doc: GoldFile) -> list[tuple[str, str]]:
    """LANG fr/en, a full ISO DATE, a URL, a blank line before a non-empty body."""
    out = []
    if doc.header.get("LANG") not in ("fr", "en"):
        out.append(("LANG header is not fr or en", doc.header.get("LANG", "")))
    try:
        date.fromisoformat(doc.header.get("DATE", ""))
    except ValueError:
        out.append(("DATE header is not YYYY-MM-DD", doc.header.get("DATE", "")))
    if not doc.header.get("URL"):
        out.append(("no URL header", ""))
    if not doc.body.startswith("\n") or not doc.body.strip():
        out.append(("header not followed by a blank line and a body", ""))
    return out


def entity_problems(doc: GoldFile) -> list[tuple[str, str]]:
    """Schema of each entity; every alias occurs in the body; no surface form twice."""
    gold = doc.gold
    if not isinstance(gold, dict) or set(gold) != {"entities", "relations"}:
        return [("top level is not {entities, relations}", "")]
    out, seen = [], {}
    for index, entity in enumerate(gold["entities"]):
        where = f"entity {index}"
        if not isinstance(entity, dict) or not {"name", "type"} <= set(entity) <= ENTITY_KEYS:
            out.append((f"{where}: keys must be name, type, aliases, also_ok, same_as", ""))
            continue
        name, type_ = entity["name"], entity["type"]
        lists = [entity.get(k, []) for k in ("aliases", "also_ok", "same_as")]
        if not isinstance(name, str) or not name.strip() or not all(
                isinstance(v, list) and all(isinstance(s, str) for s in v) for v in lists):
            out.append((f"{where}: name must be a string, aliases/also_ok/same_as lists", name))
            continue
        aliases, also_ok, _ = lists
        if type_ not in TYPES:
            out.append((f"{where}: unknown type", type_))
        if set(also_ok) - TYPES or type_ in also_ok:
            out.append((f"{where}: also_ok holds an unknown type or the type itself", name))
        surfaces = [name, *aliases]
        if not any(_occurs(s, doc.body) for s in surfaces):
            out.append((f"{where}: neither the name nor an alias occurs in the body", name))
        out += [(f"{where}: alias not in the body", a) for a in aliases
                if not _occurs(a, doc.body)]
        for surface in surfaces:
            key = name_key(surface)
            if seen.setdefault(key, index) != index:
                out.append((f"{where}: surface form already given to another entity", surface))
    return out


def relation_problems(doc: GoldFile) -> list[tuple[str, str]]:
    """Kinds, ends that are entities of the right types, verbatim evidence naming both."""
    gold = doc.gold
    if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
        return []
    entities = [e for e in gold["entities"] if isinstance(e, dict) and "name" in e]
    by_key = {name_key(s): e for e in entities for s in (e["name"], *e.get("aliases", []))}
    out = []
    for index, relation in enumerate(gold.get("relations", [])):
        where = f"relation {index}"
        if not isinstance(relation, dict) or set(relation) != RELATION_KEYS:
            out.append((f"{where}: keys must be source, target, kind, evidence", ""))
            continue
        evidence, kind = relation["evidence"], relation["kind"]
        ends = [by_key.get(name_key(relation[k])) for k in ("source", "target")]
        if None in ends:
            out.append((f"{where}: an end is not an annotated entity", repr(relation)))
            continue
        if not evidence.strip() or evidence not in doc.body:
            out.append((f"{where}: evidence is not a verbatim substring of the body", evidence))
        elif not all(_names_in(e, evidence) for e in ends):
            out.append((f"{where}: an end is not named in its evidence", repr(relation)))
        if kind not in KINDS:
            out.append((f"{where}: unknown kind", kind))
        elif not _fits(kind, ends[0]["type"], ends[1]["type"]):
            out.append((f"{where}: types do not fit the kind's domain and range",
                        f"{ends[0]['type']} {kind} {ends[1]['type']}"))
    return out


def _names_in(entity: dict, sentence: str) -> bool:
    return any(_occurs(s, sentence) for s in (entity["name"], *entity.get("aliases", [])))


def _fits(kind: str, source: str, target: str) -> bool:
    domain, range_ = KINDS[kind]

    def ok(a: str, b: str) -> bool:
        return (domain is None or a in domain) and (range_ is None or b in range_)

    return ok(source, target) or (kind in SYMMETRIC and ok(target, source))


def split_problems(docs: list[GoldFile]) -> list[tuple[str, str, str]]:
    """same_as targets exist elsewhere in the split with the same type; one type per name."""
    canon: dict[str, dict[str, set[str]]] = {}
    for doc in docs:
        for entity in _entities(doc):
            canon.setdefault(name_key(entity["name"]), {}).setdefault(entity["type"],
                                                                      set()).add(doc.name)
    out = []
    for key, types in canon.items():
        if len(types) > 1:
            out.append((min(min(d) for d in types.values()),
                        "one canonical name used for entities of different types", key))
    for doc in docs:
        for entity in _entities(doc):
            for target in entity.get("same_as", []):
                homes = canon.get(name_key(target), {}).get(entity["type"], set()) - {doc.name}
                if not homes:
                    out.append((doc.name, "same_as target is not the canonical name of an "
                                "entity of the same type in another document", target))
    return out


def _entities(doc: GoldFile) -> list[dict]:
    gold = doc.gold
    if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
        return []
    return [e for e in gold["entities"]
            if isinstance(e, dict) and isinstance(e.get("name"), str) and "type" in e]


def report(split: str, problems: list[tuple[str, str, str]]) -> str:
    """Readable problem list; blind values are withheld (only file and kind of problem)."""
    lines = []
    for file, what, value in problems:
        shown = "" if split == "blind" or not value else f": {value!r}"
        lines.append(f"tests/gold/{split}/{file}: {what}{shown}")
    return "\n".join(lines)


def all_problems(folder: Path) -> list[tuple[str, str, str]]:
    docs, unreadable = read_split(folder)
    out = [(p.split(":")[0], p.split(": ", 1)[1], "") for p in unreadable]
    for doc in docs:
        for check in (header_problems, entity_problems, relation_problems):
            out += [(doc.name, what, value) for what, value in check(doc)]
    return out + split_problems(docs)


def _existing_splits() -> list[str]:
    return [s for s in SPLITS if (GOLD_ROOT / s).is_dir()]


# ---------------------------------------------------------------- the real splits


def test_gold_format_dev_split_exists_and_is_not_empty():
    assert len(list((GOLD_ROOT / "dev").glob("*.gold.json"))) >= 25


@pytest.mark.parametrize("split", _existing_splits())
def test_gold_format_split_is_well_formed(split):
    problems = all_problems(GOLD_ROOT / split)
    assert not problems, report(split, problems)


# ---------------------------------------------------------------- the checks catch errors

BODY = "Le Mermaidcore séduit la génération Z sur TikTok. Un autre paragraphe."
GOOD = {
    "entities": [
        {"name": "Mermaidcore", "type": "Trend", "aliases": [], "also_ok": []},
        {"name": "Gen Z", "type": "Audience", "aliases": ["génération Z"], "also_ok": []},
        {"name": "TikTok", "type": "Platform", "aliases": [], "also_ok": ["Brand"]},
    ],
    "relations": [{"source": "Mermaidcore", "target": "Gen Z", "kind": "popular with",
                   "evidence": "Le Mermaidcore séduit la génération Z sur TikTok."}],
}


def _doc(gold: dict, body: str = BODY, name: str = "one") -> GoldFile:
    return GoldFile(name, {"LANG": "fr", "DATE": "2024-06-01", "URL": "https://x.test/a"},
                    "\n" + body, gold)


def _with(**changes) -> dict:
    gold = json.loads(json.dumps(GOOD))
    for path, value in changes.items():
        section, index, key = path.split("__")
        gold[section][int(index)][key] = value
    return gold


def test_gold_format_a_good_document_has_no_problem():
    doc = _doc(GOOD)
    assert header_problems(doc) + entity_problems(doc) + relation_problems(doc) == []


@pytest.mark.parametrize(("changes", "expected"), [
    ({"entities__0__type": "Fad"}, "unknown type"),
    ({"entities__1__aliases": ["gen zed"]}, "alias not in the body"),
    ({"entities__1__aliases": ["Tok"]}, "alias not in the body"),  # only inside "TikTok"
    ({"entities__2__also_ok": ["Platform"]}, "also_ok holds"),
    ({"entities__2__aliases": ["Mermaidcore"]}, "already given to another entity"),
])
def test_gold_format_entity_errors_are_named(changes, expected):
    assert expected in " ".join(w for w, _ in entity_problems(_doc(_with(**changes))))


@pytest.mark.parametrize(("changes", "expected"), [
    ({"relations__0__kind": "loves"}, "unknown kind"),
    ({"relations__0__kind": "spreads on"}, "domain and range"),
    ({"relations__0__evidence": "Le Mermaidcore séduit la Gen Z."}, "verbatim"),
    ({"relations__0__evidence": "Un autre paragraphe."}, "not named in its evidence"),
    ({"relations__0__target": "Gen Alpha"}, "not an annotated entity"),
])
def test_gold_format_relation_errors_are_named(changes, expected):
    assert expected in " ".join(w for w, _ in relation_problems(_doc(_with(**changes))))


def test_gold_format_same_as_must_name_an_entity_of_another_document():
    linked = _with(entities__0__same_as=["Sirenecore"])
    problems = split_problems([_doc(linked, name="a"), _doc(GOOD, name="b")])
    assert [w for _, w, _ in problems] == [
        "same_as target is not the canonical name of an entity of the same type in another "
        "document"]


def test_gold_format_same_as_to_another_document_is_accepted():
    other = _with(entities__0__name="Sirènecore")
    linked = _with(entities__0__same_as=["sirenecore"])
    assert split_problems([_doc(linked, name="a"), _doc(other, BODY + " Sirènecore", "b")]) == []


def test_gold_format_one_canonical_name_cannot_be_two_types():
    other = _with(entities__0__type="Brand")
    assert split_problems([_doc(GOOD, name="a"), _doc(other, name="b")])


def test_gold_format_bad_header_is_named():
    doc = GoldFile("one", {"LANG": "de", "DATE": "2024-13"}, "body", GOOD)
    assert len(header_problems(doc)) == 4


def test_gold_format_blind_values_are_withheld_from_the_report():
    problems = [("x", "alias not in the body", "secret name")]
    assert "secret" not in report("blind", problems)
    assert "secret" in report("dev", problems)
