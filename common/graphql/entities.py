"""Checks on `_entities` representations, before a type's `resolve_reference` sees them.

Strawberry passes a representation's fields straight to `resolve_reference` as
keyword arguments: an unknown field is a `TypeError`, an unknown `__typename` a
`KeyError`, both INTERNAL. Here each bad representation becomes BAD_USER_INPUT
for its own entry; the good ones in the same call resolve as usual.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Mapping
from typing import Any

from common.errors import BadUserInput

_FIELD = "representations"


def representation_problem(type_map: Mapping[str, Any], representation: object) -> str | None:
    """Why `representation` cannot be resolved, or None when it can."""
    if not isinstance(representation, dict):
        return "Each representation must be an object with __typename."
    type_name = representation.get("__typename")
    if not isinstance(type_name, str) or type_name not in type_map:
        return "Unknown __typename in a representation."
    origin = getattr(type_map[type_name].definition, "origin", None)
    signature = _reference_signature(origin)
    if signature is None:
        return None
    fields = {k: v for k, v in representation.items() if k != "__typename"}
    # Our entities are keyed by scalar ids; an object or list there is never a key.
    if any(not isinstance(v, str | int) or isinstance(v, bool) for v in fields.values()):
        return f"{type_name} representations take scalar key fields only."
    params = signature.parameters
    keys = [name for name in params if name != "info"]
    try:
        signature.bind(**({"info": None} if "info" in params else {}), **fields)
    except TypeError:
        return f"{type_name} representations take exactly these fields: {', '.join(keys)}."
    return None


@functools.cache
def _reference_signature(origin: object) -> inspect.Signature | None:
    # Once per entity type, not twice per representation: `_entities` calls carry dozens.
    resolve = getattr(origin, "resolve_reference", None)
    return None if resolve is None else inspect.signature(resolve)


def refused(problem: str) -> BadUserInput:
    return BadUserInput(problem, field=_FIELD)
