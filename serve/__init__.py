"""Serving the store: SPARQL 1.1 endpoint, browser page, resource pages."""
