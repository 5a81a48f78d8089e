"""Running a deferred operation: the immediate result first, then each group's.

Every part is a payload of the incremental delivery format Apollo Client reads
(`deferSpec=20220824`): the first `{"data", "hasNext"}`, then
`{"incremental": [{"data", "path", "label"}], "hasNext"}`, one item per object the
deferred fragment applies to (a list on the way gives one item per element). Groups
run in parallel with the immediate part; one nested in another is delivered after it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any

from router.authz import Access
from router.authz.access import ANONYMOUS
from router.defer.split import DeferredGroup, DeferTooLarge, defer_variables, split_deferred
from router.planner import QueryPlan
from router.service import PreparedOperation, Router, bad_request, plan_refusals

Payload = dict[str, Any]
ResponsePath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class DeferredPlans:
    immediate: QueryPlan
    groups: tuple[tuple[DeferredGroup, QueryPlan], ...]


def plans_for(
    router: Router,
    prepared: PreparedOperation,
    variables: Mapping[str, Any],
    access: Access = ANONYMOUS,
) -> DeferredPlans:
    """The plans of the immediate part and of each group, cached on the operation by the
    values that choose them (`@skip`/`@include`, `@defer(if:)`, the viewer's authorization
    verdicts); fields `access` does not allow are taken out of every part."""
    authorized, restrict = router.authorization(prepared, variables, access)
    deferring = defer_variables(prepared.operation, prepared.fragments)
    key = (authorized, *(variables.get(name) for name in deferring))
    cached = prepared.deferred_plans.get(key)
    router.metrics.plan_lookup(hit=cached is not None)
    if isinstance(cached, DeferredPlans):
        return cached
    try:
        split = split_deferred(prepared.operation, prepared.fragments, variables)
    except DeferTooLarge as exc:
        raise bad_request("The operation is too large to defer: send it without @defer") from exc
    planner = router.planner
    plans = DeferredPlans(
        planner.plan(split.immediate, {}, variables, withhold=restrict),
        tuple(
            (group, planner.plan(group.operation, {}, variables, withhold=restrict))
            for group in split.groups
        ),
    )
    prepared.deferred_plans[key] = plans
    return plans


async def _result(
    router: Router,
    plan: QueryPlan,
    variables: Mapping[str, Any],
    headers: Mapping[str, str],
    client_headers: Mapping[str, str],
) -> Payload:
    state = await router.executor.execute(plan, variables, headers, client_headers)
    errors = [*plan_refusals(plan), *state.errors]
    data = router.shaper.shape(plan, state.data, errors)
    result: Payload = {"data": data}
    if errors:
        result["errors"] = errors
    return result


def _objects(value: Any, path: ResponsePath) -> list[tuple[ResponsePath, dict[str, Any]]]:
    if isinstance(value, dict):
        return [(path, value)]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _objects(item, (*path, i))]
    return []  # null on the way: nothing to add there


def _at(data: Any, keys: tuple[str, ...]) -> list[tuple[ResponsePath, dict[str, Any]]]:
    found: list[tuple[ResponsePath, dict[str, Any]]] = _objects(data, ())
    for key in keys:
        found = [hit for path, obj in found for hit in _objects(obj.get(key), (*path, key))]
    return found


def _item(group: DeferredGroup, data: dict[str, Any] | None, path: ResponsePath) -> Payload:
    item: Payload = {"data": data, "path": list(path)}
    if group.label is not None:
        item["label"] = group.label
    return item


def incremental_items(group: DeferredGroup, result: Payload) -> list[Payload]:
    """The group's result as incremental items: its fields at each object they belong to,
    with the group's errors on the item whose path they fall under (else the first)."""
    items = [_item(group, obj, path) for path, obj in _at(result.get("data"), group.path)]
    errors = result.get("errors") or []
    if not errors:
        return items
    if not items:
        return [_item(group, None, group.path) | {"errors": errors}]
    for error in errors:
        error_path = error.get("path") or []
        owner = next((i for i in items if error_path[: len(i["path"])] == i["path"]), items[0])
        owner.setdefault("errors", []).append(error)
    return items


async def deferred_payloads(
    router: Router,
    plans: DeferredPlans,
    variables: Mapping[str, Any],
    headers: Mapping[str, str],
    client_headers: Mapping[str, str] | None = None,
) -> AsyncIterator[Payload]:
    """The immediate payload, then one per batch of groups ready to be delivered;
    `client_headers` as received, for the header rules."""
    client = client_headers or {}
    immediate = asyncio.create_task(_result(router, plans.immediate, variables, headers, client))
    pending = {
        asyncio.create_task(_result(router, plan, variables, headers, client)): index
        for index, (_, plan) in enumerate(plans.groups)
    }
    try:
        first = await immediate
        first["hasNext"] = bool(pending)
        yield first
        delivered: set[int] = set()
        ready: dict[int, Payload] = {}
        while pending:
            done, _ = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                ready[pending.pop(task)] = task.result()
            items: list[Payload] = []
            progressed = True
            while progressed:
                progressed = False
                for index in sorted(ready):
                    group = plans.groups[index][0]
                    if group.parent is None or group.parent in delivered:
                        items.extend(incremental_items(group, ready.pop(index)))
                        delivered.add(index)
                        progressed = True
            if items or not pending:
                yield {"incremental": items, "hasNext": bool(pending or ready)}
    finally:
        for task in (immediate, *pending):
            task.cancel()
        await asyncio.gather(immediate, *pending, return_exceptions=True)
