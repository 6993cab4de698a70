"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252 with a warning.

Binary files are refused: a text rendering of a UN document has no NUL bytes
and almost no C0 control characters.
"""

from __future__ import annotations

import codecs

from resograph.read.errors import ReadError

_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b in _CONTROL)
    return controls / len(head) > 0.01


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:4096]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, path) -> tuple[str, list[str]]:
    """Decoded text and warnings; raises ReadError for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), []
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), [f"no byte order mark; decoded as {utf16.upper()} (every other byte is 0)"]
    if looks_binary(data):
        raise ReadError(path, "binary file, not a text rendering of a document")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        return text, [f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); decoded as cp1252"]
