"""The models the extractor makes, built without validation and faster than ``model_construct``.

Every value the extractor puts in a model is already in its final type, so the
models are built as ``Model.model_construct(**every_field)`` would build them:
the same ``__dict__`` (fields in declaration order), ``model_fields_set`` (every
field) and no extra or private values. ``model_construct`` reads each field's
aliases and defaults first, and for a claim that costs as much as finding it.
A model this shortcut cannot build as ``model_construct`` would (aliases,
private attributes, a post-init hook, extra values allowed) is built by
``model_construct`` itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

from ..models import (
    Claim,
    ClaimKind,
    Evidence,
    FactValue,
    MatchKind,
    Modality,
    Position,
    Speaker,
    ValueType,
)

__all__ = ["claim", "evidence", "fact_value", "speaker"]

_M = TypeVar("_M", bound=BaseModel)


_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {  # the fields each builder below gives, in its order
    FactValue: ("type", "raw", "number", "unit", "date", "place"),
    Speaker: ("id", "name", "role", "affiliation"),
    Evidence: ("text", "start", "end", "direct_quote", "match", "score"),
    Claim: (
        "id",
        "article_id",
        "speaker",
        "kind",
        "statement",
        "proposition_id",
        "position",
        "modality",
        "value",
        "said_on",
        "evidence",
    ),
}


def _plain(cls: type[BaseModel]) -> bool:
    """Whether ``model_construct`` would put the given values in ``__dict__`` as they are, and nothing else."""
    return (
        tuple(cls.__pydantic_fields__) == _FIELDS[cls]
        and cls.__pydantic_post_init__ is None
        and not cls.__private_attributes__
        and not cls.__pydantic_root_model__
        and cls.model_config.get("extra") != "allow"
        and all(f.alias is None and f.validation_alias is None for f in cls.__pydantic_fields__.values())
    )


# The setters of BaseModel's slots, called directly: object.__setattr__ would look each up in the class.
_SET_DICT, _SET_FIELDS_SET, _SET_EXTRA, _SET_PRIVATE = (
    BaseModel.__dict__[name].__set__
    for name in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
)


def _builder(cls: type[_M]) -> Callable[[dict[str, Any]], _M]:
    """A function building ``cls.model_construct(**values)``, ``values`` naming every field of ``cls`` in order.

    One per class, made at import: what the class allows is settled once, not at every model.
    """
    if not _plain(cls):
        return lambda values: cls.model_construct(**values)
    fields = _FIELDS[cls]
    new = cls.__new__

    def build(values: dict[str, Any]) -> _M:
        model = new(cls)
        _SET_DICT(model, values)
        # Filled one name at a time, in declaration order, as model_construct fills it (the same set, laid
        # out the same way: a set made from a dict, or copied from another, may be sized differently).
        _SET_FIELDS_SET(model, set(fields))
        _SET_EXTRA(model, None)
        _SET_PRIVATE(model, None)
        return model

    return build


_fact_value = _builder(FactValue)
_speaker = _builder(Speaker)
_evidence = _builder(Evidence)
_claim = _builder(Claim)


def fact_value(
    type: ValueType,
    raw: str,
    number: float | None,
    unit: str | None,
    date: str | None,
    place: str | None,
) -> FactValue:
    return _fact_value(
        {"type": type, "raw": raw, "number": number, "unit": unit, "date": date, "place": place}
    )


def speaker(id: str, name: str, role: str | None, affiliation: str | None) -> Speaker:
    return _speaker({"id": id, "name": name, "role": role, "affiliation": affiliation})


def evidence(text: str, start: int, end: int, direct_quote: bool, match: MatchKind, score: float) -> Evidence:
    return _evidence(
        {
            "text": text,
            "start": start,
            "end": end,
            "direct_quote": direct_quote,
            "match": match,
            "score": score,
        },
    )


def claim(
    id: str,
    article_id: str,
    speaker: Speaker,
    kind: ClaimKind,
    statement: str,
    proposition_id: str,
    position: Position,
    modality: Modality,
    value: FactValue | None,
    said_on: dt.date | None,
    evidence: Evidence,
) -> Claim:
    return _claim(
        {
            "id": id,
            "article_id": article_id,
            "speaker": speaker,
            "kind": kind,
            "statement": statement,
            "proposition_id": proposition_id,
            "position": position,
            "modality": modality,
            "value": value,
            "said_on": said_on,
            "evidence": evidence,
        },
    )
