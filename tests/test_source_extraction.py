"""Reading a source's text from text, Markdown, HTML and PDF files, and refusing what cannot be."""

from __future__ import annotations

import io

import pytest
from pdf_fixtures import text_pdf

from argmap.errors import MapFileError
from argmap.model import MAX_SOURCE_TEXT
from argmap.sourcetext.extract import MAX_SOURCE_FILE_BYTES, extract_file, extract_string
from argmap.sourcetext.pdf_text import pdf_text


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# -- plain text and Markdown ---------------------------------------------------


def test_plain_text_keeps_its_paragraphs_and_a_short_first_line_is_the_title(tmp_path):
    path = write(tmp_path, "a.txt", "Headline\r\n\r\n\r\n\r\nFirst para.  \nSame para.\n\nNext.\n")
    extracted = extract_file(path)
    assert extracted.text == "Headline\n\nFirst para.\nSame para.\n\nNext."
    assert extracted.title == "Headline"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
@pytest.mark.parametrize(
    ("name", "content", "text"),
    [
        ("a.txt", "Headline\n\nBody text, café.\n", "Headline\n\nBody text, café."),
        ("a.md", "# Headline\n\nBody text, café.\n", "Headline\n\nBody text, café."),
    ],
)
def test_text_and_markdown_in_utf16_or_utf32_with_a_byte_order_mark_are_read(
    tmp_path, encoding, name, content, text
):
    mark = "\ufeff" if encoding.endswith("-be") else ""  # the codecs without an ending write one
    path = write(tmp_path, name, (mark + content).encode(encoding))
    assert extract_file(path).text == text


def test_a_text_file_with_zero_bytes_is_refused_as_binary(tmp_path):
    path = write(tmp_path, "a.txt", b"Some words\x00\x01\x02 and more")
    assert "binary file, not text" in refusal(path)


def test_markdown_keeps_the_words_and_drops_the_markup(tmp_path):
    source = (
        "---\ntitle: front matter\n---\n"
        "# The *treaty* question\n\n"
        "A **bold** claim with [a link](https://example.org) and `code`,\n"
        "on two lines.\n\n"
        "- first item\n- second item\n\n"
        "> quoted words\n\n"
        "![a picture](p.png)\n\n"
        "| side | view |\n|---|---|\n| US | wary |\n"
    )
    extracted = extract_file(write(tmp_path, "a.md", source))
    assert extracted.title == "The treaty question"
    assert extracted.text == (
        "The treaty question\n\n"
        "A bold claim with a link and code, on two lines.\n\n"
        "first item\nsecond item\n\n"
        "quoted words\n\n"
        "side view\nUS wary"
    )


# -- HTML ----------------------------------------------------------------------

PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8"><title>Site | The op-ed</title>
<meta property="og:title" content="A defense treaty is not the answer">
<meta name="author" content="Nimrod Goren">
<meta property="article:published_time" content="2023-09-12T08:00:00Z">
<link rel="canonical" href="https://example.org/op-ed">
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>A defense   treaty</h1>
<p>It has been nearly <em>70 years</em> since Israel
first asked.</p><p>Ever since then &mdash; the idea<br>resurfaced.</p>
<ul><li>one</li><li>two</li></ul>
<aside>Related: other stories</aside>
</article>
<footer>© The site</footer>
</body></html>"""


def test_markdown_joins_a_word_hyphenated_at_a_lines_end_keeping_its_hyphen(tmp_path):
    source = "Its self-\nreliance and *pil-*\nlars, from 1967-\n1973.\n"
    extracted = extract_file(write(tmp_path, "a.md", source))
    assert extracted.text == "Its self-reliance and pil-lars, from 1967- 1973."


def test_html_keeps_the_article_in_paragraphs_without_scripts_styles_or_navigation(tmp_path):
    extracted = extract_file(write(tmp_path, "page.html", PAGE))
    assert extracted.text == (
        "A defense treaty\n\n"
        "It has been nearly 70 years since Israel first asked.\n\n"
        "Ever since then — the idea\nresurfaced.\n\n"
        "one\ntwo"
    )


def test_html_table_rows_are_lines_and_their_cells_are_separated_by_a_space():
    table = (
        "<table><tr><th>Country</th><th>US troops</th></tr>"
        "<tr><td>Qatar<td>10,000 soldiers</tr></table>"  # cells left open, as HTML allows
    )
    assert extract_string(table, html=True).text == "Country US troops\nQatar 10,000 soldiers"


def test_an_inline_quotation_is_in_quotation_marks_as_a_browser_shows_it():
    page = "<p>He said <q>peace <q>now</q>, not later</q> and left.</p>"
    assert extract_string(page, html=True).text == "He said “peace ‘now’, not later” and left."


def test_html_joins_a_word_hyphenated_at_a_line_end_of_the_markup_keeping_its_hyphen():
    page = "<p>Its self-\n  reliance, from 1967-\n1973.</p><pre>pre-\nformatted</pre>"
    assert extract_string(page, html=True).text == (
        "Its self-reliance, from 1967- 1973.\n\npre-\nformatted"
    )


def test_html_metadata_gives_title_author_date_and_address(tmp_path):
    extracted = extract_file(write(tmp_path, "page.htm", PAGE))
    assert extracted.title == "A defense treaty is not the answer"
    assert extracted.author == "Nimrod Goren"
    assert extracted.date == "2023-09-12"
    assert extracted.url == "https://example.org/op-ed"


def test_a_page_without_an_article_keeps_all_its_text(tmp_path):
    page = "<p>One <b>two</b></p><div>Three</div><script>no</script>"
    assert extract_file(write(tmp_path, "p.html", page)).text == "One two\n\nThree"


def test_html_in_a_declared_encoding_is_decoded_by_it(tmp_path):
    page = '<meta charset="windows-1252"><p>caf\xe9 \x93quoted\x94</p>'.encode("latin-1")
    assert extract_file(write(tmp_path, "p.html", page)).text == "café “quoted”"


def test_html_that_declares_nothing_and_is_not_utf8_is_read_as_windows_1252(tmp_path):
    assert extract_file(write(tmp_path, "p.html", b"<p>na\xefve</p>")).text == "naïve"


def test_a_page_sniffed_by_its_first_bytes_is_read_as_html(tmp_path):
    path = write(tmp_path, "download", "<!DOCTYPE html><html><body><p>Words</p></body></html>")
    assert extract_file(path).text == "Words"


def test_pasted_html_is_read_like_a_page():
    assert extract_string("<p>One</p><p>Two</p>", html=True).text == "One\n\nTwo"


# -- PDF -----------------------------------------------------------------------

HEADER = "Middle East Institute · Policy Analysis"
PDF_PAGES = [
    [
        HEADER,
        "It has been nearly 70 years since Israel first asked the U.S. to sign a bi-",
        "lateral defense treaty. Ever since then, the idea of a formal security",
        "agreement has resurfaced from time to time, usually around well-",
        "known political events, and it has been struck down again and",
        "again by one side or the other.",
        "A second paragraph begins here and runs on to the end of the",
        "Page 1 of 2",
    ],
    [
        HEADER,
        "first page, where it continues on the second page of the article.",
        "The well-known phrase appears in the middle of this line, and the",
        "line after it is a normal line of this page, long enough as well.",
        "Page 2 of 2",
    ],
]


def test_pypdf_reads_the_lines_of_a_generated_pdf():
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(text_pdf(PDF_PAGES)))
    assert reader.pages[0].extract_text().splitlines() == PDF_PAGES[0]


def test_a_pdf_loses_its_running_header_page_numbers_and_line_end_hyphens():
    text = pdf_text(text_pdf(PDF_PAGES), MAX_SOURCE_TEXT).text
    assert HEADER not in text
    assert "Page" not in text
    assert "bilateral defense treaty" in text
    assert "usually around well-known political events" in text  # the text hyphenates it


def test_pdf_lines_become_paragraphs_that_run_on_across_pages():
    paragraphs = pdf_text(text_pdf(PDF_PAGES), MAX_SOURCE_TEXT).text.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].endswith("by one side or the other.")
    assert "to the end of the first page, where it continues" in paragraphs[1]


def test_pdf_metadata_gives_title_and_author(tmp_path):
    path = write(tmp_path, "a.pdf", text_pdf(PDF_PAGES, title="The treaty", author="N. Goren"))
    extracted = extract_file(path)
    assert (extracted.title, extracted.author) == ("The treaty", "N. Goren")


# -- what cannot be read -------------------------------------------------------


def refusal(path) -> str:
    with pytest.raises(MapFileError) as caught:
        extract_file(path)
    message = str(caught.value)
    assert message.startswith(str(path))  # every refusal names the file
    return message


def test_a_broken_pdf_is_refused_with_the_reason(tmp_path):
    path = write(tmp_path, "broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage")
    assert "the PDF cannot be read" in refusal(path)


def test_a_truncated_pdf_is_refused(tmp_path):
    path = write(tmp_path, "cut.pdf", text_pdf(PDF_PAGES)[:300])
    assert "the PDF" in refusal(path)


def test_a_pdf_without_text_is_refused_as_a_probable_scan(tmp_path):
    path = write(tmp_path, "scan.pdf", text_pdf([[]]))
    assert "no text layer" in refusal(path)


def test_a_password_protected_pdf_is_refused(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(PDF_PAGES))))
    writer.encrypt("secret", algorithm="RC4-128")
    data = io.BytesIO()
    writer.write(data)
    assert "password" in refusal(write(tmp_path, "locked.pdf", data.getvalue()))


def test_binary_data_named_html_is_refused(tmp_path):
    path = write(tmp_path, "image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    assert "binary" in refusal(path)


def test_html_in_an_unknown_declared_encoding_is_refused(tmp_path):
    path = write(tmp_path, "p.html", b'<meta charset="klingon-8"><p>x</p>')
    assert "unknown encoding 'klingon-8'" in refusal(path)


def test_html_that_is_not_in_its_declared_encoding_is_refused(tmp_path):
    path = write(tmp_path, "p.html", b'<meta charset="utf-8"><p>\xff\xfe bad</p>')
    assert "not valid utf-8" in refusal(path)


def test_a_page_with_no_text_is_refused(tmp_path):
    path = write(tmp_path, "empty.html", "<html><script>render()</script></html>")
    assert "holds no text" in refusal(path)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:  # a sparse 50 MB file: nothing is written but its end
        file.truncate(50 * 1024 * 1024)
    message = refusal(path)
    assert "50.0 MB" in message
    assert f"up to {MAX_SOURCE_FILE_BYTES // 1_048_576} MB" in message


def test_a_text_over_the_length_limit_is_refused_naming_the_limit(tmp_path):
    path = write(tmp_path, "long.txt", "word " * (MAX_SOURCE_TEXT // 5 + 1))
    assert f"up to {MAX_SOURCE_TEXT:,}" in refusal(path)


def test_a_pdf_stops_being_read_once_its_text_passes_the_limit():
    with pytest.raises(Exception, match="passes 100 characters by page 1"):
        pdf_text(text_pdf(PDF_PAGES * 50), 100)


def test_pasted_text_over_the_limit_is_refused():
    with pytest.raises(ValueError, match="a source holds up to"):
        extract_string("x" * (MAX_SOURCE_TEXT + 1))


def test_a_missing_file_is_named(tmp_path):
    assert "no such file" in refusal(tmp_path / "gone.pdf")
