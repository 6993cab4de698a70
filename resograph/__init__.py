"""resograph: United Nations resolutions and reports as a validated knowledge graph of commitments."""

__version__ = "0.1.0"
