"""Immutable model of a federated supergraph, read from Apollo's join spec."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from graphql import SelectionSetNode


class TypeKind(Enum):
    OBJECT = "object"
    INTERFACE = "interface"
    UNION = "union"
    ENUM = "enum"
    INPUT = "input"
    SCALAR = "scalar"


@dataclass(frozen=True, slots=True)
class Subgraph:
    name: str
    enum_value: str
    url: str


@dataclass(frozen=True, slots=True)
class EntityKey:
    graph: str
    fields: str
    selection: SelectionSetNode
    resolvable: bool


@dataclass(frozen=True, slots=True)
class FieldSource:
    """How one subgraph contributes a field (one `@join__field`)."""

    graph: str
    requires: SelectionSetNode | None = None
    provides: SelectionSetNode | None = None
    external: bool = False
    used_overridden: bool = False
    override_from: str | None = None
    override_label: str | None = None
    type_in_graph: str | None = None


@dataclass(frozen=True, slots=True)
class FieldInfo:
    name: str
    type_name: str
    list_depth: int
    # Subgraphs that resolve the field themselves (not external, not overridden away).
    resolvers: frozenset[str]
    sources: Mapping[str, FieldSource]
    # The supergraph's type reference as written (`[ID!]!`); a subgraph's own differs
    # when `join__field(type:)` says so (FieldSource.type_in_graph).
    type_ref: str = ""

    def type_in(self, graph: str) -> str:
        source = self.sources.get(graph)
        if source is not None and source.type_in_graph:
            return source.type_in_graph
        return self.type_ref


@dataclass(frozen=True, slots=True)
class TypeInfo:
    name: str
    kind: TypeKind
    graphs: frozenset[str]
    keys: tuple[EntityKey, ...] = ()
    interface_object_graphs: frozenset[str] = frozenset()
    fields: Mapping[str, FieldInfo] = field(default_factory=dict)
    # graph -> interfaces this type implements in that graph
    implements: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # graph -> union members in that graph
    union_members: Mapping[str, frozenset[str]] = field(default_factory=dict)
    inaccessible: bool = False

    def keys_in(self, graph: str, *, resolvable_only: bool = True) -> tuple[EntityKey, ...]:
        return tuple(
            k for k in self.keys if k.graph == graph and (k.resolvable or not resolvable_only)
        )


@dataclass(frozen=True, slots=True)
class Supergraph:
    subgraphs: Mapping[str, Subgraph]
    types: Mapping[str, TypeInfo]
    query_type: str
    mutation_type: str | None
    subscription_type: str | None
    # abstract type -> every object type that can stand for it (supergraph-wide)
    possible_types: Mapping[str, frozenset[str]]
    join_version: str
    # The SDL this was read from (for tools that need more than the model, e.g. extraction).
    sdl: str = ""

    def type(self, name: str) -> TypeInfo:
        return self.types[name]

    def is_abstract(self, name: str) -> bool:
        kind = self.types[name].kind
        return kind is TypeKind.INTERFACE or kind is TypeKind.UNION

    def possible_in(self, abstract: str, graph: str) -> tuple[str, ...]:
        """Object types a subgraph may return for an abstract type, in a stable order."""
        info = self.types[abstract]
        result: list[str] = []
        for name in sorted(self.possible_types.get(abstract, ())):
            obj = self.types[name]
            if graph not in obj.graphs:
                continue
            if info.kind is TypeKind.UNION:
                if name in info.union_members.get(graph, ()):
                    result.append(name)
            elif abstract in _all_interfaces(self, name, graph):
                result.append(name)
        return tuple(result)


def _all_interfaces(sg: Supergraph, type_name: str, graph: str) -> set[str]:
    seen: set[str] = set()
    stack = [type_name]
    while stack:
        current = sg.types[stack.pop()]
        for iface in current.implements.get(graph, ()):
            if iface not in seen:
                seen.add(iface)
                stack.append(iface)
    return seen
