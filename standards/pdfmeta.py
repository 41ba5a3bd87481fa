"""Strip document metadata from an uploaded PDF without a PDF library (SPEC C3, C4).

A word processor writes the author's name into a PDF twice: the document information
dictionary (`/Author`, `/Creator`, `/Title`, custom keys such as `/Company`) and the XMP
packet (`dc:creator`). Both are blanked here, in place and at the same length, so every byte
offset in the cross-reference table stays true and the document still opens:

- every string of the information dictionary (the object the trailer's `/Info` names), and
  the string after any of the metadata keys anywhere in the file, becomes spaces;
- every `/Type /Metadata` stream (XMP) becomes spaces;
- inside compressed object streams (PDF 1.5 and later) the same is done on the inflated
  text, which is deflated again and padded to its old length.

What cannot be read cannot be vouched for: an encrypted PDF, an object stream with another
filter, or one that would not fit after cleaning raises `PdfMetadataError`, and the upload
is refused with a message rather than stored with the name in it.
"""

from __future__ import annotations

import re
import zlib

METADATA_KEYS = (
    b"Author",
    b"Creator",
    b"Producer",
    b"Title",
    b"Subject",
    b"Keywords",
    b"Company",
    b"Manager",
    b"SourceModified",
    b"AuthoritativeDomain",
)
_KEY_RE = re.compile(rb"/(" + b"|".join(METADATA_KEYS) + rb")(?![A-Za-z0-9#])")
_INFO_REF_RE = re.compile(rb"/Info\s+(\d+)\s+(\d+)\s+R")
_OBJ_RE = re.compile(rb"(?<![0-9])(\d+)\s+(\d+)\s+obj\b")
_WS = b" \t\r\n\f\x00"


class PdfMetadataError(ValueError):
    """The PDF's metadata cannot be read, so it cannot be removed."""


def _skip_ws(buf: bytearray, i: int) -> int:
    while i < len(buf) and buf[i] in _WS:
        i += 1
    return i


def _literal_end(buf: bytearray, i: int) -> int:
    """`buf[i]` is `(`; the index of its closing `)` (nesting and escapes honoured)."""
    depth = 0
    while i < len(buf):
        c = buf[i]
        if c == 0x5C:  # backslash escapes the next byte
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise PdfMetadataError("unterminated string")


def _blank_value(buf: bytearray, i: int) -> int:
    """Blank the string value starting at or after `i`; return where it ends."""
    i = _skip_ws(buf, i)
    if i >= len(buf):
        return i
    if buf[i] == 0x28:
        end = _literal_end(buf, i)
        buf[i + 1 : end] = b" " * (end - i - 1)
        return end + 1
    if buf[i] == 0x3C and buf[i + 1 : i + 2] != b"<":
        end = buf.find(b">", i)
        if end < 0:
            raise PdfMetadataError("unterminated hex string")
        buf[i + 1 : end] = b" " * (end - i - 1)
        return end + 1
    return i


def _dict_end(buf: bytearray, i: int) -> int:
    """`buf[i:i+2]` is `<<`; the index just past its matching `>>`."""
    depth = 0
    while i < len(buf):
        if buf[i] == 0x28:
            i = _literal_end(buf, i) + 1
            continue
        pair = buf[i : i + 2]
        if pair == b"<<":
            depth += 1
            i += 2
            continue
        if pair == b">>":
            depth -= 1
            i += 2
            if depth == 0:
                return i
            continue
        i += 1
    raise PdfMetadataError("unterminated dictionary")


def _blank_all_strings(buf: bytearray, start: int, end: int) -> None:
    i = start
    while i < end:
        c = buf[i]
        if c == 0x28 or (c == 0x3C and buf[i + 1 : i + 2] != b"<"):
            i = _blank_value(buf, i)
        elif c == 0x3C:
            i += 2
        else:
            i += 1


def _blank_keys(buf: bytearray, start: int = 0, end: int | None = None) -> None:
    end = len(buf) if end is None else end
    for match in list(_KEY_RE.finditer(buf, start, end)):
        _blank_value(buf, match.end())


def _blank_dict_at(buf: bytearray, i: int) -> None:
    i = _skip_ws(buf, i)
    if buf[i : i + 2] == b"<<":
        _blank_all_strings(buf, i, _dict_end(buf, i))


def _stream_bounds(buf: bytearray, dict_end: int) -> tuple[int, int] | None:
    """The data range of the stream whose dictionary ends at `dict_end`, if it has one."""
    i = _skip_ws(buf, dict_end)
    if buf[i : i + 6] != b"stream":
        return None
    i += 6
    if buf[i : i + 2] == b"\r\n":
        i += 2
    elif buf[i : i + 1] in (b"\n", b"\r"):
        i += 1
    end = buf.find(b"endstream", i)
    if end < 0:
        raise PdfMetadataError("unterminated stream")
    while end > i and buf[end - 1] in b"\r\n":
        end -= 1
    return i, end


def _deflate_into(original_length: int, text: bytes) -> bytes:
    packed = zlib.compress(text, 9)
    if len(packed) > original_length:
        raise PdfMetadataError("cleaned stream does not fit")
    # Bytes after the end of the deflate data are never read; newlines keep offsets true.
    return packed + b"\n" * (original_length - len(packed))


def _clean_object_stream(text: bytes, dictionary: bytes, info_numbers: set[int]) -> bytes:
    inner = bytearray(text)
    first = re.search(rb"/First\s+(\d+)", dictionary)
    count = re.search(rb"/N\s+(\d+)", dictionary)
    if first and count:
        offset0 = int(first.group(1))
        numbers = inner[:offset0].split()
        for k in range(0, min(len(numbers), 2 * int(count.group(1))) - 1, 2):
            if int(numbers[k]) in info_numbers:
                _blank_dict_at(inner, offset0 + int(numbers[k + 1]))
    _blank_keys(inner)
    return bytes(inner)


def strip_pdf_metadata(data: bytes) -> bytes:
    """The same PDF with its author, title, producer and XMP metadata blanked."""
    buf = bytearray(data)
    if re.search(rb"/Encrypt\s", buf):
        raise PdfMetadataError("encrypted")
    info_numbers = {int(m.group(1)) for m in _INFO_REF_RE.finditer(buf)}
    streams: list[tuple[bytes, int, int]] = []
    skip_to = 0
    for match in list(_OBJ_RE.finditer(buf)):
        if match.start() < skip_to:
            continue  # "1 0 obj" inside the bytes of a stream
        start = _skip_ws(buf, match.end())
        if buf[start : start + 2] != b"<<":
            continue
        end = _dict_end(buf, start)
        bounds = _stream_bounds(buf, end)
        if bounds:
            streams.append((bytes(buf[start:end]), *bounds))
            skip_to = bounds[1]
        elif int(match.group(1)) in info_numbers:
            _blank_all_strings(buf, start, end)
    for dictionary, begin, end in streams:
        is_xmp = re.search(rb"/Type\s*/Metadata\b", dictionary)
        is_objstm = re.search(rb"/Type\s*/ObjStm\b", dictionary)
        if not (is_xmp or is_objstm):
            continue
        has_filter = b"/Filter" in dictionary
        flate = re.search(rb"/Filter\s*(\[\s*)?/FlateDecode\s*\]?", dictionary)
        flate_only = flate and b"/DecodeParms" not in dictionary
        if is_xmp and not has_filter:
            buf[begin:end] = b" " * (end - begin)
            continue
        if not flate_only:
            raise PdfMetadataError("unreadable metadata stream")
        try:
            text = zlib.decompressobj().decompress(bytes(buf[begin:end]))
        except zlib.error:
            raise PdfMetadataError("broken stream") from None
        if is_xmp:
            cleaned = b" " * len(text)
        else:
            cleaned = _clean_object_stream(text, dictionary, info_numbers)
        if cleaned != text:
            buf[begin:end] = _deflate_into(end - begin, cleaned)
    # Metadata keys anywhere else (outside the streams' bytes).
    previous = 0
    for _dictionary, begin, end in streams:
        _blank_keys(buf, previous, begin)
        previous = end
    _blank_keys(buf, previous)
    return bytes(buf)
