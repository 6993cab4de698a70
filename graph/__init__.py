"""The RDF graph: building it from records, validating it with SHACL, storing and dumping it."""


def __getattr__(name: str):
    # `from resograph.graph import to_networkx` without importing networkx for every user of the package
    if name == "to_networkx":
        from resograph.graph.networkx_bridge import to_networkx

        return to_networkx
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
