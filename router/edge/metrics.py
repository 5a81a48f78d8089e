"""Prometheus metrics for one router, in its own registry (served at `/metrics`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

_LATENCY_BUCKETS = (
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
)  # fmt: skip


def _child(cache: dict[tuple[object, ...], Any], metric: Any, *labels: str) -> Any:
    key = (metric, *labels)
    found = cache.get(key)
    if found is None:
        found = cache[key] = metric.labels(*labels)
    return found


def _is(read: Callable[[], str], state: str) -> float:
    return 1.0 if read() == state else 0.0


class RouterMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        # Each sample's labelled child, looked up once: `labels()` validates and locks on
        # every call (~1% of the router's CPU). The label values are few (operation types,
        # outcomes, subgraphs, error codes), so this stays small.
        self._labelled: dict[tuple[object, ...], Any] = {}
        self.requests = Counter(
            "lifegraph_router_requests",
            "GraphQL requests served, by operation type and outcome.",
            ["operation_type", "outcome"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "lifegraph_router_request_seconds",
            "Time to answer a GraphQL request, by operation type.",
            ["operation_type"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.fetch_latency = Histogram(
            "lifegraph_router_fetch_seconds",
            "Subgraph request latency, by subgraph.",
            ["subgraph"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.fetch_errors = Counter(
            "lifegraph_router_fetch_errors",
            "Subgraph requests that failed or answered GraphQL errors, by subgraph and code.",
            ["subgraph", "code"],
            registry=self.registry,
        )
        self.plan_cache = Counter(
            "lifegraph_router_plan_cache",
            "Query plan cache lookups, by result (hit or miss).",
            ["result"],
            registry=self.registry,
        )

        self.subscriptions = Gauge(
            "lifegraph_router_subscriptions",
            "Client subscription operations receiving their upstream's events, by subgraph "
            "(several clients may share one upstream operation).",
            ["subgraph"],
            registry=self.registry,
        )
        self.circuit = Gauge(
            "lifegraph_router_circuit_state",
            "1 for the state each subgraph's circuit breaker is in (closed, open, half_open).",
            ["subgraph", "state"],
            registry=self.registry,
        )

    def watch_circuit(
        self, subgraph: str, states: tuple[str, ...], read: Callable[[], str]
    ) -> None:
        """Report `read()` (one of `states`) as the subgraph's breaker state at each scrape."""
        for state in states:
            self.circuit.labels(subgraph, state).set_function(partial(_is, read, state))

    def request(self, operation_type: str, outcome: str, seconds: float) -> None:
        _child(self._labelled, self.requests, operation_type, outcome).inc()
        _child(self._labelled, self.latency, operation_type).observe(seconds)

    def fetch(self, subgraph: str, seconds: float, error: str | None) -> None:
        _child(self._labelled, self.fetch_latency, subgraph).observe(seconds)
        if error is not None:
            _child(self._labelled, self.fetch_errors, subgraph, error).inc()

    def plan_lookup(self, *, hit: bool) -> None:
        self.plan_cache.labels("hit" if hit else "miss").inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
