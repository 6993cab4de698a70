"""Extracting commitment records from documents with a spaCy pipeline."""

from resograph.extract.pipeline import extract_document, extract_documents, load_pipeline

__all__ = ["extract_document", "extract_documents", "load_pipeline"]
