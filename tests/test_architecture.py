"""Rules of the package's shape that a refactor must not quietly break."""

from __future__ import annotations

import ast
from pathlib import Path

import claimcheck

PACKAGE = Path(claimcheck.__file__).parent


def modules() -> dict[str, ast.Module]:
    return {p.name: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.glob("*.py"))}


def imported(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_client_imports_the_model_sdks() -> None:
    users = {
        name
        for name, tree in modules().items()
        if imported(tree) & {"openai", "instructor", "httpx2", "httpx"}
    }
    assert users == {"client.py"}


def test_the_library_never_prints() -> None:
    for name, tree in modules().items():
        if name in {"cli.py", "__main__.py"}:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id != "print", f"{name} prints"
            if isinstance(node, ast.Attribute):
                assert node.attr not in {"echo", "secho"}, f"{name} echoes"
                assert not (
                    isinstance(node.value, ast.Name)
                    and node.value.id == "sys"
                    and node.attr in {"exit", "stdout", "stderr"}
                ), name


def test_no_prompt_text_in_python() -> None:
    # Prompts are files with hashes; the one template name lives in extraction.py.
    for name, tree in modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert "You are a" not in node.value, f"{name} holds prompt text"
