"""Readers turn files into documents; a bad file or row is named and the rest is kept."""

from __future__ import annotations

from pathlib import Path

from ingest import read_bytes, read_file, read_paths

ARTICLE = """TITLE: Mermaidcore en 2024
URL: https://blog.example-agency.fr/mermaidcore
LANG: fr
DATE: 2024-03-12
PLATFORM: blog
AUTHOR: Claire Dumas

La tendance Mermaidcore séduit la génération Z sur TikTok.
"""

DIGEST = """Girl Math sur TikTok

La Girl Math fait sourire la Gen Z depuis l'été 2023.
Les vidéos expliquent pourquoi un café à moins de cinq euros est « gratuit ».


Le retour du Barbiecore

Le film Barbie a relancé le rose fuchsia dans les vitrines.


Medieval food

Les banquets médiévaux inspirent des recettes partagées sur Instagram.
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_ingest_reads_header_lines(tmp_path: Path) -> None:
    read = read_file(write(tmp_path, "a.txt", ARTICLE))
    (doc,) = read.documents
    assert (doc.title, doc.lang, doc.date, doc.platform, doc.author) == (
        "Mermaidcore en 2024", "fr", "2024-03-12", "blog", "Claire Dumas")
    assert doc.text.startswith("La tendance Mermaidcore")
    assert doc.url == "https://blog.example-agency.fr/mermaidcore"


def test_ingest_reads_yaml_front_matter(tmp_path: Path) -> None:
    text = "---\ntitle: Girl dinner\ndate: 2024-05-14\nlang: en\n---\nGirl dinner took over TikTok."
    (doc,) = read_file(write(tmp_path, "b.md", text)).documents
    assert (doc.title, doc.date, doc.lang) == ("Girl dinner", "2024-05-14", "en")


def test_ingest_splits_a_file_of_several_articles(tmp_path: Path) -> None:
    read = read_file(write(tmp_path, "digest.txt", DIGEST))
    assert [d.title for d in read.documents] == [
        "Girl Math sur TikTok", "Le retour du Barbiecore", "Medieval food"]
    assert all(d.text.startswith(d.title) for d in read.documents)
    assert read.documents[0].source.endswith("digest.txt#1")


def test_ingest_keeps_headings_inside_one_article(tmp_path: Path) -> None:
    text = "Blockout2024\n\nAudience\n\nLes créateurs ont perdu des abonnés après le Met Gala."
    assert len(read_file(write(tmp_path, "one.txt", text)).documents) == 1


def test_ingest_document_id_depends_only_on_content(tmp_path: Path) -> None:
    first = read_file(write(tmp_path, "a.txt", ARTICLE)).documents[0]
    second = read_file(write(tmp_path, "copy.txt", ARTICLE)).documents[0]
    assert first.id == second.id


def test_ingest_reads_csv_posts_with_optional_columns(tmp_path: Path) -> None:
    csv = ("id,date,author,platform,url,lang,text\n"
           "x1,2024-07-19,@vince,X,,en,First day at CrowdStrike\n")
    (doc,) = read_file(write(tmp_path, "posts.csv", csv)).documents
    assert (doc.kind, doc.platform, doc.date, doc.author) == ("Post", "X", "2024-07-19", "@vince")
    assert "id x1" in doc.source


def test_ingest_rejects_csv_without_text_column(tmp_path: Path) -> None:
    read = read_file(write(tmp_path, "bad.csv", "id,date,body\n1,2024-01-01,hello\n"))
    assert not read.documents
    (error,) = read.errors
    assert "no 'text' column" in error.reason and error.source.endswith("bad.csv")


def test_ingest_names_the_bad_json_line_and_keeps_the_others(tmp_path: Path) -> None:
    lines = '{"text": "Girl math is free"}\n{"text": oops}\n{"text": "Girl dinner again"}\n'
    read = read_file(write(tmp_path, "posts.jsonl", lines))
    assert len(read.documents) == 2
    (error,) = read.errors
    assert error.source.endswith("posts.jsonl:line 2") and "invalid JSON" in error.reason


def test_ingest_names_the_row_with_a_bad_date(tmp_path: Path) -> None:
    csv = "date,text\n2024-13-45,Girl math\n2024-02-01,Girl dinner\n"
    read = read_file(write(tmp_path, "posts.csv", csv))
    assert len(read.documents) == 1
    assert read.errors[0].source.endswith("posts.csv:row 2")
    assert "impossible date" in read.errors[0].reason


def test_ingest_rejects_an_empty_file(tmp_path: Path) -> None:
    read = read_file(write(tmp_path, "empty.txt", b""))
    assert read.errors[0].reason == "the file is empty"


def test_ingest_decodes_latin1_when_detected_with_confidence(tmp_path: Path) -> None:
    text = "Les adolescentes adorent la tendance des sirènes, été 2024 à Paris."
    (doc,) = read_file(write(tmp_path, "latin.txt", text.encode("latin-1"))).documents
    assert "sirènes" in doc.text


def test_ingest_rejects_undecodable_bytes(tmp_path: Path) -> None:
    read = read_file(write(tmp_path, "noise.txt", bytes(range(128, 256)) * 3))
    assert not read.documents
    assert "not valid UTF-8" in read.errors[0].reason


def test_ingest_walks_folders_and_reports_missing_paths(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "notes.pdf", b"%PDF")
    reads = list(read_paths([tmp_path, tmp_path / "missing"]))
    assert sum(len(r.documents) for r in reads) == 1
    assert [e.reason for r in reads for e in r.errors] == ["no such file or folder"]


def test_ingest_reads_uploaded_bytes_under_their_name() -> None:
    read = read_bytes(ARTICLE.encode(), source="upload.txt", suffix=".txt")
    assert read.documents[0].source == "upload.txt"


def test_ingest_reads_an_rss_feed(tmp_path: Path) -> None:
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Trend blog</title>
    <item><title>Mermaidcore is back</title><link>https://example.com/m</link>
    <pubDate>Tue, 12 Mar 2024 10:00:00 GMT</pubDate>
    <description>&lt;p&gt;Mermaidcore is popular with Gen Z on TikTok.&lt;/p&gt;
    </description></item>
    </channel></rss>"""
    (doc,) = read_file(write(tmp_path, "feed.rss", feed)).documents
    assert (doc.title, doc.date, doc.url) == ("Mermaidcore is back", "2024-03-12",
                                              "https://example.com/m")
    assert "popular with Gen Z" in doc.text
