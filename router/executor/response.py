"""Shapes merged subgraph data into the client's response: document order, aliases,
only requested fields, and GraphQL null propagation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
)

from router.executor.errors import NOT_FOUND, SUBGRAPH_ERROR, graphql_error
from router.executor.merge import ABSENT
from router.planner.nodes import QueryPlan
from router.planner.operation import RESERVED_ALIAS_PREFIX, SField, SSelection

_NULL = object()  # a non-null position got null: the parent must become null

# How a field is copied into the response; leaf scalars take the fast paths.
_TYPENAME, _INTROSPECTION, _SCALAR, _SCALAR_NON_NULL, _GENERAL, _UNKNOWN, _DENIED = range(7)
# (response key, key in fetched data, kind, field type, merged sub-selections)
Shape = list[tuple[str, str, int, GraphQLOutputType | None, list[SSelection]]]


class ResponseShaper:
    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema
        self._field_types: dict[tuple[str, str], GraphQLOutputType | None] = {}
        self._shapes: dict[tuple[int, str], Shape] = {}
        self.abstract = frozenset(
            name
            for name, named in schema.type_map.items()
            if isinstance(named, GraphQLInterfaceType | GraphQLUnionType)
        )

    def shape(
        self,
        plan: QueryPlan,
        data: dict[str, Any],
        errors: list[dict[str, Any]],
        introspection: Mapping[str, Any] | None = None,
    ) -> dict[str, Any] | None:
        self.client_paths(plan, errors)
        run = _Run(self, errors)
        root = dict(data)
        if introspection:
            root.update(introspection)
        result = run.object(plan.root_type, plan.selections, root, [])
        if result is _NULL or result is None:
            return None
        shaped: dict[str, Any] = result
        return shaped

    def client_paths(self, plan: QueryPlan, errors: list[dict[str, Any]]) -> None:
        """Rewrites error paths from subgraph response keys to the client's aliases.

        Subgraphs only ever see the fetch key (`_lg_<alias>` for renamed aliases), so
        their error paths, and the entity paths built from fetched data, use it.
        """
        for error in errors:
            path = error.get("path")
            if isinstance(path, list) and any(
                isinstance(s, str) and s.startswith(RESERVED_ALIAS_PREFIX) for s in path
            ):
                error["path"] = _client_path(plan.selections, path)

    def field_type(self, type_name: str, field_name: str) -> GraphQLOutputType | None:
        cache_key = (type_name, field_name)
        if cache_key not in self._field_types:
            parent = self.schema.type_map.get(type_name)
            fields = getattr(parent, "fields", None)
            found = fields.get(field_name) if fields is not None else None
            if found is None and field_name in ("__schema", "__type"):
                found = None
            self._field_types[cache_key] = found.type if found is not None else None
        return self._field_types[cache_key]

    def fields_for(self, runtime: str, selections: list[SSelection]) -> Shape:
        cache_key = (id(selections), runtime)
        shape = self._shapes.get(cache_key)
        if shape is None:
            grouped: dict[str, list[SField]] = {}
            self._collect(runtime, selections, grouped)
            shape = []
            for key, all_fields in grouped.items():
                # Withheld by authorization (router/authz): null, with the error it explains.
                fields = [f for f in all_fields if not f.denied]
                if not fields:
                    name = all_fields[0].name
                    shape.append((key, key, _DENIED, self.field_type(runtime, name), []))
                    continue
                merged: list[SSelection] = []
                for field in fields:
                    merged.extend(field.selections)
                name = fields[0].name
                field_type = self.field_type(runtime, name)
                kind = self._kind(name, field_type)
                # introspection results are merged in under the client's own keys
                source = key if kind == _INTROSPECTION else fields[0].fetch_key
                shape.append((key, source, kind, field_type, merged))
            if len(self._shapes) > 50_000:
                self._shapes.clear()
            self._shapes[cache_key] = shape
        return shape

    @staticmethod
    def _kind(name: str, field_type: GraphQLOutputType | None) -> int:
        if name == "__typename":
            return _TYPENAME
        if name in ("__schema", "__type"):
            return _INTROSPECTION
        if field_type is None:
            return _UNKNOWN
        inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
        if isinstance(inner, GraphQLScalarType):
            return _SCALAR_NON_NULL if inner is not field_type else _SCALAR
        return _GENERAL

    def _collect(
        self, runtime: str, selections: list[SSelection], out: dict[str, list[SField]]
    ) -> None:
        for selection in selections:
            if isinstance(selection, SField):
                out.setdefault(selection.key, []).append(selection)
            elif self._applies(selection.type_condition, runtime):
                self._collect(runtime, selection.selections, out)

    def _applies(self, condition: str | None, runtime: str) -> bool:
        if condition is None or condition == runtime:
            return True
        abstract = self.schema.type_map.get(condition)
        concrete = self.schema.type_map.get(runtime)
        if isinstance(abstract, GraphQLInterfaceType | GraphQLUnionType) and isinstance(
            concrete, GraphQLObjectType
        ):
            return self.schema.is_sub_type(abstract, concrete)
        return False


def _fields_fetched_as(selections: list[SSelection], fetch_key: str) -> list[SField]:
    found: list[SField] = []
    for selection in selections:
        if isinstance(selection, SField):
            if selection.fetch_key == fetch_key:
                found.append(selection)
        else:
            found += _fields_fetched_as(selection.selections, fetch_key)
    return found


def _client_path(selections: list[SSelection], path: list[Any]) -> list[Any]:
    translated: list[Any] = []
    current = selections
    for position, segment in enumerate(path):
        if not isinstance(segment, str):
            translated.append(segment)
            continue
        fields = _fields_fetched_as(current, segment)
        if not fields:  # a field the planner added, not in the client's document
            return translated + list(path[position:])
        translated.append(fields[0].key)  # the renaming is one-to-one
        current = [s for f in fields for s in f.selections]
    return translated


class _Run:
    __slots__ = ("errors", "prefixes", "shaper")

    def __init__(self, shaper: ResponseShaper, errors: list[dict[str, Any]]) -> None:
        self.shaper = shaper
        self.errors = errors
        self.prefixes: set[tuple[Any, ...]] | None = None

    def object(
        self,
        type_name: str,
        selections: list[SSelection],
        obj: dict[str, Any],
        path: list[str | int],
    ) -> Any:
        runtime = type_name
        shaper = self.shaper
        if type_name in shaper.abstract:
            typename = obj.get("__typename")
            if not isinstance(typename, str) or typename not in shaper.schema.type_map:
                self.error(f"Could not resolve the concrete type of {type_name}", path)
                return None
            runtime = typename
        absent = obj.get(ABSENT)
        if absent is not None:
            # The owner's answer, as its own field would give it (`goal(id:)`: NOT_FOUND).
            self.errors.append(
                graphql_error(f"{runtime} not found.", NOT_FOUND, path, serviceName=absent)
            )
            self.prefixes = None
            return _NULL
        out: dict[str, Any] = {}
        for key, source, kind, field_type, sub in shaper.fields_for(runtime, selections):
            if kind == _SCALAR:
                out[key] = obj.get(source)
            elif kind == _TYPENAME:
                out[key] = runtime
            elif kind == _INTROSPECTION:
                out[key] = obj.get(source)
            elif kind == _SCALAR_NON_NULL:
                value = obj.get(source)
                if value is None:
                    path.append(key)
                    self.null_error(path)
                    path.pop()
                    return _NULL
                out[key] = value
            elif kind == _GENERAL:
                assert field_type is not None
                path.append(key)
                value = self.value(field_type, obj.get(source), sub, path)
                path.pop()
                if value is _NULL:
                    return _NULL
                out[key] = value
            elif kind == _DENIED:
                if isinstance(field_type, GraphQLNonNull):
                    return _NULL
                out[key] = None
        return out

    def value(
        self,
        field_type: GraphQLOutputType,
        value: Any,
        selections: list[SSelection],
        path: list[str | int],
    ) -> Any:
        if isinstance(field_type, GraphQLNonNull):
            result = self.value(field_type.of_type, value, selections, path)
            if result is None:
                self.null_error(path)
                return _NULL
            return result
        if value is None:
            return None
        if isinstance(field_type, GraphQLList):
            if not isinstance(value, list):
                self.error("Subgraph returned a non-list for a list field", path)
                return None
            items: list[Any] = []
            for position, item in enumerate(value):
                path.append(position)
                result = self.value(field_type.of_type, item, selections, path)
                path.pop()
                if result is _NULL:
                    return None
                items.append(result)
            return items
        if isinstance(field_type, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
            if not isinstance(value, dict):
                self.error("Subgraph returned a non-object for an object field", path)
                return None
            result = self.object(field_type.name, selections, value, path)
            return None if result is _NULL else result
        if isinstance(field_type, GraphQLEnumType) and value not in field_type.values:
            self.error(f"Enum {field_type.name} has no value {value!r}", path)
            return None
        return value

    def error(self, message: str, path: list[str | int]) -> None:
        self.errors.append(graphql_error(message, SUBGRAPH_ERROR, path))
        self.prefixes = None

    def null_error(self, path: list[str | int]) -> None:
        if self.prefixes is None:
            self.prefixes = set()
            for error in self.errors:
                error_path = error.get("path")
                if isinstance(error_path, list):
                    for end in range(len(error_path) + 1):
                        self.prefixes.add(tuple(error_path[:end]))
        if tuple(path[:-1]) in self.prefixes:
            return
        field = path[-1] if path else "?"
        self.errors.append(
            graphql_error(
                f"Cannot return null for non-nullable field {field}", SUBGRAPH_ERROR, path
            )
        )
        self.prefixes = None
