"""Walking fetched data along plan paths, building representations, merging results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from router.planner.nodes import KeyFilter, RequiredField, RequiredSelection, RequiredType

Path = tuple[str | int, ...]


def objects_at(data: Any, path: tuple[str, ...]) -> list[tuple[dict[str, Any], Path]]:
    """Every object a Flatten path reaches, with its concrete response path."""
    found: list[tuple[dict[str, Any], Path]] = []
    _walk(data, path, 0, (), found)
    return found


def _walk(
    value: Any,
    path: tuple[str, ...],
    index: int,
    at: Path,
    found: list[tuple[dict[str, Any], Path]],
) -> None:
    if isinstance(value, list):
        skip = index < len(path) and path[index] == "@"
        step = index + 1 if skip else index
        for position, item in enumerate(value):
            _walk(item, path, step, (*at, position), found)
        return
    if not isinstance(value, dict):
        return
    if index == len(path):
        found.append((value, at))
        return
    segment = path[index]
    if segment == "@":
        _walk(value, path, index + 1, at, found)
    else:
        _walk(value.get(segment), path, index + 1, (*at, segment), found)


def matches(typename: Any, required: str, possible_types: Mapping[str, frozenset[str]]) -> bool:
    return typename == required or typename in possible_types.get(required, ())


def representation(
    obj: dict[str, Any],
    required: RequiredType,
    possible_types: Mapping[str, frozenset[str]],
) -> dict[str, Any] | None:
    """The `_Any` sent for an object, or None when a key field is null."""
    for name in required.key_fields:
        if obj.get(name) is None:
            return None
    rep: dict[str, Any] = {"__typename": required.type_name}
    _select_into(obj, required.selections, rep, possible_types)
    rep["__typename"] = required.type_name
    return rep


def _select_into(
    obj: dict[str, Any],
    selections: tuple[RequiredSelection, ...],
    out: dict[str, Any],
    possible_types: Mapping[str, frozenset[str]],
) -> None:
    for selection in selections:
        if isinstance(selection, RequiredField):
            value = obj.get(selection.name)
            if selection.selections and value is not None:
                value = _select_value(value, selection.selections, possible_types)
            out[selection.name] = value
        elif matches(obj.get("__typename"), selection.type_condition, possible_types):
            _select_into(obj, selection.selections, out, possible_types)


def _select_value(
    value: Any,
    selections: tuple[RequiredSelection, ...],
    possible_types: Mapping[str, frozenset[str]],
) -> Any:
    if isinstance(value, list):
        return [_select_value(item, selections, possible_types) for item in value]
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        _select_into(value, selections, out, possible_types)
        return out
    return value


def filtered(value: Any, keys: KeyFilter) -> Any:
    """`value` with only the response keys in `keys` (and `__typename`), recursively."""
    if isinstance(value, list):
        return [filtered(item, keys) for item in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key in keys:
            nested = keys[key]
            out[key] = item if nested is None else filtered(item, nested)
        elif key == "__typename":
            out[key] = item
    return out


# Set on an object whose owner answered its `_entities` lookup with null and no error:
# it does not exist, or the viewer may not read it. Not a GraphQL name, so it cannot
# collide with a field; the response shaper turns the object into null and NOT_FOUND.
ABSENT = "\x00absent"


def deep_merge(target: dict[str, Any], source: dict[str, Any], abstract: frozenset[str]) -> None:
    for key, value in source.items():
        current = target.get(key)
        if key == "__typename":
            if current is None or current in abstract:
                target[key] = value
        elif isinstance(current, dict) and isinstance(value, dict):
            deep_merge(current, value, abstract)
        elif isinstance(current, list) and isinstance(value, list) and len(current) == len(value):
            for index, item in enumerate(value):
                existing = current[index]
                if isinstance(existing, dict) and isinstance(item, dict):
                    deep_merge(existing, item, abstract)
                else:
                    current[index] = item
        elif value is not None or current is None or not isinstance(current, dict | list):
            target[key] = value
