"""Strip document metadata from an uploaded PDF with pypdf (SPEC C3, C4).

A word processor writes the author's name into a PDF twice: the document information
dictionary (`/Author`, `/Creator`, `/Producer`, `/Title`, `/Subject`, `/Keywords`, custom keys
such as `/Company`) and the XMP packet (`dc:creator`), often inside a compressed object stream.
A reporter who files anonymously, or whose name is withheld from an agency, must not be named
by the file they attach, so the PDF is parsed and written out again without either:

- the information dictionary is dropped entirely: the trailer gets no `/Info`, so not even
  pypdf's own `/Producer` is written;
- every `/Metadata` entry (the XMP stream) is removed from the document catalog, the pages and
  any other object reachable from the catalog (fonts, images, annotations), and the streams
  left unreferenced are not written;
- objects the document no longer refers to (an old information dictionary kept in an object
  stream, for instance) are not copied, because the new file is built from the catalog.

What cannot be read cannot be vouched for: an encrypted PDF, or one pypdf cannot parse or
write, raises `PdfMetadataError`, and the upload is refused with a message rather than stored
with the name in it.
"""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

_METADATA = NameObject("/Metadata")


class PdfMetadataError(ValueError):
    """The PDF's metadata cannot be read, so it cannot be removed."""


def _drop_xmp(root: DictionaryObject) -> None:
    """Remove `/Metadata` from every dictionary and stream reachable from `root`."""
    seen: set[int] = set()
    stack: list[object] = [root]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                continue
            seen.add(obj.idnum)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):  # stream objects are dictionaries too
            obj.pop(_METADATA, None)
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


def strip_pdf_metadata(data: bytes) -> bytes:
    """The same PDF without its information dictionary and XMP metadata."""
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception:  # pypdf raises many kinds of errors on malformed input
        raise PdfMetadataError("unreadable") from None
    if encrypted:
        raise PdfMetadataError("encrypted")
    try:
        writer = PdfWriter(clone_from=reader)
        _drop_xmp(writer.root_object)
        # The XMP streams no longer referenced are not written (identical objects are kept).
        writer.compress_identical_objects(remove_identicals=False, remove_orphans=True)
        writer.metadata = None  # no /Info in the trailer at all, not even /Producer
        out = BytesIO()
        writer.write(out)
    except Exception:
        raise PdfMetadataError("unwritable") from None
    return out.getvalue()
