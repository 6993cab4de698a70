"""The RDF graph: building it from records, validating it with SHACL, storing and dumping it."""
