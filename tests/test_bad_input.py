"""Bad input, one case per test (issue 10, item 6; dates: issue 9, item 6).

Each case is a file in tests/fixtures/bad/ (or, where a file cannot live in git —
a FIFO, a file nobody may read, a 60 MB line, an odd file name — one made here).
Every case names its file (and row or line) and the rest of the batch is read.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from ingest import read_file, read_paths
from ingest.dates import UnreadableDate, parse_date
from kg.errors import InputError

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"


def read(name: str):
    return read_file(BAD / name)


def reasons(result) -> str:
    return "\n".join(f"{e.source}: {e.reason}" for e in [*result.errors, *result.warnings])


def test_bad_latin1_file_is_read_as_western_text_not_cp1257():
    result = read("latin1.txt")
    assert "crème brûlée" in result.documents[0].text
    assert "Windows-1252" in reasons(result)


def test_bad_cp1252_quotes_and_oe_ligature_survive():
    text = read("cp1252.txt").documents[0].text
    assert "cœur" in text and "l’été" in text and "« tendances »" in text


def test_bad_mixed_utf8_and_latin1_keeps_both_accents():
    result = read("mixed.txt")
    assert "génération" in result.documents[0].text
    assert "crème brûlée" in result.documents[0].text
    assert "mixed encodings" in reasons(result)


def test_bad_binary_file_is_refused_by_name():
    result = read("binary.txt")
    assert not result.documents
    assert "binary.txt: a binary file" in reasons(result)


@pytest.mark.parametrize("name", ["empty.txt", "blank.md"])
def test_bad_empty_file_is_refused_by_name(name):
    result = read(name)
    assert not result.documents
    assert f"{name}: the file is empty" in reasons(result)


def test_bad_empty_folder_is_reported(tmp_path):
    (tmp_path / "nothing-here").mkdir()
    [result] = list(read_paths([tmp_path / "nothing-here"]))
    assert "no supported file in this folder" in reasons(result)


def test_bad_nul_and_control_characters_are_removed_and_the_row_kept():
    result = read("nul_and_controls.jsonl")
    assert len(result.documents) == 2
    first = result.documents[0].text
    assert first == "Mermaidcore on Tik\nTok with Gen Z  fans"
    first.encode("utf-8")  # the lone surrogate is gone


def test_bad_line_separators_inside_jsonl_strings_do_not_split_records():
    result = read("line_separators.jsonl")
    assert not result.errors
    assert len(result.documents) == 2
    assert "second line" in result.documents[0].text


def test_bad_json_file_with_one_object_is_one_post():
    result = read("one_object.json")
    assert not result.errors
    assert len(result.documents) == 1
    assert result.documents[0].platform == "instagram"


def test_bad_jsonl_lines_are_named_and_the_good_ones_kept():
    result = read("bad_lines.jsonl")
    assert [d.text for d in result.documents] == ["A good post about Girl Math",
                                                  "Another good post"]
    text = reasons(result)
    assert "bad_lines.jsonl:line 2: invalid JSON" in text
    assert "bad_lines.jsonl:line 3: expected a JSON object" in text
    assert "'text' must be a string" in text


def test_bad_deeply_nested_json_line_is_an_error_not_a_recursion_crash(tmp_path):
    path = tmp_path / "nested.jsonl"
    path.write_text('{"text": "fine post"}\n' + "[" * 200_000 + "]" * 200_000 + "\n")
    result = read_file(path)
    assert len(result.documents) == 1
    assert "nested.jsonl:line 2: JSON nested too deeply" in reasons(result)


def test_bad_deeply_nested_json_file_is_an_error(tmp_path):
    path = tmp_path / "nested.json"
    path.write_text('{"text": ' + "[" * 200_000 + "]" * 200_000 + "}")
    result = read_file(path)
    assert "nested.json: JSON nested too deeply" in reasons(result)


def test_bad_broken_json_file_is_named():
    assert "broken.json: invalid JSON" in reasons(read("broken.json"))


def test_bad_malformed_csv_keeps_the_rows_before_the_fault():
    result = read("malformed.csv")
    assert [d.text for d in result.documents] == ["Good post on Mermaidcore"]
    assert "malformed.csv:line 2: malformed CSV: unexpected end of data" in reasons(result)


def test_bad_csv_without_text_column_is_named():
    assert "no_text_column.csv: no 'text' column" in reasons(read("no_text_column.csv"))


def test_bad_csv_row_with_extra_cells_is_still_read():
    result = read("extra_cells.csv")
    assert [d.text for d in result.documents] == ["Mermaidcore rises", "Girl math"]


def test_bad_feed_that_is_not_xml_is_named():
    result = read("not_a_feed.rss")
    assert not result.documents
    assert "not_a_feed.rss" in reasons(result)


def test_bad_symlink_loop_and_dangling_link_are_reported_not_followed():
    files, errors = __import__("ingest").expand([BAD])
    names = {Path(e.source).name for e in errors}
    assert {"loop_a.txt", "loop_b.txt", "dangling.txt"} <= names
    assert not any(p.name.startswith(("loop_", "dangling")) for p in files)


def test_bad_fifo_is_skipped_without_blocking(tmp_path):
    fifo = tmp_path / "posts.txt"
    os.mkfifo(fifo)
    result = read_file(fifo)
    assert "posts.txt: not a regular file" in reasons(result)


def test_bad_unreadable_file_is_named(tmp_path):
    """Read as user nobody for the duration of the read (root reads everything)."""
    secret = tmp_path / "private.txt"
    secret.write_text("Mermaidcore notes")
    secret.chmod(0)
    if os.geteuid() == 0:
        os.seteuid(65534)
        try:
            result = read_file(secret)
        finally:
            os.seteuid(0)
    else:
        result = read_file(secret)
    assert not result.documents
    assert "private.txt: cannot read the file: Permission denied" in reasons(result)


def test_bad_odd_file_names_are_printable_in_messages(tmp_path):
    odd = tmp_path / "new\nline é \x1b[31mred.txt"
    odd.write_bytes(b"")
    result = read_file(odd)
    assert "\\n" in result.errors[0].source and "\\x1b" in result.errors[0].source
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"  # not UTF-8
    with open(raw, "wb") as handle:
        handle.write(b"Mermaidcore")
    [read_back] = [r for r in read_paths([tmp_path]) if "caf" in r.path]
    assert "caf\\xe9.txt" in read_back.path
    read_back.path.encode("utf-8")  # printable, never a UnicodeEncodeError


def test_bad_oversized_file_is_refused_with_its_size(tmp_path, monkeypatch):
    import ingest.files

    monkeypatch.setattr(ingest.files, "MAX_FILE_BYTES", 1_000_000)
    path = tmp_path / "huge.txt"
    path.write_bytes(b"A" * 1_500_000)
    assert "huge.txt: 1,500,000 bytes is more than" in reasons(read_file(path))


def test_bad_long_single_line_file_is_split_into_parts_spacy_accepts(tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_text("Mermaidcore is everywhere on TikTok. " * 9_000)  # ~333,000 characters
    result = read_file(path)
    assert len(result.documents) == 4
    assert all(len(d.text) <= 100_000 for d in result.documents)
    assert "split into 4 parts" in reasons(result)


def test_bad_oversized_jsonl_line_is_rejected_and_the_rest_kept(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps({"text": "x" * 1_200_000}) + "\n" + '{"text": "short post"}\n')
    result = read_file(path)
    assert [d.text for d in result.documents] == ["short post"]
    assert "posts.jsonl:line 1: text of 1,200,000 characters" in reasons(result)


def test_bad_over_long_ids_and_names_are_capped():
    [doc] = read("long_names.jsonl").documents
    assert len(doc.author) <= 200 and len(doc.title) <= 300 and len(doc.platform) <= 100
    assert len(doc.id) < 40


def test_bad_over_long_hashtag_is_stored_without_crashing_the_embedded_store(tmp_path):
    from kg.model import Document, Entity, Extraction, Mention, entity_id
    from kg.store import open_store

    name = "Mermaid" * 700  # a 4,900-letter hashtag
    assert len(entity_id("Trend", name)) < 140
    with open_store(str(tmp_path / "graph.db")) as store:
        doc = Document(id="doc:long", text=name, source="long.txt")
        store.write([Extraction(doc, [Entity("Trend", name, [name], [Mention(name, 0, 9, 0)])])])
        assert store.query("MATCH (t:Trend) RETURN size(t.name)").scalar() == 300
        assert store.query("RETURN 1").scalar() == 1


def test_bad_reposts_are_three_documents_sharing_one_text_hash():
    result = read("reposts.csv")
    assert len({d.id for d in result.documents}) == 3
    assert len({d.text_hash for d in result.documents}) == 1
    again = read("reposts.csv")
    assert [d.id for d in again.documents] == [d.id for d in result.documents]


def test_bad_post_without_id_or_url_falls_back_to_the_text_hash(tmp_path):
    from kg.model import document_id

    path = tmp_path / "p.csv"
    path.write_text("text\nMermaidcore\n")
    [doc] = read_file(path).documents
    assert doc.id == document_id("Mermaidcore")


def test_bad_dates_partial_french_english_far_future_impossible_unknown():
    result = read("dates.csv")
    dates = {d.source.split("(id ")[1].rstrip(")"): d.date for d in result.documents}
    assert dates == {"d1": "2023-07-01", "d2": "2023-01-01", "d3": "2024-07-19",
                     "d4": "2024-07-19", "d7": "", "d8": ""}
    text = reasons(result)
    assert "row 6 (id d5): date '9999-12-31' is in the future" in text
    assert "row 7 (id d6): impossible date '2024-02-30'" in text
    assert "row 10 (id d9): date '1850-01-01' is before 1900" in text
    assert "(id d7): date 'unknown' is unknown; the document is kept undated" in text
    assert "(id d8): date 'next blue moon' could not be read; the document is kept undated" \
        in text


def test_bad_unknown_date_header_keeps_the_file_undated_with_a_warning():
    result = read("unknown_date.txt")
    assert len(result.documents) == 1 and result.documents[0].date == ""
    assert "unknown_date.txt: date 'unknown' is unknown" in reasons(result)


def test_bad_date_parser_rejects_far_future_relative_to_today():
    with pytest.raises(InputError, match="in the future"):
        parse_date("2024-08-01", "x.txt", today=date(2024, 7, 1))
    with pytest.raises(UnreadableDate):
        parse_date("il y a 3 jours", "x.txt")


def test_bad_cli_exit_code_tells_partial_from_total_failure(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    store = str(tmp_path / "graph.db")
    total = runner.invoke(app, ["ingest", str(BAD / "binary.txt"), str(BAD / "empty.txt"),
                                "--store", store, "--workers", "1"])
    assert total.exit_code == 3, total.output
    partial = runner.invoke(app, ["ingest", str(BAD / "bad_lines.jsonl"), "--store", store,
                                  "--workers", "1"])
    assert partial.exit_code == 1, partial.output
    assert "rejected" in partial.output and "bad_lines.jsonl:line 2" in partial.output
