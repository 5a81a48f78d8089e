"""Prometheus metrics shared by every subgraph in a process, labelled by subgraph."""

from __future__ import annotations

import time
from collections.abc import Iterator

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import Response
from strawberry.extensions import SchemaExtension

OPERATIONS = Histogram(
    "lifegraph_graphql_operation_seconds",
    "GraphQL operations served, by subgraph and outcome.",
    ["subgraph", "outcome"],
)
EVENTS_PUBLISHED = Counter(
    "lifegraph_events_published_total",
    "Events the relay handed over (broker-confirmed, or taken by the in-process bus), by type.",
    ["type"],
)

EVENTS_UNROUTABLE = Counter(
    "lifegraph_events_unroutable_total",
    "Events the broker confirmed but could route to no queue, by type.",
    ["type"],
)
LIVE_SUBSCRIBERS = Gauge(
    "lifegraph_pubsub_subscribers",
    "Pub/sub subscribers in this process that receive what is published from now on "
    "(live subscriptions), by channel family (the channel without its id).",
    ["family"],
)
TRANSACTION_RERUNS = Counter(
    "lifegraph_transaction_reruns_total",
    "Transactions run again from the start after a write conflict, by database: a steady "
    "rate means writers fight over hot documents (docs/operations.md).",
    ["database"],
)
TASK_CRASHES = Counter(
    "lifegraph_background_task_crashes_total",
    "Crashes of supervised background tasks (relay, dispatchers, coach), by task.",
    ["task"],
)


def operation_metrics(subgraph: str) -> type[SchemaExtension]:
    class OperationMetrics(SchemaExtension):
        def on_operation(self) -> Iterator[None]:
            started = time.perf_counter()
            yield
            result = self.execution_context.result
            outcome = "error" if result is not None and result.errors else "ok"
            OPERATIONS.labels(subgraph, outcome).observe(time.perf_counter() - started)

    return OperationMetrics


async def metrics_endpoint(_: Request) -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
