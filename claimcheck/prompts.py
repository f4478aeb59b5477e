"""Prompt templates: Jinja files in ``prompts/``, loaded by name, hashed, rendered strictly.

A template starts with a Jinja comment holding YAML front matter (id, version,
description) and defines one block per chat role (``system``, ``user``).
Variables are rendered with ``StrictUndefined``, so a missing one fails loudly
instead of sending the model an empty hole. Article text only ever enters as a
variable *value*: Jinja does not interpret values, so ``{{ x }}`` inside an
article reaches the model exactly as written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import yaml

from .errors import PromptError

ROLES = ("system", "user")
_FRONT_MATTER_OPEN = "{#-"
_FRONT_MATTER_CLOSE = "-#}"


def default_prompts_dir() -> Path:
    """The shipped templates: inside the installed package, or the repo's ``prompts/`` when editable."""
    packaged = Path(str(resources.files("claimcheck"))) / "prompts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "prompts"


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    path: Path
    sha256: str
    meta: dict[str, Any]
    template: jinja2.Template

    def render_messages(self, **variables: Any) -> list[dict[str, str]]:
        """Render each role block into an OpenAI chat message, in ``ROLES`` order."""
        context = self.template.new_context(variables)
        messages = []
        for role in ROLES:
            block = self.template.blocks.get(role)
            if block is None:
                continue
            try:
                content = "".join(block(context))
            except jinja2.UndefinedError as exc:
                raise PromptError(f"prompt {self.name!r}: {exc.message}", template=self.name) from exc
            messages.append({"role": role, "content": content})
        return messages


def _front_matter(source: str, name: str) -> dict[str, Any]:
    stripped = source.lstrip()
    if not stripped.startswith(_FRONT_MATTER_OPEN):
        raise PromptError(f"prompt {name!r} has no front matter comment ({{#- ... -#}})", template=name)
    end = stripped.find(_FRONT_MATTER_CLOSE)
    if end < 0:
        raise PromptError(f"prompt {name!r}: front matter comment is not closed", template=name)
    try:
        meta = yaml.safe_load(stripped[len(_FRONT_MATTER_OPEN) : end])
    except yaml.YAMLError as exc:
        raise PromptError(f"prompt {name!r}: front matter is not valid YAML: {exc}", template=name) from exc
    if not isinstance(meta, dict) or not {"id", "version", "description"} <= meta.keys():
        raise PromptError(f"prompt {name!r}: front matter needs id, version and description", template=name)
    return meta


@dataclass
class PromptLibrary:
    """Templates by name; remembers the hash of every template it hands out.

    ``directory`` overrides the shipped templates one file at a time: a
    template it does not hold comes from the shipped set (``fallback``).
    """

    directory: Path = field(default_factory=default_prompts_dir)
    fallback: Path | None = field(default_factory=default_prompts_dir)
    _cache: dict[str, PromptTemplate] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.directory = Path(self.directory)
        if not self.directory.is_dir():
            raise PromptError(f"prompts directory not found: {self.directory}", template="")
        self._env = jinja2.Environment(
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
        )

    def _find(self, name: str) -> Path:
        for folder in (self.directory, self.fallback):
            if folder is not None and (folder / f"{name}.j2").is_file():
                return folder / f"{name}.j2"
        raise PromptError(f"prompt {name!r} not found in {self.directory}", template=name)

    def get(self, name: str) -> PromptTemplate:
        if name in self._cache:
            return self._cache[name]
        path = self._find(name)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise PromptError(f"prompt {name!r} cannot be read: {exc.strerror}", template=name) from exc
        source = raw.decode("utf-8")
        meta = _front_matter(source, name)
        try:
            template = self._env.from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            raise PromptError(f"prompt {name!r}, line {exc.lineno}: {exc.message}", template=name) from exc
        missing = [role for role in ROLES if role not in template.blocks]
        if missing:
            raise PromptError(f"prompt {name!r} lacks block(s): {', '.join(missing)}", template=name)
        loaded = PromptTemplate(name, path, hashlib.sha256(raw).hexdigest(), meta, template)
        self._cache[name] = loaded
        return loaded

    @property
    def hashes(self) -> dict[str, str]:
        """sha256 of every template used so far, by name (recorded in ``Report.run``)."""
        return {name: t.sha256 for name, t in sorted(self._cache.items())}
