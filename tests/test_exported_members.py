"""The public surface is deliberate: everything in ``__all__`` exists, sorted, and nothing public is missing."""

from __future__ import annotations

import pkgutil

import claimcheck


def test_all_is_sorted_and_exists() -> None:
    assert claimcheck.__all__ == sorted(claimcheck.__all__)
    for name in claimcheck.__all__:
        assert hasattr(claimcheck, name), name


def test_public_names_are_exported() -> None:
    modules = {m.name for m in pkgutil.iter_modules(claimcheck.__path__)}
    public = {name for name in vars(claimcheck) if not name.startswith("_") and name not in modules}
    assert public - {"annotations"} == set(claimcheck.__all__) - {"__version__"}


def test_exceptions_share_one_root() -> None:
    for name in ("ConfigError", "PromptError", "InputError", "ExtractionError", "ModelAPIError"):
        assert issubclass(getattr(claimcheck, name), claimcheck.ClaimcheckError)
