"""Every metric a subgraph exports moves when the subgraph does its work."""

from __future__ import annotations

from typing import Any

import httpx
from prometheus_client import REGISTRY, generate_latest
from prometheus_client.parser import text_string_to_metric_families

from common.app import Runtime, SubgraphDefinition
from common.supervision import RestartPolicy
from common.testing.fixtures import ServeSubgraph
from common.testing.waiting import eventually
from tests.common.events.test_runtime import DEFINITION, Services


async def _build_with_a_flaky_loop(runtime: Runtime) -> Services:
    crashed = False

    async def flaky() -> None:
        nonlocal crashed
        if not crashed:
            crashed = True
            raise RuntimeError("lost the database for a moment")

    runtime.spawn(flaky, name="flaky", policy=RestartPolicy(initial_seconds=0.01))
    services: Services = await DEFINITION.build(runtime)
    return services


# The probe subgraph of the runtime tests, plus a background loop that crashes once.
PROBE = SubgraphDefinition(
    name=DEFINITION.name, schema=DEFINITION.schema, models=[], build=_build_with_a_flaky_loop
)


# Metrics the probe flow cannot move (a fault, a subscription), each moved by its own test.
MOVED_BY_FAULT_TESTS = {
    # tests/common/events/test_publish_confirms.py: an event no queue is bound for.
    "lifegraph_events_unroutable",
    # tests/common/test_pubsub.py: a gauge of live subscribers (the probe has no Subscription).
    "lifegraph_pubsub_subscribers",
    # tests/common/test_transactions.py: a transaction re-run after a conflict.
    "lifegraph_transaction_reruns",
}


def _lifegraph_metrics() -> set[str]:
    """The metric families of ours in the process-wide registry (subgraphs share it)."""
    return {m.name for m in REGISTRY.collect() if m.name.startswith("lifegraph_")}


def _totals(text: str) -> dict[str, float]:
    """Per family, the sum of its counts: `_total` of counters, `_count` of histograms."""
    totals: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name in (f"{family.name}_total", f"{family.name}_count"):
                totals[family.name] = totals.get(family.name, 0.0) + sample.value
    return totals


async def _post(http: httpx.AsyncClient, url: str, query: str) -> dict[str, Any]:
    body: dict[str, Any] = (await http.post(f"{url}/graphql", json={"query": query})).json()
    return body


async def test_every_exported_metric_moves_under_a_real_flow(
    serve_subgraph: ServeSubgraph,
) -> None:
    assert _lifegraph_metrics() >= MOVED_BY_FAULT_TESTS
    exported = _lifegraph_metrics() - MOVED_BY_FAULT_TESTS
    assert {
        "lifegraph_graphql_operation_seconds",
        "lifegraph_events_published",
        "lifegraph_background_task_crashes",
    } <= exported
    # Before the subgraph starts: its background loop crashes during startup.
    before = _totals(generate_latest(REGISTRY).decode())
    async with serve_subgraph(PROBE) as url, httpx.AsyncClient() as http:

        async def totals() -> dict[str, float]:
            return _totals((await http.get(f"{url}/metrics")).text)

        # A mutation whose event the relay publishes, and a consumer applies.
        await _post(http, url, 'mutation { complete(user: "m1", task: "t1") }')
        await eventually(
            lambda: _post(http, url, '{ counted(user: "m1") }'),
            lambda body: body["data"]["counted"] == 1,
        )
        after = await eventually(
            totals, lambda now: all(now.get(m, 0) > before.get(m, 0) for m in exported)
        )
    assert after["lifegraph_events_published"] - before.get("lifegraph_events_published", 0) == 1
