"""Every namespace resograph writes or reads: the one place an IRI prefix is typed.

The ontology namespace is stable and independent of the data's base IRI, so
queries and shapes written against it work on any store. Data IRIs
(documents, actors, instruments) live under a configurable base, see `iris.py`.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, VOID, XSD

ONTOLOGY_IRI = "https://w3id.org/resograph/ontology"
RG = Namespace(ONTOLOGY_IRI + "#")
# Verb concepts (the SKOS scheme of operative verbs and their rank): part of the ontology, not of the data.
RGV = Namespace("https://w3id.org/resograph/verb/")
OA = Namespace("http://www.w3.org/ns/oa#")
# Alignment targets: UN Document Ontology and ALLOT (the AKN4UN lightweight ontology UNDO imports), FRBR core.
UNDO = Namespace("https://w3id.org/un/ontology/undo#")
ALLOT = Namespace("https://w3id.org/akn/ontology/allot#")
FRBR = Namespace("http://purl.org/vocab/frbr/core#")

PREFIXES: dict[str, Namespace] = {
    "rg": RG,
    "rgv": RGV,
    "oa": OA,
    "prov": PROV,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
    "void": VOID,
    "dcat": DCAT,
    "undo": UNDO,
    "allot": ALLOT,
    "frbr": FRBR,
}


def bind_prefixes(graph) -> None:
    """Bind the readable prefixes on an rdflib graph or dataset (replacing rdflib's defaults)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)


__all__ = [
    "ALLOT", "DCAT", "DCTERMS", "FRBR", "OA", "ONTOLOGY_IRI", "OWL", "PREFIXES", "PROV", "RDF", "RDFS",
    "RG", "RGV", "SH", "SKOS", "UNDO", "VOID", "XSD", "bind_prefixes",
]
