"""Query plan nodes: a tree of Sequence / Parallel / Fetch / Flatten, like Apollo's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from graphql import DocumentNode

from router.planner.operation import SSelection

OperationKind = Literal["query", "mutation", "subscription"]
# Response keys (nested) one path's objects asked for: a merged `_entities` call returns
# the union, and each path keeps only its own so keys never leak between siblings.
KeyFilter = Mapping[str, "KeyFilter | None"]


@dataclass(frozen=True, slots=True)
class RequiredField:
    """One field of an entity representation, read from already fetched data."""

    name: str
    selections: tuple[RequiredSelection, ...] = ()


@dataclass(frozen=True, slots=True)
class RequiredFragment:
    type_condition: str
    selections: tuple[RequiredSelection, ...]


RequiredSelection = RequiredField | RequiredFragment


@dataclass(frozen=True, slots=True)
class RequiredType:
    """How to build `_entities` representations for objects of one type."""

    type_name: str
    selections: tuple[RequiredSelection, ...]
    key_fields: frozenset[str]


@dataclass(frozen=True, slots=True)
class FetchNode:
    service: str
    operation: str
    operation_name: str | None
    variable_names: tuple[str, ...]
    requires: tuple[RequiredType, ...] = ()
    # Response keys this fetch adds to each object, for error paths when it fails.
    output_keys: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class FlattenNode:
    path: tuple[str, ...]
    node: FetchNode
    # Sibling paths whose entities the same `_entities` call resolves (e.g. aliased lists).
    more_paths: tuple[tuple[str, ...], ...] = ()
    # one per path when merged, else empty
    filters: tuple[KeyFilter, ...] = ()

    @property
    def paths(self) -> tuple[tuple[str, ...], ...]:
        return (self.path, *self.more_paths)


@dataclass(frozen=True, slots=True)
class SequenceNode:
    nodes: tuple[PlanNode, ...]


@dataclass(frozen=True, slots=True)
class ParallelNode:
    nodes: tuple[PlanNode, ...]


PlanNode = FetchNode | FlattenNode | SequenceNode | ParallelNode


@dataclass(frozen=True, slots=True)
class QueryPlan:
    kind: OperationKind
    root_type: str
    # For a subscription, `node` is the rest of the plan run for each event.
    node: PlanNode | None
    selections: list[SSelection]
    introspection: DocumentNode | None = None
    subscription_root: FetchNode | None = None
    # UNAUTHORIZED_FIELD_OR_TYPE errors for what authorization withheld (router/authz).
    refusals: tuple[dict[str, Any], ...] = ()

    def fetches(self) -> list[FetchNode]:
        found: list[FetchNode] = [self.subscription_root] if self.subscription_root else []
        if self.node is not None:
            _collect_fetches(self.node, found)
        return found

    def describe(self) -> dict[str, Any]:
        result: dict[str, Any] = {"kind": self.kind}
        if self.subscription_root is not None:
            result["primary"] = describe_node(self.subscription_root)
        result["node"] = describe_node(self.node) if self.node is not None else None
        return result


def _collect_fetches(node: PlanNode, found: list[FetchNode]) -> None:
    if isinstance(node, FetchNode):
        found.append(node)
    elif isinstance(node, FlattenNode):
        found.append(node.node)
    else:
        for child in node.nodes:
            _collect_fetches(child, found)


def describe_node(node: PlanNode) -> dict[str, Any]:
    if isinstance(node, FetchNode):
        return {"fetch": node.service, "operation": node.operation}
    if isinstance(node, FlattenNode):
        return {"flatten": " | ".join(".".join(p) for p in node.paths), **describe_node(node.node)}
    name = "sequence" if isinstance(node, SequenceNode) else "parallel"
    return {name: [describe_node(child) for child in node.nodes]}
