"""Runs query plans against the subgraphs and gathers data and errors."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from router.executor.errors import SubgraphRequestError, from_subgraph
from router.executor.fetcher import SubgraphClient
from router.executor.merge import (
    ABSENT,
    Path,
    deep_merge,
    filtered,
    matches,
    objects_at,
    representation,
)
from router.header_rules import HeaderRules
from router.planner.nodes import (
    FetchNode,
    FlattenNode,
    KeyFilter,
    ParallelNode,
    PlanNode,
    QueryPlan,
    SequenceNode,
)
from router.supergraph.model import Supergraph


@dataclass(slots=True)
class ExecutionState:
    """Everything one operation accumulates while its plan runs."""

    variables: Mapping[str, Any]
    headers: Mapping[str, str]
    # May its fetches share identical in-flight requests? Never within a mutation: its
    # later fetches must see what its writes did, not an answer already on its way.
    shareable: bool = True
    # The client's own headers, for the header rules (router/header_rules.py).
    client_headers: Mapping[str, str] = field(default_factory=dict)
    # Per subgraph: `headers` after the header rules, worked out once per operation.
    by_subgraph: dict[str, Mapping[str, str]] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)


# An object waiting for an entity, where it is, its type, and the keys its path asked for.
Owner = tuple[dict[str, Any], Path, str, KeyFilter | None]


def _failed_positions(errors: Any) -> set[int]:
    """The `_entities` positions an error names: their null is that error's, not absence."""
    found: set[int] = set()
    for error in errors:
        path = error.get("path") if isinstance(error, dict) else None
        if isinstance(path, list) and len(path) >= 2 and isinstance(path[1], int):
            found.add(path[1])
    return found


def _identity(rep: dict[str, Any]) -> Any:
    """A hashable stand-in for a representation, cheap for flat keys."""
    items = tuple(rep.items())
    try:
        hash(items)
    except TypeError:
        return json.dumps(rep, sort_keys=True, separators=(",", ":"))
    return items


class PlanExecutor:
    def __init__(
        self,
        supergraph: Supergraph,
        clients: Mapping[str, SubgraphClient],
        header_rules: HeaderRules | None = None,
    ) -> None:
        self.clients = clients
        self.header_rules = header_rules or None
        self.possible_types = supergraph.possible_types
        self.abstract = frozenset(name for name in supergraph.types if supergraph.is_abstract(name))

    async def execute(
        self,
        plan: QueryPlan,
        variables: Mapping[str, Any],
        headers: Mapping[str, str],
        client_headers: Mapping[str, str] | None = None,
    ) -> ExecutionState:
        state = ExecutionState(variables, headers, plan.kind != "mutation", client_headers or {})
        if plan.node is not None:
            await self.run(plan.node, state)
        return state

    async def execute_event(
        self,
        plan: QueryPlan,
        event: Mapping[str, Any],
        variables: Mapping[str, Any],
        headers: Mapping[str, str],
        client_headers: Mapping[str, str] | None = None,
    ) -> ExecutionState:
        """Resolve one subscription event: its payload seeds the data, then the rest runs."""
        state = ExecutionState(variables, headers, client_headers=client_headers or {})
        service = plan.subscription_root.service if plan.subscription_root else ""
        self._absorb_root(state, service, event)
        if plan.node is not None:
            await self.run(plan.node, state)
        return state

    async def run(self, node: PlanNode, state: ExecutionState) -> None:
        if isinstance(node, FetchNode):
            await self._root_fetch(node, state)
        elif isinstance(node, FlattenNode):
            await self._entity_fetch(node, state)
        elif isinstance(node, SequenceNode):
            for child in node.nodes:
                await self.run(child, state)
        elif isinstance(node, ParallelNode):
            await asyncio.gather(*(self.run(child, state) for child in node.nodes))

    def _headers(self, service: str, state: ExecutionState) -> Mapping[str, str]:
        rules = self.header_rules
        if rules is None:
            return state.headers
        found = state.by_subgraph.get(service)
        if found is None:
            found = state.by_subgraph[service] = rules.apply(
                service, state.headers, state.client_headers
            )
        return found

    def _payload(self, node: FetchNode, state: ExecutionState) -> dict[str, Any]:
        variables = {n: state.variables[n] for n in node.variable_names if n in state.variables}
        payload: dict[str, Any] = {"query": node.operation, "variables": variables}
        if node.operation_name:
            payload["operationName"] = node.operation_name
        return payload

    async def _root_fetch(self, node: FetchNode, state: ExecutionState) -> None:
        try:
            response = await self.clients[node.service].request(
                self._payload(node, state),
                self._headers(node.service, state),
                shareable=state.shareable,
            )
        except SubgraphRequestError as exc:
            for key in node.output_keys:
                state.errors.append(exc.graphql_error([key[1]]))
            return
        self._absorb_root(state, node.service, response)

    def _absorb_root(
        self, state: ExecutionState, service: str, response: Mapping[str, Any]
    ) -> None:
        data = response.get("data")
        if isinstance(data, dict):
            deep_merge(state.data, data, self.abstract)
        for error in response.get("errors") or ():
            path = error.get("path") if isinstance(error, dict) else None
            state.errors.append(
                from_subgraph(error, service, path if isinstance(path, list) else None)
            )

    async def _entity_fetch(self, flatten: FlattenNode, state: ExecutionState) -> None:
        node = flatten.node
        representations: list[dict[str, Any]] = []
        owners: list[list[Owner]] = []
        index: dict[Any, int] = {}
        filters: tuple[KeyFilter | None, ...] = flatten.filters or (None,)
        found: list[tuple[dict[str, Any], Path, KeyFilter | None]] = []
        for path, key_filter in zip(flatten.paths, filters, strict=True):
            found += [(obj, at, key_filter) for obj, at in objects_at(state.data, path)]
        for obj, at, key_filter in found:
            typename = obj.get("__typename")
            for required in node.requires:
                if not matches(typename, required.type_name, self.possible_types):
                    continue
                rep = representation(obj, required, self.possible_types)
                if rep is None:
                    continue
                identity = _identity(rep)
                position = index.get(identity)
                if position is None:
                    position = index[identity] = len(representations)
                    representations.append(rep)
                    owners.append([])
                owners[position].append((obj, at, required.type_name, key_filter))
        if not representations:
            return
        payload = self._payload(node, state)
        payload["variables"]["representations"] = representations
        try:
            response = await self.clients[node.service].request(
                payload, self._headers(node.service, state), shareable=state.shareable
            )
        except SubgraphRequestError as exc:
            self._entity_failure(state, node, owners, exc)
            return
        data = response.get("data")
        entities = data.get("_entities") if isinstance(data, dict) else None
        errors = response.get("errors") or ()
        if isinstance(entities, list):
            failed = _failed_positions(errors)
            for position, entity in enumerate(entities[: len(owners)]):
                if isinstance(entity, dict):
                    for obj, _, _, key_filter in owners[position]:
                        own = entity if key_filter is None else filtered(entity, key_filter)
                        deep_merge(obj, own, self.abstract)
                elif entity is None and position not in failed:
                    for obj, _, _, _ in owners[position]:
                        obj[ABSENT] = node.service
        for error in errors:
            state.errors.append(
                from_subgraph(error, node.service, self._entity_path(error, owners))
            )

    def _entity_path(self, error: Any, owners: list[list[Owner]]) -> list[str | int] | None:
        path = error.get("path") if isinstance(error, dict) else None
        if (
            isinstance(path, list)
            and len(path) >= 2
            and path[0] == "_entities"
            and isinstance(path[1], int)
            and 0 <= path[1] < len(owners)
        ):
            return [*owners[path[1]][0][1], *path[2:]]
        return None

    def _entity_failure(
        self,
        state: ExecutionState,
        node: FetchNode,
        owners: list[list[Owner]],
        exc: SubgraphRequestError,
    ) -> None:
        first_keys = dict(node.output_keys)
        for group in owners:
            for _, at, type_name, _ in group:
                key = first_keys.get(type_name)
                path = [*at, key] if key is not None else list(at)
                state.errors.append(exc.graphql_error(path))
