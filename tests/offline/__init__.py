"""Offline extractor tests. A package, so its modules import each other relatively and no conftest clashes."""
