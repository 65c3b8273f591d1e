"""Building model instances from values this package made itself.

Every row an extractor yields is made from its own reading of the text, to the
model's constraints (the tests validate every row against the model), so the rows
are built without re-validation. ``model_construct`` does that too, but it looks
up aliases and defaults field by field, and an answer yields a dozen or more rows:
here the field order and defaults are read once per model.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_set = object.__setattr__


def _plain(cls: type[BaseModel]) -> bool:
    """Whether ``model_construct`` of ``cls`` only fills ``__dict__`` and the fields set,
    so that doing the same directly gives an equal instance."""
    fields = cls.model_fields.values()
    return not (
        cls.__pydantic_post_init__
        or cls.__pydantic_root_model__
        or cls.model_config.get("extra") == "allow"
        or any(f.alias is not None or f.validation_alias is not None or f.default_factory is not None for f in fields)
    )


def defaults(cls: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    """(field name, default) of every field of ``cls``, in field order; required fields default to None."""
    return tuple((name, None if f.is_required() else f.default) for name, f in cls.model_fields.items())


def trusted(cls: type[M], values: dict[str, Any], given: set[str]) -> M:
    """An instance of ``cls`` holding ``values`` (every field, in field order), with
    ``given`` as the fields set, as ``cls.model_construct(**{given fields})`` would make it."""
    if cls not in _PLAIN:
        if not _plain(cls):
            return cls.model_construct(**{name: values[name] for name in given})
        _PLAIN.add(cls)
    row = cls.__new__(cls)
    _set(row, "__dict__", values)
    _set(row, "__pydantic_fields_set__", given)
    _set(row, "__pydantic_extra__", None)
    _set(row, "__pydantic_private__", None)
    return row


_PLAIN: set[type] = set()
