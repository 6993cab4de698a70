"""The serializations the endpoint offers and how a request chooses one.

Two families: solution formats (SELECT and ASK results) and graph formats
(CONSTRUCT and DESCRIBE results). A request chooses by a `format` parameter
(a short name or a media type) or else by its Accept header; with neither,
the first format of the family is used.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

SOLUTIONS = "solutions"
GRAPH = "graph"


@dataclass(frozen=True)
class Format:
    name: str
    family: str
    oxigraph: ox.QueryResultsFormat | ox.RdfFormat
    aliases: tuple[str, ...] = ()  # other names and media types that mean this format

    @property
    def media_type(self) -> str:
        return self.oxigraph.media_type.split(";")[0].strip()

    def matches(self, wanted: str) -> bool:
        return wanted == self.name or wanted == self.media_type or wanted in self.aliases


FORMATS: tuple[Format, ...] = (
    Format("json", SOLUTIONS, ox.QueryResultsFormat.JSON, ("srj", "application/json")),
    Format("xml", SOLUTIONS, ox.QueryResultsFormat.XML, ("srx", "application/xml", "text/xml")),
    Format("csv", SOLUTIONS, ox.QueryResultsFormat.CSV, ()),
    Format("tsv", SOLUTIONS, ox.QueryResultsFormat.TSV, ()),
    Format("turtle", GRAPH, ox.RdfFormat.TURTLE, ("ttl", "application/x-turtle")),
    Format("ntriples", GRAPH, ox.RdfFormat.N_TRIPLES, ("nt", "n-triples", "text/plain")),
    Format("jsonld", GRAPH, ox.RdfFormat.JSON_LD, ("json-ld", "application/json")),
    Format("rdfxml", GRAPH, ox.RdfFormat.RDF_XML, ("rdf", "xml", "application/xml", "text/xml")),
)


class NotAcceptable(Exception):
    """No offered format fits what the client asked for; the message says what is offered."""


def family_formats(family: str) -> list[Format]:
    return [f for f in FORMATS if f.family == family]


def parse_accept(header: str | None) -> list[str]:
    """Media ranges of an Accept header, best first (by q, then by specificity, then by order)."""
    if not header:
        return []
    ranges = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
            ranges.append((-q, -specificity, position, media))
    return [media for *_, media in sorted(ranges)]


def choose(family: str, accept: str | None, format_param: str | None) -> Format:
    offered = family_formats(family)
    if format_param:
        wanted = format_param.strip().lower()
        for fmt in offered:
            if fmt.matches(wanted):
                return fmt
        raise NotAcceptable(f"format={format_param!r} is not offered for {family}; use one of {_names(offered)}")
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    for media in ranges:
        if media == "*/*":
            return offered[0]
        for fmt in offered:
            if media.endswith("/*") and fmt.media_type.startswith(media[:-1]):
                return fmt
            if fmt.matches(media):
                return fmt
    raise NotAcceptable(f"none of the accepted media types ({accept}) is offered for {family}; offered: {_names(offered)}")


def _names(formats: list[Format]) -> str:
    return ", ".join(f"{f.name} ({f.media_type})" for f in formats)
