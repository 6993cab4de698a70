"""Extracting commitment records from documents with a spaCy pipeline."""
