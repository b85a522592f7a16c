"""What an uploaded document really is, decided by its content, never by its name.

The browser's content type and the file name are whatever the sender chose; a web page or
a program renamed ``passport.pdf`` must not reach an officer's browser. We accept three
formats and check each one's structure, not only its first bytes (Pillow is not a
dependency, so images are not decoded):

- PDF: starts with ``%PDF-<digit>.<digit>``, has ``%%EOF`` and ``startxref`` in its last
  KiB, and carries no active content (``/JavaScript``, ``/Launch``, ``/EmbeddedFile``,
  ``/RichMedia``) in its uncompressed text. Names inside compressed object streams are
  not seen: the office serves PDFs with a sandboxing Content-Security-Policy as well.
- PNG: the 8-byte signature, a first ``IHDR`` chunk of length 13 whose CRC is right, a
  non-zero width and height and a valid bit depth / colour type, and an ``IEND`` chunk at
  the end.
- JPEG: ``FF D8`` (start of image), a walk over the marker segments up to the start of
  scan that finds a frame header (SOF) with non-zero dimensions, and ``FF D9`` (end of
  image) at the end (cameras may pad a few bytes after it).

Everything here is pure: bytes in, a verdict out.
"""

from __future__ import annotations

import re
import struct
import unicodedata
import zlib
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Accepted:
    content_type: str
    extension: str  # with the dot: the stored and served names end with it


PDF = Accepted("application/pdf", ".pdf")
JPEG = Accepted("image/jpeg", ".jpg")
PNG = Accepted("image/png", ".png")


class UploadRefused(ValueError):
    """The content is not acceptable; ``message`` is translated and says why."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


# What a refused file turned out to be, to tell the person in words they recognise.
_KNOWN_OTHERS: tuple[tuple[re.Pattern[bytes], Promise], ...] = (
    (re.compile(rb"^PK\x03\x04|^PK\x05\x06"), gettext_lazy("a ZIP archive or an Office document")),
    (re.compile(rb"^\xd0\xcf\x11\xe0"), gettext_lazy("an old Microsoft Office document")),
    (re.compile(rb"^MZ"), gettext_lazy("a program (Windows executable)")),
    (re.compile(rb"^\x7fELF"), gettext_lazy("a program (executable)")),
    (re.compile(rb"^#!"), gettext_lazy("a script")),
    (
        re.compile(rb"^(\xef\xbb\xbf)?\s*<(!doctype html|html|head|body|script|svg|\?xml)", re.I),
        gettext_lazy("a web page or XML (HTML, SVG)"),
    ),
    (re.compile(rb"^GIF8[79]a"), gettext_lazy("a GIF image")),
    (re.compile(rb"^RIFF....WEBP", re.S), gettext_lazy("a WebP image")),
    (re.compile(rb"^....ftyp(heic|heix|hevc|mif1|msf1)", re.S), gettext_lazy("a HEIC photo")),
    (re.compile(rb"^(II\*\x00|MM\x00\*)"), gettext_lazy("a TIFF image")),
    (re.compile(rb"^(Rar!|7z\xbc\xaf|\x1f\x8b)"), gettext_lazy("a compressed archive")),
)

_PDF_HEADER = re.compile(rb"^%PDF-[12]\.\d")
# Long names only: a three-byte "/JS" turns up by chance in compressed binary streams, and a
# script action names its type "/S /JavaScript" anyway.
_PDF_ACTIVE = re.compile(rb"/(JavaScript|Launch|EmbeddedFile|RichMedia)(?![A-Za-z])")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_IEND = b"\x00\x00\x00\x00IEND\xae\x42\x60\x82"
# Bit depths allowed for each PNG colour type (PNG specification, table 11.1).
_PNG_DEPTHS = {0: {1, 2, 4, 8, 16}, 2: {8, 16}, 3: {1, 2, 4, 8}, 4: {8, 16}, 6: {8, 16}}
# JPEG frame headers: SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC).
_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_JPEG_TAIL_PADDING = 1024
_PDF_TAIL = 1024


def describe_content(data: bytes) -> str:
    """What a refused file looks like, for the message: a known format or "unknown"."""
    head = data[:64]
    for pattern, name in _KNOWN_OTHERS:
        if pattern.match(head):
            return str(name)
    return _("unknown")


def _damaged(kind: str) -> UploadRefused:
    return UploadRefused(
        _("This file looks like a %(kind)s but is damaged or incomplete. Scan or save it again.")
        % {"kind": kind}
    )


def _check_pdf(data: bytes) -> Accepted:
    tail = data[-_PDF_TAIL:]
    if b"%%EOF" not in tail or b"startxref" not in tail:
        raise _damaged("PDF")
    if _PDF_ACTIVE.search(data):
        raise UploadRefused(
            _(
                "This PDF contains scripts, actions or attached files, which we cannot "
                "accept. Print it to a new PDF or scan the paper document."
            )
        )
    return PDF


def _check_png(data: bytes) -> Accepted:
    # Signature (8) + IHDR length (4) + type (4) + 13 bytes of data + CRC (4).
    if len(data) < 33 + len(_PNG_IEND) or data[8:16] != b"\x00\x00\x00\x0dIHDR":
        raise _damaged("PNG")
    ihdr = data[16:29]
    (crc,) = struct.unpack(">I", data[29:33])
    if zlib.crc32(b"IHDR" + ihdr) != crc:
        raise _damaged("PNG")
    width, height, depth, colour = struct.unpack(">IIBB", ihdr[:10])
    if not width or not height or depth not in _PNG_DEPTHS.get(colour, set()):
        raise _damaged("PNG")
    if not data.endswith(_PNG_IEND):
        raise _damaged("PNG")
    return PNG


def _check_jpeg(data: bytes) -> Accepted:
    if b"\xff\xd9" not in data[-_JPEG_TAIL_PADDING:]:
        raise _damaged("JPEG")
    position, frame_found = 2, False
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise _damaged("JPEG")
        marker = data[position + 1]
        if marker == 0xFF:  # fill bytes before a marker are allowed
            position += 1
            continue
        if marker == 0xDA:  # start of scan: the picture data follows
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if length < 2:
            raise _damaged("JPEG")
        if marker in _JPEG_SOF:
            segment = data[position + 4 : position + 2 + length]
            if len(segment) < 5:
                raise _damaged("JPEG")
            height, width = struct.unpack(">HH", segment[1:5])
            frame_found = bool(height and width)
        position += 2 + length
    else:
        raise _damaged("JPEG")
    if not frame_found:
        raise _damaged("JPEG")
    return JPEG


def check_size(size: int, *, max_bytes: int) -> None:
    if size <= 0:
        raise UploadRefused(_("The file is empty."))
    if size > max_bytes:
        raise UploadRefused(
            _("The file is larger than %(limit)s. Scan it at a lower resolution or in parts.")
            % {"limit": size_label(max_bytes)}
        )


def check_content(data: bytes, *, max_bytes: int) -> Accepted:
    """The accepted format of ``data``, or ``UploadRefused`` saying why not."""
    check_size(len(data), max_bytes=max_bytes)
    if _PDF_HEADER.match(data):
        return _check_pdf(data)
    if data.startswith(_PNG_SIGNATURE):
        return _check_png(data)
    if data.startswith(b"\xff\xd8\xff"):
        return _check_jpeg(data)
    raise UploadRefused(
        _("This file is not a PDF, JPEG or PNG image: its content is %(what)s.")
        % {"what": describe_content(data)}
    )


def size_label(size: int) -> str:
    """A size as people say it: "10 MB", "512 KB" (1 MB = 1024 * 1024 bytes)."""
    if size >= 1024 * 1024:
        value, unit = size / (1024 * 1024), _("MB")
    else:
        value, unit = max(size / 1024, 1), _("KB")
    number = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{number} {unit}"


_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*;]')
NAME_MAX = 120


def display_name(raw: str | None, *, extension: str) -> str:
    """The sender's file name made safe to show and to offer on download.

    Only the last path component is kept, control and reserved characters go, the
    extension becomes the one of the content we found (a "photo.exe" that is a JPEG is
    served as "photo.jpg"). The result is for display only: storage never uses it.
    """
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE_IN_NAME.sub(" ", name)
    name = " ".join(name.split()).strip(" .")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem.strip(" .")[: NAME_MAX - len(extension)] or _("document")
    return f"{stem}{extension}"
