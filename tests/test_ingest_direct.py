"""Documents given directly: pasted text with optional fields, and a page fetched from a
URL (from a local HTTP server the tests start on a free loopback port)."""

from __future__ import annotations

from ingest.direct import fetch_page, read_pasted

PASTE = "Girl dinner became girl math on TikTok this summer, and Gen Z ran with it."


def test_direct_pasted_text_is_one_document_with_its_fields():
    read = read_pasted(PASTE, title="Girl math", date="2024-08-01", lang="EN")
    [doc] = read.documents
    assert (doc.title, doc.date, doc.lang, doc.source) == ("Girl math", "2024-08-01", "en",
                                                           "pasted text")
    assert doc.text == PASTE and not read.errors


def test_direct_pasted_text_keeps_its_own_header_lines():
    read = read_pasted(f"TITLE: From the header\nDATE: 2024-08-02\n\n{PASTE}")
    assert (read.documents[0].title, read.documents[0].date) == ("From the header",
                                                                 "2024-08-02")


def test_direct_pasted_text_reports_what_is_wrong():
    assert "no text" in read_pasted("   ").errors[0].reason
    assert "invalid date" in read_pasted(PASTE, date="August").errors[0].reason


def test_direct_page_from_a_url_keeps_the_article_not_the_menus(local_site):
    url = f"{local_site}/mermaid-tails.html"
    [doc] = fetch_page(url, allow_private=True).documents
    assert doc.title.startswith("Mermaid tails come back to the pool")
    assert "monofin tail" in doc.text and "Cookie settings" not in doc.text
    assert doc.url == url and doc.date == "2024-06-14"


def test_direct_missing_page_names_the_address_and_the_status(local_site):
    read = fetch_page(f"{local_site}/nope.html", allow_private=True)
    assert not read.documents
    assert read.errors[0].source.endswith("/nope.html") and "404" in read.errors[0].reason


def test_direct_refuses_what_is_not_a_web_address():
    assert "not a web address" in fetch_page("file:///etc/passwd").errors[0].reason


def test_direct_refuses_a_private_address_unless_allowed(local_site):
    read = fetch_page(f"{local_site}/mermaid-tails.html", allow_private=False)
    assert not read.documents and "private network" in read.errors[0].reason
