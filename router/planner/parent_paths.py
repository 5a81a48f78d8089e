"""Reaching a field through its nearest ancestor when its own type cannot be fetched.

A field owned by another subgraph is normally fetched with an `@key` call on the field's
own type. When that type has no resolvable key there (a key-less `@shareable` value type,
a type nested under a shared root), the owning subgraph can still serve it from a parent:
an ancestor entity it can fetch by key, or the root type itself. The planner then selects
the path from that ancestor down to the field in the owning subgraph.

This module only finds the ancestor: which subgraph, which ancestor and the field chain.
The planner turns the answer into a fetch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from router.planner.operation import SField
from router.supergraph.model import Supergraph, TypeKind


@dataclass(frozen=True, slots=True)
class Frame:
    """One composite field the planner descended into, from the parent object's side.

    `group` and `target` are the planner's fetch group and the selection the field was added
    to; they stay opaque here so this module does not depend on the planner.
    """

    group: Any
    parent_type: str
    field: SField
    # Response path of the parent object (what an entity fetch of it flattens at).
    path: tuple[str, ...]
    target: Any


@dataclass(frozen=True, slots=True)
class ParentRoute:
    """Fetch `anchor` (an entity by key, or the root) from `graph`, then walk `chain`."""

    graph: str
    anchor: Frame
    # (parent type, field) from the anchor down to the object holding the wanted field
    chain: tuple[tuple[str, SField], ...]
    is_root: bool


def find_route(
    sg: Supergraph,
    frames: Sequence[Frame],
    group: Any,
    graphs: Iterable[str],
    root_type: str,
    resolves: Any,
) -> ParentRoute | None:
    """The nearest ancestor of the current object that one of `graphs` can fetch.

    Only frames of the current fetch group are walked: a group starts at an entity or the
    root, so an ancestor above it would be one the group already came through.
    `resolves(graph, type_name, field_name)` says whether a subgraph serves a field itself.
    """
    candidates = list(graphs)
    chain: list[tuple[str, SField]] = []
    for frame in reversed(frames):
        if frame.group is not group:
            break
        chain.insert(0, (frame.parent_type, frame.field))
        info = sg.types[frame.parent_type]
        for graph in candidates:
            if not all(resolves(graph, t, f.name) for t, f in chain):
                continue
            if frame.parent_type == root_type:
                return ParentRoute(graph, frame, tuple(chain), is_root=True)
            if info.kind is TypeKind.OBJECT and info.keys_in(graph):
                return ParentRoute(graph, frame, tuple(chain), is_root=False)
    return None
