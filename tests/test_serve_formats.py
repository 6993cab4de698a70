"""Content negotiation (resograph.serve.formats): Accept header and `format` parameter."""

from __future__ import annotations

import pytest

from resograph.serve.formats import GRAPH, SOLUTIONS, NotAcceptable, choose, parse_accept


def test_accept_ranges_are_ordered_by_quality_then_specificity():
    assert parse_accept("*/*;q=0.1, text/csv;q=0.5, text/*;q=0.5, application/sparql-results+xml") == [
        "application/sparql-results+xml", "text/csv", "text/*", "*/*"]
    assert parse_accept("text/csv;q=0, text/turtle") == ["text/turtle"]
    assert parse_accept(None) == []


@pytest.mark.parametrize("family, accept, fmt, expected", [
    (SOLUTIONS, None, None, "json"),
    (GRAPH, None, None, "turtle"),
    (SOLUTIONS, "*/*", None, "json"),
    (GRAPH, "application/json", None, "jsonld"),
    (SOLUTIONS, "application/json", None, "json"),
    (SOLUTIONS, "text/*", None, "csv"),
    (SOLUTIONS, "application/xml", None, "xml"),
    (GRAPH, "application/xml", None, "rdfxml"),
    (GRAPH, "text/html, application/n-triples;q=0.9", None, "ntriples"),
    (SOLUTIONS, "text/csv", "tsv", "tsv"),
    (GRAPH, None, "text/turtle", "turtle"),
    (GRAPH, None, "xml", "rdfxml"),
])
def test_choose(family, accept, fmt, expected):
    assert choose(family, accept, fmt).name == expected


def test_nothing_acceptable_names_what_is_offered():
    with pytest.raises(NotAcceptable, match="turtle"):
        choose(GRAPH, None, "csv")
    with pytest.raises(NotAcceptable, match="json"):
        choose(SOLUTIONS, "image/png", None)
