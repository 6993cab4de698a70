"""Patterns that tolerate the usual OCR confusions of old UN texts: `l`/`I`/`1`, `O`/`0`, and capitals."""

from __future__ import annotations

import re

# A digit as OCR prints it: use only where the context is numeric (`RESOLUTION 24l (l967)`, `l382nd meeting`).
DIGIT = r"[\dlIO]"
_TO_DIGITS = str.maketrans("lIO", "110")

_CONFUSABLE = {"i": "iIl1|", "l": "lI1i|", "o": "oO0"}


def digits(text: str) -> str:
    """`l967` -> `1967`: a numeric string as OCR printed it, read as digits."""
    return text.translate(_TO_DIGITS)


def word_pattern(text: str) -> str:
    """A regex for `text` in any capitalisation and with OCR confusions: `Council` finds `Councii`, `COUNCIL`;
    `Resolution` finds `RESOLUTlON`. Spaces match any run of white space."""
    out = []
    for ch in text:
        if ch == " ":
            out.append(r"\s+")
        elif ch.lower() in _CONFUSABLE:
            out.append("[" + re.escape(_CONFUSABLE[ch.lower()] + ch.upper()) + "]")
        elif ch.isalpha():
            out.append(f"[{ch.lower()}{ch.upper()}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)
