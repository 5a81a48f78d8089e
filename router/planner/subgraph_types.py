"""Which object types a subgraph can return at one position, by its own schema.

The supergraph's type of a field is the widest one; a subgraph may declare it narrower
(`join__field(type:)`: an object where the supergraph has a union or interface), and a
union or interface may have fewer members there (`join__unionMember`, `join__implements`).
A fragment on a type the subgraph cannot return at that position is invalid in its schema
("Fragment cannot be spread here"), so selections sent to a subgraph are limited to these.
"""

from __future__ import annotations

from router.supergraph.model import FieldInfo, Supergraph, TypeKind


def graph_type_name(info: FieldInfo, graph: str) -> str | None:
    """The named type of the field in `graph` when it differs from the supergraph's."""
    source = info.sources.get(graph)
    if source is None or not source.type_in_graph:
        return None
    name = source.type_in_graph.strip("[]!")
    return None if name == info.type_name else name


def possible_at(sg: Supergraph, abstract: str, graph: str, within: str | None) -> tuple[str, ...]:
    """Object types `graph` may return for `abstract` at a position it types as `within`."""
    members = sg.possible_in(abstract, graph)
    if within is None or within not in sg.types:
        return members
    narrow = sg.types[within]
    if narrow.kind is TypeKind.OBJECT:
        return tuple(m for m in members if m == within)
    allowed = set(sg.possible_in(within, graph))
    return tuple(m for m in members if m in allowed)
