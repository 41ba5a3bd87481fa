"""PDF metadata is removed on intake (SPEC C3, C4): the author's name a word processor
writes into the information dictionary and the XMP packet never reaches an official."""

from __future__ import annotations

import subprocess
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from standards.pdfmeta import PdfMetadataError, strip_pdf_metadata
from standards.uploads import clean_upload

NAME = "Siti Rahmawati Pelapor"


def authored_pdf(*, compressed: bool, xmp: bool = True) -> bytes:
    """A one-page PDF whose Author, Title and XMP carry the reporter's name."""
    html = (
        f"<html><head><title>Surat {NAME}</title><meta name=author content='{NAME}'>"
        "<meta name=keywords content='pengaduan'></head><body><p>Isi surat.</p></body></html>"
    )
    return HTML(string=html).write_pdf(
        uncompressed_pdf=not compressed, pdf_variant="pdf/a-3b" if xmp else None
    )


def pdf_text(data: bytes, tmp_path, *args: str) -> str:
    path = tmp_path / "f.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdfinfo", *args, str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def inflated(data: bytes) -> bytes:
    """The file's bytes with every deflated stream inflated after them (to search names)."""
    parts = [data]
    start = 0
    while (start := data.find(b"stream", start)) >= 0:
        start += len(b"stream")
        body = data[start:].lstrip(b"\r\n")
        try:
            parts.append(zlib.decompressobj().decompress(body))
        except zlib.error:
            pass
    return b"".join(parts)


def assert_no_metadata(cleaned: bytes) -> PdfReader:
    """Read back with pypdf: no information dictionary, no XMP, the name in no stream."""
    reader = PdfReader(BytesIO(cleaned))
    assert reader.metadata is None and "/Info" not in reader.trailer
    assert reader.xmp_metadata is None
    assert all("/Metadata" not in page for page in reader.pages)
    assert b"Siti" not in inflated(cleaned) and b"pypdf" not in cleaned
    return reader


def hand_made_pdf(*objects: bytes, info: int) -> bytes:
    """A PDF of the given objects (numbered from 1, the catalog first) with a true xref."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (len(objects) + 1, info)
    return bytes(out + b"startxref\n%d\n%%%%EOF\n" % xref)


@pytest.mark.parametrize("compressed", [False, True], ids=["plain", "object-streams"])
def test_the_authors_name_is_gone_from_info_and_xmp_spec_c3(compressed: bool, tmp_path) -> None:
    """SPEC C3: the name is nowhere in the cleaned file, inflated streams included."""
    original = authored_pdf(compressed=compressed)
    assert NAME.encode() in inflated(original)
    assert NAME in pdf_text(original, tmp_path)
    cleaned = strip_pdf_metadata(original)
    assert NAME.encode() not in inflated(cleaned)
    reader = assert_no_metadata(cleaned)
    assert "Isi surat." in reader.pages[0].extract_text()
    info = pdf_text(cleaned, tmp_path)
    assert "Siti" not in info and "Pages:           1" in info
    assert "Siti" not in pdf_text(cleaned, tmp_path, "-meta")


def test_the_cleaned_pdf_still_reads_as_the_same_document(tmp_path) -> None:
    cleaned = strip_pdf_metadata(authored_pdf(compressed=True))
    path = tmp_path / "c.pdf"
    path.write_bytes(cleaned)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    assert text.returncode == 0 and "Isi surat." in text.stdout and not text.stderr
    assert "Isi surat." in PdfReader(BytesIO(cleaned)).pages[0].extract_text()


def test_an_upload_is_stored_without_its_metadata_spec_c4() -> None:
    """SPEC C4: the one upload check every app uses blanks the metadata."""
    upload = SimpleUploadedFile("surat.pdf", authored_pdf(compressed=True), "application/pdf")
    clean = clean_upload(upload)
    assert clean.content_type == "application/pdf"
    assert b"Siti" not in inflated(clean.content.read())


def test_custom_info_keys_hex_strings_and_page_xmp_are_removed_too() -> None:
    """Word writes /Company and may write UTF-16 hex strings; a page may carry its own XMP."""
    name_hex = ("FEFF" + NAME.encode("utf-16-be").hex()).upper().encode()
    xmp = b"<x:xmpmeta><dc:creator>" + NAME.encode() + b"</dc:creator></x:xmpmeta>"
    pdf = hand_made_pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Metadata 4 0 R >>",
        b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n%s\nendstream" % (len(xmp), xmp),
        b"<< /Company (PT Siti) /Author <" + name_hex + b"> /X (a\\) b) >>",
        info=5,
    )
    assert PdfReader(BytesIO(pdf)).metadata["/Company"] == "PT Siti"
    cleaned = strip_pdf_metadata(pdf)
    assert_no_metadata(cleaned)
    assert name_hex not in cleaned.upper() and b"a\\) b" not in cleaned
    assert len(PdfReader(BytesIO(cleaned)).pages) == 1


def test_an_encrypted_pdf_is_refused_with_a_message() -> None:
    """Its strings cannot be read, so they cannot be vouched for."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": NAME})
    writer.encrypt("rahasia", algorithm="RC4-128")
    locked = BytesIO()
    writer.write(locked)
    pdf = locked.getvalue()
    assert PdfReader(BytesIO(pdf)).is_encrypted
    with pytest.raises(PdfMetadataError):
        strip_pdf_metadata(pdf)
    with pytest.raises(ValidationError) as refused:
        clean_upload(SimpleUploadedFile("kunci.pdf", pdf, "application/pdf"))
    assert "kunci.pdf" in refused.value.messages[0]


def test_an_unreadable_pdf_is_refused() -> None:
    """A broken file (here an /Encrypt naming nothing usable, no pages) is not stored."""
    pdf = b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\ntrailer\n<< /Encrypt 1 0 R >>\n%%EOF\n"
    with pytest.raises(PdfMetadataError):
        strip_pdf_metadata(pdf)
    with pytest.raises(ValidationError):
        clean_upload(SimpleUploadedFile("rusak.pdf", pdf, "application/pdf"))
