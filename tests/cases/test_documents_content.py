"""What a file is, decided by its bytes: accepted formats, impostors, damage, size, names."""

from __future__ import annotations

import pytest

from tests.cases import document_files as files
from umis.cases.uploads import (
    JPEG,
    PDF,
    PNG,
    UploadRefused,
    check_content,
    check_size,
    display_name,
    size_label,
)

LIMIT = 10 * 1024 * 1024


@pytest.mark.parametrize(
    ("data", "accepted"),
    [(files.pdf(), PDF), (files.png(), PNG), (files.jpeg(), JPEG)],
    ids=["pdf", "png", "jpeg"],
)
def test_real_pdf_png_and_jpeg_are_accepted(data, accepted):
    assert check_content(data, max_bytes=LIMIT) == accepted


def test_a_jpeg_with_padding_after_the_end_marker_is_accepted():
    assert check_content(files.jpeg() + b"\x00" * 100, max_bytes=LIMIT) == JPEG


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (files.ZIP, "a ZIP archive or an Office document"),
        (files.HTML, "a web page or XML (HTML, SVG)"),
        (b"  \n<html><body>hi</body></html>", "a web page or XML (HTML, SVG)"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "a web page or XML"),
        (files.EXE, "a program (Windows executable)"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 50, "a program (executable)"),
        (b"GIF89a" + b"\x00" * 20, "a GIF image"),
        (b"plain words, nothing else", "unknown"),
    ],
)
def test_other_content_is_refused_saying_what_it_is(data, what):
    with pytest.raises(UploadRefused) as refused:
        check_content(data, max_bytes=LIMIT)
    assert refused.value.message.startswith("This file is not a PDF, JPEG or PNG image")
    assert what in refused.value.message


def test_html_that_starts_like_a_pdf_name_is_still_html():
    # The name "passport.pdf" never reaches the check: only the bytes do.
    with pytest.raises(UploadRefused, match="web page"):
        check_content(files.HTML, max_bytes=LIMIT)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.4\n1 0 obj << >> endobj\n", "PDF"),  # cut off: no %%EOF
        (files.png()[:-12], "PNG"),  # no IEND
        (files.png()[:29] + b"\x00\x00\x00\x00" + files.png()[33:], "PNG"),  # bad IHDR CRC
        (files.png(width=0), "PNG"),
        (files.jpeg()[:-2], "JPEG"),  # no end of image
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 30 + b"\xff\xd9", "JPEG"),  # no frame
        (files.jpeg(width=0), "JPEG"),
    ],
    ids=[
        "pdf-cut",
        "png-no-iend",
        "png-bad-crc",
        "png-zero-width",
        "jpeg-cut",
        "jpeg-no-sof",
        "jpeg-zero-width",
    ],
)
def test_damaged_files_with_the_right_magic_bytes_are_refused(data, kind):
    with pytest.raises(UploadRefused) as refused:
        check_content(data, max_bytes=LIMIT)
    assert f"looks like a {kind} but is damaged" in refused.value.message


def test_a_pdf_with_javascript_or_an_attached_file_is_refused():
    for active in (b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", b"/EmbeddedFile"):
        with pytest.raises(UploadRefused, match="scripts, actions or attached files"):
            check_content(files.pdf(b"1 0 obj << " + active + b" >> endobj\n"), max_bytes=LIMIT)


def test_empty_and_oversized_files_are_refused_with_the_limit_in_words():
    with pytest.raises(UploadRefused, match="The file is empty"):
        check_content(b"", max_bytes=LIMIT)
    with pytest.raises(UploadRefused, match="larger than 1 KB"):
        check_content(files.pdf(b"x" * 2000), max_bytes=1024)
    with pytest.raises(UploadRefused, match="larger than 10 MB"):
        check_size(LIMIT + 1, max_bytes=LIMIT)
    check_size(LIMIT, max_bytes=LIMIT)  # exactly the limit is fine


def test_one_real_file_over_ten_megabytes_is_refused():
    big = files.pdf(b"0" * (LIMIT + 1))
    with pytest.raises(UploadRefused, match="larger than 10 MB"):
        check_content(big, max_bytes=LIMIT)


def test_size_labels():
    assert size_label(10 * 1024 * 1024) == "10 MB"
    assert size_label(int(2.5 * 1024 * 1024)) == "2.5 MB"
    assert size_label(512 * 1024) == "512 KB"


@pytest.mark.parametrize(
    ("raw", "extension", "shown"),
    [
        ("паспорт Əliyev.pdf", ".pdf", "паспорт Əliyev.pdf"),
        ("C:\\Users\\x\\Desktop\\scan 1.PDF", ".pdf", "scan 1.pdf"),
        ("../../etc/passwd", ".pdf", "passwd.pdf"),
        ('photo"<script>.exe', ".jpg", "photo script.jpg"),
        ("line\nbreak\r\n.png", ".png", "line break.png"),
        ("", ".pdf", "document.pdf"),
        ("....", ".png", "document.png"),
        ("a" * 300 + ".pdf", ".pdf", "a" * 116 + ".pdf"),
        ("e\u0301te\u0301.jpg", ".jpg", "\u00e9t\u00e9.jpg"),  # decomposed accents: NFC
    ],
)
def test_display_names_are_cleaned_and_take_the_real_extension(raw, extension, shown):
    assert display_name(raw, extension=extension) == shown
