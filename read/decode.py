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


def decode(data: bytes, path) -> tuple[str, list[str]]:
    """Decoded text and warnings; raises ReadError for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), []
    if looks_binary(data):
        raise ReadError(path, "binary file, not a text rendering of a document")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        return text, [f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); decoded as cp1252"]
