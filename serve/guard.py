"""The safety check every query passes before it runs: read-only, no SERVICE, a known dataset.

Why a lexer and not a parser: rdflib's SPARQL parser costs ~25 ms a query
(pyparsing), more than most of our queries take to run, and pyoxigraph has no
public parse-only API. A SPARQL query needs only a tokenizer to be checked:

* the operation is the first keyword after the prologue (BASE / PREFIX);
* SERVICE and FROM can only appear as bare keywords, never inside a string,
  an IRI, a comment or a variable name.

Oxigraph's PEG grammar does not require a word boundary after a keyword
(`trueSERVICE<http://x/>{...}` and `SERVICE:x {...}` both run a SERVICE
call), so the check fails closed: "service" anywhere in keyword text or in a
prefix name refuses the query, and "from" anywhere but in a plain `FROM
[NAMED] <iri>` clause refuses it too. Strings, IRIs, comments, variable names
and the local part of prefixed names (which Oxigraph also reads greedily)
are the only text exempt. The cost is a rare false refusal (a prefix named
`service:`), never a missed SERVICE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin

QUERY_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = rf"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = rf"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"

_TOKEN = re.compile(
    rf"""
      (?P<ws>\s+)
    | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{_UCHAR})*>)
    | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
                |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<var>[?$][{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*)
    | (?P<bnode>_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)
    | (?P<pname>(?P<prefix>{_PN_PREFIX})?:(?P<local>{_PN_LOCAL})?)
    | (?P<comment>\#[^\r\n]*)
    | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class Refusal(Exception):
    """A query this endpoint will not run; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    prefix: str = ""  # for prefixed names


@dataclass(frozen=True)
class QueryShape:
    """What the check learned: the query form, its FROM / FROM NAMED graphs, its prefixes."""

    form: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    prefixes: dict[str, str] = field(default_factory=dict)

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


def tokenize(query: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup
        if kind in ("prefix", "local"):
            kind = "pname"
        if kind in ("ws", "comment"):
            continue
        if kind == "pname":
            tokens.append(Token("pname", match.group(0), match.group("prefix") or ""))
        else:
            tokens.append(Token(kind, match.group(0)))
    return tokens


def _keyword_text(token: Token) -> str:
    """The part of a token that Oxigraph could read as (the start of) a keyword."""
    if token.kind in ("word", "other", "number"):
        return token.text
    if token.kind == "pname":
        return token.prefix
    return ""


@lru_cache(maxsize=2048)
def inspect(query: str, base_iri: str | None = None) -> QueryShape:
    """Check a query; raise Refusal if it must not run, else return its shape."""
    tokens = tokenize(query)
    position, base, prefixes = _prologue(tokens, base_iri)
    if position >= len(tokens) or tokens[position].kind != "word":
        raise Refusal(400, "not a SPARQL query: expected SELECT, CONSTRUCT, DESCRIBE or ASK")
    form = tokens[position].text.upper()
    if form in UPDATE_KEYWORDS:
        raise Refusal(403, f"SPARQL Update ({form}) is refused: this endpoint is read-only")
    if form not in QUERY_FORMS:
        raise Refusal(400, f"not a SPARQL query: expected SELECT, CONSTRUCT, DESCRIBE or ASK, found {tokens[position].text!r}")
    if any("service" in _keyword_text(t).lower() for t in tokens):
        raise Refusal(403, "SERVICE is refused: this endpoint never contacts other services")
    default_graphs, named_graphs = _dataset(tokens, position + 1, base, prefixes)
    return QueryShape(form, tuple(default_graphs), tuple(named_graphs), prefixes)


def _prologue(tokens: list[Token], base_iri: str | None) -> tuple[int, str | None, dict[str, str]]:
    position, base, prefixes = 0, base_iri, {}
    while position < len(tokens) and tokens[position].kind == "word":
        keyword = tokens[position].text.upper()
        if keyword == "BASE" and _kind(tokens, position + 1) == "iri":
            base = _resolve(tokens[position + 1].text, base)
            position += 2
        elif keyword == "PREFIX" and _kind(tokens, position + 1) == "pname" and _kind(tokens, position + 2) == "iri":
            name = tokens[position + 1]
            if not name.text.endswith(":") or name.text[:-1] != name.prefix:
                raise Refusal(400, f"malformed PREFIX declaration {name.text!r}")
            prefixes[name.prefix] = _resolve(tokens[position + 2].text, base)
            position += 3
        elif keyword == "VERSION" and _kind(tokens, position + 1) == "string":
            position += 2
        else:
            break
    return position, base, prefixes


def _dataset(tokens: list[Token], start: int, base: str | None, prefixes: dict[str, str]) -> tuple[list[str], list[str]]:
    default_graphs: list[str] = []
    named_graphs: list[str] = []
    position = start
    while position < len(tokens):
        token = tokens[position]
        if token.kind == "word" and token.text.upper() == "FROM":
            named = _kind(tokens, position + 1) == "word" and tokens[position + 1].text.upper() == "NAMED"
            source = position + 2 if named else position + 1
            if _kind(tokens, source) not in ("iri", "pname"):
                raise Refusal(400, "FROM and FROM NAMED must be followed by an IRI")
            iri = _iri_of(tokens[source], base, prefixes)
            (named_graphs if named else default_graphs).append(iri)
            position = source + 1
            continue
        if "from" in _keyword_text(token).lower():
            raise Refusal(400, f"cannot check the dataset clause near {token.text!r}: write FROM [NAMED] <iri> as separate words")
        position += 1
    return default_graphs, named_graphs


def _kind(tokens: list[Token], position: int) -> str | None:
    return tokens[position].kind if position < len(tokens) else None


def _iri_of(token: Token, base: str | None, prefixes: dict[str, str]) -> str:
    if token.kind == "iri":
        return _resolve(token.text, base)
    if token.prefix not in prefixes:
        raise Refusal(400, f"unknown prefix in {token.text!r}")
    local = re.sub(r"\\(.)", r"\1", token.text[len(token.prefix) + 1 :])
    return prefixes[token.prefix] + local


def _resolve(iriref: str, base: str | None) -> str:
    iri = re.sub(_UCHAR, lambda m: chr(int(m.group(0)[2:], 16)), iriref[1:-1])
    return urljoin(base, iri) if base else iri
