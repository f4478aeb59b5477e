"""Rule-layer tests. A package, so its conftest does not shadow tests/conftest.py (see conftest.py)."""
